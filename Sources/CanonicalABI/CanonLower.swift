// Spec: CanonicalABI.md#canon-lower
import Foundation

/// Calls a component function from core code: a Subtask, lifting the arguments, lowering the results;
/// synchronous callers wait, asynchronous callers get a packed subtask state and index.
/// Spec: CanonicalABI.md#canon-lower — def canon_lower
public func canonLower(_ callee: FuncInst, _ ft: FuncType, _ opts: CanonicalOptions, _ flatArgs: [CoreValue]) throws -> [CoreValue] {
  let thread = try currentThread()
  try trapIf(!thread.task.inst.mayLeave, "canon_lower", "not thread.task.inst.may_leave")
  let limits = thread.task.inst.store.flatLimits
  thread.task.inst.store.trace?("canon_lower(\(ft.paramTypes()) -> \(ft.result), async=\(opts.async_))")

  let flatFt = flattenFunctype(opts, ft, .lower, limits)
  try check(typesMatchValues(flatFt.params, flatArgs), "canon_lower: arguments \(flatArgs) do not match \(flatFt.params)")
  let flatArgs = CoreValueIter(flatArgs)

  let maxFlatParams: Int
  let maxFlatResults: Int
  if !opts.async_ {
    maxFlatParams = limits.maxFlatParams
    maxFlatResults = limits.maxFlatResults
  } else {
    maxFlatParams = limits.maxFlatAsyncParams
    maxFlatResults = 0
  }

  let subtask = Subtask()
  let cx = LiftLowerContext(opts, thread.task.inst, subtask)
  var maybeOnProgress: () -> Void = {}

  let onStart: OnStart = {
    maybeOnProgress()
    assert(subtask.state == .starting)
    subtask.state = .started
    return try liftFlatValues(cx, maxFlatParams, flatArgs, ft.paramTypes())
  }

  let onResolve: OnResolve = { result in
    maybeOnProgress()
    if let result {
      assert(subtask.state == .started)
      let flatResults = try lowerFlatValues(cx, maxFlatResults, result, ft.resultType(), flatArgs)
      subtask.resolve(.returned, flatResults)
    } else {
      assert(subtask.cancellationRequested)
      if subtask.state == .starting {
        subtask.resolve(.cancelledBeforeStarted, [])
      } else {
        assert(subtask.state == .started)
        subtask.resolve(.cancelledBeforeReturned, [])
      }
    }
  }

  subtask.onCancel = try callee(onStart, onResolve, thread.task.inst)
  try check(ft.async_ || subtask.state == .returned, "canon_lower: a sync callee must return before returning")

  if !opts.async_ {
    if !subtask.resolved() {
      _ = try thread.waitUntil({ subtask.resolved() })
    }
    subtask.deliverResolve()
    try check(typesMatchValues(flatFt.results, subtask.flatResults), "canon_lower: results do not match")
    return subtask.flatResults
  } else {
    if subtask.resolved() {
      subtask.deliverResolve()
      assert(subtask.flatResults.isEmpty)
      return [.i32(Subtask.State.returned.rawValue)]
    } else {
      let subtaski = try thread.task.inst.handles.add(subtask)
      let onProgress: () -> Void = {
        let subtaskEvent: () throws -> EventTuple = {
          if subtask.resolved() { subtask.deliverResolve() }
          return (.subtask, subtaski, subtask.state.rawValue)
        }
        subtask.setPendingEvent(subtaskEvent)
      }
      maybeOnProgress = onProgress
      assert(0 < subtaski && subtaski <= Table<AnyObject>.MAX_LENGTH)
      assert(subtask.state.rawValue < 1 << 4)
      return [.i32(subtask.state.rawValue | (subtaski << 4))]
    }
  }
}
