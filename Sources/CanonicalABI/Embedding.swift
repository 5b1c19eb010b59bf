// Spec: CanonicalABI.md#embedding
import Foundation

/// A core function instance: flat core values in, flat core values out.
/// Spec: CanonicalABI.md#embedding — Store.CoreFuncInst
public typealias CoreFuncInst = ([CoreValue]) throws -> [CoreValue]

/// The store: the threads waiting to run and the host's nesting depth.
/// Spec: CanonicalABI.md#embedding — class Store
/// Swift differs: the store also holds the profile (DETERMINISTIC_PROFILE) and the seeded random source the
/// spec's `random` calls draw from, so runs are reproducible from `seed`.
public final class Store {
  public var waiting: [Thread]
  public var nestingDepth: Int
  public var deterministicProfile: Bool
  public var rng: SplitMix64
  /// How the spec's free choices among ready threads and pending events are made.
  public var scheduling: Scheduling
  /// MAX_FLAT_PARAMS, MAX_FLAT_ASYNC_PARAMS and MAX_FLAT_RESULTS for calls in this store.
  public var flatLimits: FlatLimits
  /// Run `realloc` through `LiftLowerContext.reallocInline` (no OS thread switch) instead of the literal `canon_lift`.
  /// Swift differs: a fast path (realloc runs with may_leave cleared, so it can never block); tests compare both.
  public var inlineRealloc: Bool = true
  /// The host's transformation of an error context's debug message (identity by default).
  /// Spec: CanonicalABI.md#-canon-error-contextnew — host_defined_transformation
  public var hostDefinedTransformation: (ABIString) -> ABIString = { $0 }
  /// Called with each definition entered, when set (`--trace`): `load`, `store`, `lift_flat`, `lower_flat`,
  /// `lift_flat_values`, `lower_flat_values`, the list and string range definitions, `lift_own`/`lift_borrow`/
  /// `lower_own`/`lower_borrow`, `LiftLowerContext.reallocate`, `canon_lift`, `canon_lower`, the resource
  /// built-ins and `Store.invoke`/`Store.tick`.
  /// Swift differs: not in definitions.py; a reader's view of the spec's path through a call.
  public var trace: ((String) -> Void)?
  /// The continuations of this store's threads that are blocked, each holding an OS thread.
  /// Swift differs: not in definitions.py; see `abandonThreads` (StackSwitching.swift).
  public let suspended = SuspendedContinuations()

  /// Spec: CanonicalABI.md#embedding — def Store.__init__
  public init(deterministicProfile: Bool = true, seed: UInt64 = 0, scheduling: Scheduling = .seeded,
              flatLimits: FlatLimits = .default) {
    self.flatLimits = flatLimits
    self.scheduling = scheduling
    self.waiting = []
    self.nestingDepth = 0
    self.deterministicProfile = deterministicProfile
    self.rng = SplitMix64(seed: seed)
  }

  /// Calls a function from the host.
  /// Spec: CanonicalABI.md#embedding — def Store.invoke
  public func invoke(_ f: FuncInst, _ onStart: @escaping OnStart, _ onResolve: @escaping OnResolve) throws -> OnCancel {
    trace?("Store.invoke")
    nestingDepth += 1
    defer { nestingDepth -= 1 }
    return try f(onStart, onResolve, nil)
  }

  /// Wraps a core function as a component function (the instance is entered around `canon_lift`).
  /// Spec: CanonicalABI.md#embedding — def Store.lift
  public func lift(_ f: @escaping CoreFuncInst, _ ft: FuncType, _ opts: CanonicalOptions, _ inst: ComponentInstance) -> FuncInst {
    return { onStart, onResolve, caller in
      assert(caller == nil || caller === (try? currentInstance()))
      try trapIf(!inst.mayEnterFrom(caller), "Store.lift", "not inst.may_enter_from(caller)")
      inst.enterFrom(caller)
      let onCancel = try canonLift(f, ft, opts, inst, onStart, onResolve)
      inst.leaveTo(caller)
      return onCancel
    }
  }

  /// Wraps a component function as a core function (through `canon_lower`).
  /// Spec: CanonicalABI.md#embedding — def Store.lower
  public func lower(_ f: @escaping FuncInst, _ ft: FuncType, _ opts: CanonicalOptions, _ inst: ComponentInstance) -> CoreFuncInst {
    return { args in
      assert(inst === (try? currentInstance()))
      assert(inst.selfAndAncestors().allSatisfy { !$0.mayEnter })
      let results = try canonLower(f, ft, opts, args)
      assert(inst.selfAndAncestors().allSatisfy { !$0.mayEnter })
      return results
    }
  }

  /// Resumes one ready waiting thread, chosen at random.
  /// Spec: CanonicalABI.md#embedding — def Store.tick
  public func tick() throws {
    assert(nestingDepth == 0)
    assert(waiting.allSatisfy { $0.task.inst.mayEnterFrom(nil) })
    nestingDepth += 1
    defer { nestingDepth -= 1 }
    trace?("Store.tick")
    let candidates = waiting.filter { $0.ready() }
    if !candidates.isEmpty {
      let thread = randomChoice(candidates)
      thread.task.inst.enterFrom(nil)
      try thread.resume()
      thread.task.inst.leaveTo(nil)
    }
  }

  /// `random.choice` over a non-empty array (in order: the first element).
  func randomChoice<T>(_ xs: [T]) -> T {
    switch scheduling {
    case .inOrder: return xs[0]
    case .seeded: return xs[Int(rng.next() % UInt64(xs.count))]
    }
  }
  /// `ready_func() and not DETERMINISTIC_PROFILE and random.randint(0,1)` in `Thread.wait_until`:
  /// whether a thread whose condition already holds keeps running instead of switching.
  /// In order: a wait on a condition that holds keeps running; a yield (`yielding`) switches.
  func keepsRunning(yielding: Bool) -> Bool {
    switch scheduling {
    case .inOrder: return !yielding
    case .seeded: return !deterministicProfile && randomBool()
    }
  }
  /// `random.shuffle` (in order: unchanged).
  func randomShuffle<T>(_ xs: inout [T]) {
    if scheduling == .seeded { xs.shuffle(using: &rng) }
  }
  /// `random.randint(0,1)`.
  func randomBool() -> Bool { rng.next() & 1 == 1 }
}

/// How a store makes the choices the spec leaves free (`random.choice` of the thread `Store.tick`
/// resumes, `random.shuffle` of a waitable set's elements before taking an event).
/// Swift differs: the spec draws at random, which any fixed policy refines; `inOrder` takes the thread
/// that has waited longest and the element that joined first, and lets a thread whose wait condition
/// already holds keep running (CanonicalABI.md#threads: "the embedder can use scheduling heuristics to
/// decide whether or not to block") unless it yields: the behaviour the suites' scripts assume.
public enum Scheduling: Sendable {
  /// The first candidate: the longest-waiting thread, the earliest-joined waitable; no switch at a
  /// wait whose condition holds, a switch at every yield.
  case inOrder
  /// A pseudo-random candidate from the store's seeded `rng`.
  case seeded
}

/// The seeded random source for the spec's non-deterministic choices.
public struct SplitMix64: RandomNumberGenerator {
  var state: UInt64
  public init(seed: UInt64) { state = seed }
  public mutating func next() -> UInt64 {
    state &+= 0x9E3779B97F4A7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58476D1CE4E5B9
    z = (z ^ (z >> 27)) &* 0x94D049BB133111EB
    return z ^ (z >> 31)
  }
}
