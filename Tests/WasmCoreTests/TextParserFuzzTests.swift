import XCTest
@testable import WasmCore

/// Damaged suite modules (every prefix, seeded mutations) must be parsed or rejected with a located
/// error, never crash the parser; what parses must validate or be rejected as invalid.
final class TextParserFuzzTests: XCTestCase {
    func testMutatedSuiteModulesNeverCrash() throws {
        let iterations = Int(ProcessInfo.processInfo.environment["CMREF_TEXT_FUZZ_ITERATIONS"] ?? "") ?? 3
        var rng = SeededGenerator(state: 42)
        let alphabet = Array("()$\"\\;@_.:=0123456789abcdefxpin+- \n".utf8)
        var outcomes = (parsed: 0, rejected: 0)
        let sample: Set<String> = [
            "block.wast", "br_table.wast", "data.wast", "elem.wast", "exports.wast", "func.wast", "global.wast",
            "if.wast", "imports.wast", "loop.wast", "memory.wast", "select.wast", "table.wast", "simd_lane.wast",
        ]
        for url in TextParserSuiteTests.suiteFiles() where sample.contains(url.lastPathComponent) {
            for m in try TextParserSuiteTests.modules(in: url).prefix(20) {
                for _ in 0..<iterations {
                    var bytes = Array(m.text.utf8)
                    for _ in 0..<Int.random(in: 1...4, using: &rng) where !bytes.isEmpty {
                        let i = Int.random(in: 0..<bytes.count, using: &rng)
                        switch Int.random(in: 0..<3, using: &rng) {
                        case 0: bytes.remove(at: i)
                        case 1: bytes[i] = alphabet.randomElement(using: &rng) ?? 0x20
                        default: bytes.insert(alphabet.randomElement(using: &rng) ?? 0x20, at: i)
                        }
                    }
                    if let module = try? parseModule(String(decoding: bytes, as: UTF8.self)) {
                        outcomes.parsed += 1
                        assertValidatesOrIsInvalid(module, features: .wasm2, "mutant of \(url.lastPathComponent)")
                    } else {
                        outcomes.rejected += 1
                    }
                }
            }
        }
        print("mutated modules parsed: \(outcomes.parsed), rejected: \(outcomes.rejected)")
        XCTAssertGreaterThan(outcomes.rejected, 0)
    }

    func testEveryPrefixOfSomeModules() throws {
        var checked = 0
        for url in TextParserSuiteTests.suiteFiles() where ["if.wast", "elem.wast", "memory.wast", "data.wast", "table.wast", "global.wast", "simd_lane.wast"].contains(url.lastPathComponent) {
            // Small modules only: every prefix is parsed, so the cost grows with the square of the size.
            for m in try TextParserSuiteTests.modules(in: url).filter({ $0.text.utf8.count <= 800 }).prefix(12) {
                let bytes = Array(m.text.utf8)
                for n in 0..<bytes.count {
                    let text = String(decoding: bytes.prefix(n), as: UTF8.self)
                    do {
                        let module = try parseModule(text)
                        assertValidatesOrIsInvalid(module, features: .wasm2, "\(url.lastPathComponent) prefix \(n)")
                    } catch let error as WasmError {
                        XCTAssertEqual(error.kind, .malformed, "\(url.lastPathComponent) prefix \(n): \(error)")
                        guard case .text? = error.location else {
                            return XCTFail("\(url.lastPathComponent) prefix \(n): \(error) has no line:column")
                        }
                    }
                    checked += 1
                }
            }
        }
        XCTAssertGreaterThan(checked, 5_000)
    }
}
