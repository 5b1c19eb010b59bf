/// Spec: core/text/types — value, reference, function, table, memory and global types, read from a cursor.
///
/// These are public so the component text parser can read core types on the same cursor.
/// A `typeIndex` resolver maps a `$name` or number in a concrete heap type to a type index.
extension TextCursor {
    /// Spec: core/text/types — `heaptype`: `func`, `extern`, or (typed references) a type index.
    public mutating func parseHeapType(
        features: Features, typeIndex: ((inout TextCursor) throws -> UInt32)? = nil
    ) throws -> HeapType {
        if let k = peekKeywordText(),
           let row = HeapType.abstractTypes.first(where: { $0.keyword == k }),
           row.feature == .referenceTypes || features.contains(row.feature) {
            position += 1
            return row.type
        }
        if features.contains(.functionReferences), let typeIndex, peekUnsigned || peekIdentifier {
            return .concrete(try typeIndex(&self))
        }
        throw unexpected()
    }

    /// Spec: core/text/types — `reftype`: `funcref`, `externref`, or `(ref null? heaptype)`.
    public mutating func parseReferenceType(
        features: Features, typeIndex: ((inout TextCursor) throws -> UInt32)? = nil
    ) throws -> ReferenceType {
        if takeKeyword("funcref") { return .funcRef }
        if features.contains(.referenceTypes), let k = peekKeywordText(),
           let row = HeapType.abstractTypes.first(where: { $0.shorthand == k }), features.contains(row.feature) {
            position += 1
            return ReferenceType(heapType: row.type)
        }
        if features.contains(.functionReferences) && peekLeftParen("ref") {
            position += 2
            let nullable = takeKeyword("null")
            let heap = try parseHeapType(features: features, typeIndex: typeIndex)
            try expectRightParen()
            return ReferenceType(isNullable: nullable, heapType: heap)
        }
        throw unexpected()
    }

    /// Whether a reference type comes next.
    public func peekReferenceType(features: Features) -> Bool {
        peekKeyword("funcref")
            || (features.contains(.referenceTypes)
                && HeapType.abstractTypes.contains { features.contains($0.feature) && peekKeyword($0.shorthand) })
            || (features.contains(.functionReferences) && peekLeftParen("ref"))
    }

    /// Spec: core/text/types — `valtype`: a number, vector or reference type.
    public mutating func parseValueType(
        features: Features, typeIndex: ((inout TextCursor) throws -> UInt32)? = nil
    ) throws -> ValueType {
        if let k = peekKeywordText() {
            switch k {
            case "i32": position += 1; return .i32
            case "i64": position += 1; return .i64
            case "f32": position += 1; return .f32
            case "f64": position += 1; return .f64
            case "v128" where features.contains(.simd): position += 1; return .v128
            default: break
            }
        }
        return .reference(try parseReferenceType(features: features, typeIndex: typeIndex))
    }

    /// Spec: core/text/types — the `(param ...)*` and `(result ...)*` of a function type.
    ///
    /// `(param $x t)` names one parameter; `(param t*)` declares several without names. With
    /// `allowNames` false (block types, `call_indirect`), a named parameter is "unexpected token".
    /// Returns the type and the parameter names.
    public mutating func parseParametersAndResults(
        features: Features, allowNames: Bool,
        typeIndex: ((inout TextCursor) throws -> UInt32)? = nil
    ) throws -> (type: FunctionType, parameterNames: [String?]) {
        var type = FunctionType()
        var names: [String?] = []
        while peekLeftParen("param") {
            position += 2
            if peekIdentifier {
                guard allowNames else { throw unexpected() }
                let name = takeIdentifier()
                type.parameters.append(try parseValueType(features: features, typeIndex: typeIndex))
                names.append(name)
            } else {
                while !peekRightParen {
                    type.parameters.append(try parseValueType(features: features, typeIndex: typeIndex))
                    names.append(nil)
                }
            }
            try expectRightParen()
        }
        while peekLeftParen("result") {
            position += 2
            while !peekRightParen {
                type.results.append(try parseValueType(features: features, typeIndex: typeIndex))
            }
            try expectRightParen()
        }
        // Parameters come before results.
        if peekLeftParen("param") { throw unexpected() }
        return (type, names)
    }

    /// Spec: core/text/types — `functype`: `(func (param ...)* (result ...)*)`.
    public mutating func parseFunctionType(
        features: Features, typeIndex: ((inout TextCursor) throws -> UInt32)? = nil
    ) throws -> FunctionType {
        try expectLeftParen("func")
        let (type, _) = try parseParametersAndResults(features: features, allowNames: true, typeIndex: typeIndex)
        try expectRightParen()
        return type
    }

    /// Spec: core/text/types — `subtype`: `(sub final? typeidx* comptype)`, or a composite type
    /// alone (final, without supertypes). Value types are read whatever the `gc` feature says:
    /// validation gates the GC forms, as wasm-tools does.
    public mutating func parseSubType(
        features: Features, typeIndex: ((inout TextCursor) throws -> UInt32)? = nil
    ) throws -> SubType {
        guard takeLeftParen("sub") else {
            return SubType(composite: try parseCompositeType(features: features, typeIndex: typeIndex))
        }
        let isFinal = takeKeyword("final")
        var supertypes: [UInt32] = []
        while peekIdentifier || peekUnsigned {
            guard let typeIndex else { throw unexpected() }
            supertypes.append(try typeIndex(&self))
        }
        let composite = try parseCompositeType(features: features, typeIndex: typeIndex)
        try expectRightParen()
        return SubType(isFinal: isFinal, supertypes: supertypes, composite: composite)
    }

    /// Spec: core/text/types — `comptype`: `(func ...)`, `(struct (field ...)*)` or `(array fieldtype)`.
    /// A `(field $id fieldtype)` names one field; `(field fieldtype*)` declares several.
    public mutating func parseCompositeType(
        features: Features, typeIndex: ((inout TextCursor) throws -> UInt32)? = nil
    ) throws -> CompositeType {
        if peekLeftParen("func") {
            return .function(try parseFunctionType(features: features, typeIndex: typeIndex))
        }
        if takeLeftParen("struct") {
            var fields: [CompositeType.Field] = []
            var names = Set<String>()
            while takeLeftParen("field") {
                let at = peek
                if let name = takeIdentifier() {
                    guard names.insert(name).inserted else {
                        throw at.map { error("duplicate field $\(name)", at: $0) } ?? error("duplicate field $\(name)")
                    }
                    fields.append(try parseFieldType(features: features, typeIndex: typeIndex))
                } else {
                    while !peekRightParen { fields.append(try parseFieldType(features: features, typeIndex: typeIndex)) }
                }
                try expectRightParen()
            }
            try expectRightParen()
            return .struct(fields)
        }
        try expectLeftParen("array")
        let element = try parseFieldType(features: features, typeIndex: typeIndex)
        try expectRightParen()
        return .array(element)
    }

    /// Spec: core/text/types — `fieldtype`: a storage type (`i8`, `i16` or a value type), or
    /// `(mut storagetype)`.
    public mutating func parseFieldType(
        features: Features, typeIndex: ((inout TextCursor) throws -> UInt32)? = nil
    ) throws -> CompositeType.Field {
        let isMutable = takeLeftParen("mut")
        let storage: StorageType
        if takeKeyword("i8") {
            storage = .i8
        } else if takeKeyword("i16") {
            storage = .i16
        } else {
            storage = .value(try parseValueType(features: features, typeIndex: typeIndex))
        }
        if isMutable { try expectRightParen() }
        return CompositeType.Field(storage, isMutable: isMutable)
    }

    /// Spec: core/text/types — `limits`: `min max?` (`u32`, or `u64` for 64-bit address types),
    /// with `shared` after them under threads.
    public mutating func parseLimits(addressType: AddressType = .i32, features: Features) throws -> Limits {
        let min = addressType == .i64 ? try expectU64() : UInt64(try expectU32())
        var max: UInt64?
        if peekUnsigned { max = addressType == .i64 ? try expectU64() : UInt64(try expectU32()) }
        var limits = Limits(min: min, max: max, addressType: addressType)
        if features.contains(.threads) && takeKeyword("shared") { limits.isShared = true }
        return limits
    }

    /// The address type keyword before limits under memory64 (`i32` or `i64`), defaulting to `i32`.
    public mutating func parseAddressType(features: Features) -> AddressType {
        guard features.contains(.memory64) else { return .i32 }
        if takeKeyword("i64") { return .i64 }
        _ = takeKeyword("i32")
        return .i32
    }

    /// Spec: core/text/types — `tabletype`: `limits reftype`.
    public mutating func parseTableType(
        features: Features, typeIndex: ((inout TextCursor) throws -> UInt32)? = nil
    ) throws -> TableType {
        let addressType = parseAddressType(features: features)
        let limits = try parseLimits(addressType: addressType, features: features)
        let element = try parseReferenceType(features: features, typeIndex: typeIndex)
        return TableType(limits: limits, elementType: element)
    }

    /// Spec: core/text/types — `memtype`: `limits`, then (custom-page-sizes) `(pagesize n)`.
    public mutating func parseMemoryType(features: Features) throws -> MemoryType {
        let addressType = parseAddressType(features: features)
        let limits = try parseLimits(addressType: addressType, features: features)
        return MemoryType(limits: limits, pageSizeLog2: try parsePageSize(features: features))
    }

    /// `(pagesize n)` with `n` a power of two, as its logarithm; `nil` when absent.
    public mutating func parsePageSize(features: Features) throws -> UInt32? {
        guard features.contains(.customPageSizes), peekLeftParen("pagesize") else { return nil }
        position += 2
        let size = try expectU64()
        guard size != 0, size & (size - 1) == 0 else { throw error("invalid custom page size") }
        try expectRightParen()
        return UInt32(size.trailingZeroBitCount)
    }

    /// Spec: core/text/types — `globaltype`: `valtype` or `(mut valtype)`.
    public mutating func parseGlobalType(
        features: Features, typeIndex: ((inout TextCursor) throws -> UInt32)? = nil
    ) throws -> GlobalType {
        if peekLeftParen("mut") {
            position += 2
            let t = try parseValueType(features: features, typeIndex: typeIndex)
            try expectRightParen()
            return GlobalType(mutability: .variable, valueType: t)
        }
        return GlobalType(mutability: .constant, valueType: try parseValueType(features: features, typeIndex: typeIndex))
    }
}
