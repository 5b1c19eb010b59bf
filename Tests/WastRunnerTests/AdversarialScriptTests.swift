import CanonicalABI
import ComponentModel
import Foundation
import WasmCore
@testable import WastRunner
import XCTest

/// Issue 6, bar 2: component scripts the runner has not seen. An unknown directive, value form or
/// import, a wrong call, deep nesting, huge lengths, a trapping start function and a component that
/// never returns each end as a located failure (or the trap the script asserts), never a crash or a
/// hang, and the script goes on.
final class AdversarialScriptTests: XCTestCase {
  func run(_ text: String) -> [CommandRecord] {
    let path = FileManager.default.temporaryDirectory.appendingPathComponent("adv-\(getpid())-\(UUID().uuidString).wast").path
    defer { try? FileManager.default.removeItem(atPath: path) }
    FileManager.default.createFile(atPath: path, contents: Data(text.utf8))
    return ScriptRunner(engineFactory: ScriptExecution.factory).run(file: path)
  }

  /// The outcome and message of the record at `line`.
  func record(_ records: [CommandRecord], _ line: Int, file: StaticString = #filePath, at: UInt = #line) -> CommandRecord? {
    let r = records.first { $0.line == line }
    XCTAssertNotNil(r, "no record at line \(line): \(records.map { "\($0.line)" })", file: file, line: at)
    return r
  }

  /// A component exporting `seven: func() -> u32`.
  static let seven = #"""
    (component
      (core module $m (func (export "f") (result i32) i32.const 7))
      (core instance $i (instantiate $m))
      (func (export "seven") (result u32) (canon lift (core func $i "f"))))
    """#

  func testCommandsThatDoNotParseFailAloneAtTheirPlace() throws {
    let records = run(Self.seven + """

      (assert_frobnicate (invoke "seven") (u32.const 7))
      (assert_return (invoke "seven") (frob.const 7))
      (assert_return (invoke "seven" (frob.const 1)) (u32.const 7))
      (assert_return (invoke "seven") (u32.const 99999999999))
      (thread $t (invoke "seven"))
      (assert_return (invoke "seven") (u32.const 7))
      """)
    // Lines 5 to 9 fail, each with the place of what it could not read; line 10 still runs.
    XCTAssertEqual(records.map(\.outcome), [.passed, .failed, .failed, .failed, .failed, .failed, .passed],
                   records.map(\.message).joined(separator: "\n"))
    XCTAssertEqual(records.map(\.line), [1, 5, 6, 7, 8, 9, 10])
    XCTAssertEqual(record(records, 5)?.command, "assert_frobnicate")
    XCTAssertTrue(record(records, 5)?.message.contains("unknown script command `assert_frobnicate`\" at 5:2") ?? false,
                  record(records, 5)?.message ?? "")
    XCTAssertTrue(record(records, 6)?.message.contains("unknown component value `frob.const`\" at 6:34") ?? false,
                  record(records, 6)?.message ?? "")
    XCTAssertTrue(record(records, 8)?.message.contains("constant out of range for u32\" at 8:44") ?? false,
                  record(records, 8)?.message ?? "")
  }

  func testUnbalancedTextStillFailsTheWholeScript() {
    let records = run(Self.seven + "\n(assert_return (invoke \"seven\") (u32.const 7)")
    XCTAssertEqual(records.map(\.command), ["script"])
    XCTAssertEqual(records.first?.outcome, .failed)
  }

  func testWrongCallsAreFailuresAndTheScriptGoesOn() {
    let records = run(Self.seven + """

      (assert_return (invoke "seven" (u32.const 1)) (u32.const 7))
      (assert_return (invoke "seven") (u32.const 7) (u32.const 7))
      (assert_return (invoke "nine") (u32.const 9))
      (assert_trap (invoke "nine") "unreachable")
      (invoke $nowhere "seven")
      (component instance $x $NoSuchDefinition)
      (assert_return (invoke "seven") (str.const "7"))
      (assert_return (invoke "seven") (u32.const 7))
      """)
    XCTAssertEqual(records.map(\.outcome), [.passed, .failed, .failed, .failed, .failed, .failed, .failed, .failed, .passed],
                   records.map(\.message).joined(separator: "\n"))
    XCTAssertTrue(record(records, 5)?.message.contains("takes 0 arguments, got 1") ?? false)
    XCTAssertTrue(record(records, 7)?.message.contains("no function export \"nine\"") ?? false)
  }

  func testUnknownHostImportsDoNotLink() {
    let records = run("""
      (component (import "no-such-import" (func)))
      (assert_unlinkable (component (import "host" (instance (export "no-such" (func))))) "missing export")
      (assert_unlinkable (component (import "host-return-two" (func (result string)))) "type mismatch")
      (assert_unlinkable (component (import "host" (instance (export "return-three" (func (param "x" u32) (result u32)))))) "type mismatch")
      (component (import "host-return-two" (func (result u32))))
      (assert_unlinkable (component (import "host" (instance (export "simple-module" (core module (export "zz" (func))))))) "missing expected export `zz`")
      (assert_unlinkable (component (import "host" (instance (export "simple-module" (core module (export "g" (global i64))))))) "type mismatch in export `g`")
      (component (import "host" (instance (export "simple-module" (core module (import "a" "b" (func)) (export "g" (global i32)) (export "f" (func (result i32))))))))
      """)
    XCTAssertEqual(records.map(\.outcome), [.failed, .passed, .passed, .passed, .passed, .passed, .passed, .passed],
                   records.map(\.message).joined(separator: "\n"))
    XCTAssertTrue(records[0].message.contains("missing import named `no-such-import`"), records[0].message)
  }

  func testDeepNestingIsBounded() {
    let deepType = String(repeating: "(list ", count: 5000) + "u32" + String(repeating: ")", count: 5000)
    let chain = (1..<150).map { "(type $t\($0) (list $t\($0 - 1)))" }.joined(separator: "\n")
    let deepValue = String(repeating: "(list.const ", count: 20000) + String(repeating: ")", count: 20000)
    let records = run("""
      (assert_malformed (component quote "(component (type $t \(deepType)))") "nesting too deep")
      (assert_invalid (component (type $t0 (list u32))
      \(chain)) "type nesting is too deep")
      \(Self.seven)
      (invoke "seven" \(deepValue))
      (assert_return (invoke "seven") (u32.const 7))
      """)
    XCTAssertEqual(records.map(\.outcome), [.passed, .passed, .passed, .failed, .passed], records.map(\.message).joined(separator: "\n"))
    XCTAssertTrue(records[3].message.contains("nested too deeply"), records[3].message)
  }

  func testHugeListAndStringLengthsTrapAtTheirSites() {
    let records = run(#"""
      (component definition $C
        (core module $m
          (memory (export "mem") 1)
          (func (export "huge") (result i32)
            (i32.store (i32.const 0) (i32.const 0)) (i32.store (i32.const 4) (i32.const 0xffffffff)) (i32.const 0)))
        (core instance $i (instantiate $m))
        (func (export "list") (result (list u64)) (canon lift (core func $i "huge") (memory (core memory $i "mem"))))
        (func (export "string") (result string) (canon lift (core func $i "huge") (memory (core memory $i "mem")))))
      (component instance $a $C)
      (assert_trap (invoke "list") "list pointer/length out of bounds of memory")
      (component instance $b $C)
      (assert_trap (invoke "string") "string pointer/length out of bounds of memory")
      (component instance $c $C)
      (assert_trap (invoke "string") "unreachable")
      """#)
    XCTAssertEqual(records.map(\.outcome), [.passed, .passed, .passed, .passed, .passed, .passed, .failed],
                   records.map(\.message).joined(separator: "\n"))
    XCTAssertTrue(records[6].message.contains("load_string_from_range: byte_length > MAX_STRING_BYTE_LENGTH"), records[6].message)
  }

  func testATrapInAStartFunctionFailsInstantiation() {
    let records = run("""
      (assert_trap (component (core module $m (func $s unreachable) (start $s)) (core instance $i (instantiate $m))) "unreachable")
      (component (core module $m (func $s unreachable) (start $s)) (core instance $i (instantiate $m)))
      \(Self.seven)
      (assert_return (invoke "seven") (u32.const 7))
      """)
    XCTAssertEqual(records.map(\.outcome), [.passed, .failed, .passed, .passed], records.map(\.message).joined(separator: "\n"))
    XCTAssertTrue(records[1].message.contains("unreachable"), records[1].message)
  }

  func testRunawayRecursionIsExhaustion() {
    let records = run(#"""
      (component definition $C
        (core module $m (func $r (export "r") (call $r)))
        (core instance $i (instantiate $m))
        (func (export "r") (canon lift (core func $i "r"))))
      (component instance $a $C)
      (assert_exhaustion (invoke "r") "call stack exhausted")
      (component instance $b $C)
      (assert_trap (invoke "r") "call stack exhausted")
      (component instance $c $C)
      (assert_exhaustion (invoke "r") "unreachable")
      """#)
    XCTAssertEqual(records.map(\.outcome), [.passed, .passed, .passed, .passed, .passed, .passed, .failed],
                   records.map(\.message).joined(separator: "\n"))
  }

  /// A callback that yields forever and a loop of host calls never return; the step budget ends them.
  func testAComponentThatNeverReturnsEndsUnderTheStepBudget() throws {
    let runtime = ComponentRuntime()
    runtime.maxSteps = 2000
    let component = try parseComponent(#"""
      (component
        (import "h" (func $h (result u32)))
        (core func $hl (canon lower (func $h)))
        (core module $m
          (import "" "h" (func $h (result i32)))
          (func (export "yield") (result i32) i32.const 1)
          (func (export "cb") (param i32 i32 i32) (result i32) i32.const 1)
          (func (export "calls") (loop (drop (call $h)) (br 0))))
        (core instance $i (instantiate $m (with "" (instance (export "h" (func $hl))))))
        (func (export "yield") async (canon lift (core func $i "yield") async (callback (core func $i "cb"))))
        (func (export "calls") (canon lift (core func $i "calls"))))
      """#)
    _ = try validateComponent(component)
    let host = ComponentFunc.host("h", FuncType([], [.u32])) { _ in [.u32(2)] }
    for name in ["yield", "calls"] {
      let instance = try runtime.instantiate(component, imports: ["h": .function(host)])
      let f = try XCTUnwrap(instance.function(name))
      XCTAssertThrowsError(try runtime.invoke(f, []), name) { error in
        guard let trap = error as? ComponentTrap, case .core(let e) = trap.site else { return XCTFail("\(name): \(error)") }
        XCTAssertEqual(e.kind, .exhaustion, name)
        XCTAssertTrue(e.message.hasPrefix("fuel exhausted"), e.message)
      }
    }
  }
}
