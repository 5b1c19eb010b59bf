/// One row of the index of instructions: everything every stage needs to know about an opcode.
public struct InstructionDefinition: Sendable {
    /// How an instruction is written in the binary format: a single byte, or a prefix byte
    /// followed by a `u32` sub-opcode in LEB128.
    public struct BinaryEncoding: Hashable, Sendable {
        public var prefix: UInt8?
        public var code: UInt32

        public init(_ code: UInt8) {
            self.prefix = nil
            self.code = UInt32(code)
        }

        public init(prefix: UInt8, _ code: UInt32) {
            self.prefix = prefix
            self.code = code
        }
    }

    /// The shape of an instruction's immediates; one case per way the formats write them.
    public enum ImmediateKind: Hashable, Sendable {
        case none
        case blockType
        case label
        case labelTable
        case function
        case callIndirect
        case local
        case global
        case table
        /// The memory index of `memory.size` / `memory.grow` (a zero byte before multi-memory).
        case memory
        case memoryArgument(naturalAlignment: UInt32)
        case memoryLane(naturalAlignment: UInt32, lanes: UInt8)
        case lane(count: UInt8)
        case shuffle
        case i32, i64, f32, f64, v128
        case heapType
        case valueTypes
        case element
        case data
        case tableCopy
        case tableInit
        case memoryInit
        case memoryCopy
        case memoryFill
        /// A tag index (`throw`).
        case tag
        /// A block type and catch clauses (`try_table`).
        case tryTable
    }

    /// The type of an instruction where it is fixed; `special` where validation has its own rule
    /// (control, parametric, variable, table and reference instructions).
    public enum Signature: Hashable, Sendable {
        case fixed([ValueType], [ValueType])
        case special
    }

    public let opcode: Opcode
    /// The name in the text format.
    public let name: String
    public let encoding: BinaryEncoding
    public let immediates: ImmediateKind
    public let signature: Signature
    /// The feature that gates the instruction; `nil` for the MVP.
    public let feature: Feature?

    public init(
        _ opcode: Opcode, _ name: String, _ encoding: BinaryEncoding, _ immediates: ImmediateKind,
        _ signature: Signature, _ feature: Feature?
    ) {
        self.opcode = opcode
        self.name = name
        self.encoding = encoding
        self.immediates = immediates
        self.signature = signature
        self.feature = feature
    }
}

/// Lookups into the index of instructions, built once from `definitions`.
public enum InstructionTable {
    /// The opcode of a single-byte encoding, indexed by that byte.
    public static let byByte: [Opcode?] = {
        var table = [Opcode?](repeating: nil, count: 256)
        for d in definitions where d.encoding.prefix == nil { table[Int(d.encoding.code)] = d.opcode }
        return table
    }()

    /// The opcodes of prefixed encodings, by prefix byte, then sub-opcode.
    public static let byPrefix: [UInt8: [UInt32: Opcode]] = {
        var table: [UInt8: [UInt32: Opcode]] = [:]
        for d in definitions {
            if let prefix = d.encoding.prefix { table[prefix, default: [:]][d.encoding.code] = d.opcode }
        }
        return table
    }()

    /// The opcode of each text name (for `select`, the untyped form; the parser picks the typed one).
    public static let byName: [String: Opcode] = {
        var table: [String: Opcode] = [:]
        for d in definitions where table[d.name] == nil { table[d.name] = d.opcode }
        return table
    }()

    /// Looks up the opcode of a binary encoding.
    public static func opcode(prefix: UInt8?, code: UInt32) -> Opcode? {
        guard let prefix else { return code < 256 ? byByte[Int(code)] : nil }
        return byPrefix[prefix]?[code]
    }
}

extension Opcode {
    /// This opcode's row in the index of instructions.
    @inline(__always)
    public var definition: InstructionDefinition { InstructionTable.definitions[Int(rawValue)] }

    /// The text-format name.
    public var name: String { definition.name }
}
