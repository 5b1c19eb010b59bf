/// Spec: core/binary/types — writing types (the inverse of `TypeDecoding`).
extension BinaryWriter {
    /// Spec: core/binary/types — value types.
    public mutating func valueType(_ type: ValueType) {
        switch type {
        case .number(let n): byte(TypeCodes.byte(of: n))
        case .vector: byte(0x7B)
        case .reference(let r): referenceType(r)
        }
    }

    /// Spec: core/binary/types — reference types: the shorthand byte for `funcref`/`externref`,
    /// else 0x63/0x64 and the heap type.
    public mutating func referenceType(_ type: ReferenceType) {
        if type.isNullable, let b = TypeCodes.byte(of: type.heapType) {
            byte(b)
            return
        }
        byte(type.isNullable ? TypeCodes.nullableReference : TypeCodes.nonNullableReference)
        heapType(type.heapType)
    }

    /// Spec: core/binary/types — heap types.
    public mutating func heapType(_ type: HeapType) {
        if case .concrete(let index) = type { signed(Int64(index)) } else { byte(TypeCodes.byte(of: type) ?? 0) }
    }

    /// Spec: core/binary/types — function types.
    public mutating func functionType(_ type: FunctionType) {
        byte(TypeCodes.functionType)
        vector(type.parameters) { $0.valueType($1) }
        vector(type.results) { $0.valueType($1) }
    }

    /// Spec: core/binary/types#recursive-types — a recursion group: 0x4E and its members when
    /// written with `rec`, else its one sub type.
    public mutating func recursionGroup(_ group: RecursionGroup) {
        if group.isExplicit || group.members.count != 1 {
            byte(TypeCodes.recursionGroup)
            vector(group.members) { $0.subType($1) }
        } else if let member = group.members.first {
            subType(member)
        }
    }

    /// Spec: core/binary/types#recursive-types — a sub type, abbreviated to its composite type
    /// when final without supertypes.
    public mutating func subType(_ s: SubType) {
        if !s.isAbbreviated {
            byte(s.isFinal ? TypeCodes.finalSubType : TypeCodes.subType)
            vector(s.supertypes) { $0.u32($1) }
        }
        switch s.composite {
        case .function(let f): functionType(f)
        case .struct(let fields):
            byte(TypeCodes.structType)
            vector(fields) { $0.fieldType($1) }
        case .array(let f):
            byte(TypeCodes.arrayType)
            fieldType(f)
        }
    }

    /// Spec: core/binary/types#composite-types — a field type: storage type and mutability.
    public mutating func fieldType(_ f: CompositeType.Field) {
        switch f.storage {
        case .i8: byte(TypeCodes.i8)
        case .i16: byte(TypeCodes.i16)
        case .value(let t): valueType(t)
        }
        byte(f.isMutable ? 1 : 0)
    }

    /// Spec: core/binary/types — limits and their flags.
    public mutating func limits(_ limits: Limits, pageSizeLog2: UInt32? = nil) {
        var flags: UInt8 = limits.max == nil ? 0 : 1
        if limits.isShared { flags |= 0x02 }
        if limits.addressType == .i64 { flags |= 0x04 }
        if pageSizeLog2 != nil { flags |= 0x08 }
        byte(flags)
        unsigned(limits.min)
        if let max = limits.max { unsigned(max) }
        if let log2 = pageSizeLog2 { unsigned(UInt64(log2)) }
    }

    /// Spec: core/binary/types — table types.
    public mutating func tableType(_ type: TableType) {
        referenceType(type.elementType)
        limits(type.limits)
    }

    /// Spec: core/binary/types — memory types.
    public mutating func memoryType(_ type: MemoryType) { limits(type.limits, pageSizeLog2: type.pageSizeLog2) }

    /// Spec: core/binary/types — global types.
    public mutating func globalType(_ type: GlobalType) {
        valueType(type.valueType)
        byte(type.mutability.rawValue)
    }

    /// Spec: core/binary/instructions — block types.
    public mutating func blockType(_ type: BlockType) {
        switch type {
        case .empty: byte(TypeCodes.emptyBlockType)
        case .value(let t): valueType(t)
        case .typeIndex(let x): signed(Int64(x))
        }
    }
}
