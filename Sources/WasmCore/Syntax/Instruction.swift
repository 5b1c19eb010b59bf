/// Spec: core/syntax/instructions — one instruction: what it is, and its immediate operands.
///
/// Instructions are kept flat, as the binary format has them: `block`, `loop` and `if` are
/// followed by their bodies and closed by an `end` instruction (with `else` between the arms of an `if`).
/// Everything else about an opcode (binary encoding, text name, immediate kinds, typing) is in
/// `InstructionTable`, the one table every stage reads.
public struct Instruction: Hashable, Sendable {
    public var opcode: Opcode
    public var immediate: Immediate

    public init(_ opcode: Opcode, _ immediate: Immediate = .none) {
        self.opcode = opcode
        self.immediate = immediate
    }
}

/// The immediate operands of an instruction, by shape.
public enum Immediate: Hashable, Sendable {
    case none
    case block(BlockType)
    /// One index: a label, local, global, function, table, memory, element or data segment, or type.
    case index(UInt32)
    /// Two indices, in the order of the binary format: `call_indirect` (type, table),
    /// `table.copy` (destination, source), `table.init` (element, table), `memory.init` (data, memory),
    /// `memory.copy` (destination, source).
    case indices(UInt32, UInt32)
    case branchTable(targets: [UInt32], defaultTarget: UInt32)
    case memory(MemoryArgument)
    case memoryLane(MemoryArgument, lane: UInt8)
    case lane(UInt8)
    case shuffle([UInt8])
    case i32(Int32)
    case i64(Int64)
    /// An `f32` constant, by its bits (so NaN payloads survive).
    case f32(UInt32)
    /// An `f64` constant, by its bits.
    case f64(UInt64)
    case v128(V128)
    case heapType(HeapType)
    /// The result types of a typed `select`.
    case valueTypes([ValueType])
    /// `try_table`: its block type and catch clauses.
    case tryTable(BlockType, [CatchClause])
}

/// Spec: core/syntax/instructions — a catch clause of `try_table` (exception handling): which
/// exceptions it catches (those of a tag, or all) and the label it branches to, with the
/// exception reference too for the `_ref` forms.
public struct CatchClause: Hashable, Sendable {
    public enum Kind: UInt8, Hashable, Sendable, CaseIterable {
        case `catch` = 0, catchRef = 1, catchAll = 2, catchAllRef = 3

        /// The clause's keyword in the text format.
        public var keyword: String {
            switch self {
            case .catch: return "catch"
            case .catchRef: return "catch_ref"
            case .catchAll: return "catch_all"
            case .catchAllRef: return "catch_all_ref"
            }
        }

        /// Whether the clause names a tag.
        public var hasTag: Bool { self == .catch || self == .catchRef }
    }

    public var kind: Kind
    /// The tag caught (`catch`, `catch_ref`); nil for the `catch_all` forms.
    public var tag: UInt32?
    public var label: UInt32

    public init(_ kind: Kind, tag: UInt32? = nil, label: UInt32) {
        self.kind = kind
        self.tag = tag
        self.label = label
    }
}

/// Spec: core/syntax/instructions — `memarg`: alignment (as a power of two), offset and memory index.
public struct MemoryArgument: Hashable, Sendable {
    /// The alignment exponent: the access is aligned to `2^align` bytes.
    public var align: UInt32
    public var offset: UInt64
    /// The memory accessed (non-zero only with multi-memory).
    public var memory: UInt32

    public init(align: UInt32, offset: UInt64, memory: UInt32 = 0) {
        self.align = align
        self.offset = offset
        self.memory = memory
    }
}

/// A 128-bit vector value, as 16 little-endian bytes packed in two words.
public struct V128: Hashable, Sendable {
    public var low: UInt64
    public var high: UInt64

    public init(low: UInt64, high: UInt64) {
        self.low = low
        self.high = high
    }

    /// Builds a vector from 16 bytes in little-endian lane order.
    public init(bytes: [UInt8]) {
        var low: UInt64 = 0
        var high: UInt64 = 0
        for i in 0..<8 where i < bytes.count { low |= UInt64(bytes[i]) << (8 * UInt64(i)) }
        for i in 0..<8 where i + 8 < bytes.count { high |= UInt64(bytes[i + 8]) << (8 * UInt64(i)) }
        self.init(low: low, high: high)
    }

    /// The 16 bytes, in little-endian lane order.
    public var bytes: [UInt8] {
        (0..<16).map { i in UInt8(truncatingIfNeeded: (i < 8 ? low >> (8 * UInt64(i)) : high >> (8 * UInt64(i - 8)))) }
    }

    public static let zero = V128(low: 0, high: 0)
}
