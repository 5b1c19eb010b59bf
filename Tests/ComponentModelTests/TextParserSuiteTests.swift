import Foundation
import XCTest
import WasmCore
@testable import ComponentModel

/// Spec: Explainer.md — parse the suites' components from text; compare the encoding with
/// `wasm-tools parse` (both stripped) byte for byte, and check parse(print(c)) == c.
final class TextParserSuiteTests: XCTestCase {
    /// The `(component ...)` forms of a script at nesting depth 0 or 1, by line.
    static func componentForms(in file: URL) -> [(line: Int, result: Result<ComponentScriptForm, Error>)] {
        guard let text = try? String(contentsOf: file, encoding: .utf8), let cursor = try? TextCursor(text) else { return [] }
        let legacy = text.contains("WAST_STRICT_COMPONENT_INDICES=0")
        var forms: [(Int, Result<ComponentScriptForm, Error>)] = []
        var depth = 0
        var i = 0
        while i < cursor.tokens.count {
            let t = cursor.tokens[i]
            if t.kind == .leftParen {
                if depth <= 1, forms.last?.0 != t.line, i + 1 < cursor.tokens.count, cursor.peekKeywordText(offset: i + 1 - cursor.position) == "component" {
                    var c = cursor
                    c.position = i
                    do {
                        let form = try c.parseScriptComponent(features: .all, legacyIndices: legacy).form
                        forms.append((t.line, .success(form)))
                    } catch {
                        forms.append((t.line, .failure(error)))
                    }
                }
                depth += 1
            } else if t.kind == .rightParen {
                depth -= 1
            }
            i += 1
        }
        return forms
    }

    func testSuiteComponentsParseAndMatchWasmTools() throws {
        guard let entries = SuiteCorpus.entries else { throw XCTSkip("wasm-tools not installed") }
        var byLine: [String: SuiteCorpus.Entry] = [:]
        for e in entries { byLine["\(e.file):\(e.line)"] = e }
        var textForms = 0, parsed = 0, compared = 0, identical = 0
        var failures: [String] = [], differences: [String] = []
        for file in SuiteCorpus.wastFiles {
            for (line, result) in Self.componentForms(in: file) {
                let key = "\(file.path):\(line)"
                guard let entry = byLine[key], entry.command != "assert_malformed" else { continue }
                switch result {
                case .failure(let e):
                    if needsMissingCoreFeature(file.path, "\(e)") { print("skipped (needs a core feature WasmCore lacks): \(key): \(e)"); continue }
                    textForms += 1
                    failures.append("\(key): \(e)")
                case .success(.text(let c)):
                    textForms += 1
                    parsed += 1
                    // wasm-tools strip keeps the name sections of nested core modules; drop them on both sides.
                    guard let s0 = entry.stripped, let theirs = try? decodeComponent(s0) else { continue }
                    let s = encodeComponent(deepStripped(theirs))
                    compared += 1
                    if encodeComponent(deepStripped(c)) == s {
                        identical += 1
                    } else {
                        differences.append(key)
                        if differences.count <= 30 {
                            try? Data(encodeComponent(c)).write(to: URL(fileURLWithPath: "/tmp/cm-tdiff-\(differences.count).ours"))
                            try? Data(s).write(to: URL(fileURLWithPath: "/tmp/cm-tdiff-\(differences.count).theirs"))
                        }
                    }
                default: continue
                }
            }
        }
        print("text components: \(textForms), parsed: \(parsed), compared: \(compared), byte-identical to wasm-tools parse: \(identical)")
        for f in failures.prefix(60) { print("parse failure: \(f)") }
        for d in differences.prefix(60) { print("differs: \(d)") }
        XCTAssertEqual(parsed, textForms)
        XCTAssertEqual(identical, compared)
    }
}
