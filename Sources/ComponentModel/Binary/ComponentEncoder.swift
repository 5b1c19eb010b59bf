import WasmCore

/// Spec: Binary.md — encodes a component in the binary format.
///
/// Consecutive definitions of one vector section share a section, as wasm-tools writes them, so
/// `decodeComponent(encodeComponent(c)) == c`.
public func encodeComponent(_ component: Component) -> [UInt8] {
    var w = BinaryWriter()
    w.component(component)
    return w.bytes
}

extension BinaryWriter {
    /// Spec: Binary.md — `component ::= preamble section*`.
    mutating func component(_ component: Component) {
        raw(ComponentPreamble.bytes)
        let defs = component.definitions
        var i = 0
        while i < defs.count {
            let id = defs[i].sectionID
            if id.isVector {
                var j = i
                while j < defs.count && defs[j].sectionID == id { j += 1 }
                let group = defs[i..<j]
                section(id.rawValue) { w in
                    w.length(group.count)
                    for d in group { w.definitionBody(d) }
                }
                i = j
            } else {
                section(id.rawValue) { w in w.definitionBody(defs[i]) }
                i += 1
            }
        }
    }

    /// The encoding of one definition inside its section.
    mutating func definitionBody(_ d: Definition) {
        switch d {
        case .custom(let name, let bytes):
            self.name(name)
            raw(bytes)
        case .coreModule(let m): raw(encodeModule(m))
        case .coreInstance(let i): coreInstance(i)
        case .coreType(let t): coreType(t)
        case .component(let c): component(c)
        case .instance(let i): instance(i)
        case .alias(let a): alias(a)
        case .type(let t): typeDefinition(t)
        case .canon(let c): canon(c)
        case .start(let s):
            u32(s.function)
            vector(s.arguments) { $0.u32($1) }
            u32(s.resultCount)
        case .import(let i): componentImport(i)
        case .export(let e): componentExport(e)
        case .value(let v):
            valueType(v.type)
            length(v.bytes.count)
            raw(v.bytes)
        }
    }

    /// Spec: Binary.md — `sort`.
    mutating func sort(_ s: Sort) {
        switch s {
        case .core(let c):
            byte(0x00)
            byte(c.rawValue)
        default:
            byte(Sort.opcodes.first(where: { $0.0 == s })?.1 ?? 0)
        }
    }

    mutating func coreInstance(_ i: CoreInstance) {
        switch i {
        case .instantiate(let module, let args):
            byte(0x00)
            u32(module)
            vector(args) { w, a in
                w.name(a.name)
                w.byte(a.sort.rawValue)
                w.u32(a.index)
            }
        case .exports(let exports):
            byte(0x01)
            vector(exports) { w, e in
                w.name(e.name)
                w.byte(e.sort.rawValue)
                w.u32(e.index)
            }
        }
    }

    mutating func instance(_ i: Instance) {
        switch i {
        case .instantiate(let component, let args):
            byte(0x00)
            u32(component)
            vector(args) { w, a in
                w.name(a.name)
                w.sort(a.item.sort)
                w.u32(a.item.index)
            }
        case .exports(let exports):
            byte(0x01)
            vector(exports) { w, e in
                w.externName(e.name)
                w.sort(e.item.sort)
                w.u32(e.item.index)
            }
        }
    }

    mutating func alias(_ a: Alias) {
        sort(a.sort)
        switch a.target {
        case .export(let i, let n):
            byte(0x00)
            u32(i)
            name(n)
        case .coreExport(let i, let n):
            byte(0x01)
            u32(i)
            name(n)
        case .outer(let count, let index):
            byte(0x02)
            u32(count)
            u32(index)
        }
    }

    mutating func externName(_ n: ExternName) {
        if n.attributes.isEmpty && n.encoding != 0x02 {
            byte(n.encoding)
            name(n.name)
            return
        }
        byte(0x02)
        name(n.name)
        vector(n.attributes) { w, a in
            w.byte(a.opcode)
            w.name(a.value)
        }
    }

    mutating func componentImport(_ i: ComponentImport) {
        externName(i.name)
        externType(i.type)
    }

    mutating func componentExport(_ e: ComponentExport) {
        externName(e.name)
        sort(e.item.sort)
        u32(e.item.index)
        if let t = e.type {
            byte(0x01)
            externType(t)
        } else {
            byte(0x00)
        }
    }

    mutating func externType(_ t: ExternType) {
        switch t {
        case .coreModule(let i):
            byte(0x00)
            byte(0x11)
            u32(i)
        case .function(let i):
            byte(0x01)
            u32(i)
        case .value(let t):
            byte(0x02)
            valueType(t)
        case .type(let b):
            byte(0x03)
            switch b {
            case .equal(let i):
                byte(0x00)
                u32(i)
            case .subResource:
                byte(0x01)
            }
        case .component(let i):
            byte(0x04)
            u32(i)
        case .instance(let i):
            byte(0x05)
            u32(i)
        }
    }
}
