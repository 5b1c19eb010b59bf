import Foundation
import XCTest
@testable import WasmCore

/// Invocations of one store that interleave on several OS threads, one thread at a time, as the
/// component engine's continuations do (DESIGN.md principle 3): a host function blocks, another
/// thread runs, and the first resumes later. The depth counters bound each thread's own Swift stack.
final class InterleavedInvocationTests: XCTestCase {
    /// Hands control between threads: `pass(to:)` wakes the other and waits for its turn.
    final class Baton: @unchecked Sendable {
        let turns = [DispatchSemaphore(value: 0), DispatchSemaphore(value: 0), DispatchSemaphore(value: 0)]
        func pass(from me: Int, to other: Int) { turns[other].signal(); turns[me].wait() }
    }

    /// Thread 1 blocks inside a host call 3 calls deep; thread 2 runs a whole invocation, also
    /// blocking in the host call; thread 1 finishes, then thread 2. Neither leaves depth behind.
    func testBlockedInvocationsDoNotLeakDepthIntoEachOther() throws {
        let store = Store()
        let baton = Baton()
        var blocks = 0
        // The host function of each thread's innermost call hands over to the other thread once.
        let host = store.allocateHostFunction(type: FunctionType()) { _, _ in
            blocks += 1
            if blocks == 1 { baton.pass(from: 1, to: 2) }  // thread 1: let thread 2 run
            else { baton.pass(from: 2, to: 1) }            // thread 2: let thread 1 finish
            return []
        }
        let module = try parseModule("""
          (module (import "env" "h" (func $h))
            (func $c (call $h)) (func $b (call $c)) (func (export "a") (call $b)))
          """)
        _ = try validateModule(module)
        let instance = try store.instantiate(module, imports: [.function(host)])
        guard case .function(let a)? = instance.export("a") else { return XCTFail("no export a") }
        var depthsAfter: [Int: (call: Int, nested: Int)] = [:]
        var failures: [String] = []
        let done = DispatchSemaphore(value: 0)
        func run(_ me: Int) -> Foundation.Thread {
            Foundation.Thread {
                baton.turns[me].wait()
                do { _ = try store.invoke(a, []) } catch { failures.append("thread \(me): \(error)") }
                depthsAfter[me] = (store.callDepth, store.nestedInvocations)
                if me == 1 { baton.turns[2].signal() } else { done.signal() }
            }
        }
        let t1 = run(1), t2 = run(2)
        t1.start(); t2.start()
        baton.turns[1].signal()
        done.wait()
        XCTAssertEqual(failures, [])
        XCTAssertEqual(depthsAfter[1]?.call, 0)
        XCTAssertEqual(depthsAfter[1]?.nested, 0)
        XCTAssertEqual(depthsAfter[2]?.call, 0, "thread 2 must not keep thread 1's depth")
        XCTAssertEqual(depthsAfter[2]?.nested, 0)
        XCTAssertEqual(store.callDepth, 0)
        XCTAssertEqual(store.nestedInvocations, 0)
    }
}
