// Spec: CanonicalABI.md#threads
import Foundation

/// A component-model thread: a continuation plus its scheduling state.
/// Spec: CanonicalABI.md#threads — class Thread
public final class Thread: Hashable {
  var cont: Continuation?
  var readyFunc: (() -> Bool)?
  public let task: Task
  public var cancellable: Bool
  public var index: UInt32?
  public var storage: [UInt64]

  /// Spec: CanonicalABI.md#threads — def Thread.running
  public func running() -> Bool { cont == nil }

  /// Spec: CanonicalABI.md#threads — def Thread.suspended
  public func suspended() -> Bool { !running() && readyFunc == nil }

  /// Spec: CanonicalABI.md#threads — def Thread.waiting
  public func waiting() -> Bool { !running() && readyFunc != nil }

  /// Spec: CanonicalABI.md#threads — def Thread.ready
  public func ready() -> Bool { waiting() && (readyFunc?() ?? false) }

  /// Creates a suspended thread that will run `threadFunc`.
  /// Spec: CanonicalABI.md#threads — def Thread.__init__
  public init(_ task: Task, _ threadFunc: @escaping () throws -> Void) {
    self.readyFunc = nil
    self.task = task
    self.cancellable = false
    self.index = nil
    self.storage = [0, 0]
    self.cont = nil
    self.cont = contNew { cancelled in
      assert(self.running() && !cancelled.bool)
      try threadFunc()
      return nil
    }
    assert(suspended())
  }

  /// A thread that is already running inline on the caller's OS thread (no continuation).
  /// Swift differs: used only by `LiftLowerContext.reallocInline`, the fast path for calls that cannot block.
  init(inlineRunning task: Task) {
    self.readyFunc = nil
    self.task = task
    self.cancellable = false
    self.index = nil
    self.storage = [0, 0]
    self.cont = nil
  }

  /// Spec: CanonicalABI.md#threads — def Thread.start_waiting_internal
  func startWaitingInternal(_ readyFunc: @escaping () -> Bool) {
    assert(!waiting() && self.readyFunc == nil)
    self.readyFunc = readyFunc
    task.inst.store.waiting.append(self)
  }

  /// Spec: CanonicalABI.md#threads — def Thread.stop_waiting_internal
  func stopWaitingInternal(_ cancelled: Cancelled) {
    assert(waiting() && readyFunc != nil)
    assert(cancelled.bool || ready())
    readyFunc = nil
    task.inst.store.waiting.removeAll { $0 === self }
  }

  /// Spec: CanonicalABI.md#threads — def Thread.resume_later
  public func resumeLater() {
    assert(suspended())
    startWaitingInternal { true }
    assert(ready())
  }

  /// Runs this thread (and whatever it switches to) until they block.
  /// Spec: CanonicalABI.md#threads — def Thread.resume
  public func resume(_ cancelled: Cancelled = .false) throws {
    assert(!running() && (cancellable || !cancelled.bool))
    if waiting() { stopWaitingInternal(cancelled) }
    var thread: Thread? = self
    var cancelled = cancelled
    while let t = thread {
      guard let c = t.cont else { throw CanonicalABIMisuse("Thread.resume: thread is running") }
      t.cont = nil
      let (nextCont, switchTo) = try CanonicalABI.resume(c, cancelled, t)
      t.cont = nextCont
      thread = switchTo
      cancelled = .false
    }
  }

  /// Spec: CanonicalABI.md#threads — def Thread.block_internal
  func blockInternal(_ cancellable: Bool) throws -> Cancelled {
    self.cancellable = cancellable
    let cancelled = try block(nil)
    assert(running() && (cancellable || !cancelled.bool))
    return cancelled
  }

  /// Spec: CanonicalABI.md#threads — def Thread.switch_to_internal
  func switchToInternal(_ cancellable: Bool, _ other: Thread) throws -> Cancelled {
    self.cancellable = cancellable
    let cancelled = try block(other)
    assert(running() && (cancellable || !cancelled.bool))
    return cancelled
  }

  /// Spec: CanonicalABI.md#threads — def Thread.suspend
  public func suspend(_ cancellable: Bool) throws -> Cancelled {
    assert(running())
    if task.deliverPendingCancel(cancellable) { return .true }
    return try blockInternal(cancellable)
  }

  /// Blocks until `readyFunc` holds (and the scheduler picks this thread).
  /// Spec: CanonicalABI.md#threads — def Thread.wait_until
  /// Swift differs: `yielding` tells the store's scheduler whether this wait is a yield (whose point is
  /// to let other threads run) or a wait on a condition; see `Store.keepsRunning`.
  public func waitUntil(_ readyFunc: @escaping () -> Bool, cancellable: Bool = false, yielding: Bool = false) throws -> Cancelled {
    assert(running())
    if task.deliverPendingCancel(cancellable) { return .true }
    if readyFunc() && task.inst.store.keepsRunning(yielding: yielding) { return .false }
    startWaitingInternal(readyFunc)
    return try blockInternal(cancellable)
  }

  /// Spec: CanonicalABI.md#threads — def Thread.yield_
  public func yield_(_ cancellable: Bool) throws -> Cancelled {
    try waitUntil({ true }, cancellable: cancellable, yielding: true)
  }

  /// Spec: CanonicalABI.md#threads — def Thread.suspend_then_resume
  public func suspendThenResume(_ cancellable: Bool, _ other: Thread) throws -> Cancelled {
    assert(running() && other.suspended())
    if task.deliverPendingCancel(cancellable) { return .true }
    return try switchToInternal(cancellable, other)
  }

  /// Spec: CanonicalABI.md#threads — def Thread.yield_then_resume
  public func yieldThenResume(_ cancellable: Bool, _ other: Thread) throws -> Cancelled {
    assert(running() && other.suspended())
    if task.deliverPendingCancel(cancellable) { return .true }
    startWaitingInternal { true }
    return try switchToInternal(cancellable, other)
  }

  /// Spec: CanonicalABI.md#threads — def Thread.suspend_then_promote
  public func suspendThenPromote(_ cancellable: Bool, _ other: Thread) throws -> Cancelled {
    assert(running())
    if task.deliverPendingCancel(cancellable) { return .true }
    if other.ready() {
      other.stopWaitingInternal(.false)
      return try suspendThenResume(cancellable, other)
    } else {
      return try suspend(cancellable)
    }
  }

  /// Spec: CanonicalABI.md#threads — def Thread.yield_then_promote
  public func yieldThenPromote(_ cancellable: Bool, _ other: Thread) throws -> Cancelled {
    assert(running())
    if task.deliverPendingCancel(cancellable) { return .true }
    if other.ready() {
      other.stopWaitingInternal(.false)
      return try yieldThenResume(cancellable, other)
    } else {
      return try yield_(cancellable)
    }
  }

  public static func == (a: Thread, b: Thread) -> Bool { a === b }
  public func hash(into h: inout Hasher) { h.combine(ObjectIdentifier(self)) }
}
