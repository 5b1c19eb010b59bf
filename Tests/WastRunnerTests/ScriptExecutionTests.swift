import Foundation
import XCTest
import WasmCore
@testable import WastRunner

/// The runner's execution half: instances, registration, actions and every kind of assertion.
final class ScriptExecutionTests: XCTestCase {
    /// Runs a script with the execution engine; returns each command's verdict as (keyword, outcome, message).
    func run(_ text: String) throws -> [CommandRecord] {
        let script = try ScriptParser.parse(text, file: "t.wast")
        return ScriptRunner(engineFactory: ScriptExecution.factory).run(script)
    }

    func testAssertionsPassWhenTheyHold() throws {
        let records = try run("""
            (module $A
              (global (export "g") (mut i32) (i32.const 7))
              (func (export "inc") (result i32) (global.set 0 (i32.add (global.get 0) (i32.const 1))) (global.get 0))
              (func (export "nan") (result f32) (f32.div (f32.const 0) (f32.const 0)))
              (func (export "id") (param externref) (result externref) (local.get 0))
              (func (export "fn") (result funcref) (ref.func 0))
              (func (export "loop") (loop $l (br $l)))
              (func $r (export "rec") (call $r))
              (func (export "trap") (unreachable)))
            (register "a" $A)
            (module $B
              (import "a" "inc" (func $inc (result i32)))
              (import "spectest" "global_i32" (global i32))
              (import "spectest" "print_i32" (func (param i32)))
              (func (export "twice") (result i32) (drop (call $inc)) (call $inc))
              (func (export "spec") (result i32) (call 1 (global.get 0)) (global.get 0)))
            (assert_return (invoke $A "inc") (i32.const 8))
            (assert_return (invoke $B "twice") (i32.const 10))
            (assert_return (get $A "g") (i32.const 10))
            (assert_return (invoke $B "spec") (i32.const 666))
            (assert_return (invoke $A "nan") (f32.const nan:canonical))
            (assert_return (invoke $A "nan") (f32.const nan:arithmetic))
            (assert_return (invoke $A "id" (ref.extern 3)) (ref.extern 3))
            (assert_return (invoke $A "id" (ref.null extern)) (ref.null extern))
            (assert_return (invoke $A "fn") (ref.func))
            (assert_trap (invoke $A "trap") "unreachable")
            (assert_exhaustion (invoke $A "rec") "call stack exhausted")
            (assert_unlinkable (module (import "a" "nope" (func))) "unknown import")
            (assert_unlinkable (module (import "a" "g" (func))) "incompatible import type")
            (assert_trap (module (func $s unreachable) (start $s)) "unreachable")
            (module definition $D (func (export "one") (result i32) (i32.const 1)))
            (module instance $d1 $D)
            (assert_return (invoke $d1 "one") (i32.const 1))
            """)
        let failures = records.filter { $0.outcome != .passed }
        XCTAssertEqual(failures, [], "\(failures.map { "\($0.line): \($0.message)" })")
        XCTAssertEqual(records.count, 20)
    }

    func testAssertionsFailWhenTheyDoNot() throws {
        let records = try run("""
            (module (func (export "f") (result i32) (i32.const 1)) (func (export "t") (unreachable)))
            (assert_return (invoke "f") (i32.const 2))
            (assert_trap (invoke "f") "unreachable")
            (assert_trap (invoke "t") "integer overflow")
            (assert_return (invoke "missing"))
            """)
        XCTAssertEqual(records.map(\.outcome), [.passed, .failed, .failed, .failed, .failed])
        XCTAssertTrue(records[1].message.contains("expected [(i32.const 2)]"), records[1].message)
    }

    func testARunawayLoopEndsAsExhaustion() throws {
        var bounds = Store.Bounds()
        bounds.fuel = 10_000
        let script = try ScriptParser.parse("""
            (module (func (export "spin") (loop $l (br $l))))
            (assert_exhaustion (invoke "spin") "fuel exhausted")
            """, file: "t.wast")
        let records = ScriptRunner(engineFactory: { f, file in ScriptExecution(features: f, file: file, bounds: bounds) }).run(script)
        XCTAssertEqual(records.map(\.outcome), [.passed, .passed])
    }

    /// The issue bar: every command of the 90 top-level files of the core suite passes.
    func testEveryCoreSuiteCommandPasses() throws {
        let dir = "../shared/testsuite/core"
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: dir) else {
            throw XCTSkip("the core suite is not at \(dir)")
        }
        let files = names.filter { $0.hasSuffix(".wast") }.sorted()
        XCTAssertEqual(files.count, 90)
        let runner = ScriptRunner(engineFactory: ScriptExecution.factory)
        var tally = Tally()
        for file in files {
            let records = runner.run(file: "\(dir)/\(file)")
            for r in records {
                tally.add(r.outcome)
                if r.outcome != .passed { XCTFail("\(r.file):\(r.line): \(r.message)") }
            }
        }
        print("core suite: \(tally.summary)")
        XCTAssertGreaterThan(tally.passed, 26_716)
    }
}
