import WasmCore

/// Spec: Binary.md — Type Definitions, encoded.
extension BinaryWriter {
    /// `inModuleType`: a declaration of a module type, where 0x50 alone starts a sub type (at the
    /// top of a component it starts a module type, and a sub type takes a 0x00 first).
    mutating func coreType(_ t: CoreType, inModuleType: Bool = false) {
        switch t {
        case .function(let f): functionType(f)
        case .module(let decls):
            byte(0x50)
            vector(decls) { $0.coreModuleDeclaration($1) }
        case .sub(let s): subType(s, inModuleType: inModuleType)
        case .rec(let members):
            byte(0x4E)
            vector(members) { $0.subType($1, inModuleType: true) }
        }
    }

    /// Spec: core/binary/types (GC) — `subtype`, as WasmCore writes it; a non-final one at the top
    /// of a component takes a 0x00 first (0x50 alone starts a module type there).
    mutating func subType(_ s: CoreSubType, inModuleType: Bool) {
        if !s.isFinal && !inModuleType { byte(0x00) }
        subType(s)
    }

    mutating func coreModuleDeclaration(_ d: CoreModuleDeclaration) {
        switch d {
        case .import(let i):
            byte(0x00)
            name(i.module)
            name(i.name)
            coreExternType(i.descriptor)
        case .type(let t):
            byte(0x01)
            coreType(t, inModuleType: true)
        case .outerTypeAlias(let count, let index):
            byte(0x02)
            byte(0x10)
            byte(0x01)
            u32(count)
            u32(index)
        case .export(let n, let t):
            byte(0x03)
            name(n)
            coreExternType(t)
        }
    }

    /// Spec: core/binary/types#external-types.
    mutating func coreExternType(_ d: ImportDescriptor) {
        switch d {
        case .function(let i):
            byte(0x00)
            u32(i)
        case .table(let t):
            byte(0x01)
            tableType(t)
        case .memory(let m):
            byte(0x02)
            memoryType(m)
        case .global(let g):
            byte(0x03)
            globalType(g)
        case .tag(let i):
            byte(0x04)
            byte(0x00)
            u32(i)
        }
    }

    mutating func typeDefinition(_ t: TypeDefinition) {
        switch t {
        case .value(let v): definedValueType(v)
        case .function(let f): componentFunctionType(f)
        case .component(let decls):
            byte(0x41)
            vector(decls) { $0.declaration($1) }
        case .instance(let decls):
            byte(0x42)
            vector(decls) { $0.declaration($1) }
        case .resource(let r):
            byte(0x3F)
            valueType(r.representation)
            if let d = r.destructor {
                byte(0x01)
                u32(d)
            } else {
                byte(0x00)
            }
        }
    }

    mutating func componentFunctionType(_ f: ComponentFunctionType) {
        byte(f.isAsync ? 0x43 : 0x40)
        vector(f.parameters) { w, p in
            w.name(p.label)
            w.valueType(p.type)
        }
        resultList(f.result)
    }

    mutating func resultList(_ r: ComponentValueType?) {
        if let r {
            byte(0x00)
            valueType(r)
        } else {
            byte(0x01)
            byte(0x00)
        }
    }

    mutating func declaration(_ d: Declaration) {
        switch d {
        case .coreType(let t):
            byte(0x00)
            coreType(t)
        case .type(let t):
            byte(0x01)
            typeDefinition(t)
        case .alias(let a):
            byte(0x02)
            alias(a)
        case .import(let i):
            byte(0x03)
            componentImport(i)
        case .export(let n, let t):
            byte(0x04)
            externName(n)
            externType(t)
        }
    }

    /// Spec: Binary.md — `valtype`; a type index is an `s33`.
    mutating func valueType(_ t: ComponentValueType) {
        switch t {
        case .primitive(let p): byte(p.rawValue)
        case .index(let i): signed(Int64(i))
        }
    }

    mutating func optionalValueType(_ t: ComponentValueType?) {
        if let t {
            byte(0x01)
            valueType(t)
        } else {
            byte(0x00)
        }
    }

    mutating func definedValueType(_ t: DefinedValueType) {
        switch t {
        case .primitive(let p): byte(p.rawValue)
        case .record(let fields):
            byte(DefinedValueTypeOpcode.record.rawValue)
            vector(fields) { w, f in
                w.name(f.label)
                w.valueType(f.type)
            }
        case .variant(let cases):
            byte(DefinedValueTypeOpcode.variant.rawValue)
            vector(cases) { w, c in
                w.name(c.label)
                w.optionalValueType(c.type)
                w.byte(0x00)
            }
        case .list(let e):
            byte(DefinedValueTypeOpcode.list.rawValue)
            valueType(e)
        case .fixedLengthList(let e, let n):
            byte(DefinedValueTypeOpcode.fixedLengthList.rawValue)
            valueType(e)
            u32(n)
        case .tuple(let ts):
            byte(DefinedValueTypeOpcode.tuple.rawValue)
            vector(ts) { $0.valueType($1) }
        case .flags(let ls):
            byte(DefinedValueTypeOpcode.flags.rawValue)
            vector(ls) { $0.name($1) }
        case .enum(let ls):
            byte(DefinedValueTypeOpcode.enum.rawValue)
            vector(ls) { $0.name($1) }
        case .option(let t):
            byte(DefinedValueTypeOpcode.option.rawValue)
            valueType(t)
        case .result(let ok, let err):
            byte(DefinedValueTypeOpcode.result.rawValue)
            optionalValueType(ok)
            optionalValueType(err)
        case .own(let i):
            byte(DefinedValueTypeOpcode.own.rawValue)
            u32(i)
        case .borrow(let i):
            byte(DefinedValueTypeOpcode.borrow.rawValue)
            u32(i)
        case .stream(let t):
            byte(DefinedValueTypeOpcode.stream.rawValue)
            optionalValueType(t)
        case .future(let t):
            byte(DefinedValueTypeOpcode.future.rawValue)
            optionalValueType(t)
        case .map(let k, let v):
            byte(DefinedValueTypeOpcode.map.rawValue)
            valueType(k)
            valueType(v)
        }
    }

    /// Spec: Binary.md — `canon`, written by the immediates of `CanonBuiltin`'s table.
    mutating func canon(_ c: Canon) {
        byte(c.builtin.opcode)
        for immediate in c.builtin.immediates {
            switch immediate {
            case .coreFunction, .function:
                byte(0x00)
                u32(c.function ?? 0)
            case .type, .coreType: u32(c.type ?? 0)
            case .table: u32(c.table ?? 0)
            case .memory: u32(c.memory ?? 0)
            case .options: vector(c.options) { $0.canonOption($1) }
            case .resultList: resultList(c.result)
            case .contextSlot:
                valueType(c.contextType ?? .i32)
                u32(c.contextIndex ?? 0)
            case .async: byte(c.isAsync ? 1 : 0)
            case .cancel: byte(c.isCancellable ? 1 : 0)
            case .shared: byte(c.isShared ? 1 : 0)
            }
        }
    }

    mutating func canonOption(_ o: CanonOption) {
        byte(o.opcode)
        switch o {
        case .memory(let i), .realloc(let i), .postReturn(let i), .callback(let i), .coreType(let i): u32(i)
        case .utf8, .utf16, .latin1UTF16, .async, .gc: break
        }
    }
}
