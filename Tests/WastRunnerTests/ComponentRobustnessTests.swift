import Foundation
import CanonicalABI
import XCTest
import WasmCore
import ComponentModel
@testable import WastRunner

/// Bar 5: no crash on bad input. Real component binaries (the suites' valid text components, encoded)
/// are cut at every length and mutated one byte at a time (fixed seed and count); each input must
/// give a component (which then validates or is rejected with a `WasmError`) or a located
/// `.malformed` error. The text parser gets every byte prefix of some suite components likewise.
final class ComponentRobustnessTests: XCTestCase {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    static let suites = ["../shared/testsuite/component-model", "../shared/testsuite/wasm-tools"]


    /// The suites' valid text components (the commands `(component ...)` and `(component definition
    /// ...)`), with the source text of each, in file order.
    static func validComponents() throws -> [(where: String, text: String, component: Component, legacy: Bool)] {
        var found: [(String, String, Component, Bool)] = []
        for suite in suites {
            let files = try ScriptFiles.collect([root.appendingPathComponent(suite).standardizedFileURL.path])
            for file in files {
                let source = try InputFile.read(file)
                let conventions = try ScriptConventions.of(source, features: .wasm2, componentFeatures: .componentModelSuite)
                guard let script = try? ScriptParser.parse(source, file: file, features: conventions.features,
                                                           legacyIndices: conventions.legacyIndices) else { continue }
                var cursor = try TextCursor(String(decoding: source, as: UTF8.self))
                for command in script.commands {
                    guard case .component(.component(let c)) = command.kind, case .text(.success(let component)) = c.source,
                          (try? validateComponent(component, features: conventions.features)) != nil else { continue }
                    // The component's source text: from its `(component` at the command's place.
                    guard let start = cursor.tokens.firstIndex(where: { $0.line == command.line && $0.column == command.column }) else { continue }
                    cursor.position = start
                    guard let text = try? cursor.captureSExpression() else { continue }
                    found.append(("\(file):\(command.line)", text, component, conventions.legacyIndices))
                }
            }
        }
        return found
    }

    /// One input to the decoder: a component, then validated, or a located malformed error.
    func decodeAndValidate(_ bytes: [UInt8], _ what: String, _ tally: inout [String: Int]) {
        do {
            let component = try decodeComponent(bytes, features: .all)
            do {
                _ = try validateComponent(component, features: .all)
                tally["decoded, valid", default: 0] += 1
            } catch is WasmError {
                tally["decoded, invalid", default: 0] += 1
            }
        } catch let e as WasmError {
            XCTAssertEqual(e.kind, .malformed, "\(what): \(e)")
            XCTAssertNotNil(e.location, "\(what): \(e)")
            tally["malformed, located", default: 0] += 1
        } catch {
            XCTFail("\(what): not a WasmError: \(error)")
        }
    }

    func testPrefixesAndMutationsOfSuiteComponentBinaries() throws {
        let components = try Self.validComponents()
        guard components.count > 100 else { throw XCTSkip("the suites are not beside the project") }
        // Every 10th valid component up to 3 KiB encoded: all its prefixes and 96 mutations.
        let samples = components.enumerated().filter { $0.offset % 10 == 0 }.map { ($0.element.where, encodeComponent($0.element.component)) }
            .filter { $0.1.count <= 3072 }
        var rng = SplitMix64(seed: 0xC0_4D_5EED)
        var tally: [String: Int] = [:]
        var inputs = 0
        for (place, bytes) in samples {
            for n in 0..<bytes.count {
                decodeAndValidate(Array(bytes[0..<n]), "\(place) prefix \(n)", &tally)
            }
            for _ in 0..<96 {
                var m = bytes
                let at = Int(rng.next() % UInt64(bytes.count))
                m[at] = UInt8(truncatingIfNeeded: rng.next())
                decodeAndValidate(m, "\(place) mutation at \(at)", &tally)
            }
            inputs += bytes.count + 96
        }
        print("component binary robustness: \(inputs) inputs from \(samples.count) components: \(tally.sorted { $0.key < $1.key })")
        XCTAssertGreaterThan(samples.count, 50)
        XCTAssertGreaterThan(tally["malformed, located"] ?? 0, 1000)
        XCTAssertGreaterThan(tally["decoded, invalid"] ?? 0, 0, "some mutations decode and must be rejected by validation")
    }

    func testPrefixesOfSuiteComponentTexts() throws {
        let components = try Self.validComponents()
        guard components.count > 100 else { throw XCTSkip("the suites are not beside the project") }
        // Definitions are left out: `parseComponent` reads a component, not the script's `definition` form.
        let samples = components.filter { !$0.text.hasPrefix("(component definition") }.enumerated()
            .filter { $0.offset % 20 == 0 }.map(\.element).filter { $0.text.utf8.count <= 2048 }
        var inputs = 0, parsed = 0
        for sample in samples {
            let bytes = Array(sample.text.utf8)
            for n in 0..<bytes.count {
                // Cut inside a multi-byte character, a prefix is not UTF-8; the parser takes text.
                let prefix = String(decoding: bytes[0..<n], as: UTF8.self)
                inputs += 1
                do {
                    _ = try parseComponent(prefix, features: .all, legacyIndices: sample.legacy)
                    parsed += 1
                } catch let e as WasmError {
                    XCTAssertEqual(e.kind, .malformed, "\(sample.where) prefix \(n): \(e)")
                    XCTAssertNotNil(e.location, "\(sample.where) prefix \(n): \(e)")
                } catch {
                    XCTFail("\(sample.where) prefix \(n): not a WasmError: \(error)")
                }
            }
            XCTAssertNoThrow(try parseComponent(sample.text, features: .all, legacyIndices: sample.legacy), sample.where)
        }
        print("component text robustness: \(inputs) prefixes of \(samples.count) components, \(parsed) parse (empty or whole forms)")
        XCTAssertGreaterThan(samples.count, 12)
    }
}
