// The store's scheduling policy: how the spec's free choices (Store.tick's random.choice, the early
// return of Thread.wait_until) are made. CanonicalABI.md#embedding, #threads.
import XCTest
@testable import CanonicalABI

final class SchedulingTests: XCTestCase {
  /// A stackful async export (no callback, so no exclusive use) that runs `body` as its core code
  /// and returns nothing.
  func stackful(_ store: Store, _ inst: ComponentInstance, _ body: @escaping () throws -> Void) -> FuncInst {
    let opts = mkOpts(async_: true)
    return store.lift({ _ in
      try body()
      _ = try canonTaskReturn([], opts, [])
      return []
    }, FuncType([], [], async_: true), opts, inst)
  }

  /// Two tasks yield; in order, Store.tick resumes the one that has waited longest first.
  func testInOrderTickResumesTheLongestWaitingThread() throws {
    for (first, second) in [("a", "b"), ("b", "a")] {
      let store = Store(scheduling: .inOrder)
      let inst = ComponentInstance(store)
      var order: [String] = []
      func task(_ name: String) -> FuncInst {
        stackful(store, inst) {
          order.append(name + "1")
          _ = try canonThreadYield(false)
          order.append(name + "2")
        }
      }
      _ = try store.invoke(task(first), { [] }, { _ in })
      _ = try store.invoke(task(second), { [] }, { _ in })
      XCTAssertEqual(store.waiting.count, 2)
      while store.waiting.contains(where: { $0.ready() }) { try store.tick() }
      XCTAssertEqual(order, [first + "1", second + "1", first + "2", second + "2"])
    }
  }

  /// In order, a wait whose condition already holds keeps running (no switch back to the host),
  /// a yield switches; the spec's deterministic profile (seeded policy) switches at both.
  func testInOrderWaitOnSatisfiedConditionKeepsRunning() throws {
    for scheduling in [Scheduling.inOrder, .seeded] {
      let store = Store(deterministicProfile: true, scheduling: scheduling)
      let inst = ComponentInstance(store)
      var invokeReturned = false
      var switchedAtWait: Bool?
      var switchedAtYield: Bool?
      let f = stackful(store, inst) {
        _ = try currentThread().waitUntil({ true })
        switchedAtWait = invokeReturned
        _ = try currentThread().yield_(false)
        switchedAtYield = invokeReturned
      }
      _ = try store.invoke(f, { [] }, { _ in })
      invokeReturned = true
      while store.waiting.contains(where: { $0.ready() }) { try store.tick() }
      XCTAssertEqual(switchedAtWait, scheduling == .seeded, "\(scheduling): wait on a satisfied condition")
      XCTAssertEqual(switchedAtYield, true, "\(scheduling): yield")
    }
  }
}
