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
}
