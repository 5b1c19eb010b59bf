import XCTest
@testable import WasmCore

final class TextParserTests: XCTestCase {
    private func malformed(_ text: String, file: StaticString = #filePath, line: UInt = #line) -> String? {
        do {
            _ = try parseModule(text)
            XCTFail("accepted: \(text)", file: file, line: line)
            return nil
        } catch {
            return (error as? WasmError)?.message
        }
    }

    func testDuplicateImportedFunction() {
        XCTAssertEqual(malformed(#"(import "" "" (func $foo))(func $foo)"#), "duplicate func $foo")
        XCTAssertEqual(malformed(#"(import "" "" (func $foo))(import "" "" (func $foo))"#), "duplicate func $foo")
    }
}
