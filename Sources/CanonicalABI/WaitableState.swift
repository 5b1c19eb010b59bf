// Spec: CanonicalABI.md#waitable-state
import Foundation

/// The kind of an event delivered to a waiting task.
/// Spec: CanonicalABI.md#waitable-state — class EventCode
public enum EventCode: UInt32 {
  case none = 0, subtask = 1, streamRead = 2, streamWrite = 3, futureRead = 4, futureWrite = 5, taskCancelled = 6
}

/// An event: code and two payload words.
/// Spec: CanonicalABI.md#waitable-state — EventTuple
public typealias EventTuple = (EventCode, UInt32, UInt32)

/// Something with at most one pending event, possibly in a waitable set.
/// Spec: CanonicalABI.md#waitable-state — class Waitable
public class Waitable {
  public var pendingEvent: (() throws -> EventTuple)?
  public var wset: WaitableSet?
  public var hasSyncWaiter: Bool

  /// Spec: CanonicalABI.md#waitable-state — def Waitable.__init__
  public init() {
    pendingEvent = nil
    wset = nil
    hasSyncWaiter = false
  }

  /// Spec: CanonicalABI.md#waitable-state — def Waitable.set_pending_event
  public func setPendingEvent(_ pendingEvent: @escaping () throws -> EventTuple) {
    self.pendingEvent = pendingEvent
  }

  /// Spec: CanonicalABI.md#waitable-state — def Waitable.has_pending_event
  public func hasPendingEvent() -> Bool { pendingEvent != nil }

  /// Spec: CanonicalABI.md#waitable-state — def Waitable.in_waitable_set
  public func inWaitableSet() -> Bool { wset != nil }

  /// Blocks the current thread (uncancellably) until this waitable has an event.
  /// Spec: CanonicalABI.md#waitable-state — def Waitable.wait_for_pending_event
  public func waitForPendingEvent() throws {
    assert(!inWaitableSet() && !hasSyncWaiter)
    hasSyncWaiter = true
    _ = try currentThread().waitUntil({ [unowned self] in self.hasPendingEvent() }, cancellable: false)
    hasSyncWaiter = false
  }

  /// Spec: CanonicalABI.md#waitable-state — def Waitable.get_pending_event
  public func getPendingEvent() throws -> EventTuple {
    guard let pendingEvent else { throw CanonicalABIMisuse("get_pending_event: no pending event") }
    self.pendingEvent = nil
    return try pendingEvent()
  }

  /// Spec: CanonicalABI.md#waitable-state — def Waitable.join
  public func join(_ wset: WaitableSet?) {
    assert(!hasSyncWaiter)
    if let old = self.wset { old.elems.removeAll { $0 === self } }
    self.wset = wset
    if let wset { wset.elems.append(self) }
  }

  /// Spec: CanonicalABI.md#waitable-state — def Waitable.drop
  public func drop() throws {
    assert(!hasPendingEvent())
    assert(!hasSyncWaiter)
    join(nil)
  }
}

/// A set of waitables a thread can wait on.
/// Spec: CanonicalABI.md#waitable-state — class WaitableSet
public final class WaitableSet {
  public var elems: [Waitable]
  public var numWaiting: Int

  /// Spec: CanonicalABI.md#waitable-state — def WaitableSet.__init__
  public init() {
    elems = []
    numWaiting = 0
  }

  /// Spec: CanonicalABI.md#waitable-state — def WaitableSet.has_pending_event
  public func hasPendingEvent() -> Bool { elems.contains { $0.hasPendingEvent() } }

  /// Takes the event of a random element that has one.
  /// Spec: CanonicalABI.md#waitable-state — def WaitableSet.get_pending_event
  public func getPendingEvent(_ store: Store) throws -> EventTuple {
    assert(hasPendingEvent())
    store.randomShuffle(&elems)
    for w in elems {
      assert(self === w.wset)
      if w.hasPendingEvent() { return try w.getPendingEvent() }
    }
    throw CanonicalABIMisuse("WaitableSet.get_pending_event: no pending event")
  }

  /// Spec: CanonicalABI.md#waitable-state — def WaitableSet.wait_for_event_and
  public func waitForEventAnd(_ readyFunc: @escaping () -> Bool, cancellable: Bool) throws -> EventTuple {
    let readyAndHasEvent = { [unowned self] in readyFunc() && self.hasPendingEvent() }
    numWaiting += 1
    let thread = try currentThread()
    let cancelled = try thread.waitUntil(readyAndHasEvent, cancellable: cancellable)
    let event: EventTuple
    if cancelled.bool {
      event = (.taskCancelled, 0, 0)
    } else {
      event = try getPendingEvent(thread.task.inst.store)
    }
    numWaiting -= 1
    return event
  }

  /// Spec: CanonicalABI.md#waitable-state — def WaitableSet.wait_for_event
  public func waitForEvent(cancellable: Bool) throws -> EventTuple {
    try waitForEventAnd({ true }, cancellable: cancellable)
  }

  /// Spec: CanonicalABI.md#waitable-state — def WaitableSet.poll
  public func poll(cancellable: Bool) throws -> EventTuple {
    let task = try currentTask()
    if task.deliverPendingCancel(cancellable) {
      return (.taskCancelled, 0, 0)
    } else if !hasPendingEvent() {
      return (.none, 0, 0)
    } else {
      return try getPendingEvent(task.inst.store)
    }
  }

  /// Spec: CanonicalABI.md#waitable-state — def WaitableSet.drop
  public func drop() throws {
    try trapIf(elems.count > 0, "WaitableSet.drop", "len(self.elems) > 0")
    try trapIf(numWaiting > 0, "WaitableSet.drop", "self.num_waiting > 0")
  }
}
