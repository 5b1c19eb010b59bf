import WasmCore

/// Spec: Binary.md — decodes a component from its binary format.
///
/// Throws a `WasmError` of kind `.malformed`, located by byte offset into `bytes`. Embedded core
/// modules are decoded by WasmCore's module decoder with the same `features`.
public func decodeComponent(_ bytes: [UInt8], features: Features = .all) throws -> Component {
    var decoder = ComponentDecoder(reader: ByteReader(bytes), features: features)
    let component = try decoder.component(end: bytes.count, depth: 0)
    return component
}

/// Whether `bytes` start with a component's preamble (rather than a core module's).
public func isComponentBinary(_ bytes: [UInt8]) -> Bool {
    bytes.count >= 8 && Array(bytes[0..<4]) == ComponentPreamble.magic && bytes[6] == 0x01 && bytes[7] == 0x00
}

/// Spec: Binary.md — the component decoder: the preamble, then sections, each checked against its size.
struct ComponentDecoder {
    var reader: ByteReader
    let features: Features

    /// How deeply components and types may nest (an implementation limit, so that hostile input
    /// cannot exhaust the native stack).
    static let maximumDepth = 100

    func error(_ message: String, at offset: Int? = nil) -> WasmError { reader.error(message, at: offset) }

    mutating func checkDepth(_ depth: Int) throws {
        if depth > Self.maximumDepth { throw error("nesting too deep") }
    }

    /// Spec: Binary.md — `component ::= preamble section*`, up to `end`.
    mutating func component(end: Int, depth: Int) throws -> Component {
        try checkDepth(depth)
        let start = reader.position
        guard end - start >= 4, try reader.bytes(4) == ComponentPreamble.magic else {
            throw error("magic header not detected", at: start)
        }
        guard end - start >= 8 else { throw error("unexpected end", at: end) }
        let version = try reader.bytes(2)
        let layer = try reader.bytes(2)
        guard layer == ComponentPreamble.layer else {
            throw error("unknown binary version and encoding combination: expected a component (layer 0x1)", at: start + 6)
        }
        guard version == ComponentPreamble.version else {
            throw error("unknown component version: 0x\(String(version[0], radix: 16))", at: start + 4)
        }
        var definitions: [Definition] = []
        var offsets: [Int] = []
        while reader.position < end {
            let idStart = reader.position
            let idByte = try reader.byte()
            guard let id = ComponentSectionID(rawValue: idByte) else {
                throw error("unknown component section id: 0x\(String(idByte, radix: 16))", at: idStart)
            }
            let size = try reader.length()
            let contentStart = reader.position
            let contentEnd = contentStart + size
            guard contentEnd <= end else { throw error("section out of bounds", at: idStart) }
            try section(id, end: contentEnd, depth: depth, into: &definitions, offsets: &offsets)
            guard reader.position == contentEnd else {
                // wasmparser's wordings: the start section names itself, the others do not.
                let leftover = id == .start
                    ? "unexpected content in the component start section"
                    : "unexpected data at the end of the section"
                throw error(reader.position < contentEnd ? leftover : "section size mismatch", at: reader.position)
            }
        }
        guard reader.position == end else { throw error("unexpected end", at: reader.position) }
        return Component(definitions: definitions, definitionOffsets: offsets)
    }

    /// Spec: Binary.md — `section`: the contents of one section, flattened into definitions, with
    /// the offset where each starts (a section of one definition: where its contents start).
    mutating func section(
        _ id: ComponentSectionID, end: Int, depth: Int, into definitions: inout [Definition], offsets: inout [Int]
    ) throws {
        if !id.isVector { offsets.append(reader.position) }
        switch id {
        case .custom:
            let start = reader.position
            let name = try reader.name()
            guard reader.position <= end else { throw error("unexpected end", at: start) }
            definitions.append(.custom(name: name, bytes: try reader.bytes(end - reader.position)))
        case .coreModule:
            let start = reader.position
            let bytes = Array(reader.bytes[start..<end])
            do {
                definitions.append(.coreModule(try decodeModule(bytes, features: features)))
            } catch var e as WasmError {
                if case .offset(let o)? = e.location { e.location = .offset(o + start) }
                throw e
            }
            try reader.skip(end - start)
        case .coreInstance:
            try vector(end, offsets: &offsets) { definitions.append(.coreInstance(try $0.coreInstance())) }
        case .coreType:
            try vector(end, offsets: &offsets) { definitions.append(.coreType(try $0.coreType(depth: depth + 1))) }
        case .component:
            definitions.append(.component(try component(end: end, depth: depth + 1)))
        case .instance:
            try vector(end, offsets: &offsets) { definitions.append(.instance(try $0.instance())) }
        case .alias:
            try vector(end, offsets: &offsets) { definitions.append(.alias(try $0.alias())) }
        case .type:
            try vector(end, offsets: &offsets) { definitions.append(.type(try $0.typeDefinition(depth: depth + 1))) }
        case .canon:
            try vector(end, offsets: &offsets) { definitions.append(.canon(try $0.canon())) }
        case .start:
            definitions.append(.start(try start()))
        case .import:
            try vector(end, offsets: &offsets) { definitions.append(.import(try $0.componentImport())) }
        case .export:
            try vector(end, offsets: &offsets) { definitions.append(.export(try $0.componentExport())) }
        case .value:
            try vector(end, offsets: &offsets) { definitions.append(.value(try $0.valueDefinition())) }
        }
    }

    /// `vec(B)` inside a section ending at `end`, noting where each element starts.
    mutating func vector(_ end: Int, offsets: inout [Int], _ element: (inout ComponentDecoder) throws -> Void) throws {
        let count = try reader.length()
        for _ in 0..<count {
            guard reader.position < end else { throw error("unexpected end", at: reader.position) }
            offsets.append(reader.position)
            try element(&self)
        }
    }

    /// A `vec(B)` read into an array.
    mutating func list<T>(_ element: (inout ComponentDecoder) throws -> T) throws -> [T] {
        let count = try reader.length()
        var result: [T] = []
        for _ in 0..<count { result.append(try element(&self)) }
        return result
    }

    /// `B?`: 0x00 for none, 0x01 then `B`.
    mutating func optional<T>(_ element: (inout ComponentDecoder) throws -> T) throws -> T? {
        let start = reader.position
        switch try reader.byte() {
        case 0x00: return nil
        case 0x01: return try element(&self)
        case let b: throw error("invalid leading byte (0x\(String(b, radix: 16))) for optional", at: start)
        }
    }

    /// A boolean flag byte (`async?`, `cancel?`, `sh?`).
    mutating func flag(_ what: String) throws -> Bool {
        let start = reader.position
        switch try reader.byte() {
        case 0x00: return false
        case 0x01: return true
        case let b: throw error("invalid leading byte (0x\(String(b, radix: 16))) for \(what)", at: start)
        }
    }

    // MARK: Instances, aliases, start, imports, exports

    /// Spec: Binary.md — `core:sort`.
    mutating func coreSort() throws -> CoreSort {
        let start = reader.position
        let b = try reader.byte()
        guard let sort = CoreSort(rawValue: b) else {
            throw error("invalid leading byte (0x\(String(b, radix: 16))) for core sort", at: start)
        }
        return sort
    }

    /// Spec: Binary.md — `sort`.
    mutating func sort() throws -> Sort {
        let start = reader.position
        let b = try reader.byte()
        if b == 0x00 { return .core(try coreSort()) }
        guard let sort = Sort.opcodes.first(where: { $0.1 == b })?.0 else {
            throw error("invalid leading byte (0x\(String(b, radix: 16))) for sort", at: start)
        }
        return sort
    }

    /// Spec: Binary.md — `core:instance`.
    mutating func coreInstance() throws -> CoreInstance {
        let start = reader.position
        switch try reader.byte() {
        case 0x00:
            let module = try reader.u32()
            let args = try list { d -> CoreInstantiateArgument in
                let name = try d.reader.name()
                let sortStart = d.reader.position
                let sort = try d.coreSort()
                guard sort == .instance else { throw d.error("only instances are supported for module instantiation arguments", at: sortStart) }
                return CoreInstantiateArgument(name: name, sort: sort, index: try d.reader.u32())
            }
            return .instantiate(module: module, arguments: args)
        case 0x01:
            return .exports(try list { d in
                let name = try d.reader.name()
                let sort = try d.coreSort()
                return CoreInlineExport(name: name, sort: sort, index: try d.reader.u32())
            })
        case let b: throw error("invalid leading byte (0x\(String(b, radix: 16))) for core instance", at: start)
        }
    }

    /// Spec: Binary.md — `instance`.
    mutating func instance() throws -> Instance {
        let start = reader.position
        switch try reader.byte() {
        case 0x00:
            let component = try reader.u32()
            let args = try list { d -> InstantiateArgument in
                let name = try d.reader.name()
                let sort = try d.sort()
                return InstantiateArgument(name: name, item: SortIndex(sort, try d.reader.u32()))
            }
            return .instantiate(component: component, arguments: args)
        case 0x01:
            return .exports(try list { d in
                let name = try d.externName()
                let sort = try d.sort()
                return InlineExport(name: name, item: SortIndex(sort, try d.reader.u32()))
            })
        case let b: throw error("invalid leading byte (0x\(String(b, radix: 16))) for instance", at: start)
        }
    }

    /// Spec: Binary.md — `alias`.
    mutating func alias() throws -> Alias {
        let sortStart = reader.position
        let sort = try self.sort()
        let lastSortByte = reader.bytes[reader.position - 1]
        let start = reader.position
        switch try reader.byte() {
        case 0x00:
            let instance = try reader.u32()
            return Alias(sort: sort, target: .export(instance: instance, name: try reader.name()))
        case 0x01:
            let instance = try reader.u32()
            return Alias(sort: sort, target: .coreExport(instance: instance, name: try reader.name()))
        case 0x02:
            // Spec: Binary.md — only the `outeraliassort`s (core module, core type, type, component).
            switch sort {
            case .core(.module), .core(.type), .type, .component: break
            default:
                throw error("invalid leading byte (0x\(String(lastSortByte, radix: 16))) for component outer alias kind", at: sortStart)
            }
            let count = try reader.u32()
            return Alias(sort: sort, target: .outer(count: count, index: try reader.u32()))
        case let b: throw error("invalid leading byte (0x\(String(b, radix: 16))) for alias", at: start)
        }
    }

    /// Spec: Binary.md — 🪙 `start`.
    ///
    /// Argument and result counts are bounded by 1000, as wasm-tools bounds them.
    mutating func start() throws -> Start {
        let function = try reader.u32()
        let argsAt = reader.position
        let args = try list { try $0.reader.u32() }
        guard args.count <= Self.maximumStartValues else {
            throw error("start function arguments size is out of bounds", at: argsAt)
        }
        let resultsAt = reader.position
        let results = try reader.u32()
        guard results <= Self.maximumStartValues else {
            throw error("start function results size is out of bounds", at: resultsAt)
        }
        return Start(function: function, arguments: args, resultCount: results)
    }

    /// The most arguments or results a start function may have (an implementation limit, wasm-tools' too).
    static let maximumStartValues = 1000

    /// Spec: Binary.md — `nameattributes` and `attribute`.
    mutating func externName() throws -> ExternName {
        let start = reader.position
        let encoding = try reader.byte()
        switch encoding {
        case 0x00, 0x01:
            return ExternName(try reader.name(), encoding: encoding)
        case 0x02:
            // wasm-tools gates the attribute form itself on 🏷️ (cm-implements).
            guard features.contains(.cmImplements) else {
                throw error("the `cm-implements` feature is not active", at: start)
            }
            let name = try reader.name()
            let attributes = try list { d -> NameAttribute in
                let s = d.reader.position
                switch try d.reader.byte() {
                case 0x00: return .implements(try d.reader.name())
                case 0x01: return .versionSuffix(try d.reader.name())
                case 0x02: return .externalID(try d.reader.name())
                case let b: throw d.error("invalid leading byte (0x\(String(b, radix: 16))) for name attribute", at: s)
                }
            }
            return ExternName(name, attributes: attributes, encoding: encoding)
        default:
            throw error("invalid leading byte (0x\(String(encoding, radix: 16))) for component external name", at: start)
        }
    }

    /// Spec: Binary.md — `import`.
    mutating func componentImport() throws -> ComponentImport {
        let name = try externName()
        return ComponentImport(name: name, type: try externType())
    }

    /// Spec: Binary.md — `export`.
    mutating func componentExport() throws -> ComponentExport {
        let name = try externName()
        let sort = try self.sort()
        let index = try reader.u32()
        let type = try optional { try $0.externType() }
        return ComponentExport(name: name, item: SortIndex(sort, index), type: type)
    }

    /// Spec: Binary.md — 🪙 `value`: the type, then the value's bytes (`len` of them).
    mutating func valueDefinition() throws -> ValueDefinition {
        let type = try valueType()
        let count = try reader.length()
        return ValueDefinition(type: type, bytes: try reader.bytes(count))
    }
}
