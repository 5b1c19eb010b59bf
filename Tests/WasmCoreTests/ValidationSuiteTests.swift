import Foundation
import XCTest
@testable import WasmCore

/// Walks the core suite's `.wast` scripts (WebAssembly 2.0 and SIMD): every module of an
/// `assert_invalid` must fail validation with the expected message as a prefix of ours, and every
/// other module (top-level, or under `assert_trap`/`assert_unlinkable`/...) must validate.
final class ValidationSuiteTests: XCTestCase {
    /// The suite directory, relative to the package root.
    static let suiteRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("../shared/testsuite/core").standardized

    static func suiteFiles() -> [URL] {
        var files: [URL] = []
        for dir in [suiteRoot, suiteRoot.appendingPathComponent("simd")] {
            let names = (try? FileManager.default.contentsOfDirectory(atPath: dir.path)) ?? []
            files += names.filter { $0.hasSuffix(".wast") }.sorted().map { dir.appendingPathComponent($0) }
        }
        return files
    }

    /// A module of a script, parsed (or decoded) where it stands, and the message an `assert_invalid` expects.
    struct ScriptModule {
        var place: String
        var module: Result<Module, Error>
        var expectedInvalid: String?
    }

    /// The modules of a script that validation is asked about (not those of `assert_malformed`).
    static func modules(in url: URL) throws -> [ScriptModule] {
        var c = try TextCursor(try String(contentsOf: url, encoding: .utf8))
        var found: [ScriptModule] = []
        while !c.isAtEnd {
            guard c.peekLeftParen() else { try c.skipSExpression(); continue }
            let place = "\(url.lastPathComponent):\(c.peek?.line ?? 0)"
            if c.peekLeftParen("module") {
                found.append(try moduleForm(&c, place: place))
                continue
            }
            guard let keyword = c.peekKeywordText(offset: 1), keyword.hasPrefix("assert_"), keyword != "assert_malformed" else {
                try c.skipSExpression()
                continue
            }
            c.position += 2
            if c.peekLeftParen("module") {
                var module = try moduleForm(&c, place: place)
                if keyword == "assert_invalid" {
                    module.expectedInvalid = c.takeString().map { String(decoding: $0, as: UTF8.self) } ?? ""
                }
                found.append(module)
            }
            try c.skipToClosingParen()
        }
        return found
    }

    /// Reads `(module $id? ...)`, `(module $id? quote "..."*)` or `(module $id? binary "..."*)`.
    static func moduleForm(_ c: inout TextCursor, place: String) throws -> ScriptModule {
        let start = c.position
        c.position += 2
        _ = c.takeIdentifier()
        if c.takeKeyword("quote") || c.takeKeyword("binary") {
            let isBinary = c.tokens[c.position - 1].kind == .keyword && c.text(of: c.tokens[c.position - 1]) == "binary"
            var body: [UInt8] = []
            while let s = c.takeString() { body += s }
            try c.expectRightParen()
            if isBinary { return ScriptModule(place: place, module: Result { try decodeModule(body) }) }
            return ScriptModule(place: place, module: Result { try parseModule(String(decoding: body, as: UTF8.self)) })
        }
        // A text module is parsed from the script's own tokens.
        c.position = start
        do {
            return ScriptModule(place: place, module: .success(try c.parseModuleSExpression().module))
        } catch {
            c.position = start
            try c.skipSExpression()
            return ScriptModule(place: place, module: .failure(error))
        }
    }

    func testSuiteModulesValidateAsExpected() throws {
        var validAccepted = 0, invalidRejected = 0, unparsed = 0
        var failures: [String] = []
        var validationTime = 0.0
        let started = Date()
        for url in Self.suiteFiles() {
            for m in try Self.modules(in: url) {
                let module: Module
                do {
                    module = try m.module.get()
                } catch {
                    unparsed += 1
                    if ProcessInfo.processInfo.environment["VALIDATION_SUITE_VERBOSE"] != nil { print("  unparsed \(m.place): \(error)") }
                    continue
                }
                let validationStarted = Date()
                defer { validationTime += Date().timeIntervalSince(validationStarted) }
                do {
                    _ = try validateModule(module)
                    if let expected = m.expectedInvalid {
                        failures.append("\(m.place): accepted, expected \"\(expected)\"")
                    } else {
                        validAccepted += 1
                    }
                } catch let error as WasmError {
                    if let expected = m.expectedInvalid, error.kind == .invalid, error.message.hasPrefix(expected) {
                        invalidRejected += 1
                    } else if let expected = m.expectedInvalid {
                        failures.append("\(m.place): got \"\(error.message)\", expected \"\(expected)\"")
                    } else {
                        failures.append("\(m.place): rejected a valid module: \(error.message)")
                    }
                }
            }
        }
        print("validation suite: valid modules accepted \(validAccepted), assert_invalid rejected with the expected message \(invalidRejected), failures \(failures.count); not checked: \(unparsed) modules that did not parse or decode; \(String(format: "%.1f", validationTime)) s of \(String(format: "%.1f", Date().timeIntervalSince(started))) s validating")
        for f in failures.prefix(60) { print("  " + f) }
        XCTAssertEqual(failures, [])
        XCTAssertGreaterThanOrEqual(validAccepted, 1715)
        XCTAssertGreaterThanOrEqual(invalidRejected, 2146)
    }
}
