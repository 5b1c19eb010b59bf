import Foundation
import XCTest
import WasmCore
@testable import ComponentModel

/// Parses the file named by `CMREF_DEBUG_WAT` (when set) and writes its encoding next to it, for
/// comparing with `wasm-tools parse` by hand.
final class DebugParseTests: XCTestCase {
    func testDebugFile() throws {
        guard let path = ProcessInfo.processInfo.environment["CMREF_DEBUG_WAT"] else { throw XCTSkip("CMREF_DEBUG_WAT not set") }
        let text = try String(contentsOfFile: path, encoding: .utf8)
        do {
            let c = try parseComponent(text, legacyIndices: text.contains("legacy"))
            try Data(encodeComponent(c)).write(to: URL(fileURLWithPath: path + ".ours.wasm"))
            print("parsed: \(c.definitions.count) definitions")
        } catch {
            print("error: \(error)")
        }
    }
}

final class DebugPrintSizeTests: XCTestCase {
    func testPrintedSizes() throws {
        guard ProcessInfo.processInfo.environment["CMREF_DEBUG_SIZES"] != nil, let entries = SuiteCorpus.entries else { throw XCTSkip("not requested") }
        var worst: [(Int, Int, String)] = []
        for e in entries where e.isComponent {
            guard let c = try? decodeComponent(e.bytes) else { continue }
            let text = printComponent(c)
            let longest = text.split(separator: "\n").map(\.utf8.count).max() ?? 0
            worst.append((longest, text.utf8.count, "\(e.file):\(e.line)"))
        }
        for w in worst.sorted(by: { $0.0 > $1.0 }).prefix(5) { print("size: longest line \(w.0), total \(w.1), \(w.2)") }
        for w in worst.sorted(by: { $0.1 > $1.1 }).prefix(5) { print("size: longest line \(w.0), total \(w.1), \(w.2)") }
    }
}
