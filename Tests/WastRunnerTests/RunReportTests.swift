import XCTest
import WasmCore
@testable import WastRunner

final class RunReportTests: XCTestCase {
    func testClosingLinesAndJSON() throws {
        var report = RunReport()
        report.append(contentsOf: [
            CommandRecord(file: "a.wast", line: 1, command: "module", outcome: .passed, message: ""),
            CommandRecord(file: "a.wast", line: 2, command: "assert_return", outcome: .skipped, message: "static"),
            CommandRecord(file: "a.wast", line: 3, command: "assert_invalid", outcome: .failed, message: "expected invalid \"x\", got a valid module"),
            CommandRecord(file: "a.wast", line: 4, command: "assert_invalid", outcome: .expectedFailure, message: "known"),
        ])
        XCTAssertEqual(report.closingLines, ["1 passed, 1 failed, 1 skipped", "1 expected failures"])
        XCTAssertEqual(report.records.filter { $0.outcome == .failed }.map(\.failureLine),
                       ["a.wast:3: expected invalid \"x\", got a valid module"])
        let json = try JSONSerialization.jsonObject(with: try report.json()) as? [[String: Any]]
        XCTAssertEqual(json?.count, 4)
        XCTAssertEqual(json?[3]["outcome"] as? String, "expected-failure")
        XCTAssertEqual(json?[2]["line"] as? Int, 3)
        XCTAssertEqual(json?[2]["command"] as? String, "assert_invalid")
    }

    func testCollectsWastFilesRecursivelyInOrder() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("wast-files-\(getpid())").path
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try FileManager.default.createDirectory(atPath: dir + "/sub", withIntermediateDirectories: true)
        for name in ["b.wast", "a.wast", "sub/c.wast", "notes.txt"] {
            FileManager.default.createFile(atPath: dir + "/" + name, contents: Data())
        }
        XCTAssertEqual(try ScriptFiles.collect([dir]), [dir + "/a.wast", dir + "/b.wast", dir + "/sub/c.wast"])
        XCTAssertThrowsError(try ScriptFiles.collect([dir + "/missing"]))
    }
}
