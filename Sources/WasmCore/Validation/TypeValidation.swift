/// Spec: core/valid/types — the validity of types, and the features that gate them.
extension ValidationContext {
    /// Fails unless `feature` is enabled, naming what needed it.
    func require(_ feature: Feature, for what: @autoclosure () -> String) throws {
        guard features.contains(feature) else {
            throw WasmError.invalid("\(what()) requires the \(feature.rawValue) feature")
        }
    }

    /// Fails unless `feature` is enabled, with wasmparser's `message`.
    func require(_ feature: Feature, message: String) throws {
        guard features.contains(feature) else { throw WasmError.invalid(message) }
    }

    /// Spec: core/valid/types — heap types: abstract ones are valid; a type index must be defined.
    func validate(_ heapType: HeapType) throws {
        if case .concrete(let x) = heapType {
            try require(.functionReferences, for: "a typed reference")
            _ = try Self.lookup(types, x, "type")
        } else if let row = heapType.abstractInfo {
            try require(row.feature, for: "heap type \(row.keyword)")
        }
    }

    /// Spec: core/valid/types — reference types.
    func validate(_ referenceType: ReferenceType) throws {
        try require(.referenceTypes, for: "reference type \(typeName(.reference(referenceType)))")
        if !referenceType.isNullable { try require(.functionReferences, for: "a non-nullable reference type") }
        try validate(referenceType.heapType)
    }

    /// Spec: core/valid/types — value types (vectors need SIMD, references need reference types).
    func validate(_ valueType: ValueType) throws {
        switch valueType {
        case .number: return
        case .vector: try require(.simd, for: "type v128")
        case .reference(let r): try validate(r)
        }
    }

    /// Spec: core/valid/types — function types: all their value types are valid (and, without
    /// multi-value, at most one result).
    func validate(_ functionType: FunctionType) throws {
        for t in functionType.parameters { try validate(t) }
        for t in functionType.results { try validate(t) }
        if functionType.results.count > 1 { try require(.multiValue, for: "a function type with multiple results") }
    }

    /// Spec: core/valid/types — recursive types, and core/valid/modules — the type section: a
    /// recursion group's members refer only to types before the group's end (to the group itself
    /// only with GC), declare at most one supertype each, defined before them, not final and
    /// matching; their composite types are valid (struct and array types need GC). The group's
    /// members then join the context's types. Messages are wasmparser's.
    mutating func addRecursionGroup(_ group: RecursionGroup) throws {
        let gc = features.contains(.gc)
        if group.isExplicit { try require(.gc, message: "rec group usage requires `gc` proposal to be enabled") }
        let start = hierarchy.subTypes.count
        let end = start + group.members.count
        for (j, member) in group.members.enumerated() {
            guard member.supertypes.count <= 1 else { throw WasmError.invalid("multiple supertypes not supported") }
            if let s = member.supertypes.first, Int(s) >= start + j {
                throw WasmError.invalid("supertypes must be defined before subtypes")
            }
            for case .reference(let r) in member.valueTypes {
                guard case .concrete(let x) = r.heapType else { continue }
                if Int(x) >= end || Int(x) >= types.count { throw WasmError.invalid("unknown type \(x): type index out of bounds") }
                if Int(x) >= start, !gc {
                    throw WasmError.invalid("unknown type \(x): type index out of bounds because the GC proposal is disabled")
                }
            }
        }
        hierarchy.append(group.members)
        for member in group.members {
            if !member.isAbbreviated { try require(.gc, message: "gc proposal must be enabled to use subtypes") }
            switch member.composite {
            case .function(let f):
                try validate(f)
            case .struct:
                try require(.gc, message: "struct indexed types not supported without the gc feature")
                for t in member.valueTypes { try validate(t) }
            case .array:
                try require(.gc, message: "array indexed types not supported without the gc feature")
                for t in member.valueTypes { try validate(t) }
            }
            if let s = member.supertypes.first {
                let supertype = hierarchy.subTypes[Int(s)]
                if supertype.isFinal { throw WasmError.invalid("sub type cannot have a final super type") }
                guard hierarchy.matches(member.composite, supertype.composite) else {
                    throw WasmError.invalid("sub type must match super type")
                }
            }
        }
    }

    /// Spec: core/valid/types — limits `{min, max?}` within `range`: both bounds at most `range`,
    /// and the minimum at most the maximum.
    func validate(_ limits: Limits, range: UInt64, message: String) throws {
        guard limits.min <= range else { throw WasmError.invalid(message) }
        if let max = limits.max {
            guard max <= range else { throw WasmError.invalid(message) }
            guard limits.min <= max else { throw WasmError.invalid("size minimum must not be greater than maximum") }
        }
        if limits.addressType == .i64 { try require(.memory64, for: "a 64-bit address type") }
    }

    /// Spec: core/valid/types — table types: limits within 2^32-1 (2^64-1 with 64-bit addresses)
    /// and a valid element type. Without reference types only `funcref` tables exist.
    func validate(_ tableType: TableType) throws {
        if tableType.limits.addressType == .i64 {
            try validate(tableType.limits, range: UInt64.max, message: "table size must be at most 2^64-1")
        } else {
            try validate(tableType.limits, range: 0xFFFF_FFFF, message: "table size must be at most 2^32-1")
        }
        if tableType.limits.isShared { try require(.sharedEverythingThreads, for: "a shared table") }
        if tableType.elementType != .funcRef || features.contains(.referenceTypes) {
            try validate(tableType.elementType)
        }
    }

    /// Spec: core/valid/types — memory types: at most 65536 pages (2^48 with 64-bit addresses);
    /// a shared memory needs threads and a maximum.
    func validate(_ memoryType: MemoryType) throws {
        if let log2 = memoryType.pageSizeLog2 {
            guard log2 == 0 || log2 == 16 else { throw WasmError.invalid("invalid custom page size") }
        }
        if memoryType.pageSizeLog2 == 0 {
            // Byte-sized pages: the bounds are the address space's, in bytes.
            let range: UInt64 = memoryType.limits.addressType == .i64 ? UInt64.max : 1 << 32
            try validate(memoryType.limits, range: range, message: "memory size must be at most \(range) pages")
        } else if memoryType.limits.addressType == .i64 {
            try validate(memoryType.limits, range: 1 << 48, message: "memory size must be at most 2^48 pages")
        } else {
            try validate(memoryType.limits, range: 65536, message: "memory size must be at most 65536 pages (4GiB)")
        }
        if memoryType.limits.isShared {
            try require(.threads, for: "a shared memory")
            guard memoryType.limits.max != nil else { throw WasmError.invalid("shared memory must have maximum size") }
        }
    }

    /// Spec: core/valid/types — global types: a valid value type.
    func validate(_ globalType: GlobalType) throws {
        try validate(globalType.valueType)
    }

    /// Spec: core/valid/types — block types: an index names a function type. Before multi-value a
    /// block type was empty or one value type; a type index (even of `[] -> [t]`) needs multi-value.
    func functionType(of blockType: BlockType) throws -> FunctionType {
        switch blockType {
        case .empty:
            return FunctionType()
        case .value(let t):
            try validate(t)
            return FunctionType(results: [t])
        case .typeIndex(let x):
            let type = try type(x)
            try require(.multiValue, for: "a block type given by a type index")
            return type
        }
    }
}

/// A value type as the text format writes it, for error messages.
func typeName(_ type: ValueType?) -> String {
    guard let type else { return "_" }
    switch type {
    case .number(let n): return "\(n)"
    case .vector: return "v128"
    case .reference(let r):
        if case .concrete(let x) = r.heapType { return r.isNullable ? "(ref null \(x))" : "(ref \(x))" }
        guard let row = r.heapType.abstractInfo else { return "_" }
        return r.isNullable ? row.shorthand : "(ref \(row.keyword))"
    }
}

/// A list of value types as `[t1 t2 ...]`, for error messages.
func typeNames(_ types: [ValueType?]) -> String {
    "[" + types.map(typeName).joined(separator: " ") + "]"
}

/// Spec: core/valid/types — validates an external type on its own (as a component's core type
/// definitions or module types need): its value types, limits and feature gates. `types` are the
/// function types that concrete heap types may name.
public func validateExternalType(_ type: ExternalType, types: [FunctionType] = [], features: Features = .wasm2) throws {
    var context = ValidationContext(features: features)
    context.types = types
    switch type {
    case .function(let f): try context.validate(f)
    case .table(let t): try context.validate(t)
    case .memory(let m): try context.validate(m)
    case .global(let g):
        try context.validate(g)
    case .tag(let f):
        try context.require(.exceptions, for: "a tag")
        try context.validate(f)
        guard f.results.isEmpty else { throw WasmError.invalid("non-empty tag result type") }
    }
}
