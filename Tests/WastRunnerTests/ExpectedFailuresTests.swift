import XCTest
import WasmCore
@testable import WastRunner

final class ExpectedFailuresTests: XCTestCase {
    let list = """
        # known gaps
        core/float_exprs.wast:12  x87-style rounding

        ./testsuite/core/simd/simd_lane.wast:40   lane parsing
        """

    func record(_ file: String, _ line: Int, _ outcome: Outcome) -> CommandRecord {
        CommandRecord(file: file, line: line, command: "assert_return", outcome: outcome, message: outcome == .failed ? "expected 1, got 2" : "")
    }

    func testListedFailureIsExpected() throws {
        let expected = try ExpectedFailures(parsing: list, file: "ef.txt")
        XCTAssertEqual(expected.entries.count, 2)
        let r = expected.apply(to: record("../shared/testsuite/core/float_exprs.wast", 12, .failed))
        XCTAssertEqual(r.outcome, .expectedFailure)
        XCTAssertTrue(r.message.hasPrefix("x87-style rounding"), r.message)
        XCTAssertEqual(expected.apply(to: record("/x/testsuite/core/simd/simd_lane.wast", 40, .failed)).outcome, .expectedFailure)
    }

    func testListedPassFailsTheRun() throws {
        let expected = try ExpectedFailures(parsing: list, file: "ef.txt")
        let r = expected.apply(to: record("core/float_exprs.wast", 12, .passed))
        XCTAssertEqual(r.outcome, .failed)
        XCTAssertTrue(r.message.contains("remove it"), r.message)
    }

    func testUnlistedAndNearMissesAreUntouched() throws {
        let expected = try ExpectedFailures(parsing: list, file: "ef.txt")
        XCTAssertEqual(expected.apply(to: record("core/float_exprs.wast", 13, .failed)).outcome, .failed)
        XCTAssertEqual(expected.apply(to: record("core/xfloat_exprs.wast", 12, .failed)).outcome, .failed)
        XCTAssertEqual(expected.apply(to: record("core/float_exprs.wast", 12, .skipped)).outcome, .skipped)
    }

    func testStaleEntriesAreFound() throws {
        let expected = try ExpectedFailures(parsing: list, file: "ef.txt")
        let records = [record("a/core/float_exprs.wast", 11, .passed), record("a/core/other.wast", 40, .failed)]
        XCTAssertEqual(expected.unmatched(by: records).map(\.line), [12], "simd_lane.wast was not run")
        XCTAssertEqual(expected.unmatched(by: [record("a/core/float_exprs.wast", 12, .failed)]), [])
    }

    func testMalformedLinesAreLocatedErrors() {
        XCTAssertThrowsError(try ExpectedFailures(parsing: "\n\ncore/a.wast  no line", file: "ef.txt")) { error in
            XCTAssertEqual((error as? WasmError)?.description.hasPrefix("ef.txt:3:1: "), true, "\(error)")
        }
        XCTAssertThrowsError(try ExpectedFailures(parsing: "core/a.wast:3", file: "ef.txt")) { error in
            XCTAssertEqual((error as? WasmError)?.message.contains("reason"), true, "\(error)")
        }
    }

    func testPinnedFailureMustFailThatWay() throws {
        let pinned = "async/a.wast:7  [fails with: canon_task_return: not LiftOptions.equal] the suite accepts (see Docs)"
        let expected = try ExpectedFailures(parsing: pinned, file: "ef.txt")
        XCTAssertEqual(expected.entries.first?.pinnedFailure, "canon_task_return: not LiftOptions.equal")
        func failing(_ message: String) -> CommandRecord {
            CommandRecord(file: "../shared/testsuite/async/a.wast", line: 7, command: "assert_return", outcome: .failed, message: message)
        }
        let same = expected.apply(to: failing("expected 1 result(s), got trap: canon_task_return: not LiftOptions.equal(opts, task.opts)"))
        XCTAssertEqual(same.outcome, .expectedFailure)
        XCTAssertEqual(same.listedReason, "[fails with: canon_task_return: not LiftOptions.equal] the suite accepts (see Docs)")
        XCTAssertEqual(FailureList.lines([same]), ["async/a.wast:7  [fails with: canon_task_return: not LiftOptions.equal] the suite accepts (see Docs)"],
                       "--list-failures keeps the listed reason, pin included, even when the message has parentheses")
        let other = expected.apply(to: failing("expected 1 result(s), got trap: unreachable"))
        XCTAssertEqual(other.outcome, .failed)
        XCTAssertTrue(other.message.hasPrefix("listed as failing with `canon_task_return: not LiftOptions.equal`, but failed otherwise: expected 1"), other.message)
        XCTAssertThrowsError(try ExpectedFailures(parsing: "a.wast:1  [fails with: ] why", file: "ef.txt"))
        XCTAssertThrowsError(try ExpectedFailures(parsing: "a.wast:1  [fails with: never closed", file: "ef.txt"))
    }
}
