/// Spec: core/binary/instructions — writing instructions, driven by the index of instructions
/// (the inverse of `InstructionDecoding`).
extension BinaryWriter {
    /// Writes one instruction: its encoding from the table, then its immediates.
    public mutating func instruction(_ instruction: Instruction) {
        let definition = instruction.opcode.definition
        if let prefix = definition.encoding.prefix {
            byte(prefix)
            u32(definition.encoding.code)
        } else {
            byte(UInt8(truncatingIfNeeded: definition.encoding.code))
        }
        immediate(instruction.immediate, kind: definition.immediates)
    }

    /// Spec: core/binary/instructions — expressions: an instruction sequence and the `end` that closes it.
    public mutating func expression(_ instructions: [Instruction]) {
        for i in instructions { instruction(i) }
        byte(UInt8(truncatingIfNeeded: Opcode.end.definition.encoding.code))
    }

    /// Spec: core/binary/instructions — `memarg`; a non-zero memory index sets bit 6 of the flags
    /// and follows them (multi-memory).
    public mutating func memoryArgument(_ argument: MemoryArgument) {
        if argument.memory == 0 {
            u32(argument.align)
        } else {
            u32(argument.align | 0x40)
            u32(argument.memory)
        }
        unsigned(argument.offset)
    }

    /// Writes immediates of the shape `kind`.
    ///
    /// An immediate of another shape (which neither the decoder nor the text parser produces) is
    /// written as the kind's zero value, so that encoding stays total.
    mutating func immediate(_ immediate: Immediate, kind: InstructionDefinition.ImmediateKind) {
        switch kind {
        case .none:
            return
        case .blockType:
            guard case .block(let type) = immediate else { return blockType(.empty) }
            blockType(type)
        case .label, .function, .local, .global, .table, .element, .data, .memory, .memoryFill, .tag:
            guard case .index(let x) = immediate else { return u32(0) }
            u32(x)
        case .tryTable:
            guard case .tryTable(let type, let catches) = immediate else {
                blockType(.empty)
                return u32(0)
            }
            blockType(type)
            vector(catches) { w, c in
                w.byte(c.kind.rawValue)
                if let tag = c.tag { w.u32(tag) }
                w.u32(c.label)
            }
        case .labelTable:
            guard case .branchTable(let targets, let defaultTarget) = immediate else {
                u32(0)
                return u32(0)
            }
            vector(targets) { $0.u32($1) }
            u32(defaultTarget)
        case .callIndirect, .tableCopy, .tableInit, .memoryInit, .memoryCopy:
            guard case .indices(let x, let y) = immediate else {
                u32(0)
                return u32(0)
            }
            u32(x)
            u32(y)
        case .memoryArgument:
            guard case .memory(let argument) = immediate else {
                return memoryArgument(MemoryArgument(align: 0, offset: 0))
            }
            memoryArgument(argument)
        case .memoryLane:
            guard case .memoryLane(let argument, let lane) = immediate else {
                memoryArgument(MemoryArgument(align: 0, offset: 0))
                return byte(0)
            }
            memoryArgument(argument)
            byte(lane)
        case .lane:
            guard case .lane(let lane) = immediate else { return byte(0) }
            byte(lane)
        case .shuffle:
            guard case .shuffle(let lanes) = immediate else { return raw(repeatElement(0, count: 16)) }
            // Exactly 16 lane indices, padded or cut if the syntax tree holds another number.
            raw((lanes + repeatElement(0, count: 16)).prefix(16))
        case .i32:
            guard case .i32(let v) = immediate else { return signed(0) }
            signed(Int64(v))
        case .i64:
            guard case .i64(let v) = immediate else { return signed(0) }
            signed(v)
        case .f32:
            guard case .f32(let bits) = immediate else { return littleEndian(0, count: 4) }
            littleEndian(UInt64(bits), count: 4)
        case .f64:
            guard case .f64(let bits) = immediate else { return littleEndian(0, count: 8) }
            littleEndian(bits, count: 8)
        case .v128:
            guard case .v128(let v) = immediate else { return raw(V128.zero.bytes) }
            raw(v.bytes)
        case .heapType:
            guard case .heapType(let type) = immediate else { return heapType(.func) }
            heapType(type)
        case .valueTypes:
            guard case .valueTypes(let types) = immediate else { return length(0) }
            vector(types) { $0.valueType($1) }
        }
    }
}
