/// A function body translated for the interpreter (`Translator`): its ops and the facts the call
/// sequence needs.
final class CompiledFunction {
    /// The ops; `count` of them, the last two a `return` and the `resume` (see `Op.resume`).
    let ops: UnsafeMutablePointer<Op>
    let count: Int
    /// The entries of each `br_table`, the default last.
    let branchTables: [[BranchTarget]]
    /// The `try_table`s, in the order they open (an inner one after the one around it).
    let handlers: [ExceptionHandler]
    let parameterCount: Int
    /// Parameters and declared locals together.
    let localCount: Int
    let resultCount: Int
    /// The most slots a frame of this function occupies (locals and the highest operand stack).
    let frameSize: Int

    /// The facts a call needs, in one trivially copied value (no reference counting to read them).
    let shape: Shape

    /// What a call reads of its callee: ops, sizes.
    struct Shape {
        var ops: UnsafeMutablePointer<Op>
        var parameterCount: Int
        var localCount: Int
        var resultCount: Int
        var frameSize: Int
    }

    init(
        ops: [Op], branchTables: [[BranchTarget]], handlers: [ExceptionHandler] = [], parameterCount: Int, localCount: Int,
        resultCount: Int, frameSize: Int
    ) {
        self.ops = UnsafeMutablePointer<Op>.allocate(capacity: max(ops.count, 1))
        self.ops.initialize(from: ops, count: ops.count)
        self.count = ops.count
        self.branchTables = branchTables
        self.handlers = handlers
        self.parameterCount = parameterCount
        self.localCount = localCount
        self.resultCount = resultCount
        self.frameSize = frameSize
        self.shape = Shape(
            ops: self.ops, parameterCount: parameterCount, localCount: localCount, resultCount: resultCount, frameSize: frameSize)
    }

    deinit {
        ops.deinitialize(count: count)
        ops.deallocate()
    }
}

/// A resolved branch: the target pc, the values it keeps and the values below them it drops.
struct BranchTarget {
    var target: Int32
    var arity: Int32
    var drop: Int32
}

/// Spec: core/exec/instructions#exec-try_table — a `try_table` as its handler: the ops it covers (a
/// throw, or a call the exception leaves, at a pc in `start..<end`) and its catch clauses, in order.
struct ExceptionHandler {
    var start: Int
    var end: Int
    var catches: [CatchTarget]
}

/// A catch clause resolved: what it catches, and the label it branches to.
struct CatchTarget {
    /// The tag caught; nil for `catch_all` and `catch_all_ref`.
    var tag: TagInstance?
    /// Whether the `exnref` goes after the payload (`catch_ref`, `catch_all_ref`).
    var pushesReference: Bool
    /// The label's pc (after its `end`, or a loop's start).
    var target: Int32
    /// The operand height, from the frame pointer, of the label: the pushed values start there.
    var height: Int32
}
