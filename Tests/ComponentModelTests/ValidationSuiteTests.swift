import Foundation
import XCTest
import WasmCore
@testable import ComponentModel

/// Spec: Explainer.md — the suites' components, as `wasm-tools json-from-wast` writes them, validated
/// with each file's features: modules must validate, `assert_invalid` must fail validation (with
/// the expected message in ours), binary `assert_malformed` must fail decoding or validation.
final class ComponentValidationSuiteTests: XCTestCase {
    /// wasm-tools 1.262's default features: core proposals at phase 4 and the default component gates.
    static let wasmToolsDefaults = Features([
        .mutableGlobal, .saturatingFloatToInt, .signExtension, .referenceTypes, .multiValue, .bulkMemory, .simd,
        .relaxedSimd, .threads, .tailCall, .multiMemory, .exceptions, .memory64, .extendedConst,
        .functionReferences, .gc, .componentModel, .cmAsync, .cmAsyncBuiltins, .cmImplements,
    ])

    /// The features of a wasm-tools file's `;; RUN:` line (with continuations), over the defaults.
    static func features(of file: URL) -> (Features, String) {
        guard let text = try? String(contentsOf: file, encoding: .utf8) else { return (wasmToolsDefaults, "default") }
        var command = ""
        var continuing = false
        for raw in text.split(separator: "\n", omittingEmptySubsequences: false) {
            let line = raw.trimmingCharacters(in: .whitespaces)
            guard line.hasPrefix(";;") else { if continuing || !command.isEmpty { break } else { continue } }
            var t = line.dropFirst(2).trimmingCharacters(in: .whitespaces)
            if !continuing {
                guard t.hasPrefix("RUN") , let colon = t.firstIndex(of: ":") else { continue }
                t = String(t[t.index(after: colon)...])
            }
            continuing = t.hasSuffix("\\")
            command += " " + (continuing ? String(t.dropLast()) : t)
            if !continuing { break }
        }
        var result = wasmToolsDefaults
        var lists: [String] = []
        let words = command.split(separator: " ").map(String.init)
        var i = 0
        while i < words.count {
            if words[i] == "-f" || words[i] == "--features", i + 1 < words.count { lists.append(words[i + 1]); i += 1 }
            else if words[i].hasPrefix("-f=") { lists.append(String(words[i].dropFirst(3))) }
            else if words[i].hasPrefix("--features=") { lists.append(String(words[i].dropFirst(11))) }
            i += 1
        }
        for l in lists { if let f = try? Features.parse(l, base: result) { result = f } }
        return (result, lists.isEmpty ? "default" : lists.joined(separator: " "))
    }

    struct Command {
        var line: Int
        var type: String
        var bytes: [UInt8]?
        var text: String?
    }

    static func commands(of file: URL) -> [Command] {
        guard let tool = SuiteCorpus.wasmTools else { return [] }
        let tmp = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("cmref-component-corpus")
        let dir = tmp.appendingPathComponent(file.path.replacingOccurrences(of: "/", with: "_"))
        try? FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let json = dir.appendingPathComponent("x.json")
        let cached = FileManager.default.fileExists(atPath: json.path)
        guard cached || SuiteCorpus.run(tool, ["json-from-wast", file.path, "-o", json.path, "--wasm-dir", dir.path]) != nil,
              let data = try? Data(contentsOf: json),
              let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
              let commands = object["commands"] as? [[String: Any]] else { return [] }
        return commands.map { c in
            var bytes: [UInt8]?
            if let name = c["filename"] as? String, name.hasSuffix(".wasm"),
               let d = try? Data(contentsOf: dir.appendingPathComponent(name)) { bytes = Array(d) }
            return Command(line: c["line"] as? Int ?? 0, type: c["type"] as? String ?? "", bytes: bytes, text: c["text"] as? String)
        }
    }

    /// Decodes and validates a binary (component or core module).
    static func check(_ bytes: [UInt8], _ features: Features) -> Error? {
        do {
            if isComponentBinary(bytes) {
                let c = try decodeComponent(bytes, features: features)
                _ = try validateComponent(c, features: features)
            } else {
                _ = try validateModule(try decodeModule(bytes, features: features), features: features)
            }
            return nil
        } catch {
            return error
        }
    }

    func testSuitesValidate() throws {
        guard SuiteCorpus.wasmTools != nil else { throw XCTSkip("wasm-tools not installed") }
        var totals: [String: (pass: Int, total: Int)] = [:]
        var failures: [String] = []
        var messageMisses: [String] = []
        for file in SuiteCorpus.wastFiles {
            let suite = file.path.contains("wasm-tools-missing-features") ? "wasm-tools-missing-features"
                : file.path.contains("/wasm-tools/") ? "wasm-tools" : "component-model"
            var (features, group) = Self.features(of: file)
            if suite == "component-model" {
                var all = Features.all
                all.remove(.cmNestedNames)
                features = all
                group = "all but cm-nested-names"
            }
            for c in Self.commands(of: file) {
                guard let bytes = c.bytes else { continue }
                if ProcessInfo.processInfo.environment["CMREF_TRACE"] != nil {
                    FileHandle.standardError.write("\(file.lastPathComponent):\(c.line)\n".data(using: .utf8)!)
                }
                let expectValid: Bool
                switch c.type {
                case "module", "module_definition": expectValid = true
                case "assert_invalid", "assert_malformed": expectValid = false
                default: continue
                }
                let error = Self.check(bytes, features)
                let ok = expectValid == (error == nil)
                for key in [suite, "\(suite) [\(group)]"] {
                    var t = totals[key] ?? (0, 0)
                    t.total += 1
                    if ok { t.pass += 1 }
                    totals[key] = t
                }
                let relative = file.path.components(separatedBy: "testsuite/").last ?? file.lastPathComponent
                let where_ = "\(relative):\(c.line)"
                if !ok {
                    let detail: String
                    if let error { detail = String(String(describing: error).prefix(200)) } else { detail = "accepted; expected: " + (c.text ?? "") }
                    failures.append(where_ + " [" + c.type + "] " + detail)
                } else if let e = error, let expected = c.text, c.type == "assert_invalid",
                          !"\(e)".contains(expected) {
                    messageMisses.append("\(where_): expected `\(expected)`, got `\(String("\(e)".prefix(160)))`")
                }
            }
        }
        for (k, v) in totals.sorted(by: { $0.key < $1.key }) { print("validation \(k): \(v.pass)/\(v.total)") }
        print("assert_invalid with a different message: \(messageMisses.count)")
        for f in failures { print("FAIL \(f)") }
        for m in messageMisses { print("MSG \(m)") }
        // Expected failures (DESIGN.md): each listed command must still fail, and nothing else may.
        let listed = Self.knownFailures()
        let failing = Set(failures.map { String($0.prefix(while: { $0 != " " })) })
        for f in failures where !listed.keys.contains(String(f.prefix(while: { $0 != " " }))) {
            XCTFail("unexpected failure: \(f)")
        }
        for (key, reason) in listed.sorted(by: { $0.key < $1.key }) where !failing.contains(key) {
            XCTFail("listed as failing (\(reason)) but now passes: \(key) — remove it from known-validation-failures.txt")
        }
    }

    /// `known-validation-failures.txt` beside this file: `file.wast:line  reason` per line.
    static func knownFailures() -> [String: String] {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("known-validation-failures.txt")
        guard let text = try? String(contentsOf: url, encoding: .utf8) else { return [:] }
        var result: [String: String] = [:]
        for line in text.split(separator: "\n") where !line.hasPrefix("#") {
            let key = line.prefix(while: { $0 != " " })
            guard !key.isEmpty else { continue }
            result[String(key)] = line.dropFirst(key.count).trimmingCharacters(in: .whitespaces)
        }
        return result
    }
}

extension ComponentValidationSuiteTests {
    /// Every gate is read: rerunning the wasm-tools files that switch a feature on, with that
    /// feature off, makes some command behave differently from what the file says.
    func testEachFeatureGateIsRead() throws {
        guard SuiteCorpus.wasmTools != nil else { throw XCTSkip("wasm-tools not installed") }
        // cm-async-stackful is switched on by no wasm-tools file; wasm-tools-missing-features/
        // async-stackful.wast checks its gate from the other side.
        let gates: [Feature] = [.cmAsync, .cmMoreAsyncBuiltins, .cmThreading, .cmErrorContext,
                                .cmFixedLengthLists, .cmMap, .cmNestedNames, .cmValues, .cmImplements, .cm64,
                                .cmGC, .gc, .customPageSizes, .exceptions]
        var unread: [Feature] = []
        for gate in gates {
            var flipped = 0
            for file in SuiteCorpus.wastFiles where file.path.contains("/wasm-tools/") {
                var (features, _) = Self.features(of: file)
                guard features.contains(gate) else { continue }
                features.remove(gate)
                for c in Self.commands(of: file) where c.type == "module" || c.type == "module_definition" {
                    if let b = c.bytes, Self.check(b, features) != nil { flipped += 1 }
                }
            }
            print("feature \(gate.rawValue) off: \(flipped) valid components rejected")
            if flipped == 0 { unread.append(gate) }
        }
        XCTAssertEqual(unread, [], "gates never read")
    }
}
