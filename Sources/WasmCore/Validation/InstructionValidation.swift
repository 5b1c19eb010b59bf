/// Spec: core/valid/instructions — validates an instruction sequence against a context with the
/// algorithm of the appendix (Spec: core/appendix/algorithm), one instruction at a time.
///
/// Instructions with a `.fixed` signature in the index of instructions take one generic path (pop
/// the parameters, push the results), after the checks their immediates need from the context
/// (memories, alignment, lanes, segments). `.special` rows have rules of their own below.
struct CodeValidator {
    let context: ValidationContext
    var stacks = OperandStacks()

    /// Starts an expression or function body whose result must be `results`: the outermost block.
    init(context: ValidationContext, results: [ValueType]) {
        self.context = context
        stacks.hierarchy = context.hierarchy
        if !context.locals.allSatisfy(\.isDefaultable) {
            stacks.localIsInitialized = context.locals.map(\.isDefaultable)
        }
        stacks.pushControl(.block, [], results)
    }

    /// Marks the parameters as initialized (they hold the arguments), whatever their type.
    mutating func initializeParameters(_ count: Int) {
        for i in 0..<min(count, stacks.localIsInitialized.count) { stacks.localIsInitialized[i] = true }
    }

    /// Validates every instruction of `body`, then its implicit final `end`; `place` names the
    /// expression in error messages.
    mutating func validate(_ body: [Instruction], place: String) throws {
        for (i, instruction) in body.enumerated() {
            try inPlace("\(place), instruction \(i): \(instruction.opcode.name)") { try validate(instruction) }
        }
        try inPlace("\(place), at its end") { try finish() }
    }

    /// The implicit `end` of the expression: its outermost block must be the only one left open.
    mutating func finish() throws {
        guard stacks.controls.count == 1 else {
            throw WasmError.invalid("unclosed block: \(stacks.controls.count - 1) `end` missing")
        }
        _ = try stacks.popControl()
    }

    /// Spec: core/valid/instructions — one instruction.
    mutating func validate(_ instruction: Instruction) throws {
        let definition = instruction.opcode.definition
        if let feature = definition.feature {
            try context.require(feature, for: "instruction \(definition.name)")
        }
        switch definition.signature {
        case .fixed(let parameters, let results):
            let (p, r) = try contextualType(of: instruction, definition, parameters, results)
            try stacks.pop(p)
            stacks.push(r)
        case .special:
            try validateSpecial(instruction)
        }
    }

    // MARK: The generic path: immediates checked against the context.

    /// Checks an instruction's immediates against the context and returns its type: the row's
    /// fixed signature, with `i32` addresses widened where a memory or table has 64-bit addresses.
    func contextualType(
        of instruction: Instruction, _ definition: InstructionDefinition,
        _ parameters: [ValueType], _ results: [ValueType]
    ) throws -> ([ValueType], [ValueType]) {
        var p = parameters
        var r = results
        switch definition.immediates {
        case .none, .i32, .i64, .f32, .f64, .v128:
            break
        case .memoryArgument(let natural):
            guard case .memory(let m) = instruction.immediate else { throw shapeError(instruction) }
            let address = try memoryAccess(m, natural: natural)
            if address == .i64, !p.isEmpty { p[0] = .i64 }
        case .memoryLane(let natural, let lanes):
            guard case .memoryLane(let m, let lane) = instruction.immediate else { throw shapeError(instruction) }
            let address = try memoryAccess(m, natural: natural)
            guard lane < lanes else { throw WasmError.invalid("invalid lane index") }
            if address == .i64, !p.isEmpty { p[0] = .i64 }
        case .lane(let count):
            guard case .lane(let lane) = instruction.immediate else { throw shapeError(instruction) }
            guard lane < count else { throw WasmError.invalid("invalid lane index") }
        case .shuffle:
            guard case .shuffle(let lanes) = instruction.immediate else { throw shapeError(instruction) }
            guard lanes.count == 16, lanes.allSatisfy({ $0 < 32 }) else { throw WasmError.invalid("invalid lane index") }
        case .memory:
            // memory.size [] -> [at], memory.grow [at] -> [at]
            let address = try context.memory(memoryIndex(instruction)).limits.addressType
            if address == .i64 {
                p = p.map { _ in .i64 }
                r = r.map { _ in .i64 }
            }
        case .memoryFill:
            let address = try context.memory(memoryIndex(instruction)).limits.addressType
            if address == .i64, p.count == 3 { p = [.i64, .i32, .i64] }
        case .memoryCopy:
            let (destination, source) = try indexPair(instruction, default: (0, 0))
            let d = try context.memory(destination).limits.addressType
            let s = try context.memory(source).limits.addressType
            if p.count == 3 { p = [d.valueType, s.valueType, (d == .i64 && s == .i64 ? .i64 : .i32)] }
        case .memoryInit:
            let (data, memory) = try indexPair(instruction, default: nil)
            let address = try context.memory(memory).limits.addressType
            try context.data(data)
            if p.count == 3 { p[0] = address.valueType }
        case .data:
            try context.data(index(instruction))
        case .element:
            _ = try context.element(index(instruction))
        case .table:
            // table.size [] -> [at]
            let address = try context.table(index(instruction)).limits.addressType
            if address == .i64 { r = r.map { _ in .i64 } }
        case .tableCopy:
            let (destination, source) = try indexPair(instruction, default: nil)
            let d = try context.table(destination)
            let s = try context.table(source)
            guard matches(s.elementType, d.elementType, in: context.hierarchy) else {
                throw WasmError.invalid(
                    "type mismatch: source element type \(typeName(.reference(s.elementType))) does not match destination element type \(typeName(.reference(d.elementType)))")
            }
            let (da, sa) = (d.limits.addressType, s.limits.addressType)
            if p.count == 3 { p = [da.valueType, sa.valueType, (da == .i64 && sa == .i64 ? .i64 : .i32)] }
        case .tableInit:
            let (element, table) = try indexPair(instruction, default: nil)
            let t = try context.table(table)
            let e = try context.element(element)
            guard matches(e, t.elementType, in: context.hierarchy) else {
                throw WasmError.invalid(
                    "type mismatch: element segment's type \(typeName(.reference(e))) does not match table's element type \(typeName(.reference(t.elementType)))")
            }
            if p.count == 3 { p[0] = t.limits.addressType.valueType }
        case .function:
            // ref.func x
            let x = try index(instruction)
            _ = try context.referencedFunction(x)
            if context.features.contains(.functionReferences), let typeIndex = context.functionTypeIndices[safe: x] {
                r = [.reference(ReferenceType(isNullable: false, heapType: .concrete(typeIndex)))]
            }
        case .blockType, .label, .labelTable, .callIndirect, .local, .global, .heapType, .valueTypes, .tag, .tryTable:
            throw WasmError.invalid("\(definition.name): no validation rule for a fixed signature with these immediates")
        }
        return (p, r)
    }

    /// Spec: core/valid/instructions — a memory access: the memory exists and the alignment is at
    /// most the natural one. Returns the memory's address type.
    func memoryAccess(_ m: MemoryArgument, natural: UInt32) throws -> AddressType {
        let memory = try context.memory(m.memory)
        guard m.align <= natural else { throw WasmError.invalid("alignment must not be larger than natural") }
        if memory.limits.addressType == .i32, m.offset > UInt64(UInt32.max) {
            throw WasmError.invalid("offset out of range: must be at most 2^32-1 for a 32-bit memory")
        }
        return memory.limits.addressType
    }

    // MARK: Rules of their own (`.special` rows).

    /// Spec: core/valid/instructions — control, parametric, variable, table and reference instructions.
    mutating func validateSpecial(_ instruction: Instruction) throws {
        switch instruction.opcode {
        case .unreachable:
            stacks.markUnreachable()

        case .block, .loop, .if:
            guard case .block(let blockType) = instruction.immediate else { throw shapeError(instruction) }
            let type = try context.functionType(of: blockType)
            if instruction.opcode == .if { try stacks.pop(.i32) }
            try stacks.pop(type.parameters)
            stacks.pushControl(instruction.opcode, type.parameters, type.results)

        case .tryTable:
            // Spec: exception handling — each catch clause branches, outside the block, to a label
            // taking the tag's parameters (and, for the `_ref` forms, the exception reference).
            guard case .tryTable(let blockType, let catches) = instruction.immediate else { throw shapeError(instruction) }
            let type = try context.functionType(of: blockType)
            for clause in catches {
                var payload = try clause.tag.map { try context.tag($0).parameters } ?? []
                if clause.kind == .catchRef || clause.kind == .catchAllRef {
                    payload.append(.reference(ReferenceType(isNullable: false, heapType: .exn)))
                }
                let label = try stacks.label(clause.label)
                guard matches(payload, label.labelTypes, in: context.hierarchy) else {
                    throw WasmError.invalid("type mismatch: catch label of \(clause.kind.keyword) expects [\(label.labelTypes.map(typeName).joined(separator: " "))] but the clause gives [\(payload.map(typeName).joined(separator: " "))]")
                }
            }
            try stacks.pop(type.parameters)
            stacks.pushControl(.tryTable, type.parameters, type.results)

        case .throw:
            let type = try context.tag(index(instruction))
            try stacks.pop(type.parameters)
            stacks.markUnreachable()

        case .throwRef:
            // Spec: exception handling — `throw_ref` rethrows the exception an `exnref` refers to.
            try stacks.pop([.reference(ReferenceType(isNullable: true, heapType: .exn))])
            stacks.markUnreachable()

        case .else:
            guard let frame = stacks.controls.last, frame.opcode == .if, stacks.controls.count > 1 else {
                throw WasmError.invalid("else without a matching if")
            }
            _ = try stacks.popControl()
            stacks.pushControl(.else, frame.startTypes, frame.endTypes)

        case .end:
            guard stacks.controls.count > 1 else { throw WasmError.invalid("unexpected end: no block to close") }
            let frame = try stacks.popControl()
            if frame.opcode == .if {
                // An `if` without `else` has an empty else branch, which must map the inputs to the outputs.
                stacks.pushControl(.else, frame.startTypes, frame.endTypes)
                _ = try stacks.popControl()
            }
            stacks.push(frame.endTypes)

        case .br:
            let label = try stacks.label(index(instruction))
            try stacks.pop(label.labelTypes)
            stacks.markUnreachable()

        case .brIf:
            let label = try stacks.label(index(instruction))
            try stacks.pop(.i32)
            try stacks.pop(label.labelTypes)
            stacks.push(label.labelTypes)

        case .brTable:
            guard case .branchTable(let targets, let defaultTarget) = instruction.immediate else { throw shapeError(instruction) }
            let defaultLabel = try stacks.label(defaultTarget)
            let labels = try targets.map { try stacks.label($0) }
            try stacks.pop(.i32)
            let arity = defaultLabel.labelTypes.count
            for label in labels {
                guard label.labelTypes.count == arity else {
                    throw WasmError.invalid("type mismatch: br_table targets have different arities")
                }
                let popped = try stacks.popReturning(label.labelTypes)
                for t in popped { stacks.push(t) }
            }
            try stacks.pop(defaultLabel.labelTypes)
            stacks.markUnreachable()

        case .return:
            guard let results = context.returnTypes else { throw WasmError.invalid("return outside a function") }
            try stacks.pop(results)
            stacks.markUnreachable()

        case .call:
            let type = try context.function(index(instruction))
            try stacks.pop(type.parameters)
            stacks.push(type.results)

        case .callIndirect:
            guard case .indices(let typeIndex, let tableIndex) = instruction.immediate else { throw shapeError(instruction) }
            let table = try context.table(tableIndex)
            guard matches(table.elementType, .funcRef, in: context.hierarchy) else {
                throw WasmError.invalid(
                    "type mismatch: call_indirect requires a table of functions but table has \(typeName(.reference(table.elementType)))")
            }
            let type = try context.type(typeIndex)
            try stacks.pop(table.limits.addressType.valueType)
            try stacks.pop(type.parameters)
            stacks.push(type.results)

        case .drop:
            _ = try stacks.pop()

        case .select:
            try stacks.pop(.i32)
            let t1 = try stacks.pop()
            let t2 = try stacks.pop()
            guard (isNumeric(t1) && isNumeric(t2)) || (isVector(t1) && isVector(t2)) else {
                throw WasmError.invalid(
                    "type mismatch: select requires numeric or vector operands but stack has \(typeName(t2)) and \(typeName(t1))")
            }
            if let t1, let t2, t1 != t2 {
                throw WasmError.invalid("type mismatch: select operands \(typeName(t2)) and \(typeName(t1)) differ")
            }
            stacks.push(t1 ?? t2)

        case .selectTyped:
            guard case .valueTypes(let types) = instruction.immediate else { throw shapeError(instruction) }
            guard types.count == 1, let t = types.first else {
                throw WasmError.invalid("invalid result arity: select takes exactly one type")
            }
            try context.validate(t)
            try stacks.pop(.i32)
            try stacks.pop(t)
            try stacks.pop(t)
            stacks.push(t)

        case .localGet:
            let x = try index(instruction)
            let t = try context.local(x)
            try stacks.requireInitialized(Int(x))
            stacks.push(t)

        case .localSet:
            let x = try index(instruction)
            try stacks.pop(try context.local(x))
            stacks.initialize(Int(x))

        case .localTee:
            let x = try index(instruction)
            let t = try context.local(x)
            try stacks.pop(t)
            stacks.initialize(Int(x))
            stacks.push(t)

        case .globalGet:
            stacks.push(try context.global(index(instruction)).valueType)

        case .globalSet:
            let global = try context.global(index(instruction))
            guard global.mutability == .variable else { throw WasmError.invalid("global is immutable") }
            try stacks.pop(global.valueType)

        case .tableGet:
            let table = try context.table(index(instruction))
            try stacks.pop(table.limits.addressType.valueType)
            stacks.push(.reference(table.elementType))

        case .tableSet:
            let table = try context.table(index(instruction))
            try stacks.pop(.reference(table.elementType))
            try stacks.pop(table.limits.addressType.valueType)

        case .tableGrow:
            let table = try context.table(index(instruction))
            let address = table.limits.addressType.valueType
            try stacks.pop(address)
            try stacks.pop(.reference(table.elementType))
            stacks.push(address)

        case .tableFill:
            let table = try context.table(index(instruction))
            let address = table.limits.addressType.valueType
            try stacks.pop(address)
            try stacks.pop(.reference(table.elementType))
            try stacks.pop(address)

        case .refNull:
            guard case .heapType(let heapType) = instruction.immediate else { throw shapeError(instruction) }
            try context.validate(heapType)
            stacks.push(.reference(ReferenceType(isNullable: true, heapType: heapType)))

        case .refIsNull:
            let t = try stacks.pop()
            if let t, !t.isReference {
                throw WasmError.invalid("type mismatch: ref.is_null requires a reference but stack has \(typeName(t))")
            }
            stacks.push(.i32)

        default:
            throw WasmError.invalid("\(instruction.opcode.name): no validation rule")
        }
    }

    // MARK: Immediates.

    func index(_ instruction: Instruction) throws -> UInt32 {
        guard case .index(let x) = instruction.immediate else { throw shapeError(instruction) }
        return x
    }

    /// The memory index of `memory.size`, `memory.grow` and `memory.fill` (absent means memory 0).
    func memoryIndex(_ instruction: Instruction) throws -> UInt32 {
        switch instruction.immediate {
        case .none: return 0
        case .index(let x): return x
        default: throw shapeError(instruction)
        }
    }

    func indexPair(_ instruction: Instruction, default value: (UInt32, UInt32)?) throws -> (UInt32, UInt32) {
        switch instruction.immediate {
        case .indices(let a, let b): return (a, b)
        case .none:
            if let value { return value }
            throw shapeError(instruction)
        default: throw shapeError(instruction)
        }
    }

    func shapeError(_ instruction: Instruction) -> WasmError {
        WasmError.invalid("\(instruction.opcode.name): immediate operand of the wrong shape")
    }
}

/// Spec: core/appendix/algorithm — `is_num`: a number type, or unknown.
func isNumeric(_ t: ValueType?) -> Bool {
    guard let t else { return true }
    if case .number = t { return true }
    return false
}

/// Spec: core/appendix/algorithm — `is_vec`: a vector type, or unknown.
func isVector(_ t: ValueType?) -> Bool {
    guard let t else { return true }
    if case .vector = t { return true }
    return false
}

fileprivate extension Array {
    /// The element at `index` (a `UInt32` from the input), or `nil` when out of bounds.
    subscript(safe index: UInt32) -> Element? {
        let i = Int(index)
        return i < count ? self[i] : nil
    }
}
