/// Spec: core/appendix/algorithm — a control frame: the block it stands for, its input and output
/// types, the operand stack height at its start, and whether the rest of it is unreachable.
struct ControlFrame {
    var opcode: Opcode
    var startTypes: [ValueType]
    var endTypes: [ValueType]
    var height: Int
    var unreachable: Bool
    /// How many locals had been initialized when the block began (typed references track
    /// initialization of non-defaultable locals, and forget it when a block ends).
    var initializedHeight: Int = 0

    /// Spec: core/appendix/algorithm — `label_types`: a branch to a loop restarts it, to anything else leaves it.
    var labelTypes: [ValueType] { opcode == .loop ? startTypes : endTypes }
}

/// Spec: core/appendix/algorithm — the value stack and the control stack, with their auxiliary
/// functions. `nil` stands for the algorithm's `Unknown` type (a polymorphic stack's operands).
struct OperandStacks {
    var values: [ValueType?] = []
    var controls: [ControlFrame] = []
    /// The module's defined types, for subtyping of concrete heap types.
    var hierarchy: TypeHierarchy = .empty
    /// Whether each local is initialized; empty when every local is defaultable (as in WebAssembly 2.0).
    var localIsInitialized: [Bool] = []
    /// The non-defaultable locals initialized so far, innermost block last.
    var initializedLocals: [Int] = []

    /// `push_val`.
    mutating func push(_ type: ValueType?) { values.append(type) }

    /// `push_vals`.
    mutating func push(_ types: [ValueType]) { for t in types { values.append(t) } }

    /// `pop_val()`: an unknown type on a polymorphic stack, otherwise the top operand of the current block.
    mutating func pop() throws -> ValueType? {
        guard let frame = controls.last else { throw WasmError.invalid("type mismatch: no enclosing block") }
        if values.count == frame.height {
            if frame.unreachable { return nil }
            throw WasmError.invalid("type mismatch: instruction requires an operand but the stack is empty")
        }
        return values.removeLast()
    }

    /// `pop_val(expect)`: pops an operand that must match `expected` (either may be unknown).
    @discardableResult
    mutating func pop(_ expected: ValueType?) throws -> ValueType? {
        guard let frame = controls.last else { throw WasmError.invalid("type mismatch: no enclosing block") }
        if values.count == frame.height {
            if frame.unreachable { return nil }
            throw WasmError.invalid("type mismatch: instruction requires \(typeName(expected)) but the stack is empty")
        }
        let actual = values.removeLast()
        if let actual, let expected, !matches(actual, expected, in: hierarchy) {
            throw WasmError.invalid("type mismatch: instruction requires \(typeName(expected)) but stack has \(typeName(actual))")
        }
        return actual
    }

    /// `pop_vals`: pops operands matching `types` (the last one on top).
    mutating func pop(_ types: [ValueType]) throws {
        for t in types.reversed() { try pop(t) }
    }

    /// `pop_vals`, returning the popped operands in order (unknown where the stack was polymorphic).
    mutating func popReturning(_ types: [ValueType]) throws -> [ValueType?] {
        var popped = [ValueType?](repeating: nil, count: types.count)
        for (i, t) in types.enumerated().reversed() { popped[i] = try pop(t) }
        return popped
    }

    /// `push_ctrl`: enters a block, whose inputs are then on the stack.
    mutating func pushControl(_ opcode: Opcode, _ startTypes: [ValueType], _ endTypes: [ValueType]) {
        controls.append(ControlFrame(
            opcode: opcode, startTypes: startTypes, endTypes: endTypes, height: values.count, unreachable: false,
            initializedHeight: initializedLocals.count))
        push(startTypes)
    }

    /// `pop_ctrl`: leaves a block, whose outputs must be exactly what is left of its operands.
    mutating func popControl() throws -> ControlFrame {
        guard let frame = controls.last else { throw WasmError.invalid("unexpected end: no block to close") }
        try pop(frame.endTypes)
        guard values.count == frame.height else {
            let extra = Array(values.suffix(values.count - frame.height))
            throw WasmError.invalid(
                "type mismatch: block requires \(typeNames(frame.endTypes)) but \(typeNames(extra)) remain beneath them")
        }
        controls.removeLast()
        resetLocals(to: frame.initializedHeight)
        return frame
    }

    /// Spec: core/appendix/algorithm (typed references) — the locals initialized inside a block are
    /// uninitialized again after it.
    mutating func resetLocals(to height: Int) {
        while initializedLocals.count > height {
            localIsInitialized[initializedLocals.removeLast()] = false
        }
    }

    /// Checks that local `index` (within bounds) may be read.
    func requireInitialized(_ index: Int) throws {
        if index < localIsInitialized.count, !localIsInitialized[index] {
            throw WasmError.invalid("uninitialized local \(index)")
        }
    }

    /// Records that local `index` (within bounds) now holds a value.
    mutating func initialize(_ index: Int) {
        if index < localIsInitialized.count, !localIsInitialized[index] {
            localIsInitialized[index] = true
            initializedLocals.append(index)
        }
    }

    /// `unreachable()`: drops the current block's operands and makes its stack polymorphic.
    mutating func markUnreachable() {
        guard let frame = controls.last else { return }
        values.removeLast(values.count - frame.height)
        controls[controls.count - 1].unreachable = true
    }

    /// The frame `depth` labels out (`ctrls[n]`), or "unknown label".
    func label(_ depth: UInt32) throws -> ControlFrame {
        let d = Int(depth)
        guard d < controls.count else { throw WasmError.invalid("unknown label \(depth)") }
        return controls[controls.count - 1 - d]
    }
}
