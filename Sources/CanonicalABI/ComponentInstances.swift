// Spec: CanonicalABI.md#component-instances
import Foundation

/// The runtime state of a component instance.
/// Spec: CanonicalABI.md#component-instances — class ComponentInstance
public final class ComponentInstance: Hashable {
  public let store: Store
  public let parent: ComponentInstance?
  public var handles: Table<AnyObject>
  public var threads: Table<Thread>
  public var mayEnter: Bool
  public var mayLeave: Bool
  public var backpressure: Int
  public var numWaitingToEnter: Int
  public var exclusiveThread: Thread?
  /// For the instance a host function's call runs in (run_tests.py `mk_host_func` makes one per call),
  /// the instance that called it: a component torn down takes the host calls it left blocked with it.
  /// Swift differs: not in definitions.py (see `Store.abandonThreads`).
  public weak var hostCallCaller: ComponentInstance?

  /// Spec: CanonicalABI.md#component-instances — def ComponentInstance.__init__
  public init(_ store: Store, parent: ComponentInstance? = nil) {
    assert(parent == nil || parent?.store === store)
    self.store = store
    self.parent = parent
    self.handles = Table()
    self.threads = Table()
    self.mayEnter = true
    self.mayLeave = true
    self.backpressure = 0
    self.numWaitingToEnter = 0
    self.exclusiveThread = nil
  }

  /// Whether every instance entered by a call from `caller` may be entered.
  /// Spec: CanonicalABI.md#component-instances — def ComponentInstance.may_enter_from
  public func mayEnterFrom(_ caller: ComponentInstance?) -> Bool {
    for inst in enteringSet(caller) {
      if !inst.mayEnter { return false }
    }
    return true
  }

  /// Marks the entering set as entered.
  /// Spec: CanonicalABI.md#component-instances — def ComponentInstance.enter_from
  public func enterFrom(_ caller: ComponentInstance?) {
    for inst in enteringSet(caller) {
      assert(inst.mayEnter)
      inst.mayEnter = false
    }
  }

  /// Marks the entering set as left.
  /// Spec: CanonicalABI.md#component-instances — def ComponentInstance.leave_to
  public func leaveTo(_ caller: ComponentInstance?) {
    for inst in enteringSet(caller) {
      assert(!inst.mayEnter)
      inst.mayEnter = true
    }
  }

  /// The instances a call from `caller` enters: self and ancestors, minus the caller's.
  /// Spec: CanonicalABI.md#component-instances — def ComponentInstance.entering_set
  /// Swift differs: an array (in ancestor order) stands for the Python set.
  public func enteringSet(_ caller: ComponentInstance?) -> [ComponentInstance] {
    if let caller {
      let theirs = caller.selfAndAncestors()
      return selfAndAncestors().filter { mine in !theirs.contains { $0 === mine } }
    } else {
      return selfAndAncestors()
    }
  }

  /// Spec: CanonicalABI.md#component-instances — def ComponentInstance.self_and_ancestors
  public func selfAndAncestors() -> [ComponentInstance] {
    var s = [self]
    var ancestor = parent
    while let a = ancestor {
      s.append(a)
      ancestor = a.parent
    }
    return s
  }

  public static func == (a: ComponentInstance, b: ComponentInstance) -> Bool { a === b }
  public func hash(into h: inout Hasher) { h.combine(ObjectIdentifier(self)) }
}
