import Foundation
import XCTest
@testable import WasmCore

/// Parsing what the printer writes gives back the same module, for every text module of the suite.
final class TextPrintRoundTripTests: XCTestCase {
    func testPrintedSuiteModulesParseBackToTheSameModule() throws {
        var same = 0
        var failures: [String] = []
        let sample: Set<String> = [
            "block.wast", "br_table.wast", "bulk.wast", "call_indirect.wast", "data.wast", "elem.wast",
            "exports.wast", "float_literals.wast", "func.wast", "global.wast", "imports.wast", "linking.wast",
            "memory.wast", "ref_func.wast", "select.wast", "table_copy.wast", "simd_const.wast", "simd_lane.wast",
            "simd_load_lane.wast", "names.wast",
        ]
        for url in TextParserSuiteTests.suiteFiles() where sample.contains(url.lastPathComponent) {
            for m in try TextParserSuiteTests.modules(in: url) where m.expectedMalformed == nil {
                guard let module = try? parseModule(m.text) else { continue }
                do {
                    let again = try parseModule(printModule(module))
                    if again == module { same += 1 } else { failures.append("\(m.file):\(m.line): differs") }
                } catch {
                    failures.append("\(m.file):\(m.line): \(error)")
                }
            }
        }
        print("printed modules parsed back identically: \(same), failures: \(failures.count)")
        for f in failures.prefix(20) { print("  " + f) }
        XCTAssertGreaterThan(same, 500)
        XCTAssertEqual(failures, [])
    }
}
