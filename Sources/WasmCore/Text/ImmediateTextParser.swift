/// Spec: core/text/instructions — the immediates of an instruction, read by their kind in the index of instructions.
extension ModuleTextParser {
    /// Spec: core/text/instructions — a block type: a type use, or the `(result t)?` abbreviation.
    mutating func parseBlockType() throws -> BlockType {
        guard c.peekLeftParen("type") || c.peekLeftParen("param") || c.peekLeftParen("result") else { return .empty }
        let location = c.location
        var explicit: UInt32?
        if c.takeLeftParen("type") {
            explicit = try c.parseIndex(types)
            try c.expectRightParen()
        }
        let hasInline = c.peekLeftParen("param") || c.peekLeftParen("result")
        let (inline, _) = try c.parseParametersAndResults(features: features, allowNames: false, typeIndex: typeResolver)
        if let explicit {
            if hasInline { try checkInlineType(inline, matches: explicit, at: location) }
            return .typeIndex(explicit)
        }
        if inline.parameters.isEmpty && inline.results.count <= 1 {
            return inline.results.first.map { .value($0) } ?? .empty
        }
        return .typeIndex(try implicitType(inline))
    }

    /// Spec: core/text/instructions — a label: an index, or the name of an enclosing block.
    mutating func parseLabel(_ context: FunctionContext) throws -> UInt32 {
        if let t = c.peek, t.kind == .identifier {
            let name = String(decoding: t.bytes, as: UTF8.self)
            guard let i = context.labels.lastIndex(where: { $0 == name }) else {
                throw c.error("unknown label $\(name)", at: t)
            }
            c.position += 1
            return UInt32(context.labels.count - 1 - i)
        }
        return try c.expectU32()
    }

    /// An optional index in `space`, defaulting to 0.
    private mutating func optionalIndex(_ space: IndexSpace) throws -> UInt32 {
        c.peekIndex ? try c.parseIndex(space) : 0
    }

    /// Reads the immediates of a non-structured instruction.
    mutating func parseOperation(_ definition: InstructionDefinition, _ context: inout FunctionContext) throws -> Instruction {
        let opcode = definition.opcode
        if opcode == .memoryInit || opcode == .dataDrop { module.hasDataCount = true }
        let immediate: Immediate
        switch definition.immediates {
        case .none:
            if opcode == .select && c.peekLeftParen("result") && features.contains(.referenceTypes) {
                var results: [ValueType] = []
                while c.takeLeftParen("result") {
                    while !c.peekRightParen {
                        results.append(try c.parseValueType(features: features, typeIndex: typeResolver))
                    }
                    try c.expectRightParen()
                }
                return Instruction(.selectTyped, .valueTypes(results))
            }
            immediate = .none
        case .valueTypes:
            var results: [ValueType] = []
            while c.takeLeftParen("result") {
                while !c.peekRightParen { results.append(try c.parseValueType(features: features, typeIndex: typeResolver)) }
                try c.expectRightParen()
            }
            immediate = .valueTypes(results)
        case .blockType:
            immediate = .block(try parseBlockType())
        case .label:
            immediate = .index(try parseLabel(context))
        case .labelTable:
            var labels = [try parseLabel(context)]
            while c.peekIndex { labels.append(try parseLabel(context)) }
            let defaultTarget = labels.removeLast()
            immediate = .branchTable(targets: labels, defaultTarget: defaultTarget)
        case .function:
            immediate = .index(try c.parseIndex(functions))
        case .callIndirect:
            let table = try optionalIndex(tables)
            let type = try parseTypeUse(allowNames: false).index
            immediate = .indices(type, table)
        case .local:
            immediate = .index(try c.parseIndex(context.locals))
        case .global:
            immediate = .index(try c.parseIndex(globals))
        case .tag:
            immediate = .index(try c.parseIndex(tags))
        case .tryTable:
            throw c.error("try_table is a structured instruction")
        case .table:
            immediate = .index(try optionalIndex(tables))
        case .memory, .memoryFill:
            immediate = .index(try optionalIndex(memories))
        case .memoryArgument(let natural):
            let memory = try optionalIndex(memories)
            immediate = .memory(try parseMemoryArgument(natural: natural, memory: memory))
        case .memoryLane(let natural, let lanes):
            var memory: UInt32 = 0
            if c.peekIdentifier || (c.peekUnsigned && c.peek(1)?.kind == .unsigned) {
                memory = try c.parseIndex(memories)
            }
            let argument = try parseMemoryArgument(natural: natural, memory: memory)
            immediate = .memoryLane(argument, lane: try parseLaneIndex())
        case .lane(let count):
            immediate = .lane(try parseLaneIndex())
        case .shuffle:
            immediate = .shuffle(try parseShuffleLanes())
        case .i32:
            immediate = .i32(try c.expectI32())
        case .i64:
            immediate = .i64(try c.expectI64())
        case .f32:
            immediate = .f32(try c.expectF32())
        case .f64:
            immediate = .f64(try c.expectF64())
        case .v128:
            immediate = .v128(try c.expectV128())
        case .heapType:
            immediate = .heapType(try c.parseHeapType(features: features, typeIndex: typeResolver))
        case .element:
            immediate = .index(try c.parseIndex(elements))
        case .data:
            immediate = .index(try c.parseIndex(datas))
        case .tableCopy:
            if c.peekIndex {
                let destination = try c.parseIndex(tables)
                immediate = .indices(destination, try c.parseIndex(tables))
            } else {
                immediate = .indices(0, 0)
            }
        case .memoryCopy:
            if c.peekIndex {
                let destination = try c.parseIndex(memories)
                immediate = .indices(destination, try c.parseIndex(memories))
            } else {
                immediate = .indices(0, 0)
            }
        case .tableInit:
            var table: UInt32 = 0
            if c.peekIndex, let next = c.peek(1), next.kind == .unsigned || next.kind == .identifier {
                table = try c.parseIndex(tables)
            }
            immediate = .indices(try c.parseIndex(elements), table)
        case .memoryInit:
            var memory: UInt32 = 0
            if c.peekIndex, let next = c.peek(1), next.kind == .unsigned || next.kind == .identifier {
                memory = try c.parseIndex(memories)
            }
            immediate = .indices(try c.parseIndex(datas), memory)
        }
        return Instruction(opcode, immediate)
    }

    /// Spec: core/text/instructions — `memarg`: `offset=u32`? `align=u32`? (a power of two, stored as its log).
    private mutating func parseMemoryArgument(natural: UInt32, memory: UInt32) throws -> MemoryArgument {
        var argument = MemoryArgument(align: natural, offset: 0, memory: memory)
        if let k = c.peekKeywordText(), k.hasPrefix("offset="), let t = c.peek {
            guard let value = NumberLiteral.unsignedValue(Array(k.utf8.dropFirst(7))) else {
                throw c.error("unknown operator \(k)", at: t)
            }
            if !features.contains(.memory64) && value > UInt64(UInt32.max) {
                throw c.error("i32 constant out of range", at: t)
            }
            argument.offset = value
            c.position += 1
        }
        if let k = c.peekKeywordText(), k.hasPrefix("align="), let t = c.peek {
            guard let value = NumberLiteral.unsignedValue(Array(k.utf8.dropFirst(6))) else {
                throw c.error("unknown operator \(k)", at: t)
            }
            guard value != 0, value & (value - 1) == 0 else {
                throw c.error("alignment must be a power of two", at: t)
            }
            argument.align = UInt32(value.trailingZeroBitCount)
            c.position += 1
        }
        return argument
    }

    /// Spec: core/text/instructions (vector) — a lane index: a `u8` ("malformed lane index" otherwise).
    ///
    /// In a shuffle any number literal that is not a `u8` is a malformed lane index; elsewhere only
    /// an unsigned one is (a signed or float literal is "unexpected token").
    private mutating func parseLaneIndex(shuffle: Bool = false) throws -> UInt8 {
        guard let t = c.peek else { throw c.unexpected() }
        guard t.isNumber, shuffle || t.kind == .unsigned else { throw c.unexpected() }
        guard t.kind == .unsigned, let v = NumberLiteral.unsignedValue(c.bytes(of: t)), v <= 255 else {
            throw c.error("malformed lane index", at: t)
        }
        c.position += 1
        return UInt8(v)
    }

    /// Spec: core/text/instructions (vector) — the 16 lane indices of `i8x16.shuffle`.
    private mutating func parseShuffleLanes() throws -> [UInt8] {
        guard c.literalRun() == 16 else { throw c.error("invalid lane length") }
        var lanes: [UInt8] = []
        for _ in 0..<16 { lanes.append(try parseLaneIndex(shuffle: true)) }
        return lanes
    }
}
