import Foundation
import XCTest
@testable import WasmCore

/// Decode→encode over a directory of `.wasm` files (made by `Scripts/binary-roundtrip.sh` from
/// wasm-tools' output): each must decode and encode back to the same bytes. Runs only when
/// `CMREF_BINARY_CORPUS` names the directory, so the product's tests never need the oracle.
/// With `CMREF_PRINT_DIR` set too, each module's `printModule` text is written there as `NAME.wat`
/// (the script checks that `wasm-tools parse` turns it back into the same bytes).
final class BinaryRoundTripCorpusTests: XCTestCase {
    func testCorpusRoundTrips() throws {
        guard let dir = ProcessInfo.processInfo.environment["CMREF_BINARY_CORPUS"] else {
            throw XCTSkip("set CMREF_BINARY_CORPUS to a directory of .wasm files")
        }
        let names = try FileManager.default.contentsOfDirectory(atPath: dir).filter { $0.hasSuffix(".wasm") }.sorted()
        let printDirectory = ProcessInfo.processInfo.environment["CMREF_PRINT_DIR"].map { URL(fileURLWithPath: $0) }
        var matched = 0
        var failures: [String] = []
        for name in names {
            let bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: dir).appendingPathComponent(name)))
            do {
                let module = try decodeModule(bytes, features: .wasm2)
                let encoded = encodeModule(module)
                if let printDirectory {
                    let wat = printDirectory.appendingPathComponent(String(name.dropLast(5)) + ".wat")
                    try Data(printModule(module).utf8).write(to: wat)
                }
                if encoded == bytes {
                    matched += 1
                } else {
                    let at = (0..<min(encoded.count, bytes.count)).first { encoded[$0] != bytes[$0] } ?? min(encoded.count, bytes.count)
                    failures.append("\(name): differs at byte \(at) (ours \(encoded.count) bytes, theirs \(bytes.count))")
                }
            } catch {
                failures.append("\(name): \(error)")
            }
        }
        print("corpus \(dir): \(matched) of \(names.count) modules re-encode byte for byte")
        for f in failures.prefix(40) { print("corpus mismatch: \(f)") }
        XCTAssert(failures.isEmpty, "\(failures.count) of \(names.count) differ")
    }
}
