/// A function body translated for the interpreter (`Translator`): its ops and the facts the call
/// sequence needs.
final class CompiledFunction {
    /// The ops; `count` of them, the last one a `return`.
    let ops: UnsafeMutablePointer<Op>
    let count: Int
    /// The entries of each `br_table`, the default last.
    let branchTables: [[BranchTarget]]
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

    init(ops: [Op], branchTables: [[BranchTarget]], parameterCount: Int, localCount: Int, resultCount: Int, frameSize: Int) {
        self.ops = UnsafeMutablePointer<Op>.allocate(capacity: max(ops.count, 1))
        self.ops.initialize(from: ops, count: ops.count)
        self.count = ops.count
        self.branchTables = branchTables
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
