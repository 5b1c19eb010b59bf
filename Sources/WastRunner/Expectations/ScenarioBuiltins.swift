// The `builtin:` step of a scenario: a canonical built-in called by name (the Explainer's `canon` names) with core
// arguments, from inside the lifted call.
import CanonicalABI

extension Scenario {
  /// The built-ins a step may call, by name.
  static let builtinNames: Set<String> = [
    "context.get", "context.set", "backpressure.inc", "backpressure.dec", "task.return", "task.cancel",
    "waitable-set.new", "waitable-set.wait", "waitable-set.poll", "waitable-set.drop", "waitable.join",
    "subtask.cancel", "subtask.drop",
    "stream.new", "stream.read", "stream.write", "stream.cancel-read", "stream.cancel-write", "stream.drop-readable", "stream.drop-writable",
    "future.new", "future.read", "future.write", "future.cancel-read", "future.cancel-write", "future.drop-readable", "future.drop-writable",
    "error-context.new", "error-context.debug-message", "error-context.drop", "thread.index", "thread.resume-later",
    "thread.suspend", "thread.yield", "thread.suspend-then-resume", "thread.yield-then-resume", "thread.suspend-then-promote",
    "thread.yield-then-promote",
  ]

  /// Calls built-in `name` with core arguments `a`; `t` is the element type of a stream or future, or the result
  /// type of `task.return`; `flag` is `async`/`cancellable`. Missing arguments are 0.
  static func builtin(_ name: String, _ a: [CoreValue], _ t: ValType?, _ flag: Bool, _ opts: CanonicalOptions) throws -> [CoreValue] {
    func u(_ k: Int) -> UInt64 {
      guard k < a.count else { return 0 }
      switch a[k] {
      case .i32(let x): return UInt64(x)
      case .i64(let x): return x
      case .f32(let x): return UInt64(x.bitPattern)
      case .f64(let x): return x.bitPattern
      }
    }
    func i(_ k: Int) -> UInt32 { UInt32(truncatingIfNeeded: u(k)) }
    guard let mem = opts.memory else { throw CanonicalABIMisuse("scenario: no memory") }
    switch name {
    case "context.get": return try canonContextGet(.i32, Int(min(u(0), 1 << 20)))
    case "context.set": return try canonContextSet(.i32, Int(min(u(0), 1 << 20)), u(1))
    case "backpressure.inc": return try canonBackpressureInc()
    case "backpressure.dec": return try canonBackpressureDec()
    case "task.return": return try canonTaskReturn(t.map { [$0] } ?? [], opts, a)
    case "task.cancel": return try canonTaskCancel()
    case "waitable-set.new": return try canonWaitableSetNew()
    case "waitable-set.wait": return try canonWaitableSetWait(flag, mem, i(0), u(1))
    case "waitable-set.poll": return try canonWaitableSetPoll(flag, mem, i(0), u(1))
    case "waitable-set.drop": return try canonWaitableSetDrop(i(0))
    case "waitable.join": return try canonWaitableJoin(i(0), i(1))
    case "subtask.cancel": return try canonSubtaskCancel(flag, i(0))
    case "subtask.drop": return try canonSubtaskDrop(i(0))
    case "stream.new": return try canonStreamNew(t)
    case "stream.read": return try canonStreamRead(t, opts, i(0), u(1), u(2))
    case "stream.write": return try canonStreamWrite(t, opts, i(0), u(1), u(2))
    case "stream.cancel-read": return try canonStreamCancelRead(t, flag, i(0))
    case "stream.cancel-write": return try canonStreamCancelWrite(t, flag, i(0))
    case "stream.drop-readable": return try canonStreamDropReadable(t, i(0))
    case "stream.drop-writable": return try canonStreamDropWritable(t, i(0))
    case "future.new": return try canonFutureNew(t)
    case "future.read": return try canonFutureRead(t, opts, i(0), u(1))
    case "future.write": return try canonFutureWrite(t, opts, i(0), u(1))
    case "future.cancel-read": return try canonFutureCancelRead(t, flag, i(0))
    case "future.cancel-write": return try canonFutureCancelWrite(t, flag, i(0))
    case "future.drop-readable": return try canonFutureDropReadable(t, i(0))
    case "future.drop-writable": return try canonFutureDropWritable(t, i(0))
    case "error-context.new": return try canonErrorContextNew(opts, u(0), u(1))
    case "error-context.debug-message": return try canonErrorContextDebugMessage(opts, i(0), u(1))
    case "error-context.drop": return try canonErrorContextDrop(i(0))
    case "thread.index": return try canonThreadIndex()
    case "thread.resume-later": return try canonThreadResumeLater(i(0))
    case "thread.suspend": return try canonThreadSuspend(flag)
    case "thread.yield": return try canonThreadYield(flag)
    case "thread.suspend-then-resume": return try canonThreadSuspendThenResume(flag, i(0))
    case "thread.yield-then-resume": return try canonThreadYieldThenResume(flag, i(0))
    case "thread.suspend-then-promote": return try canonThreadSuspendThenPromote(flag, i(0))
    case "thread.yield-then-promote": return try canonThreadYieldThenPromote(flag, i(0))
    default: throw CanonicalABIMisuse("scenario: unknown built-in \(name)")
    }
  }
}
