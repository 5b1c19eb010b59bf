import WasmCore

/// Spec: Binary.md — Type Definitions: core types, value types, function, component, instance
/// and resource types, extern types.
extension ComponentDecoder {
    /// Spec: Binary.md — `core:type` / `core:deftype`.
    mutating func coreType(depth: Int, inModuleType: Bool = false) throws -> CoreType {
        try checkDepth(depth)
        let start = reader.position
        guard let b = reader.peek() else { _ = try reader.byte(); throw error("unexpected end") }
        switch b {
        case 0x60:
            // `v128` decodes whatever the features; validation reports a disabled SIMD (as wasmparser does).
            return .function(try reader.functionType(features.with(.simd)))
        case 0x50 where !inModuleType:
            _ = try reader.byte()
            return .module(try list { try $0.coreModuleDeclaration(depth: depth + 1) })
        case 0x00 where !inModuleType:
            // At the top of a component, 0x00 0x50 is a (non-final) sub type: 0x50 alone is a module type.
            _ = try reader.byte()
            guard reader.peek() == 0x50 else {
                throw error("invalid leading byte (0x\(String(reader.peek() ?? 0, radix: 16))) for non-final sub type", at: start + 1)
            }
            return .single(try subType())
        case 0x4E:
            _ = try reader.byte()
            return .rec(try list { try $0.subType() })
        case 0x50 where inModuleType:
            // A sub type; what cannot be one is read as the module type it looks like, which
            // validation rejects in a module type (wasmparser rejects it as a bad leading byte).
            let saved = reader.position
            if let s = try? subType() { return .single(s) }
            reader.position = saved
            _ = try reader.byte()
            return .module(try list { try $0.coreModuleDeclaration(depth: depth + 1) })
        case 0x4F, 0x5E, 0x5F:
            return .single(try subType())
        default:
            throw error("invalid leading byte (0x\(String(b, radix: 16))) for core type", at: start)
        }
    }

    /// Spec: core/binary/types (GC) — `subtype`, as WasmCore reads it; value types whatever the
    /// features (validation gates them, as wasmparser does).
    mutating func subType() throws -> CoreSubType {
        guard features.contains(.gc) else { throw error("core GC types require the `gc` feature") }
        return try reader.subType(features.with(.functionReferences, .referenceTypes, .simd), strict: true)
    }

    /// Spec: Binary.md — `core:moduledecl`.
    mutating func coreModuleDeclaration(depth: Int) throws -> CoreModuleDeclaration {
        let start = reader.position
        switch try reader.byte() {
        case 0x00:
            return .import(try reader.import(features))
        case 0x01:
            return .type(try coreType(depth: depth, inModuleType: true))
        case 0x02:
            let sortStart = reader.position
            guard try reader.byte() == 0x10 else { throw error("invalid leading byte for core alias sort", at: sortStart) }
            let kindStart = reader.position
            guard try reader.byte() == 0x01 else { throw error("invalid leading byte for core alias", at: kindStart) }
            let count = try reader.u32()
            return .outerTypeAlias(count: count, index: try reader.u32())
        case 0x03:
            let name = try reader.name()
            return .export(name: name, type: try coreExternType())
        case let b:
            throw error("invalid leading byte (0x\(String(b, radix: 16))) for core module type declaration", at: start)
        }
    }

    /// Spec: core/binary/types#external-types — `core:externtype`, as in an import descriptor.
    mutating func coreExternType() throws -> ImportDescriptor {
        let start = reader.position
        switch try reader.byte() {
        case 0x00: return .function(typeIndex: try reader.u32())
        case 0x01: return .table(try reader.tableType(features))
        case 0x02: return .memory(try reader.memoryType(features))
        case 0x03: return .global(try reader.globalType(features))
        case 0x04: return .tag(typeIndex: try reader.tagType())
        case let b: throw error("invalid leading byte (0x\(String(b, radix: 16))) for external kind", at: start)
        }
    }

    /// Spec: Binary.md — `type`/`deftype`, told apart by its first byte.
    mutating func typeDefinition(depth: Int) throws -> TypeDefinition {
        try checkDepth(depth)
        guard let b = reader.peek() else { _ = try reader.byte(); throw error("unexpected end") }
        switch b {
        case 0x40, 0x43:
            return .function(try functionType())
        case 0x41:
            _ = try reader.byte()
            return .component(try list { try $0.declaration(inComponent: true, depth: depth + 1) })
        case 0x42:
            _ = try reader.byte()
            return .instance(try list { try $0.declaration(inComponent: false, depth: depth + 1) })
        case 0x3F:
            _ = try reader.byte()
            let rep = try reader.valueType(features)
            let dtor = try optional { try $0.reader.u32() }
            return .resource(ResourceTypeDefinition(representation: rep, destructor: dtor))
        default:
            return .value(try definedValueType())
        }
    }

    /// Spec: Binary.md — `functype`.
    mutating func functionType() throws -> ComponentFunctionType {
        let isAsync = try reader.byte() == 0x43
        let params = try list { d -> LabeledValueType in
            let label = try d.reader.name()
            return LabeledValueType(label, try d.valueType())
        }
        return ComponentFunctionType(isAsync: isAsync, parameters: params, result: try resultList())
    }

    /// Spec: Binary.md — `resultlist`: `0x00 t` or `0x01 0x00`.
    mutating func resultList() throws -> ComponentValueType? {
        let start = reader.position
        switch try reader.byte() {
        case 0x00: return try valueType()
        case 0x01:
            let s = reader.position
            let count = try reader.byte()
            guard count == 0x00 else {
                throw error("invalid leading byte (0x\(String(count, radix: 16))) for number of results", at: s)
            }
            return nil
        case let b: throw error("invalid leading byte (0x\(String(b, radix: 16))) for component function results", at: start)
        }
    }

    /// Spec: Binary.md — `componentdecl` / `instancedecl`.
    mutating func declaration(inComponent: Bool, depth: Int) throws -> Declaration {
        let start = reader.position
        switch try reader.byte() {
        case 0x00: return .coreType(try coreType(depth: depth))
        case 0x01: return .type(try typeDefinition(depth: depth))
        case 0x02: return .alias(try alias())
        case 0x03 where inComponent: return .import(try componentImport())
        case 0x04:
            let name = try externName()
            return .export(name: name, type: try externType())
        case let b:
            throw error("invalid leading byte (0x\(String(b, radix: 16))) for \(inComponent ? "component" : "instance") type declaration", at: start)
        }
    }

    /// Spec: Binary.md — `externtype`.
    mutating func externType() throws -> ExternType {
        let start = reader.position
        switch try reader.byte() {
        case 0x00:
            let s = reader.position
            guard try reader.byte() == 0x11 else { throw error("invalid leading byte for core module extern type", at: s) }
            return .coreModule(try reader.u32())
        case 0x01: return .function(try reader.u32())
        case 0x02: return .value(try valueType())
        case 0x03:
            let s = reader.position
            switch try reader.byte() {
            case 0x00: return .type(.equal(try reader.u32()))
            case 0x01: return .type(.subResource)
            case let b: throw error("invalid leading byte (0x\(String(b, radix: 16))) for type bound", at: s)
            }
        case 0x04: return .component(try reader.u32())
        case 0x05: return .instance(try reader.u32())
        case let b: throw error("invalid leading byte (0x\(String(b, radix: 16))) for component external type", at: start)
        }
    }

    /// Spec: Binary.md — `valtype`: a primitive type opcode, or a non-negative `s33` type index.
    mutating func valueType() throws -> ComponentValueType {
        let start = reader.position
        if let b = reader.peek(), let p = PrimitiveValueType(rawValue: b) {
            _ = try reader.byte()
            return .primitive(p)
        }
        let index = try reader.s33()
        guard index >= 0, index <= Int64(UInt32.max) else {
            throw error("invalid type index in component value type", at: start)
        }
        return .index(UInt32(index))
    }

    /// Spec: Binary.md — `labellit`/`label`: a name (kebab-case is validation's to check).
    mutating func label() throws -> String { try reader.name() }

    /// Spec: Binary.md — `defvaltype`.
    mutating func definedValueType() throws -> DefinedValueType {
        let start = reader.position
        let b = try reader.byte()
        if let p = PrimitiveValueType(rawValue: b) { return .primitive(p) }
        guard let op = DefinedValueTypeOpcode(rawValue: b) else {
            throw error("invalid leading byte (0x\(String(b, radix: 16))) for component defined type", at: start)
        }
        switch op {
        case .record:
            return .record(try list { d in
                let l = try d.label()
                return LabeledValueType(l, try d.valueType())
            })
        case .variant:
            return .variant(try list { d in
                let l = try d.label()
                let t = try d.optional { try $0.valueType() }
                let s = d.reader.position
                guard try d.reader.byte() == 0x00 else { throw d.error("invalid leading byte for variant case refinement", at: s) }
                return VariantCase(l, t)
            })
        case .list: return .list(try valueType())
        case .fixedLengthList:
            let t = try valueType()
            return .fixedLengthList(t, length: try reader.u32())
        case .tuple: return .tuple(try list { try $0.valueType() })
        case .flags: return .flags(try list { try $0.label() })
        case .enum: return .enum(try list { try $0.label() })
        case .option: return .option(try valueType())
        case .result:
            let ok = try optional { try $0.valueType() }
            return .result(ok: ok, error: try optional { try $0.valueType() })
        case .own: return .own(try reader.u32())
        case .borrow: return .borrow(try reader.u32())
        case .stream: return .stream(try optional { try $0.valueType() })
        case .future: return .future(try optional { try $0.valueType() })
        case .map:
            let k = try valueType()
            return .map(key: k, value: try valueType())
        }
    }
}
