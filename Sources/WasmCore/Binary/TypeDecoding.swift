/// Spec: core/binary/types — reading value, reference, function, limits, table, memory and global types.
///
/// Type constructors are read as `s7` (and heap types as `s33`), as the spec encodes them.
extension ByteReader {
    /// The one-byte code a type constructor read as `s7` stands for (-1 is 0x7F, ... -64 is 0x40),
    /// or `nil` for a non-negative one.
    private func typeCode(_ code: Int64) -> UInt8? {
        (-64 ..< 0).contains(code) ? UInt8(truncatingIfNeeded: code) & 0x7F : nil
    }

    /// Spec: core/binary/types#heap-types — an abstract heap type, or a type index under typed references.
    public mutating func heapType(_ features: Features) throws -> HeapType {
        let start = position
        let code = features.contains(.functionReferences) ? try s33() : try s7()
        if code >= 0, features.contains(.functionReferences), code <= Int64(UInt32.max) {
            return .concrete(UInt32(code))
        }
        guard let byte = typeCode(code), let type = TypeCodes.heapTypes[byte],
              let feature = type.abstractInfo?.feature, feature == .referenceTypes || features.contains(feature)
        else {
            throw error("malformed reference type", at: start)
        }
        return type
    }

    /// Spec: core/binary/types#reference-types — `funcref`, `externref`, and (typed references)
    /// `(ref null? ht)` as 0x63/0x64 followed by a heap type.
    public mutating func referenceType(_ features: Features) throws -> ReferenceType {
        let start = position
        let code = try s7()
        if case .reference(let type)? = try valueType(code: code, features, inTable: true) { return type }
        throw error("malformed reference type", at: start)
    }

    /// Spec: core/binary/types#value-types — a number, vector or reference type.
    public mutating func valueType(_ features: Features) throws -> ValueType {
        let start = position
        let code = try s7()
        if let type = try valueType(code: code, features, inTable: false) { return type }
        throw error("malformed value type", at: start)
    }

    /// The value type a type constructor code (already read) starts, if it starts one the features
    /// allow; `funcref` is always allowed as a table's element type.
    private mutating func valueType(code: Int64, _ features: Features, inTable: Bool) throws -> ValueType? {
        guard let byte = typeCode(code) else { return nil }
        if byte == TypeCodes.nullableReference || byte == TypeCodes.nonNullableReference {
            guard features.contains(.functionReferences) else { return nil }
            let heapType = try heapType(features)
            return .reference(ReferenceType(isNullable: byte == TypeCodes.nullableReference, heapType: heapType))
        }
        guard let type = TypeCodes.valueTypes[byte] else { return nil }
        switch type {
        case .vector: return features.contains(.simd) ? type : nil
        case .reference(let r):
            if inTable && r == .funcRef { return type }
            guard let feature = r.heapType.abstractInfo?.feature, features.contains(feature) else { return nil }
            return features.contains(.referenceTypes) ? type : nil
        case .number: return type
        }
    }

    /// Spec: core/binary/types#result-types — `vec(valtype)`.
    public mutating func resultType(_ features: Features) throws -> [ValueType] {
        try vector { try $0.valueType(features) }
    }

    /// Spec: core/binary/types#function-types — 0x60 followed by parameter and result types.
    public mutating func functionType(_ features: Features) throws -> FunctionType {
        let start = position
        guard let byte = typeCode(try s7()), byte == TypeCodes.functionType else {
            throw error("malformed function type", at: start)
        }
        let parameters = try resultType(features)
        let results = try resultType(features)
        return FunctionType(parameters: parameters, results: results)
    }

    /// Spec: core/binary/types#recursive-types — `rectype`: 0x4E and its members, or a single sub type.
    public mutating func recursionGroup(_ features: Features) throws -> RecursionGroup {
        if peek() == TypeCodes.recursionGroup {
            _ = try byte()
            return RecursionGroup(try vector { try $0.subType(features, strict: true) })
        }
        return RecursionGroup(single: try subType(features))
    }

    /// Spec: core/binary/types#recursive-types — `subtype`: 0x50 (non-final) or 0x4F (final) with
    /// the supertypes and a composite type, or a composite type alone (final, no supertypes).
    /// A byte that starts no composite type is wasmparser's "invalid leading byte" after a `sub`
    /// prefix or when `strict` (GC-only places: rec groups, components); otherwise, as in
    /// WebAssembly 2.0, a malformed function type.
    public mutating func subType(_ features: Features, strict: Bool = false) throws -> SubType {
        guard let b = peek(), b == TypeCodes.subType || b == TypeCodes.finalSubType else {
            return SubType(composite: try compositeType(features, strict: strict))
        }
        _ = try byte()
        let supertypes = try vector { try $0.u32() }
        let isFinal = b == TypeCodes.finalSubType
        let composite = try compositeType(features, strict: true)
        return SubType(isFinal: isFinal, supertypes: supertypes, composite: composite)
    }

    /// Spec: core/binary/types#composite-types — 0x60 a function type, 0x5F a struct type (its
    /// fields), 0x5E an array type (its field). A wrong leading byte is wasmparser's "invalid
    /// leading byte" when `strict`, else a malformed function type.
    mutating func compositeType(_ features: Features, strict: Bool) throws -> CompositeType {
        let start = position
        switch peek() {
        case TypeCodes.functionType: return .function(try functionType(features))
        case TypeCodes.structType:
            _ = try byte()
            return .struct(try vector { try $0.fieldType(features) })
        case TypeCodes.arrayType:
            _ = try byte()
            return .array(try fieldType(features))
        case let b? where strict:
            throw error("invalid leading byte (0x\(String(b, radix: 16))) for type", at: start)
        default:
            return .function(try functionType(features))
        }
    }

    /// Spec: core/binary/types#composite-types — `fieldtype`: a storage type (0x78 `i8`, 0x77
    /// `i16`, or a value type) and a mutability byte.
    public mutating func fieldType(_ features: Features) throws -> CompositeType.Field {
        let storage: StorageType
        switch peek() {
        case TypeCodes.i8: _ = try byte(); storage = .i8
        case TypeCodes.i16: _ = try byte(); storage = .i16
        default: storage = .value(try valueType(features))
        }
        let start = position
        switch try byte() {
        case 0: return CompositeType.Field(storage)
        case 1: return CompositeType.Field(storage, isMutable: true)
        default: throw error("malformed mutability", at: start)
        }
    }

    /// Spec: core/binary/types#limits — a flag and a minimum with an optional maximum.
    ///
    /// In WebAssembly 2.0 the flag is a `u1`; threads adds the shared bit (0x02) and memory64
    /// the 64-bit address bit (0x04), whose bounds are then `u64`.
    public mutating func limits(_ features: Features, allowShared: Bool) throws -> Limits {
        try limitsAndPageSize(features, allowShared: allowShared, allowPageSize: false).limits
    }

    /// Limits, and (custom-page-sizes, memories only) the page size's logarithm after them when
    /// flag 0x08 is set.
    mutating func limitsAndPageSize(_ features: Features, allowShared: Bool, allowPageSize: Bool) throws -> (limits: Limits, pageSizeLog2: UInt32?) {
        let start = position
        var allowed: UInt64 = 0x01
        if allowShared && features.contains(.threads) { allowed |= 0x02 }
        if features.contains(.memory64) { allowed |= 0x04 }
        if allowPageSize && features.contains(.customPageSizes) { allowed |= 0x08 }
        let flags: UInt64
        if allowed == 0x01 {
            flags = try unsigned(bits: 1)
        } else {
            flags = UInt64(try u32())
            guard flags & ~allowed == 0 else { throw error("malformed limits flags", at: start) }
        }
        let is64 = flags & 0x04 != 0
        let min = is64 ? try u64() : UInt64(try u32())
        let max: UInt64? = flags & 0x01 != 0 ? (is64 ? try u64() : UInt64(try u32())) : nil
        let pageSizeLog2: UInt32? = flags & 0x08 != 0 ? try u32() : nil
        return (Limits(min: min, max: max, addressType: is64 ? .i64 : .i32, isShared: flags & 0x02 != 0), pageSizeLog2)
    }

    /// Spec: core/binary/types#table-types — a reference type and limits.
    public mutating func tableType(_ features: Features) throws -> TableType {
        let elementType = try referenceType(features)
        let limits = try limits(features, allowShared: false)
        return TableType(limits: limits, elementType: elementType)
    }

    /// Spec: core/binary/types#memory-types — limits.
    public mutating func memoryType(_ features: Features) throws -> MemoryType {
        let (limits, pageSizeLog2) = try limitsAndPageSize(features, allowShared: true, allowPageSize: true)
        return MemoryType(limits: limits, pageSizeLog2: pageSizeLog2)
    }

    /// Spec: core/binary/types#global-types — a value type and a mutability byte.
    public mutating func globalType(_ features: Features) throws -> GlobalType {
        let valueType = try valueType(features)
        let start = position
        switch try byte() {
        case 0: return GlobalType(mutability: .constant, valueType: valueType)
        case 1: return GlobalType(mutability: .variable, valueType: valueType)
        default: throw error("malformed mutability", at: start)
        }
    }
}
