import XCTest
@testable import WasmCore

/// The decoder against every `(module binary ...)` of the core suite: the malformed ones must be
/// rejected with the suite's message as a prefix of ours, and the others must decode.
final class BinaryDecoderSuiteTests: XCTestCase {
    func testSuiteBinaryModules() throws {
        let cases = BinarySuiteModules.all()
        XCTAssertGreaterThan(cases.count, 300, "the suite was not found at \(BinarySuiteModules.suiteDirectory.path)")
        var failures: [String] = []
        var malformed = 0
        for c in cases {
            do {
                _ = try decodeModule(c.bytes)
                if let expected = c.malformed {
                    failures.append("\(c.file):\(c.line): decoded, expected \"\(expected)\"")
                }
            } catch let error as WasmError {
                guard let expected = c.malformed else {
                    failures.append("\(c.file):\(c.line): \(error)")
                    continue
                }
                malformed += 1
                if error.kind != .malformed || !error.message.hasPrefix(expected) || error.location == nil {
                    failures.append("\(c.file):\(c.line): got \"\(error)\", expected \"\(expected)\"")
                }
            }
        }
        XCTAssert(failures.isEmpty, "\(failures.count) of \(cases.count):\n" + failures.joined(separator: "\n"))
        XCTAssertGreaterThan(malformed, 250)
    }
}
