@testable import CanonicalABI
import ComponentModel
import Foundation
import WasmCore
@testable import WastRunner
import XCTest

/// Issue 7, bar 3: async scripts never crash, hang or exhaust the machine. A thread that blocks and is
/// never resumed holds an OS thread (StackSwitching.swift); the runner abandons the threads of every
/// component it drops, of every component that trapped, and of the whole store at the end of a script
/// (Docs/execution.md, "Abandoned continuations"), so those OS threads return to the pool.
final class AsyncTeardownTests: XCTestCase {
  static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent()

  func run(_ text: String) -> [CommandRecord] {
    let path = FileManager.default.temporaryDirectory.appendingPathComponent("teardown-\(getpid())-\(UUID().uuidString).wast").path
    defer { try? FileManager.default.removeItem(atPath: path) }
    FileManager.default.createFile(atPath: path, contents: Data(text.utf8))
    return ScriptRunner(engineFactory: ScriptExecution.factory).run(file: path)
  }

  /// The text of a script of `Scripts/async-thread-stress.sh` (one file, `copies` of each of `kinds`).
  func stressScript(copies: Int, kinds: String = "wait-empty never-sync spawn") throws -> String {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("teardown-stress-\(getpid())-\(UUID().uuidString)").path
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let generate = Process()
    generate.executableURL = URL(fileURLWithPath: "/bin/bash")
    generate.arguments = [Self.packageRoot.appendingPathComponent("Scripts/async-thread-stress.sh").path, dir, "1", "\(copies)", kinds]
    try generate.run()
    generate.waitUntilExit()
    XCTAssertEqual(generate.terminationStatus, 0)
    return try String(contentsOfFile: dir + "/stress-0.wast", encoding: .utf8)
  }

  /// The OS threads of this process (Linux: the entries of /proc/self/task), or nil elsewhere.
  func osThreads() -> Int? {
    (try? FileManager.default.contentsOfDirectory(atPath: "/proc/self/task"))?.count
  }

  /// 20 copies each of three components whose calls never resolve (Scripts/async-thread-stress.sh):
  /// 240 threads stay blocked if nothing unwinds them. Each invoke still reports the deadlock at its
  /// line (once more than 100 were left blocked, their unfinished core invocations used to make every
  /// later call fail with "call stack exhausted"), and the OS threads stay within the pool's size.
  func testThreadsOfDroppedComponentsReturnToThePool() throws {
    guard let before = osThreads() else { throw XCTSkip("no /proc/self/task: not Linux") }
    let records = run(try stressScript(copies: 20))
    XCTAssertEqual(records.count, 120)
    XCTAssertEqual(records.filter { $0.outcome != .passed }.map { "\($0.line): \($0.message)" }, [])
    let after = try XCTUnwrap(osThreads())
    XCTAssertLessThanOrEqual(after, before + ContinuationWorkers.maxIdle + 4, "OS threads before \(before), after \(after)")
  }

  /// A component whose async export calls `host.never-return` synchronously.
  static let neverSync = #"""
    (component
      (import "host" (instance $host (export "never-return" (func async))))
      (core func $never (canon lower (func $host "never-return")))
      (core module $M
        (import "" "never" (func $never))
        (func (export "f") (call $never))
        (func (export "trap") unreachable))
      (core instance $m (instantiate $M (with "" (instance (export "never" (func $never))))))
      (func (export "f") async (canon lift (core func $m "f") async))
      (func (export "trap") async (canon lift (core func $m "trap") async)))
    """#

  /// A runtime with the runner's host imports and `count` instances of `neverSync`.
  func neverSyncInstances(_ count: Int) throws -> (ComponentRuntime, [ComponentInstanceValue]) {
    let runtime = ComponentRuntime()
    let host = try HostImports(runtime: runtime)
    let component = try parseComponent(Self.neverSync)
    _ = try validateComponent(component, features: .componentModelSuite)
    return (runtime, try (0..<count).map { _ in try runtime.instantiate(component, imports: host.imports) })
  }

  /// The blocked threads of a dropped component, then of the whole store, unwind: none stays suspended,
  /// and none can be resumed afterwards.
  func testAbandoningUnwindsEveryBlockedThread() throws {
    let (runtime, instances) = try neverSyncInstances(2)
    let (first, second) = (instances[0], instances[1])
    for instance in [first, second] {
      XCTAssertThrowsError(try runtime.invoke(try XCTUnwrap(instance.function("f")), [])) { error in
        guard let trap = error as? ComponentTrap, case .unresolved = trap.site else { return XCTFail("\(error)") }
      }
    }
    // Each call leaves two threads blocked: the guest's, in its synchronous call, and the host call's.
    XCTAssertEqual(runtime.store.suspended.count, 4)
    let held = runtime.store.suspended.threads.filter { $0.task.inst === first.state || $0.task.inst.hostCallCaller === first.state }
    XCTAssertEqual(held.count, 2)
    runtime.abandonThreads(of: try XCTUnwrap(first.state))
    XCTAssertEqual(runtime.store.suspended.count, 2)
    // An abandoned thread is never resumed again: resuming it is an error, not a hang.
    XCTAssertThrowsError(try held[0].resume()) { error in
      XCTAssertTrue("\(error)".contains("abandoned"), "\(error)")
    }
    runtime.tearDown()
    XCTAssertEqual(runtime.store.suspended.count, 0)
    XCTAssertEqual(runtime.store.waiting.count, 0)
    // A runtime torn down runs nothing more.
    XCTAssertThrowsError(try runtime.invoke(try XCTUnwrap(second.function("f")), [])) { error in
      XCTAssertEqual((error as? WasmError)?.kind, .usage, "\(error)")
    }
  }

  /// A trap leaves its instance entered, so nothing can resume its threads, nor the host calls it made:
  /// they are abandoned as the call ends.
  func testATrappedComponentTakesItsBlockedThreadsWithIt() throws {
    let (runtime, instances) = try neverSyncInstances(1)
    let instance = instances[0]
    XCTAssertThrowsError(try runtime.invoke(try XCTUnwrap(instance.function("f")), []))
    XCTAssertEqual(runtime.store.suspended.count, 2)
    XCTAssertThrowsError(try runtime.invoke(try XCTUnwrap(instance.function("trap")), [])) { error in
      XCTAssertTrue("\(error)".contains("unreachable"), "\(error)")
    }
    XCTAssertEqual(runtime.store.suspended.count, 0)
  }

  /// Adversarial async commands, each with its located outcome: a trap inside a callback (and the
  /// instance refusing entry afterwards), a huge stream length, dropping a stream end in the middle of
  /// a copy, a synchronous call chain eight components deep that deadlocks, twice.
  func testAdversarialAsyncCommandsEndAtTheirLines() {
    var text = #"""
      (component definition $C
        (type $ST (stream u8))
        (core module $Libc (memory (export "mem") 1))
        (core instance $libc (instantiate $Libc))
        (core func $stream.new (canon stream.new $ST))
        (core func $stream.read (canon stream.read $ST async (memory (core memory $libc "mem"))))
        (core func $stream.write (canon stream.write $ST async (memory (core memory $libc "mem"))))
        (core func $drop-writable (canon stream.drop-writable $ST))
        (core module $M
          (import "" "stream.new" (func $stream.new (result i64)))
          (import "" "stream.read" (func $stream.read (param i32 i32 i32) (result i32)))
          (import "" "stream.write" (func $stream.write (param i32 i32 i32) (result i32)))
          (import "" "drop-writable" (func $drop-writable (param i32)))
          (func (export "trap-in-callback") (result i32) (i32.const 1 (; YIELD ;)))
          (func (export "cb") (param i32 i32 i32) (result i32) unreachable)
          (func (export "huge-read") (result i32)
            (drop (call $stream.read (i32.wrap_i64 (call $stream.new)) (i32.const 0) (i32.const 0xffffffff)))
            (i32.const 0))
          (func (export "drop-busy") (result i32)
            (local $w i32)
            (local.set $w (i32.wrap_i64 (i64.shr_u (call $stream.new) (i64.const 32))))
            (drop (call $stream.write (local.get $w) (i32.const 0) (i32.const 4)))
            (call $drop-writable (local.get $w))
            (i32.const 0)))
        (core instance $m (instantiate $M (with "" (instance
          (export "stream.new" (func $stream.new)) (export "stream.read" (func $stream.read))
          (export "stream.write" (func $stream.write)) (export "drop-writable" (func $drop-writable))))))
        (func (export "trap-in-callback") async (canon lift (core func $m "trap-in-callback") async (callback (core func $m "cb"))))
        (func (export "huge-read") async (canon lift (core func $m "huge-read") async (callback (core func $m "cb"))))
        (func (export "drop-busy") async (canon lift (core func $m "drop-busy") async (callback (core func $m "cb")))))
      (component instance $a $C)
      (assert_trap (invoke $a "trap-in-callback") "unreachable")
      (assert_trap (invoke $a "huge-read") "cannot enter component instance")
      (component instance $b $C)
      (assert_trap (invoke $b "huge-read") "stream read/write count too large")
      (component instance $c $C)
      (assert_trap (invoke $c "drop-busy") "cannot drop busy stream")

      """#
    // $L0 waits on an empty waitable set; each $Lk calls $L(k-1) synchronously from an async export.
    var chain = #"""
      (component $L0
          (core module $Libc (memory (export "mem") 1))
          (core instance $libc (instantiate $Libc))
          (core func $ws.new (canon waitable-set.new))
          (core func $ws.wait (canon waitable-set.wait (memory (core memory $libc "mem"))))
          (core module $M
            (import "" "ws.new" (func $ws.new (result i32)))
            (import "" "ws.wait" (func $ws.wait (param i32 i32) (result i32)))
            (func (export "f") (drop (call $ws.wait (call $ws.new) (i32.const 0)))))
          (core instance $m (instantiate $M (with "" (instance (export "ws.new" (func $ws.new)) (export "ws.wait" (func $ws.wait))))))
          (func (export "f") async (canon lift (core func $m "f") async)))
        (instance $i0 (instantiate $L0))
      """#
    for k in 1..<8 {
      chain += """
          (component $L\(k)
            (import "g" (func $g async))
            (core func $g (canon lower (func $g)))
            (core module $M (import "" "g" (func $g)) (func (export "f") (call $g)))
            (core instance $m (instantiate $M (with "" (instance (export "g" (func $g))))))
            (func (export "f") async (canon lift (core func $m "f") async)))
          (instance $i\(k) (instantiate $L\(k) (with "g" (func $i\(k - 1) "f"))))

        """
    }
    text += "(component\n" + chain + "  (func (export \"f\") (alias export $i7 \"f\")))\n"
    text += #"""
      (assert_trap (invoke "f") "deadlock detected")
      (assert_trap (invoke "f") "deadlock detected")
      (assert_return (invoke "f"))

      """#
    let records = run(text)
    let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
    let deadlock = (lines.firstIndex { $0.hasPrefix("(assert_trap (invoke \"f\")") } ?? 0) + 1
    XCTAssertEqual(records.map(\.line), [1, 31, 32, 33, 34, 35, 36, 37, 38, deadlock, deadlock + 1, deadlock + 2])
    XCTAssertEqual(records.dropLast().filter { $0.outcome != .passed }.map { "\($0.line): \($0.message)" }, [])
    XCTAssertEqual(records.last?.outcome, .failed)
    XCTAssertEqual(records.last?.message, "expected 0 result(s), got trap: unresolved: the call to `f` did not resolve and no thread can run")
  }

  /// Past the OS-thread limit a resume ends as a located exhaustion (the limit is lowered to 16 more
  /// than the threads in use here, so the test starts few threads); the instance, left entered, takes
  /// its threads with it, and the next component runs.
  func testTheThreadLimitIsALocatedExhaustion() throws {
    let saved = ContinuationWorkers.maxBusy
    ContinuationWorkers.maxBusy = ContinuationWorkers.shared.busy + 16
    defer { ContinuationWorkers.maxBusy = saved }
    // The `spawn` component of the stress script (its own line 1 a comment, its last the invoke).
    var lines = try stressScript(copies: 1, kinds: "spawn").split(separator: "\n").map(String.init)
    lines.removeLast()
    let spawn = lines.joined(separator: "\n") + "\n"
    let records = run(spawn + """
      (assert_exhaustion (invoke "f" (u32.const 64)) "thread limit exhausted")
      (assert_trap (invoke "f" (u32.const 1)) "cannot enter component instance")
      \(spawn)(assert_trap (invoke "f" (u32.const 4)) "deadlock detected")
      """)
    XCTAssertEqual(records.map(\.outcome), [.passed, .passed, .passed, .passed, .passed], records.map(\.message).joined(separator: "\n"))
    XCTAssertEqual(records.map(\.line), [2, 30, 31, 33, 61])
    XCTAssertEqual(ContinuationWorkers.shared.busy, ContinuationWorkers.maxBusy - 16)
  }

  /// One component with 150 threads suspended at once inside core code: each thread's invocation
  /// counts against its own OS thread's bounds (WasmCore `ThreadDepth`), so the 101st does not fail
  /// as "call stack exhausted" (it did while the core store counted nested invocations for all).
  func testManySuspendedThreadsOfOneComponentDoNotExhaustTheCallStack() throws {
    var lines = try stressScript(copies: 1, kinds: "spawn").split(separator: "\n").map(String.init)
    lines.removeLast()
    let records = run(lines.joined(separator: "\n") + "\n" + """
      (assert_trap (invoke "f" (u32.const 150)) "deadlock detected")
      """)
    XCTAssertEqual(records.map(\.outcome), [.passed, .passed], records.map(\.message).joined(separator: "\n"))
  }
}
