/// Spec: core/text/instructions — plain and folded instructions, and their immediates.
///
/// Instructions are recognized by name in the index of instructions, and their immediates are read
/// by one switch over `ImmediateKind`; only the structured instructions have syntax of their own.
extension ModuleTextParser {
    /// Reads instructions up to a `)`, an `end` or `else` keyword, or the end of input.
    mutating func parseInstructions(_ context: inout FunctionContext, into out: inout [Instruction]) throws {
        while let t = c.peek {
            switch t.kind {
            case .rightParen:
                return
            case .leftParen:
                try parseFoldedInstruction(&context, into: &out)
            case .keyword:
                if c.peekKeyword("end") || c.peekKeyword("else") { return }
                try parsePlainInstruction(&context, into: &out)
            default:
                throw c.unexpected()
            }
        }
    }

    /// Counts one more level of instruction nesting; past `maximumNesting` the text is rejected
    /// rather than risking the native stack.
    private mutating func enterNesting() throws {
        guard nesting < ModuleTextParser.maximumNesting else { throw c.error("instructions nested too deeply") }
        nesting += 1
    }

    /// The definition of the instruction named by the next keyword, if it names one the features allow.
    private func instructionDefinition() -> InstructionDefinition? {
        guard let name = c.peekKeywordText(), let opcode = InstructionTable.byName[name] else { return nil }
        let definition = opcode.definition
        if let feature = definition.feature, !features.contains(feature) { return nil }
        return definition
    }

    /// Reads the keyword of an instruction, or fails with "unknown operator" / "unexpected token".
    private mutating func expectInstruction() throws -> InstructionDefinition {
        guard let definition = instructionDefinition() else {
            if let t = c.peek, t.kind == .keyword {
                let name = c.text(of: t)
                if TextKeywords.unsupportedGCInstructions.contains(name), InstructionTable.byName[name] == nil {
                    throw c.error("unknown operator \(name): GC instructions are not supported", at: t)
                }
                if InstructionTable.byName[name] != nil || !TextKeywords.isKnown(name) {
                    throw c.error("unknown operator \(name)", at: t)
                }
            }
            throw c.unexpected()
        }
        c.position += 1
        return definition
    }

    /// Spec: core/text/instructions — a block's label `$l?`, bound for its body.
    private mutating func pushLabel(_ context: inout FunctionContext) {
        context.labels.append(c.takeIdentifier())
    }

    /// Spec: core/text/instructions — `end $l` / `else $l` must repeat the block's label.
    private mutating func checkClosingLabel(_ context: FunctionContext) throws {
        guard let t = c.peek, t.kind == .identifier else { return }
        let name = String(decoding: t.bytes, as: UTF8.self)
        guard let label = context.labels.last, label == name else { throw c.error("mismatching label", at: t) }
        c.position += 1
    }

    /// Spec: core/text/instructions — plain instructions, including `block`/`loop`/`if` ... `end`.
    private mutating func parsePlainInstruction(_ context: inout FunctionContext, into out: inout [Instruction]) throws {
        try enterNesting()
        defer { nesting -= 1 }
        let definition = try expectInstruction()
        switch definition.opcode {
        case .block, .loop, .if:
            pushLabel(&context)
            out.append(Instruction(definition.opcode, .block(try parseBlockType())))
            try parseInstructions(&context, into: &out)
            if definition.opcode == .if && c.takeKeyword("else") {
                try checkClosingLabel(context)
                out.append(Instruction(.else))
                try parseInstructions(&context, into: &out)
            }
            try c.expectKeyword("end")
            try checkClosingLabel(context)
            context.labels.removeLast()
            out.append(Instruction(.end))
        case .tryTable:
            try parseTryTableHead(&context, into: &out)
            try parseInstructions(&context, into: &out)
            try c.expectKeyword("end")
            try checkClosingLabel(context)
            context.labels.removeLast()
            out.append(Instruction(.end))
        default:
            out.append(try parseOperation(definition, &context))
        }
    }

    /// Spec: core/text/instructions — `try_table label? blocktype catch*`: the catch clauses' labels
    /// are those around the `try_table`, whose own label is bound for its body.
    private mutating func parseTryTableHead(_ context: inout FunctionContext, into out: inout [Instruction]) throws {
        let label = c.takeIdentifier()
        let type = try parseBlockType()
        var catches: [CatchClause] = []
        while let kind = CatchClause.Kind.allCases.first(where: { c.peekLeftParen($0.keyword) }) {
            c.position += 2
            let tag = kind.hasTag ? try c.parseIndex(tags) : nil
            catches.append(CatchClause(kind, tag: tag, label: try parseLabel(context)))
            try c.expectRightParen()
        }
        context.labels.append(label)
        out.append(Instruction(.tryTable, .tryTable(type, catches)))
    }

    /// Spec: core/text/instructions — folded instructions: `(instr immediates folded*)`, and the
    /// folded `block`, `loop` and `if (then ...) (else ...)`.
    mutating func parseFoldedInstruction(_ context: inout FunctionContext, into out: inout [Instruction]) throws {
        try enterNesting()
        defer { nesting -= 1 }
        try c.expectLeftParen()
        let definition = try expectInstruction()
        switch definition.opcode {
        case .block, .loop:
            pushLabel(&context)
            out.append(Instruction(definition.opcode, .block(try parseBlockType())))
            try parseInstructions(&context, into: &out)
            context.labels.removeLast()
            out.append(Instruction(.end))
        case .tryTable:
            try parseTryTableHead(&context, into: &out)
            try parseInstructions(&context, into: &out)
            context.labels.removeLast()
            out.append(Instruction(.end))
        case .if:
            let label = c.takeIdentifier()
            let type = try parseBlockType()
            while !c.peekLeftParen("then") {
                guard c.peekLeftParen() else { throw c.unexpected() }
                try parseFoldedInstruction(&context, into: &out)
            }
            out.append(Instruction(.if, .block(type)))
            context.labels.append(label)
            c.position += 2
            try parseInstructions(&context, into: &out)
            try c.expectRightParen()
            if c.takeLeftParen("else") {
                out.append(Instruction(.else))
                try parseInstructions(&context, into: &out)
                try c.expectRightParen()
            }
            context.labels.removeLast()
            out.append(Instruction(.end))
        default:
            let instruction = try parseOperation(definition, &context)
            while c.peekLeftParen() { try parseFoldedInstruction(&context, into: &out) }
            out.append(instruction)
        }
        try c.expectRightParen()
    }
}
