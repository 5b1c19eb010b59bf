// Spec: CanonicalABI.md#canon-lift
import Foundation

/// Calls a core function as a component function: a new Task on a new Thread, lowering the arguments,
/// lifting the results, and (async) running the callback loop.
/// Spec: CanonicalABI.md#canon-lift — def canon_lift
public func canonLift(_ callee: @escaping CoreFuncInst, _ ft: FuncType, _ opts: CanonicalOptions, _ inst: ComponentInstance,
                      _ onStart: @escaping OnStart, _ onResolve: @escaping OnResolve) throws -> OnCancel {
  inst.store.trace?("canon_lift(\(ft.paramTypes()) -> \(ft.result), async=\(opts.async_))")
  let limits = inst.store.flatLimits
  let task = Task(ft, opts, inst, onStart, onResolve)
  let threadFunc: () throws -> Void = {
    if !(try task.enterImplicitThread()) { return }
    guard let thread = task.implicitThread else { return }

    let cx = LiftLowerContext(opts, inst, task)
    let args = try task.start()
    let flatArgs = try lowerFlatValues(cx, limits.maxFlatParams, args, ft.paramTypes())
    let flatFt = flattenFunctype(opts, ft, .lift, limits)
    assert(typesMatchValues(flatFt.params, flatArgs))

    if !opts.async_ {
      let flatResults = try callAndTrapOnThrow(callee, flatArgs)
      try check(typesMatchValues(flatFt.results, flatResults), "canon_lift: callee results \(flatResults) do not match \(flatFt.results)")
      let result = try liftFlatValues(cx, limits.maxFlatResults, CoreValueIter(flatResults), ft.resultType())
      try task.return_(result)
      if let postReturn = opts.postReturn {
        assert(cx.inst.mayLeave)
        inst.mayLeave = false
        let r = try callAndTrapOnThrow(postReturn, flatResults)
        try check(r.isEmpty, "canon_lift: post-return returns nothing")
        inst.mayLeave = true
      }
      try task.exitImplicitThread()
      return
    }

    guard let callback = opts.callback else {
      let r = try callAndTrapOnThrow(callee, flatArgs)
      try check(typesMatchValues(flatFt.results, r) && r.isEmpty, "canon_lift: async callee without callback returns nothing")
      try task.exitImplicitThread()
      return
    }

    var packed = try callAndTrapOnThrow(callee, flatArgs)
    var (code, si) = try unpackCallbackResult(packed)
    while code != .exit {
      assert(task.needsExclusive() && inst.exclusiveThread === task.implicitThread)
      inst.exclusiveThread = nil
      let event: EventTuple
      switch code {
      case .yield:
        let cancelled = try thread.waitUntil({ inst.exclusiveThread == nil }, cancellable: true)
        if cancelled.bool {
          event = (.taskCancelled, 0, 0)
        } else {
          event = (.none, 0, 0)
        }
      case .wait:
        let w = try inst.handles.get(si)
        guard let wset = w as? WaitableSet else { throw trap("canon_lift", "not isinstance(wset, WaitableSet)") }
        event = try wset.waitForEventAnd({ inst.exclusiveThread == nil }, cancellable: true)
      default:
        throw trap("canon_lift", "unknown callback code")
      }
      assert(inst.exclusiveThread == nil)
      inst.exclusiveThread = task.implicitThread
      let (eventCode, p1, p2) = event
      packed = try callAndTrapOnThrow(callback, [.i32(eventCode.rawValue), .i32(p1), .i32(p2)])
      (code, si) = try unpackCallbackResult(packed)
    }
    try task.exitImplicitThread()
  }
  let thread = Thread(task, threadFunc)
  try thread.resume()
  if !ft.async_ {
    while task.state != .resolved {
      let candidates = inst.threads.filter { $0.ready() && $0 !== inst.exclusiveThread }
      try trapIf(candidates.isEmpty, "canon_lift", "not candidates")
      try inst.store.randomChoice(candidates).resume()
    }
  }
  return { caller in try task.requestCancellation(caller) }
}

/// What a callback returns: exit, yield, or wait on a waitable set.
/// Spec: CanonicalABI.md#canon-lift — class CallbackCode
public enum CallbackCode: UInt32 {
  case exit = 0, yield = 1, wait = 2
  public static let MAX: UInt32 = 2
}

/// Splits a callback's packed i32 into code and waitable-set index.
/// Spec: CanonicalABI.md#canon-lift — def unpack_callback_result
public func unpackCallbackResult(_ packed: [CoreValue]) throws -> (CallbackCode, UInt32) {
  guard packed.count == 1, case .i32(let p) = packed[0] else { throw CanonicalABIMisuse("callback must return one i32") }
  let code = p & 0xf
  try trapIf(code > CallbackCode.MAX, "unpack_callback_result", "code > CallbackCode.MAX")
  let waitableSetIndex = p >> 4
  return (CallbackCode(rawValue: code) ?? .exit, waitableSetIndex)
}

/// Calls core code, turning a core exception into a trap.
/// Spec: CanonicalABI.md#canon-lift — def call_and_trap_on_throw
public func callAndTrapOnThrow(_ callee: CoreFuncInst, _ args: [CoreValue]) throws -> [CoreValue] {
  do {
    return try callee(args)
  } catch is CoreWebAssemblyException {
    throw trap("call_and_trap_on_throw", "CoreWebAssemblyException")
  }
}
