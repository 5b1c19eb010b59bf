// Spec: CanonicalABI.md#subtask-state
import Foundation

/// The caller's view of a call made through `canon lower`.
/// Spec: CanonicalABI.md#subtask-state — class Subtask
public final class Subtask: Waitable {
  /// Spec: CanonicalABI.md#subtask-state — class Subtask.State
  public enum State: UInt32 {
    case starting = 0, started = 1, returned = 2, cancelledBeforeStarted = 3, cancelledBeforeReturned = 4
  }

  public var state: State
  public var onCancel: OnCancel?
  public var lenders: [ResourceHandle]?
  public var cancellationRequested: Bool
  public var flatResults: [CoreValue]

  /// Spec: CanonicalABI.md#subtask-state — def Subtask.__init__
  public override init() {
    state = .starting
    onCancel = nil
    lenders = []
    cancellationRequested = false
    flatResults = []
    super.init()
  }

  /// Spec: CanonicalABI.md#subtask-state — def Subtask.resolved
  public func resolved() -> Bool {
    switch state {
    case .starting, .started: return false
    case .returned, .cancelledBeforeStarted, .cancelledBeforeReturned: return true
    }
  }

  /// Spec: CanonicalABI.md#subtask-state — def Subtask.add_lender
  public func addLender(_ lendingHandle: ResourceHandle) {
    assert(!resolveDelivered() && !resolved())
    lendingHandle.numLends += 1
    lenders?.append(lendingHandle)
  }

  /// Spec: CanonicalABI.md#subtask-state — def Subtask.resolve
  public func resolve(_ state: State, _ flatResults: [CoreValue]) {
    assert(state == .returned || flatResults.isEmpty)
    assert(!resolved())
    self.state = state
    self.flatResults = flatResults
    assert(resolved())
  }

  /// Spec: CanonicalABI.md#subtask-state — def Subtask.deliver_resolve
  public func deliverResolve() {
    assert(!resolveDelivered() && resolved())
    for h in lenders ?? [] { h.numLends -= 1 }
    lenders = nil
  }

  /// Spec: CanonicalABI.md#subtask-state — def Subtask.resolve_delivered
  public func resolveDelivered() -> Bool {
    assert(lenders != nil || resolved())
    return lenders == nil
  }

  /// Spec: CanonicalABI.md#subtask-state — def Subtask.drop
  public override func drop() throws {
    try trapIf(!resolveDelivered(), "Subtask.drop", "not self.resolve_delivered()")
    try super.drop()
  }
}
