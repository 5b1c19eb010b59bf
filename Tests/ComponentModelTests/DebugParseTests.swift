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
