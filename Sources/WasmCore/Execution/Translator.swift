/// Translates a validated function body into the interpreter's ops, once.
///
/// Spec: core/exec/instructions#blocks — labels become precomputed jumps: a branch to a `block` or `if`
/// goes to the pc after its `end`, to a `loop` back to its start; the values a branch keeps (the label's
/// arity) and drops (what lies between) are known statically, since validation fixes every stack height.
/// Code after an unconditional branch is unreachable and is not translated.
///
/// Spec: core/exec/instructions#exec-try_table — a `try_table` emits no op: it becomes a handler, the
/// range of ops it covers with its catch clauses resolved like branches to their labels (outside the
/// block), which the interpreter searches when an exception is thrown.
///
/// Indices are checked here as well (a module that skipped validation must not crash the interpreter):
/// an out-of-range index is reported as an `invalid` error.
struct Translator {
    let instance: ModuleInstance

    /// A label on the control stack.
    private struct Control {
        enum Kind { case block, loop, `if`, tryTable }
        var kind: Kind
        /// The operand height below the block's parameters.
        var height: Int
        var parameters: Int
        var results: Int
        /// The pc of a loop's start.
        var start: Int
        /// Forward branches waiting for the pc after `end`.
        var fixups: [Fixup] = []
        /// The `jumpIfZero` of an `if`, waiting for the `else` or `end`.
        var ifJump: Int?
        /// A `try_table`'s handler, whose range ends at the `end`.
        var handler: Int?
    }

    private enum Fixup {
        case op(Int)
        case table(Int, Int)
        /// Catch clause number `k` of handler number `h`.
        case handler(Int, Int)
    }

    private var ops: [Op] = []
    private var tables: [[BranchTarget]] = []
    private var handlers: [ExceptionHandler] = []
    private var controls: [Control] = []
    private var height = 0
    private var maxHeight = 0
    private var unreachable = false
    /// Blocks opened inside unreachable code, still to be closed.
    private var deadDepth = 0
    private var localTypes: [ValueType] = []

    init(instance: ModuleInstance) { self.instance = instance }

    /// Translates one function of the module.
    mutating func translate(_ function: Function, type: FunctionType) throws -> CompiledFunction {
        localTypes = type.parameters + function.locals
        if usesVectors(function, type: type) {
            return CompiledFunction(
                ops: [.simdUnsupported, .return, .resume], branchTables: [], parameterCount: type.parameters.count,
                localCount: localTypes.count, resultCount: type.results.count, frameSize: localTypes.count + type.results.count)
        }
        height = localTypes.count
        maxHeight = height
        controls = [Control(kind: .block, height: height, parameters: 0, results: type.results.count, start: 0)]
        for instruction in function.body {
            try translate(instruction)
        }
        guard controls.count == 1 else { throw WasmError.invalid("unclosed block in function body") }
        let end = ops.count
        patch(controls[0].fixups, to: end)
        ops.append(.return)
        ops.append(.resume)
        shortcutJumpsToReturn()
        shortcutJumpsToTests()
        return CompiledFunction(
            ops: ops, branchTables: tables, handlers: handlers, parameterCount: type.parameters.count, localCount: localTypes.count,
            resultCount: type.results.count, frameSize: maxHeight + 1)
    }

    /// Whether the function touches `v128` values, which the interpreter does not execute yet.
    private func usesVectors(_ function: Function, type: FunctionType) -> Bool {
        if localTypes.contains(.v128) || type.results.contains(.v128) { return true }
        for instruction in function.body {
            if instruction.opcode.definition.feature == .simd { return true }
            switch instruction.immediate {
            case .block(.value(.v128)): return true
            case .block(.typeIndex(let i)):
                if let t = instance.types[safe: Int(i)], t.parameters.contains(.v128) || t.results.contains(.v128) { return true }
            case .valueTypes(let ts) where ts.contains(.v128): return true
            case .index(let i) where instruction.opcode == .globalGet || instruction.opcode == .globalSet:
                if instance.globals[safe: Int(i)]?.type.valueType == .v128 { return true }
            default: break
            }
        }
        return false
    }

    // MARK: - Stack accounting

    private mutating func push(_ n: Int = 1) {
        height += n
        if height > maxHeight { maxHeight = height }
    }

    private mutating func pop(_ n: Int = 1) throws {
        height -= n
        guard height >= localTypes.count else { throw WasmError.invalid("type mismatch: operand stack underflow") }
    }

    /// The pc most recently made a branch target: no op is fused across it.
    private var labelAt = -1

    /// Whether the next op may be fused with the last one (no branch lands between them).
    private var canFuse: Bool { !ops.isEmpty && labelAt != ops.count }

    /// Appends an op, fusing a few frequent pairs into one op (fewer dispatches).
    private mutating func emit(_ op: Op) {
        if case .localSet(let d) = op, canFuseLast(2) {
            switch (ops[ops.count - 2], ops[ops.count - 1]) {
            case (.localGet2(let a, let b), .i32Add):
                ops.removeLast(2)
                ops.append(.i32AddLocals(a: a, b: b, into: d))
                return
            default:
                break
            }
        }
        if case .localSet(let d) = op, canFuse, case .i32LocalAddConst(let a, let c) = ops[ops.count - 1] {
            ops[ops.count - 1] = .i32AddConstLocal(a: a, c: c, into: d)
            return
        }
        if canFuse {
            switch (ops[ops.count - 1], op) {
            case (.localGet(let a), .localGet(let b)):
                ops[ops.count - 1] = .localGet2(a, b)
                return
            case (.const(let c), .i32Add):
                emitI32AddConst(UInt32(truncatingIfNeeded: c))
                return
            case (.const(let c), .i64Add):
                ops[ops.count - 1] = .i64AddConst(c)
                return
            case (.const(let c), .i32Sub):
                emitI32AddConst(0 &- UInt32(truncatingIfNeeded: c))
                return
            case (.const(let c), .i64Sub):
                ops[ops.count - 1] = .i64AddConst(0 &- c)
                return
            default:
                break
            }
        }
        ops.append(op)
    }

    /// Replaces the last op (a constant about to be added) with an add of `c`, fused with a
    /// `local.get` just before it when no branch lands between them.
    private mutating func emitI32AddConst(_ c: UInt32) {
        if canFuseLast(2), case .localGet(let a) = ops[ops.count - 2] {
            ops.removeLast(2)
            ops.append(.i32LocalAddConst(a, c))
        } else {
            ops[ops.count - 1] = .i32AddConst(c)
        }
    }

    /// Jumps to a `return` become that `return` (one dispatch fewer; a jump keeps the stack as it is,
    /// and `return` takes the results from its top).
    private mutating func shortcutJumpsToReturn() {
        for pc in ops.indices {
            if case .jump(let t) = ops[pc], Int(t) < ops.count, case .return = ops[Int(t)] { ops[pc] = .return }
        }
    }

    /// Jumps to a fused compare-and-branch on locals carry its test, so a loop's back edge skips the
    /// exit test's dispatch while the loop goes on (the test itself runs at the target when it exits).
    private mutating func shortcutJumpsToTests() {
        for pc in ops.indices {
            guard case .jump(let t) = ops[pc], Int(t) < ops.count else { continue }
            switch ops[Int(t)] {
            case .brIfCompareLocals(let a, let b, _, let c):
                ops[pc] = .jumpPastCompareLocals(a: a, b: b, target: t, c)
            case .brIfCompareLocalConst(let a, let k, _, let c):
                ops[pc] = .jumpPastCompareLocalConst(a: a, c: k, target: t, c)
            default:
                break
            }
        }
    }

    private mutating func patch(_ fixups: [Fixup], to pc: Int) {
        labelAt = pc
        for f in fixups {
            switch f {
            case .op(let at):
                switch ops[at] {
                case .br(_, let a, let d): ops[at] = .br(target: Int32(pc), arity: a, drop: d)
                case .brIf(_, let a, let d): ops[at] = .brIf(target: Int32(pc), arity: a, drop: d)
                case .brIfZero(_, let a, let d): ops[at] = .brIfZero(target: Int32(pc), arity: a, drop: d)
                case .jump: ops[at] = .jump(Int32(pc))
                case .jumpIfZero: ops[at] = .jumpIfZero(Int32(pc))
                case .jumpIfNonZero: ops[at] = .jumpIfNonZero(Int32(pc))
                case .brIfCompare(let c, _): ops[at] = .brIfCompare(c, target: Int32(pc))
                case .brIfCompareLocals(let a, let b, _, let c):
                    ops[at] = .brIfCompareLocals(a: a, b: b, target: Int32(pc), c)
                case .brIfCompareLocalConst(let a, let k, _, let c):
                    ops[at] = .brIfCompareLocalConst(a: a, c: k, target: Int32(pc), c)
                case .jumpUnlessCompare(let c, _): ops[at] = .jumpUnlessCompare(c, target: Int32(pc))
                case .jumpUnlessCompareLocalConst(let a, let k, _, let c):
                    ops[at] = .jumpUnlessCompareLocalConst(a: a, c: k, target: Int32(pc), c)
                default: break
                }
            case .table(let t, let e):
                tables[t][e].target = Int32(pc)
            case .handler(let h, let k):
                handlers[h].catches[k].target = Int32(pc)
            }
        }
    }

    /// Whether the last `n` ops may be fused into one (no branch lands after the first of them).
    private func canFuseLast(_ n: Int) -> Bool { ops.count >= n && labelAt <= ops.count - n }

    /// A comparison the ops just emitted end with, and its operands, removed from `ops` to be fused into
    /// a conditional jump: `(comparison, nil)` for stack operands, or the locals / local and constant.
    private enum FusedOperands { case stack, locals(Int32, Int32), localConst(Int32, UInt32) }

    private mutating func takeComparison(allowLocals: Bool) -> (I32Comparison, FusedOperands)? {
        guard canFuseLast(1), let c = I32Comparison(ops[ops.count - 1]) else { return nil }
        ops.removeLast()
        if canFuseLast(1), case .localGet2(let a, let b) = ops[ops.count - 1], allowLocals {
            ops.removeLast()
            return (c, .locals(a, b))
        }
        if canFuseLast(2), case .localGet(let a) = ops[ops.count - 2], case .const(let k) = ops[ops.count - 1] {
            ops.removeLast(2)
            return (c, .localConst(a, UInt32(truncatingIfNeeded: k)))
        }
        return (c, .stack)
    }

    /// The branch to label `depth`, with its fixup registered: target, arity and drop.
    private mutating func branch(to depth: UInt32, fixup: Fixup) throws -> BranchTarget {
        guard Int(depth) < controls.count else { throw WasmError.invalid("unknown label") }
        let i = controls.count - 1 - Int(depth)
        let c = controls[i]
        let arity = c.kind == .loop ? c.parameters : c.results
        let drop = height - (c.height + arity)
        guard drop >= 0 else { throw WasmError.invalid("type mismatch: branch arity") }
        if c.kind == .loop {
            return BranchTarget(target: Int32(c.start), arity: Int32(arity), drop: Int32(drop))
        }
        controls[i].fixups.append(fixup)
        return BranchTarget(target: -1, arity: Int32(arity), drop: Int32(drop))
    }

    /// Spec: core/exec/instructions#exec-throw_ref — a catch clause of a `try_table` about to open: its
    /// tag, and its label (counted outside the block) as a target pc and the height its values land at.
    private mutating func catchTarget(_ clause: CatchClause, fixup: Fixup) throws -> CatchTarget {
        var tag: TagInstance?
        if let t = clause.tag {
            tag = instance.tags[Int(try check(Int(t), instance.tags.count, "tag"))]
        }
        guard Int(clause.label) < controls.count else { throw WasmError.invalid("unknown label") }
        let i = controls.count - 1 - Int(clause.label)
        let c = controls[i]
        var target: Int32 = -1
        if c.kind == .loop {
            target = Int32(c.start)
        } else {
            controls[i].fixups.append(fixup)
        }
        let withReference = clause.kind == .catchRef || clause.kind == .catchAllRef
        // The values land at the label's height: the frame must hold them even where no `end` counts them.
        maxHeight = max(maxHeight, c.height + (tag?.type.parameters.count ?? 0) + (withReference ? 1 : 0))
        return CatchTarget(tag: tag, pushesReference: withReference, target: target, height: Int32(c.height))
    }

    /// The values a branch to label `depth` would drop (after its condition is popped).
    private func branchDrops(to depth: UInt32) throws -> Int {
        guard Int(depth) < controls.count else { throw WasmError.invalid("unknown label") }
        let c = controls[controls.count - 1 - Int(depth)]
        return height - (c.height + (c.kind == .loop ? c.parameters : c.results))
    }

    private func blockArity(_ type: BlockType) throws -> (parameters: Int, results: Int) {
        switch type {
        case .empty: return (0, 0)
        case .value: return (0, 1)
        case .typeIndex(let i):
            guard let t = instance.types[safe: Int(i)] else { throw WasmError.invalid("unknown type") }
            return (t.parameters.count, t.results.count)
        }
    }

    private func index(_ immediate: Immediate) throws -> Int {
        guard case .index(let i) = immediate else { throw WasmError.invalid("malformed immediate") }
        return Int(i)
    }

    private func check(_ i: Int, _ count: Int, _ what: String) throws -> Int32 {
        guard i >= 0 && i < count else { throw WasmError.invalid("unknown \(what) \(i)") }
        return Int32(i)
    }

    // MARK: - Instructions

    private mutating func translate(_ instruction: Instruction) throws {
        let opcode = instruction.opcode
        if unreachable {
            switch opcode {
            case .block, .loop, .if, .tryTable:
                deadDepth += 1
                return
            case .else where deadDepth > 0:
                return
            case .end where deadDepth > 0:
                deadDepth -= 1
                return
            case .else, .end:
                break
            default:
                return
            }
        }
        let immediate = instruction.immediate

        switch opcode {
        // Spec: core/exec/instructions#control-instructions
        case .unreachable:
            emit(.unreachable)
            unreachable = true
        case .nop:
            break
        case .tryTable:
            guard case .tryTable(let bt, let clauses) = immediate else { throw WasmError.invalid("malformed try_table") }
            let (p, r) = try blockArity(bt)
            let h = handlers.count
            var catches: [CatchTarget] = []
            for (k, clause) in clauses.enumerated() {
                catches.append(try catchTarget(clause, fixup: .handler(h, k)))
            }
            // No op is fused across the start (an `if` inside taking a comparison from before it would
            // move the covered ops out of the range); the `end` is a label, so none across the end either.
            labelAt = ops.count
            handlers.append(ExceptionHandler(start: ops.count, end: ops.count, catches: catches))
            var c = Control(kind: .tryTable, height: height - p, parameters: p, results: r, start: ops.count)
            c.handler = h
            controls.append(c)
        case .throw:
            let t = try check(try index(immediate), instance.tags.count, "tag")
            try pop(instance.tags[Int(t)].type.parameters.count)
            emit(.throw(t))
            unreachable = true
        case .throwRef:
            try pop()
            emit(.throwRef)
            unreachable = true
        case .block, .loop:
            guard case .block(let bt) = immediate else { throw WasmError.invalid("malformed block type") }
            let (p, r) = try blockArity(bt)
            if opcode == .loop { labelAt = ops.count }
            controls.append(Control(kind: opcode == .loop ? .loop : .block, height: height - p, parameters: p, results: r, start: ops.count))
        case .if:
            guard case .block(let bt) = immediate else { throw WasmError.invalid("malformed block type") }
            let (p, r) = try blockArity(bt)
            try pop()
            var jump = Op.jumpIfZero(-1)
            if canFuseLast(1), case .i32Eqz = ops[ops.count - 1] {
                ops.removeLast()
                jump = .jumpIfNonZero(-1)
            } else if let (c, operands) = takeComparison(allowLocals: false) {
                switch operands {
                case .localConst(let a, let k): jump = .jumpUnlessCompareLocalConst(a: a, c: k, target: -1, c)
                default: jump = .jumpUnlessCompare(c, target: -1)
                }
            }
            var c = Control(kind: .if, height: height - p, parameters: p, results: r, start: ops.count)
            c.ifJump = ops.count
            ops.append(jump)
            controls.append(c)
        case .else:
            guard controls.count > 1, controls[controls.count - 1].kind == .if,
                  let jumpAt = controls[controls.count - 1].ifJump else { throw WasmError.invalid("else without if") }
            let c = controls[controls.count - 1]
            if !unreachable {
                controls[controls.count - 1].fixups.append(.op(ops.count))
                emit(.jump(-1))
            }
            patch([.op(jumpAt)], to: ops.count)
            controls[controls.count - 1].ifJump = nil
            height = c.height + c.parameters
            unreachable = false
        case .end:
            guard controls.count > 1, let c = controls.popLast() else { throw WasmError.invalid("unexpected end") }
            if let jumpAt = c.ifJump { patch([.op(jumpAt)], to: ops.count) }
            if let h = c.handler { handlers[h].end = ops.count }
            patch(c.fixups, to: ops.count)
            height = c.height + c.results
            if height > maxHeight { maxHeight = height }
            unreachable = false
        case .br:
            guard case .index(let depth) = immediate else { throw WasmError.invalid("malformed label") }
            if Int(depth) == controls.count - 1 {
                emit(.return)
            } else {
                let b = try branch(to: depth, fixup: .op(ops.count))
                emit(b.drop == 0 ? .jump(b.target) : .br(target: b.target, arity: b.arity, drop: b.drop))
            }
            unreachable = true
        case .brIf:
            guard case .index(let depth) = immediate else { throw WasmError.invalid("malformed label") }
            try pop()
            if canFuse, case .i32Eqz = ops[ops.count - 1] {
                ops.removeLast()
                let b = try branch(to: depth, fixup: .op(ops.count))
                ops.append(.brIfZero(target: b.target, arity: b.arity, drop: b.drop))
            } else if try branchDrops(to: depth) == 0, let (c, operands) = takeComparison(allowLocals: true) {
                let b = try branch(to: depth, fixup: .op(ops.count))
                switch operands {
                case .stack: ops.append(.brIfCompare(c, target: b.target))
                case .locals(let x, let y): ops.append(.brIfCompareLocals(a: x, b: y, target: b.target, c))
                case .localConst(let x, let k): ops.append(.brIfCompareLocalConst(a: x, c: k, target: b.target, c))
                }
            } else {
                let b = try branch(to: depth, fixup: .op(ops.count))
                ops.append(.brIf(target: b.target, arity: b.arity, drop: b.drop))
            }
        case .brTable:
            guard case .branchTable(let targets, let defaultTarget) = immediate else { throw WasmError.invalid("malformed br_table") }
            try pop()
            let t = tables.count
            tables.append([])
            for (e, depth) in (targets + [defaultTarget]).enumerated() {
                let b = try branch(to: depth, fixup: .table(t, e))
                tables[t].append(b)
            }
            emit(.brTable(Int32(t)))
            unreachable = true
        case .return:
            emit(.return)
            unreachable = true
        case .call:
            let i = try index(immediate)
            let f = try check(i, instance.functions.count, "function")
            let type = instance.functions[Int(f)].type
            try pop(type.parameters.count)
            push(type.results.count)
            emit(.call(Unmanaged.passUnretained(instance.functions[Int(f)])))
        case .callIndirect:
            guard case .indices(let ti, let tab) = immediate else { throw WasmError.invalid("malformed call_indirect") }
            let t = try check(Int(ti), instance.types.count, "type")
            let table = try check(Int(tab), instance.tables.count, "table")
            let type = instance.types[Int(t)]
            try pop(1 + type.parameters.count)
            push(type.results.count)
            guard let typeID = Int32(exactly: instance.typeIDs[Int(t)]) else { throw WasmError.invalid("too many types") }
            emit(.callIndirect(table: Unmanaged.passUnretained(instance.tables[Int(table)]), typeID: typeID))

        // Spec: core/exec/instructions#parametric-instructions
        case .drop:
            try pop()
            emit(.drop)
        case .select, .selectTyped:
            try pop(2)
            emit(.select)

        // Spec: core/exec/instructions#variable-instructions
        case .localGet:
            let l = try check(try index(immediate), localTypes.count, "local")
            push()
            emit(.localGet(l))
        case .localSet:
            let l = try check(try index(immediate), localTypes.count, "local")
            try pop()
            emit(.localSet(l))
        case .localTee:
            let l = try check(try index(immediate), localTypes.count, "local")
            emit(.localTee(l))
        case .globalGet:
            let g = try check(try index(immediate), instance.globals.count, "global")
            push()
            emit(.globalGet(g))
        case .globalSet:
            let g = try check(try index(immediate), instance.globals.count, "global")
            try pop()
            emit(.globalSet(g))

        // Spec: core/exec/instructions#table-instructions
        case .tableGet:
            emit(.tableGet(try check(try index(immediate), instance.tables.count, "table")))
            try pop(); push()
        case .tableSet:
            emit(.tableSet(try check(try index(immediate), instance.tables.count, "table")))
            try pop(2)
        case .tableSize:
            emit(.tableSize(try check(try index(immediate), instance.tables.count, "table")))
            push()
        case .tableGrow:
            emit(.tableGrow(try check(try index(immediate), instance.tables.count, "table")))
            try pop(2); push()
        case .tableFill:
            emit(.tableFill(try check(try index(immediate), instance.tables.count, "table")))
            try pop(3)
        case .tableCopy:
            guard case .indices(let d, let s) = immediate else { throw WasmError.invalid("malformed table.copy") }
            emit(.tableCopy(destination: try check(Int(d), instance.tables.count, "table"),
                            source: try check(Int(s), instance.tables.count, "table")))
            try pop(3)
        case .tableInit:
            guard case .indices(let e, let t) = immediate else { throw WasmError.invalid("malformed table.init") }
            emit(.tableInit(element: try check(Int(e), instance.elements.count, "elem segment"),
                            table: try check(Int(t), instance.tables.count, "table")))
            try pop(3)
        case .elemDrop:
            emit(.elemDrop(try check(try index(immediate), instance.elements.count, "elem segment")))

        // Spec: core/exec/instructions#reference-instructions
        case .refNull:
            push()
            emit(.const(0))
        case .refIsNull:
            try pop(); push()
            emit(.refIsNull)
        case .refFunc:
            push()
            emit(.refFunc(try check(try index(immediate), instance.functions.count, "function")))

        // Spec: core/exec/instructions#memory-instructions
        case .memorySize, .memoryGrow, .memoryCopy, .memoryFill:
            try requireMemory(0)
            try applyFixedSignature(opcode)
            switch opcode {
            case .memorySize: emit(.memorySize)
            case .memoryGrow: emit(.memoryGrow)
            case .memoryCopy: emit(.memoryCopy)
            default: emit(.memoryFill)
            }
        case .memoryInit:
            guard case .indices(let d, let m) = immediate else { throw WasmError.invalid("malformed memory.init") }
            try requireMemory(m)
            guard m == 0 else { throw WasmError.invalid("memory.init of memory \(m) is not supported") }
            let data = try check(Int(d), instance.datas.count, "data segment")
            try pop(3)
            emit(.memoryInit(data))
        case .dataDrop:
            emit(.dataDrop(try check(try index(immediate), instance.datas.count, "data segment")))

        // Spec: core/exec/instructions#numeric-instructions — constants
        case .i32Const:
            guard case .i32(let v) = immediate else { throw WasmError.invalid("malformed constant") }
            push(); emit(.const(UInt64(UInt32(bitPattern: v))))
        case .i64Const:
            guard case .i64(let v) = immediate else { throw WasmError.invalid("malformed constant") }
            push(); emit(.const(UInt64(bitPattern: v)))
        case .f32Const:
            guard case .f32(let v) = immediate else { throw WasmError.invalid("malformed constant") }
            push(); emit(.const(UInt64(v)))
        case .f64Const:
            guard case .f64(let v) = immediate else { throw WasmError.invalid("malformed constant") }
            push(); emit(.const(v))

        // Reinterpretations and zero-extension leave the slot's bits as they are.
        case .i32ReinterpretF32, .f32ReinterpretI32, .i64ReinterpretF64, .f64ReinterpretI64, .i64ExtendI32U:
            break

        default:
            if case .memory(let memarg) = immediate, let op = Op.memoryAccess(opcode, offset: memarg.offset) {
                try requireMemory(memarg.memory)
                try applyFixedSignature(opcode)
                if memarg.memory == 0 {
                    emit(op)
                } else {
                    emit(.selectMemory(Int32(memarg.memory))); emit(op); emit(.selectMemory(0))
                }
            } else if let op = Op.numeric(opcode) {
                try applyFixedSignature(opcode)
                emit(op)
            } else {
                throw WasmError.invalid("instruction \(opcode.name) cannot be executed")
            }
        }
    }

    private mutating func applyFixedSignature(_ opcode: Opcode) throws {
        guard case .fixed(let params, let results) = opcode.definition.signature else {
            throw WasmError.invalid("instruction \(opcode.name) has no fixed type")
        }
        try pop(params.count)
        push(results.count)
    }

    private func requireMemory(_ m: UInt32) throws {
        guard Int(m) < instance.memories.count else { throw WasmError.invalid("unknown memory \(m)") }
    }
}

fileprivate extension Array {
    /// The element at an index, or `nil` when out of range.
    subscript(safe index: Int) -> Element? {
        index >= 0 && index < count ? self[index] : nil
    }
}
