/// Spec: core/syntax/types — storage types (GC): a value type, or a packed type that only a field
/// of a struct or array may have.
public enum StorageType: Hashable, Sendable {
    case value(ValueType)
    case i8
    case i16
}

/// Spec: core/syntax/types — composite types: a function, struct (GC) or array (GC) type.
public enum CompositeType: Hashable, Sendable {
    case function(FunctionType)
    case `struct`([Field])
    case array(Field)

    /// Spec: core/syntax/types — field types (GC): a storage type and its mutability. (Named
    /// inside `CompositeType`: the Canonical ABI has a `FieldType` of its own.)
    public struct Field: Hashable, Sendable {
        public var storage: StorageType
        public var isMutable: Bool

        public init(_ storage: StorageType, isMutable: Bool = false) {
            self.storage = storage
            self.isMutable = isMutable
        }
    }

    /// The keyword of the kind of composite type (`func`, `struct`, `array`), for messages.
    public var keyword: String {
        switch self {
        case .function: return "func"
        case .struct: return "struct"
        case .array: return "array"
        }
    }
}

/// Spec: core/syntax/types — sub types (GC): final or not, the declared supertypes (type indices;
/// at most one is valid), and the composite type.
public struct SubType: Hashable, Sendable {
    public var isFinal: Bool
    public var supertypes: [UInt32]
    public var composite: CompositeType

    public init(isFinal: Bool = true, supertypes: [UInt32] = [], composite: CompositeType) {
        self.isFinal = isFinal
        self.supertypes = supertypes
        self.composite = composite
    }

    /// A plain function type: final, without supertypes (every type WebAssembly 2.0 has).
    public init(_ function: FunctionType) {
        self.init(composite: .function(function))
    }

    /// The function type, when the composite type is one.
    public var functionType: FunctionType? {
        if case .function(let f) = composite { return f }
        return nil
    }

    /// Whether the binary and text formats may write the type as its composite type alone: final
    /// and without supertypes.
    public var isAbbreviated: Bool { isFinal && supertypes.isEmpty }
}

/// Spec: core/syntax/types — recursive types, `rec subtype*`: a group of sub types that may refer
/// to each other. A type definition outside `(rec ...)` is a group of one member.
public struct RecursionGroup: Hashable, Sendable {
    public var members: [SubType]
    /// Whether the group was written with `rec` (binary 0x4E). A group of one member means the
    /// same either way; this only decides the encoding (and that `rec` needs the `gc` feature).
    public var isExplicit: Bool

    public init(_ members: [SubType], isExplicit: Bool = true) {
        self.members = members
        self.isExplicit = isExplicit
    }

    /// A single type written without `rec`.
    public init(single member: SubType) {
        self.init([member], isExplicit: false)
    }
}
