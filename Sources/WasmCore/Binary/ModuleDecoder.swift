/// Spec: core/binary/modules — decodes a module from its binary format.
///
/// Throws a `WasmError` of kind `.malformed`, located by byte offset, worded as the spec's test
/// suites expect. Constructs beyond the given `features` are malformed.
public func decodeModule(_ bytes: [UInt8], features: Features = .wasm2) throws -> Module {
    var decoder = ModuleDecoder(bytes: bytes, features: features)
    return try decoder.decode()
}

/// Spec: core/binary/modules — the module decoder: header, sections in order, and the checks
/// that relate sections to each other.
struct ModuleDecoder {
    var reader: ByteReader
    let features: Features
    var module = Module()
    /// The function section's type indices, until the code section pairs them with bodies.
    var functionTypes: [UInt32] = []
    var codeCount = 0
    var dataCount: UInt32?
    /// The id of the last non-custom section read that has content, which custom sections record as their place.
    var lastSection: UInt8 = 0

    init(bytes: [UInt8], features: Features) {
        self.reader = ByteReader(bytes)
        self.features = features
    }

    /// The module's magic number, `\0asm`, as a little-endian word.
    static let magic: UInt64 = 0x6D73_6100
    /// The binary format version.
    static let version: UInt64 = 1
    /// The most locals a function may declare (an implementation limit; wasm-tools has the same).
    static let maximumLocals: UInt64 = 50_000

    /// Spec: core/binary/modules#binary-module — magic, version, then the sections.
    mutating func decode() throws -> Module {
        guard try reader.littleEndian(4) == Self.magic else {
            throw reader.error("magic header not detected", at: 0)
        }
        guard try reader.littleEndian(4) == Self.version else {
            throw reader.error("unknown binary version", at: 4)
        }
        var next = 0  // the index in `SectionID.order` of the earliest section still allowed
        while let idByte = reader.peek() {
            let start = reader.position
            guard let id = SectionID(rawValue: idByte), id.feature.map(features.contains) ?? true else {
                throw reader.error("malformed section id", at: start)
            }
            if id != .custom {
                guard let place = SectionID.order.firstIndex(of: id), place >= next else {
                    throw reader.error("unexpected content after last section (section out of order)", at: start)
                }
                next = place + 1
            }
            reader.position += 1
            let size = try reader.length()
            let contentStart = reader.position
            try section(id, size: size)
            guard reader.position == contentStart + size else {
                throw reader.error("section size mismatch", at: contentStart)
            }
            if id != .custom && hasContent(id) { lastSection = id.rawValue }
        }
        try finish()
        return module
    }

    /// Whether a section just read holds anything. Empty sections are left out by the encoder, so
    /// custom sections are placed after the last section with content, which encoding preserves.
    private func hasContent(_ id: SectionID) -> Bool {
        switch id {
        case .custom: return false
        case .type: return !module.recursionGroups.isEmpty
        case .import: return !module.imports.isEmpty
        case .function: return !functionTypes.isEmpty
        case .table: return !module.tables.isEmpty
        case .memory: return !module.memories.isEmpty
        case .tag: return !module.tags.isEmpty
        case .global: return !module.globals.isEmpty
        case .export: return !module.exports.isEmpty
        case .start, .dataCount: return true
        case .element: return !module.elements.isEmpty
        case .code: return codeCount > 0
        case .data: return !module.data.isEmpty
        }
    }

    /// The checks made once every section is read.
    private mutating func finish() throws {
        let end = reader.bytes.count
        guard functionTypes.count == codeCount else {
            throw reader.error("function and code section have inconsistent lengths", at: end)
        }
        if let dataCount, Int(dataCount) != module.data.count {
            throw reader.error("data count and data section have inconsistent lengths", at: end)
        }
        if dataCount == nil {
            let usesData = module.functions.contains { function in
                function.body.contains { $0.opcode == .memoryInit || $0.opcode == .dataDrop }
            }
            if usesData { throw reader.error("data count section required", at: end) }
        }
    }

    /// Reads the contents of one section.
    private mutating func section(_ id: SectionID, size: Int) throws {
        let features = self.features
        switch id {
        case .custom:
            let start = reader.position
            let name = try reader.name()
            let rest = size - (reader.position - start)
            let bytes = try reader.bytes(rest)
            module.customSections.append(CustomSection(name: name, bytes: bytes, after: lastSection))
        case .type:
            module.recursionGroups = try reader.vector { try $0.recursionGroup(features) }
        case .import:
            module.imports = try reader.vector { try $0.import(features) }
        case .function:
            functionTypes = try reader.vector { try $0.u32() }
        case .table:
            module.tables = try reader.vector { try $0.table(features) }
        case .memory:
            module.memories = try reader.vector { try $0.memoryType(features) }
        case .tag:
            module.tags = try reader.vector { try $0.tagType() }
        case .global:
            module.globals = try reader.vector { reader in
                let type = try reader.globalType(features)
                return Global(type: type, initializer: try reader.expression(features))
            }
        case .export:
            module.exports = try reader.vector { try $0.export(features) }
        case .start:
            module.start = try reader.u32()
        case .element:
            module.elements = try reader.vector { try $0.elementSegment(features) }
        case .dataCount:
            dataCount = try reader.u32()
            module.hasDataCount = true
        case .code:
            try codeSection()
        case .data:
            module.data = try reader.vector { try $0.dataSegment(features) }
        }
    }

    /// Spec: core/binary/modules#code-section — function bodies, paired with the function section's types.
    private mutating func codeSection() throws {
        let count = try reader.length()
        codeCount = count
        module.functions.reserveCapacity(count)
        for i in 0..<count {
            // A count that differs from the function section's is reported once all sections are read.
            let typeIndex = i < functionTypes.count ? functionTypes[i] : 0
            let size = try reader.length()
            let start = reader.position
            let locals = try locals()
            let body = try reader.expression(features)
            guard reader.position == start + size else {
                throw reader.error("section size mismatch", at: start)
            }
            module.functions.append(Function(typeIndex: typeIndex, locals: locals, body: body))
        }
    }

    /// Spec: core/binary/modules#code-section — the locals: runs of a count and a value type.
    private mutating func locals() throws -> [ValueType] {
        let start = reader.position
        let features = self.features
        let runs = try reader.vector { reader -> (UInt32, ValueType) in
            let n = try reader.u32()
            return (n, try reader.valueType(features))
        }
        let total = runs.reduce(UInt64(0)) { $0 + UInt64($1.0) }
        guard total <= Self.maximumLocals else { throw reader.error("too many locals", at: start) }
        var locals: [ValueType] = []
        locals.reserveCapacity(Int(total))
        for (n, type) in runs { locals.append(contentsOf: repeatElement(type, count: Int(n))) }
        return locals
    }
}
