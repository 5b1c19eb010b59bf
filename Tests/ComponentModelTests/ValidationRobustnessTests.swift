import Foundation
import XCTest
import WasmCore
@testable import ComponentModel

/// Bad input gives a located error or a component, never a crash: prefixes and single-byte
/// mutations of the suites' component binaries, decoded and validated (fixed seed and count).
final class ValidationRobustnessTests: XCTestCase {
    func testPrefixesAndMutationsDoNotCrash() throws {
        guard SuiteCorpus.wasmTools != nil else { throw XCTSkip("wasm-tools not installed") }
        var binaries: [[UInt8]] = []
        for file in SuiteCorpus.wastFiles {
            for c in ComponentValidationSuiteTests.commands(of: file) {
                if let b = c.bytes, isComponentBinary(b), c.type == "module" || c.type == "module_definition" { binaries.append(b) }
            }
        }
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        func next() -> UInt64 {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return state >> 33
        }
        var inputs = 0, accepted = 0, rejected = 0
        for b in binaries.prefix(400) where b.count > 8 {
            var variants: [[UInt8]] = []
            for _ in 0..<4 { variants.append(Array(b.prefix(8 + Int(next() % UInt64(b.count - 8))))) }
            for _ in 0..<8 {
                var m = b
                let i = 8 + Int(next() % UInt64(b.count - 8))
                m[i] = UInt8(truncatingIfNeeded: next())
                variants.append(m)
            }
            for v in variants {
                inputs += 1
                if ComponentValidationSuiteTests.check(v, .all) == nil { accepted += 1 } else { rejected += 1 }
            }
        }
        print("robustness: \(inputs) inputs from \(min(binaries.count, 400)) binaries; \(accepted) accepted, \(rejected) rejected, no crash")
        XCTAssertEqual(inputs, accepted + rejected)
    }
}
