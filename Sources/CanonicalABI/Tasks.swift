// Spec: CanonicalABI.md#tasks
import Foundation

/// Called by the callee to receive its arguments.
/// Spec: CanonicalABI.md#tasks — OnStart
public typealias OnStart = () throws -> [Value]
/// Called by the callee with its results (nil when cancelled).
/// Spec: CanonicalABI.md#tasks — OnResolve
public typealias OnResolve = ([Value]?) throws -> Void
/// Returned by a call so the caller can request cancellation.
/// Spec: CanonicalABI.md#tasks — OnCancel
public typealias OnCancel = (ComponentInstance?) throws -> Void
/// A component-level function instance.
/// Spec: CanonicalABI.md#tasks — FuncInst
public typealias FuncInst = (_ onStart: @escaping OnStart, _ onResolve: @escaping OnResolve, _ caller: ComponentInstance?) throws -> OnCancel

/// The state of one call into a component export.
/// Spec: CanonicalABI.md#tasks — class Task
public final class Task {
  /// Spec: CanonicalABI.md#tasks — class Task.State
  public enum State: Int { case initial = 1, started, pendingCancel, cancelDelivered, resolved }

  public let ft: FuncType
  public let opts: CanonicalOptions
  public let inst: ComponentInstance
  let onStart: OnStart
  let onResolve: OnResolve
  public var state: State
  public var numBorrows: Int
  public var implicitThread: Thread?
  public var threads: [Thread]

  /// Spec: CanonicalABI.md#tasks — def Task.__init__
  public init(_ ft: FuncType, _ opts: CanonicalOptions, _ inst: ComponentInstance, _ onStart: @escaping OnStart, _ onResolve: @escaping OnResolve) {
    self.ft = ft
    self.opts = opts
    self.inst = inst
    self.onStart = onStart
    self.onResolve = onResolve
    self.state = .initial
    self.numBorrows = 0
    self.implicitThread = nil
    self.threads = []
  }

  /// Spec: CanonicalABI.md#tasks — def Task.needs_exclusive
  public func needsExclusive() -> Bool {
    assert(ft.async_)
    return !opts.async_ || opts.callback != nil
  }

  /// Waits out backpressure, takes the exclusive slot if needed and registers the implicit thread.
  /// Spec: CanonicalABI.md#tasks — def Task.enter_implicit_thread
  public func enterImplicitThread() throws -> Bool {
    assert(state == .initial)
    let thread = try currentThread()
    implicitThread = thread
    if ft.async_ {
      let hasBackpressure = { [unowned self] in
        self.inst.backpressure > 0 || (self.needsExclusive() && self.inst.exclusiveThread != nil)
      }
      if hasBackpressure() || inst.numWaitingToEnter > 0 {
        inst.numWaitingToEnter += 1
        let cancelled = try thread.waitUntil({ !hasBackpressure() }, cancellable: true, yielding: true)
        inst.numWaitingToEnter -= 1
        if cancelled.bool {
          try cancel()
          return false
        }
      }
      if needsExclusive() {
        assert(inst.exclusiveThread == nil)
        inst.exclusiveThread = thread
      }
    }
    try registerThread(thread)
    return true
  }

  /// Spec: CanonicalABI.md#tasks — def Task.register_thread
  public func registerThread(_ thread: Thread) throws {
    assert(!threads.contains { $0 === thread } && thread.task === self)
    threads.append(thread)
    assert(thread.index == nil)
    thread.index = try inst.threads.add(thread)
  }

  /// Spec: CanonicalABI.md#tasks — def Task.exit_implicit_thread
  public func exitImplicitThread() throws {
    guard let implicit = implicitThread else { throw CanonicalABIMisuse("exit_implicit_thread: no implicit thread") }
    assert((try? currentThread()) === implicit)
    try unregisterThread(implicit)
    if ft.async_ && needsExclusive() {
      assert(inst.exclusiveThread === implicit)
      inst.exclusiveThread = nil
    }
  }

  /// Spec: CanonicalABI.md#tasks — def Task.unregister_thread
  public func unregisterThread(_ thread: Thread) throws {
    assert(threads.contains { $0 === thread } && thread.task === self)
    threads.removeAll { $0 === thread }
    if threads.isEmpty {
      try trapIf(state != .resolved, "Task.unregister_thread", "state != RESOLVED")
      assert(numBorrows == 0)
    }
    guard let i = thread.index else { throw CanonicalABIMisuse("unregister_thread: thread has no index") }
    _ = try inst.threads.remove(i)
  }

  /// Delivers cancellation now if a cancellable thread can take it, else leaves it pending.
  /// Spec: CanonicalABI.md#tasks — def Task.request_cancellation
  public func requestCancellation(_ caller: ComponentInstance?) throws {
    if state == .initial {
      state = .cancelDelivered
      try implicitThread?.resume(.true)
    } else {
      assert(state == .started)
      var candidates = threads.filter { $0.cancellable }
      if needsExclusive() && !(inst.exclusiveThread == nil || inst.exclusiveThread === implicitThread) {
        candidates.removeAll { $0 === implicitThread }
      }
      if !candidates.isEmpty && inst.mayEnterFrom(caller) {
        state = .cancelDelivered
        inst.enterFrom(caller)
        try inst.store.randomChoice(candidates).resume(.true)
        inst.leaveTo(caller)
      } else {
        state = .pendingCancel
      }
    }
  }

  /// Spec: CanonicalABI.md#tasks — def Task.deliver_pending_cancel
  public func deliverPendingCancel(_ cancellable: Bool) -> Bool {
    if cancellable && state == .pendingCancel {
      state = .cancelDelivered
      return true
    }
    return false
  }

  /// Spec: CanonicalABI.md#tasks — def Task.start
  public func start() throws -> [Value] {
    assert(state == .initial)
    state = .started
    return try onStart()
  }

  /// Spec: CanonicalABI.md#tasks — def Task.return_
  public func return_(_ result: [Value]) throws {
    try trapIf(state == .resolved, "Task.return_", "state == RESOLVED")
    try trapIf(numBorrows > 0, "Task.return_", "num_borrows > 0")
    try onResolve(result)
    state = .resolved
  }

  /// Spec: CanonicalABI.md#tasks — def Task.cancel
  public func cancel() throws {
    try trapIf(state != .cancelDelivered, "Task.cancel", "state != CANCEL_DELIVERED")
    try trapIf(numBorrows > 0, "Task.cancel", "num_borrows > 0")
    try onResolve(nil)
    state = .resolved
  }
}
