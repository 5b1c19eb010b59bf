/// Spec: core/binary/instructions — reading instructions by looking each opcode up in the index of
/// instructions and reading its immediates by their kind.
extension ByteReader {
    /// Spec: core/binary/instructions#expressions — an instruction sequence closed by the `end`
    /// that matches no block; that final `end` is consumed but not returned.
    mutating func expression(_ features: Features) throws -> [Instruction] {
        var body: [Instruction] = []
        // One entry per open block: whether it is an `if` that may still take an `else`.
        var open: [Bool] = []
        while true {
            let start = position
            let instruction = try instruction(features)
            switch instruction.opcode {
            case .block, .loop, .tryTable:
                open.append(false)
            case .if:
                open.append(true)
            case .else:
                guard let last = open.last, last else { throw error("END opcode expected", at: start) }
                open[open.count - 1] = false
            case .end:
                if open.isEmpty { return body }
                open.removeLast()
            default:
                break
            }
            body.append(instruction)
        }
    }

    /// Spec: core/binary/instructions — one instruction: its opcode (a byte, or a prefix byte and a
    /// `u32`), then its immediates.
    mutating func instruction(_ features: Features) throws -> Instruction {
        let start = position
        let first = try byte()
        let opcode: Opcode
        if let single = InstructionTable.byByte[Int(first)] {
            opcode = single
        } else if let table = InstructionTable.byPrefix[first] {
            let code = try u32()
            guard let prefixed = table[code] else {
                throw error("illegal opcode \(hex(first)) \(hex(code))", at: start)
            }
            opcode = prefixed
        } else if first == 0xFB, features.contains(.gc) {
            throw error("illegal opcode \(hex(first)): GC instructions are not supported", at: start)
        } else {
            throw error("illegal opcode \(hex(first))", at: start)
        }
        let definition = opcode.definition
        if let feature = definition.feature, !features.contains(feature) {
            let code = definition.encoding.prefix == nil ? "" : " \(hex(definition.encoding.code))"
            throw error("illegal opcode \(hex(first))\(code)", at: start)
        }
        return Instruction(opcode, try immediate(definition.immediates, features))
    }

    /// Reads the immediates of one kind; the one place every instruction's operands are decoded.
    private mutating func immediate(
        _ kind: InstructionDefinition.ImmediateKind, _ features: Features
    ) throws -> Immediate {
        switch kind {
        case .none:
            return .none
        case .blockType:
            return .block(try blockType(features))
        case .label, .function, .local, .global, .table, .element, .data, .tag:
            return .index(try u32())
        case .tryTable:
            let type = try blockType(features)
            let catches = try vector { r -> CatchClause in
                let start = r.position
                guard let kind = CatchClause.Kind(rawValue: try r.byte()) else { throw r.error("malformed catch clause", at: start) }
                let tag = kind.hasTag ? try r.u32() : nil
                return CatchClause(kind, tag: tag, label: try r.u32())
            }
            return .tryTable(type, catches)
        case .labelTable:
            let targets = try vector { try $0.u32() }
            return .branchTable(targets: targets, defaultTarget: try u32())
        case .callIndirect:
            let type = try u32()
            let table = features.contains(.referenceTypes) ? try u32() : try zeroByte()
            return .indices(type, table)
        case .memory, .memoryFill:
            return .index(try memoryIndex(features))
        case .memoryArgument:
            return .memory(try memoryArgument(features))
        case .memoryLane:
            let argument = try memoryArgument(features)
            return .memoryLane(argument, lane: try byte())
        case .lane:
            return .lane(try byte())
        case .shuffle:
            return .shuffle(try bytes(16))
        case .i32:
            return .i32(try s32())
        case .i64:
            return .i64(try s64())
        case .f32:
            return .f32(UInt32(truncatingIfNeeded: try littleEndian(4)))
        case .f64:
            return .f64(try littleEndian(8))
        case .v128:
            return .v128(V128(bytes: try bytes(16)))
        case .heapType:
            return .heapType(try heapType(features))
        case .valueTypes:
            return .valueTypes(try resultType(features))
        case .tableCopy, .tableInit:
            let first = try u32()
            return .indices(first, try u32())
        case .memoryInit:
            let data = try u32()
            return .indices(data, try memoryIndex(features))
        case .memoryCopy:
            let destination = try memoryIndex(features)
            return .indices(destination, try memoryIndex(features))
        }
    }

    /// Spec: core/binary/instructions#control-instructions — `blocktype`: 0x40 (empty), a value
    /// type, or a type index as a non-negative `s33`.
    mutating func blockType(_ features: Features) throws -> BlockType {
        let start = position
        if let index = try? s33(), index >= 0 {
            return .typeIndex(UInt32(truncatingIfNeeded: index))
        }
        position = start
        if peek() == TypeCodes.emptyBlockType {
            position += 1
            return .empty
        }
        return .value(try valueType(features))
    }

    /// A memory index where WebAssembly 2.0 has a reserved zero byte: a `u32` under multi-memory.
    private mutating func memoryIndex(_ features: Features) throws -> UInt32 {
        features.contains(.multiMemory) ? try u32() : try zeroByte()
    }

    /// A reserved byte that must be zero.
    private mutating func zeroByte() throws -> UInt32 {
        let start = position
        guard try byte() == 0 else { throw error("zero byte expected", at: start) }
        return 0
    }

    /// Spec: core/binary/instructions#memory-instructions — `memarg`: alignment flags and offset.
    /// Under multi-memory, bit 6 of the flags announces a memory index.
    private mutating func memoryArgument(_ features: Features) throws -> MemoryArgument {
        let start = position
        var flags = try u32()
        var memory: UInt32 = 0
        if features.contains(.multiMemory), flags & 0x40 != 0 {
            flags &= ~0x40
            memory = try u32()
        }
        guard flags < 32 else { throw error("malformed memop flags", at: start) }
        let offset = features.contains(.memory64) ? try u64() : UInt64(try u32())
        return MemoryArgument(align: flags, offset: offset, memory: memory)
    }

    private func hex<T: BinaryInteger>(_ value: T) -> String {
        let digits = String(value, radix: 16)
        return digits.count < 2 ? "0" + digits : digits
    }
}
