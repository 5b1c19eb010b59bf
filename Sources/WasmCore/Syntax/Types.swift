/// Spec: core/syntax/types — number types.
public enum NumberType: UInt8, Hashable, Sendable, CaseIterable {
    case i32, i64, f32, f64
}

/// Spec: core/syntax/types — vector types.
public enum VectorType: UInt8, Hashable, Sendable {
    case v128
}

/// Spec: core/syntax/types — heap types: the abstract ones of reference types, GC and exception
/// handling, or a concrete type index.
public enum HeapType: Hashable, Sendable {
    case `func`
    case extern
    /// GC: the top of internal references, `eq`, `i31`, `struct`, `array`, and the bottoms.
    case any, eq, i31, `struct`, array, none, noextern, nofunc
    /// Exception handling: exception references and their bottom.
    case exn, noexn
    /// A concrete type index (typed function references; gated by `Feature.functionReferences`).
    case concrete(UInt32)

    /// Spec: core/syntax/types — the abstract heap types: each one's text keyword, binary byte,
    /// the shorthand of its nullable reference type, and the feature that introduces it. The one
    /// table the parser, decoder, encoder, printer and validator read.
    public static let abstractTypes: [(type: HeapType, keyword: String, byte: UInt8, shorthand: String, feature: Feature)] = [
        (.func, "func", 0x70, "funcref", .referenceTypes),
        (.extern, "extern", 0x6F, "externref", .referenceTypes),
        (.any, "any", 0x6E, "anyref", .gc),
        (.eq, "eq", 0x6D, "eqref", .gc),
        (.i31, "i31", 0x6C, "i31ref", .gc),
        (.struct, "struct", 0x6B, "structref", .gc),
        (.array, "array", 0x6A, "arrayref", .gc),
        (.exn, "exn", 0x69, "exnref", .exceptions),
        (.noexn, "noexn", 0x74, "nullexnref", .exceptions),
        (.nofunc, "nofunc", 0x73, "nullfuncref", .gc),
        (.noextern, "noextern", 0x72, "nullexternref", .gc),
        (.none, "none", 0x71, "nullref", .gc),
    ]

    /// The table row of an abstract heap type, `nil` for a concrete one.
    public var abstractInfo: (type: HeapType, keyword: String, byte: UInt8, shorthand: String, feature: Feature)? {
        Self.abstractTypes.first { $0.type == self }
    }
}

/// Spec: core/syntax/types — reference types, `(ref null? heaptype)`.
public struct ReferenceType: Hashable, Sendable {
    public var isNullable: Bool
    public var heapType: HeapType

    public init(isNullable: Bool = true, heapType: HeapType) {
        self.isNullable = isNullable
        self.heapType = heapType
    }

    /// `funcref`, the abbreviation of `(ref null func)`.
    public static let funcRef = ReferenceType(heapType: .func)
    /// `externref`, the abbreviation of `(ref null extern)`.
    public static let externRef = ReferenceType(heapType: .extern)
}

/// Spec: core/syntax/types — value types.
public enum ValueType: Hashable, Sendable {
    case number(NumberType)
    case vector(VectorType)
    case reference(ReferenceType)

    public static let i32 = ValueType.number(.i32)
    public static let i64 = ValueType.number(.i64)
    public static let f32 = ValueType.number(.f32)
    public static let f64 = ValueType.number(.f64)
    public static let v128 = ValueType.vector(.v128)
    public static let funcRef = ValueType.reference(.funcRef)
    public static let externRef = ValueType.reference(.externRef)

    /// Whether the type is a reference type.
    public var isReference: Bool {
        if case .reference = self { return true }
        return false
    }

    /// Whether values of the type have a default (all but non-nullable references).
    public var isDefaultable: Bool {
        if case .reference(let r) = self { return r.isNullable }
        return true
    }
}

/// Spec: core/syntax/types — function types, `[t1*] -> [t2*]`.
public struct FunctionType: Hashable, Sendable {
    public var parameters: [ValueType]
    public var results: [ValueType]

    public init(parameters: [ValueType] = [], results: [ValueType] = []) {
        self.parameters = parameters
        self.results = results
    }
}

/// The address type of a memory or table: `i32`, or `i64` under memory64.
public enum AddressType: UInt8, Hashable, Sendable {
    case i32, i64

    /// The value type of addresses of this type.
    public var valueType: ValueType { self == .i32 ? .i32 : .i64 }
}

/// Spec: core/syntax/types — limits, `{min, max?}`.
public struct Limits: Hashable, Sendable {
    public var min: UInt64
    public var max: UInt64?
    /// The address type (memory64 adds `i64`).
    public var addressType: AddressType
    /// Shared memories (threads proposal; gated by `Feature.threads`).
    public var isShared: Bool

    public init(min: UInt64, max: UInt64? = nil, addressType: AddressType = .i32, isShared: Bool = false) {
        self.min = min
        self.max = max
        self.addressType = addressType
        self.isShared = isShared
    }
}

/// Spec: core/syntax/types — memory types.
public struct MemoryType: Hashable, Sendable {
    public var limits: Limits
    /// The base-2 logarithm of the page size when written explicitly (custom-page-sizes:
    /// `(pagesize n)`, binary limits flag 0x08); `nil` for the default 64 KiB.
    public var pageSizeLog2: UInt32?

    public init(limits: Limits, pageSizeLog2: UInt32? = nil) {
        self.limits = limits
        self.pageSizeLog2 = pageSizeLog2
    }

    /// The size of a default page in bytes.
    public static let pageSize: UInt64 = 65536

    /// The size of this memory's pages in bytes (`2^pageSizeLog2`; 64 KiB by default).
    public var bytesPerPage: UInt64 {
        guard let log2 = pageSizeLog2 else { return Self.pageSize }
        return log2 < 64 ? 1 << UInt64(log2) : 0
    }
}

/// Spec: core/syntax/types — table types.
public struct TableType: Hashable, Sendable {
    public var limits: Limits
    public var elementType: ReferenceType

    public init(limits: Limits, elementType: ReferenceType) {
        self.limits = limits
        self.elementType = elementType
    }
}

/// Spec: core/syntax/types — mutability of globals.
public enum Mutability: UInt8, Hashable, Sendable {
    case constant = 0
    case variable = 1
}

/// Spec: core/syntax/types — global types.
public struct GlobalType: Hashable, Sendable {
    public var mutability: Mutability
    public var valueType: ValueType

    public init(mutability: Mutability, valueType: ValueType) {
        self.mutability = mutability
        self.valueType = valueType
    }
}

/// Spec: core/syntax/types — external types.
public enum ExternalType: Hashable, Sendable {
    case function(FunctionType)
    case table(TableType)
    case memory(MemoryType)
    case global(GlobalType)
    /// An exception tag (exception handling; gated by `Feature.exceptions`).
    case tag(FunctionType)
}

/// Spec: core/syntax/instructions — block types: empty, a single result, or a type index.
public enum BlockType: Hashable, Sendable {
    case empty
    case value(ValueType)
    case typeIndex(UInt32)
}
