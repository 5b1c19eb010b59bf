import Foundation
@testable import WastRunner
import XCTest

/// assert_return and assert_trap over components, through the runner with the executing engine:
/// structural comparison, WAVE messages, and a trap for the wrong reason failing.
final class ComponentAssertionTests: XCTestCase {
  func run(_ text: String) -> [CommandRecord] {
    let path = FileManager.default.temporaryDirectory.appendingPathComponent("ca-\(getpid())-\(UUID().uuidString).wast").path
    defer { try? FileManager.default.removeItem(atPath: path) }
    FileManager.default.createFile(atPath: path, contents: Data(text.utf8))
    return ScriptRunner(engineFactory: ScriptExecution.factory).run(file: path)
  }

  /// A component whose `drop-twice` drops one handle twice (Table.get traps) and whose `name` returns "e\u{301}".
  static let component = #"""
    (component definition $C
      (type $r (resource (rep i32)))
      (core func $new (canon resource.new $r))
      (core func $drop (canon resource.drop $r))
      (core module $m
        (import "" "new" (func $new (param i32) (result i32)))
        (import "" "drop" (func $drop (param i32)))
        (memory (export "mem") 1)
        (data (i32.const 0) "e\cc\81")
        (func (export "drop-twice") (local $h i32)
          (local.set $h (call $new (i32.const 1)))
          (call $drop (local.get $h))
          (call $drop (local.get $h)))
        (func (export "name") (result i32) (i32.store (i32.const 8) (i32.const 0)) (i32.store (i32.const 12) (i32.const 3)) (i32.const 8))
        (func (export "nan") (result f32) (f32.reinterpret_i32 (i32.const 0x7fa00001))))
      (core instance $i (instantiate $m (with "" (instance (export "new" (func $new)) (export "drop" (func $drop))))))
      (func (export "drop-twice") (canon lift (core func $i "drop-twice")))
      (func (export "name") (result string) (canon lift (core func $i "name") (memory (core memory $i "mem"))))
      (func (export "nan") (result f32) (canon lift (core func $i "nan"))))
    """#

  func testATrapForTheWrongReasonFails() {
    let records = run(Self.component + """

      (component instance $a $C)
      (assert_trap (invoke "drop-twice") "unknown handle index 1")
      (component instance $b $C)
      (assert_trap (invoke "drop-twice") "cannot leave component instance")
      """)
    XCTAssertEqual(records.map(\.outcome), [.passed, .passed, .passed, .passed, .failed], records.map(\.message).joined(separator: "\n"))
    XCTAssertTrue(records[4].message.contains("trap for the wrong reason"), records[4].message)
    XCTAssertTrue(records[4].message.contains("Table.get"), records[4].message)
    XCTAssertTrue(records[4].message.contains("unknown handle index {}"), records[4].message)
  }

  func testResultsCompareByScalarsAndNaN() {
    let records = run(Self.component + """

      (component instance $a $C)
      (assert_return (invoke "name") (str.const "e\\u{301}"))
      (assert_return (invoke "name") (str.const "\\u{e9}"))
      (assert_return (invoke "nan") (f32.const nan:canonical))
      (assert_return (invoke "nan") (f32.const nan))
      (assert_return (invoke "nan") (f32.const 0))
      """)
    XCTAssertEqual(records.map(\.outcome), [.passed, .passed, .passed, .failed, .passed, .passed, .failed],
                   records.map(\.message).joined(separator: "\n"))
    XCTAssertEqual(records[3].message, #"expected "\#u{e9}", got "e\u{301}""#)
    XCTAssertEqual(records[6].message, "expected 0.0, got nan")
  }
}
