/// Spec: core/binary/types — the one-byte codes of value types, read by both the decoder and the
/// encoder (the bytes are the `s7` encodings of -1 … -17).
public enum TypeCodes {
    /// The value types written as a single byte, by that byte.
    public static let valueTypes: [UInt8: ValueType] = [
        0x7F: .i32, 0x7E: .i64, 0x7D: .f32, 0x7C: .f64,
        0x7B: .v128,
    ].merging(HeapType.abstractTypes.map { ($0.byte, ValueType.reference(ReferenceType(heapType: $0.type))) }) { a, _ in a }

    /// The abstract heap types, by their byte (also the shorthand reference type of that byte).
    public static let heapTypes: [UInt8: HeapType] = Dictionary(
        uniqueKeysWithValues: HeapType.abstractTypes.map { ($0.byte, $0.type) })

    /// `(ref null ht)` (typed function references).
    public static let nullableReference: UInt8 = 0x63
    /// `(ref ht)` (typed function references).
    public static let nonNullableReference: UInt8 = 0x64
    /// The function type constructor.
    public static let functionType: UInt8 = 0x60
    /// Spec: core/binary/types (GC) — a recursion group of several sub types.
    public static let recursionGroup: UInt8 = 0x4E
    /// A sub type that may have subtypes of its own (non-final).
    public static let subType: UInt8 = 0x50
    /// A final sub type with declared supertypes.
    public static let finalSubType: UInt8 = 0x4F
    /// The struct type constructor.
    public static let structType: UInt8 = 0x5F
    /// The array type constructor.
    public static let arrayType: UInt8 = 0x5E
    /// The packed storage types of fields.
    public static let i8: UInt8 = 0x78
    public static let i16: UInt8 = 0x77
    /// The empty block type.
    public static let emptyBlockType: UInt8 = 0x40

    /// The byte of a number type.
    public static func byte(of type: NumberType) -> UInt8 {
        switch type {
        case .i32: return 0x7F
        case .i64: return 0x7E
        case .f32: return 0x7D
        case .f64: return 0x7C
        }
    }

    /// The byte of an abstract heap type, `nil` for a concrete one.
    public static func byte(of heapType: HeapType) -> UInt8? {
        heapType.abstractInfo?.byte
    }
}

/// Spec: core/binary/modules — the kind bytes of import and export descriptions.
public enum ExternalKindCode: UInt8, Hashable, Sendable {
    case function = 0x00
    case table = 0x01
    case memory = 0x02
    case global = 0x03
    /// Exception handling.
    case tag = 0x04
}
