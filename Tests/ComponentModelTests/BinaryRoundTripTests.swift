import Foundation
import XCTest
import WasmCore
@testable import ComponentModel

/// Spec: Binary.md — decode and encode the suites' components; compare with wasm-tools byte for byte.
final class BinaryRoundTripTests: XCTestCase {
    func testSuiteComponentsDecodeAndReencodeIdentically() throws {
        guard let entries = SuiteCorpus.entries else { throw XCTSkip("wasm-tools not installed") }
        var components = 0, decoded = 0, identical = 0, roundTrips = 0
        var wellFormedRejected: [String] = []
        var needCoreFeatures = 0, malformed = 0
        var acceptedMalformed: [String] = []
        var differences: [String] = []
        for e in entries where e.isComponent {
            components += 1
            let c: Component
            do {
                c = try decodeComponent(e.bytes)
            } catch {
                if e.command == "assert_malformed" { malformed += 1 } else if needsMissingCoreFeature(e.file, "\(error)") { needCoreFeatures += 1 }
                if e.command != "assert_malformed" && !needsMissingCoreFeature(e.file, "\(error)") {
                    wellFormedRejected.append("\(e.file):\(e.line): \(error)")
                }
                continue
            }
            decoded += 1
            if e.command == "assert_malformed" { acceptedMalformed.append("\(e.file):\(e.line)") }
            let encoded = encodeComponent(c)
            if let again = try? decodeComponent(encoded), again == c { roundTrips += 1 }
            if let s = e.stripped {
                if encodeComponent(stripped(c)) == s { identical += 1 } else if !isNonCanonicalBinary(e.file, e.line) {
                    differences.append("\(e.file):\(e.line)")
                    if differences.count <= 5 {
                        try? Data(encodeComponent(stripped(c))).write(to: URL(fileURLWithPath: "/tmp/cm-diff-\(differences.count).ours"))
                        try? Data(s).write(to: URL(fileURLWithPath: "/tmp/cm-diff-\(differences.count).theirs"))
                    }
                }
            }
        }
        print("component binaries: \(components), decoded: \(decoded), decode(encode(c)) == c: \(roundTrips), byte-identical to wasm-tools strip: \(identical); rejected: \(malformed) assert_malformed, \(needCoreFeatures) needing core features WasmCore lacks")
        for d in wellFormedRejected.prefix(200) { print("rejected: \(d)") }
        for d in differences.prefix(30) { print("differs: \(d)") }
        // Binary `assert_malformed` components this decoder accepts (the runner reports them; some
        // are rejected by wasm-tools' decoder for reasons Binary.md leaves to validation).
        print("assert_malformed binaries decoded anyway: \(acceptedMalformed.count)")
        for m in acceptedMalformed { print("accepted malformed: \(m)") }
        XCTAssertEqual(roundTrips, decoded)
        XCTAssertTrue(wellFormedRejected.isEmpty, "\(wellFormedRejected.count) well-formed components rejected")
        XCTAssertTrue(differences.isEmpty, "\(differences.count) components differ from wasm-tools")
    }
}
