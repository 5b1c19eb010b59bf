import XCTest
@testable import WasmCore

/// Mutated suite modules must be parsed or rejected with an error, never crash the parser.
final class TextParserFuzzTests: XCTestCase {
    /// A small deterministic generator (SplitMix64), so failures reproduce.
    struct SplitMix: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }

    func testMutatedSuiteModulesNeverCrash() throws {
        let iterations = Int(ProcessInfo.processInfo.environment["CMREF_TEXT_FUZZ_ITERATIONS"] ?? "") ?? 3
        var rng = SplitMix(state: 42)
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
                    if (try? parseModule(String(decoding: bytes, as: UTF8.self))) != nil {
                        outcomes.parsed += 1
                    } else {
                        outcomes.rejected += 1
                    }
                }
            }
        }
        print("mutated modules parsed: \(outcomes.parsed), rejected: \(outcomes.rejected)")
        XCTAssertGreaterThan(outcomes.rejected, 0)
    }
}
