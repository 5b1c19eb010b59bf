import XCTest
@testable import WasmCore

/// The decoder on damaged input: every prefix and many seeded single-byte mutations of real
/// module binaries must give a module or a located `WasmError`, never a crash; whatever decodes
/// must survive encode→decode unchanged, and validate or be rejected as invalid.
final class BinaryRobustnessTests: XCTestCase {
    /// The binaries to damage: the rich hand-built module, and the suite's well-formed binary modules.
    func corpus() -> [(String, [UInt8])] {
        var result = [("rich", encodeModule(BinaryTestModules.rich))]
        if let gc = GCTypeTests.sample { result.append(("gc", encodeModule(gc))) }
        let suite = BinarySuiteModules.all().filter { $0.malformed == nil && $0.bytes.count > 40 }
        for c in suite.prefix(40) { result.append(("\(c.file):\(c.line)", c.bytes)) }
        return result
    }

    /// Decodes, checking the outcome is a module (that round-trips) or a located malformed error.
    func check(_ bytes: [UInt8], features: Features, _ what: @autoclosure () -> String) {
        do {
            let module = try decodeModule(bytes, features: features)
            let again = try decodeModule(encodeModule(module), features: features)
            XCTAssertEqual(again, module, "\(what()) does not survive encode→decode")
            assertValidatesOrIsInvalid(module, features: features, what())
        } catch let error as WasmError {
            XCTAssertEqual(error.kind, .malformed, what())
            guard case .offset(let offset)? = error.location else {
                return XCTFail("\(what()): \(error) has no offset")
            }
            XCTAssert(offset >= 0 && offset <= bytes.count, "\(what()): offset \(offset) outside the input")
        } catch {
            XCTFail("\(what()): unexpected error \(error)")
        }
    }

    func testEveryPrefix() {
        for (name, bytes) in corpus() {
            for n in 0...bytes.count {
                check(Array(bytes.prefix(n)), features: .wasm2, "\(name) prefix \(n)")
            }
        }
    }

    func testSeededSingleByteMutations() {
        var rng = SeededGenerator(state: 0xC0FFEE)
        let interesting: [UInt8] = [0x00, 0x01, 0x0B, 0x40, 0x41, 0x60, 0x6F, 0x70, 0x7F, 0x80, 0xFC, 0xFD, 0xFF]
        var decoded = 0
        var rejected = 0
        for (name, bytes) in corpus() where !bytes.isEmpty {
            for trial in 0..<400 {
                var mutated = bytes
                let at = Int.random(in: 8..<max(9, bytes.count), using: &rng) % bytes.count
                mutated[at] = trial % 2 == 0
                    ? UInt8.random(in: 0...255, using: &rng)
                    : interesting[Int.random(in: 0..<interesting.count, using: &rng)]
                let features: Features = trial % 3 == 0 ? .all : .wasm2
                check(mutated, features: features, "\(name) byte \(at) := \(mutated[at])")
                if (try? decodeModule(mutated, features: features)) != nil { decoded += 1 } else { rejected += 1 }
            }
        }
        XCTAssertGreaterThan(decoded, 0)
        XCTAssertGreaterThan(rejected, 0)
    }

    func testSeededInsertionsAndDeletions() {
        var rng = SeededGenerator(state: 42)
        for (name, bytes) in corpus() where bytes.count > 9 {
            for _ in 0..<100 {
                var mutated = bytes
                let at = Int.random(in: 8..<bytes.count, using: &rng)
                if Bool.random(using: &rng) {
                    mutated.insert(UInt8.random(in: 0...255, using: &rng), at: at)
                } else {
                    mutated.remove(at: at)
                }
                check(mutated, features: .all, "\(name) edit at \(at)")
            }
        }
    }

    func testDeepNestingIsNeitherRecursiveNorQuadratic() throws {
        let depth = 100_000
        var m = Module()
        m.types = [FunctionType()]
        m.functions = [Function(typeIndex: 0, body:
            Array(repeating: Instruction(.block, .block(.empty)), count: depth) + Array(repeating: Instruction(.end), count: depth))]
        let bytes = encodeModule(m)
        XCTAssertEqual(try decodeModule(bytes), m)
        let text = printModule(m)
        XCTAssertLessThan(text.utf8.count, depth * 2 * (2 * ModulePrinter.maximumIndentation + 20))
    }

    func testHugeCountsAreRejectedNotAllocated() {
        // A function declaring 2^32-1 locals, and vectors claiming more elements than bytes.
        let header: [UInt8] = [0x00, 0x61, 0x73, 0x6D, 0x01, 0x00, 0x00, 0x00]
        let locals = header + [0x01, 0x04, 0x01, 0x60, 0x00, 0x00, 0x03, 0x02, 0x01, 0x00,
                               0x0A, 0x0A, 0x01, 0x08, 0x01, 0xFF, 0xFF, 0xFF, 0xFF, 0x0F, 0x7F, 0x0B]
        XCTAssertThrowsError(try decodeModule(locals)) { error in
            XCTAssertEqual((error as? WasmError)?.message, "too many locals")
        }
        let types = header + [0x01, 0x05, 0xFF, 0xFF, 0xFF, 0xFF, 0x0F]
        XCTAssertThrowsError(try decodeModule(types)) { error in
            XCTAssertEqual((error as? WasmError)?.message, "length out of bounds")
        }
    }
}
