import CanonicalABI
import XCTest
import WasmCore
@testable import ComponentModel

/// No crash on bad input: prefixes and single-byte mutations of real component binaries each give
/// a component or a located `.malformed` error.
final class RobustnessTests: XCTestCase {
    func check(_ bytes: [UInt8], _ what: String) {
        do {
            _ = try decodeComponent(bytes)
        } catch let e as WasmError {
            XCTAssertEqual(e.kind, .malformed, what)
            XCTAssertNotNil(e.location, "\(what): \(e)")
        } catch {
            XCTFail("\(what): not a WasmError: \(error)")
        }
    }

    func testPrefixesAndMutationsOfSuiteBinaries() throws {
        guard let entries = SuiteCorpus.entries else { throw XCTSkip("wasm-tools not installed") }
        // Every 8th well-formed component binary of the suites, in corpus order.
        let samples = entries.filter { $0.isComponent && $0.command != "assert_malformed" }.enumerated()
            .filter { $0.offset % 8 == 0 }.map(\.element)
        var rng = SplitMix64(seed: 0x5EED_C0DE)
        var cases = 0
        for e in samples {
            let b = e.bytes
            // 16 prefixes, at random lengths.
            for _ in 0..<16 {
                let n = Int(rng.next() % UInt64(b.count))
                check(Array(b[0..<n]), "\(e.file):\(e.line) prefix \(n)")
                cases += 1
            }
            // 64 single-byte mutations.
            for _ in 0..<64 {
                var m = b
                let at = Int(rng.next() % UInt64(b.count))
                m[at] = UInt8(truncatingIfNeeded: rng.next())
                check(m, "\(e.file):\(e.line) mutation at \(at)")
                cases += 1
            }
        }
        print("robustness: \(cases) prefixes and mutations of \(samples.count) component binaries")
        XCTAssertGreaterThan(cases, 1000)
    }

    func testDecoderErrorsAreLocated() {
        XCTAssertThrowsError(try decodeComponent([0x00, 0x61, 0x73, 0x6D, 0x0D, 0x00, 0x01, 0x00, 0x07, 0x05, 0x01])) { error in
            XCTAssertEqual((error as? WasmError)?.kind, .malformed)
            XCTAssertEqual((error as? WasmError)?.location, .offset(9))
        }
        // An unknown canon opcode, at its offset.
        XCTAssertThrowsError(try decodeComponent(ComponentPreamble.bytes + [0x08, 0x02, 0x01, 0x7F])) { error in
            XCTAssertEqual((error as? WasmError)?.location, .offset(11))
        }
    }

    func testCanonTableOpcodesAreDistinct() {
        XCTAssertEqual(CanonBuiltin.byOpcode.count, CanonBuiltin.allCases.count)
        for b in CanonBuiltin.allCases { XCTAssertEqual(CanonBuiltin.byOpcode[b.opcode], b) }
    }
}
