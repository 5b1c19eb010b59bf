import Foundation
import XCTest
@testable import WasmCore

/// Walks the core test suite's `.wast` files and checks the text parser against every module in them.
final class TextParserSuiteTests: XCTestCase {
    /// The suite directory, relative to the package root.
    static let suiteRoot: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("../shared/testsuite/core").standardized

    static func suiteFiles() -> [URL] {
        let fm = FileManager.default
        var files: [URL] = []
        for dir in [suiteRoot, suiteRoot.appendingPathComponent("simd")] {
            let names = (try? fm.contentsOfDirectory(atPath: dir.path)) ?? []
            files += names.filter { $0.hasSuffix(".wast") }.sorted().map { dir.appendingPathComponent($0) }
        }
        return files
    }

    /// A module found in a script: its text, or its quoted body, and what the script expects of it.
    struct SuiteModule {
        var file: String
        var line: Int
        var text: String
        var isQuote: Bool
        var expectedMalformed: String?
    }

    /// The text modules of a script: top-level ones, and those inside assertions.
    static func modules(in url: URL) throws -> [SuiteModule] {
        let text = try String(contentsOf: url, encoding: .utf8)
        var c = try TextCursor(text)
        var found: [SuiteModule] = []
        let file = url.lastPathComponent
        while !c.isAtEnd {
            guard c.peekLeftParen() else { try c.skipSExpression(); continue }
            let line = c.peek?.line ?? 0
            if c.peekLeftParen("module") {
                if let m = try moduleForm(&c, file: file, line: line) { found.append(m) }
                continue
            }
            guard let keyword = c.peekKeywordText(offset: 1), keyword.hasPrefix("assert_") else {
                try c.skipSExpression()
                continue
            }
            c.position += 2
            if c.peekLeftParen("module"), var m = try moduleForm(&c, file: file, line: line) {
                if keyword == "assert_malformed" {
                    m.expectedMalformed = c.takeString().map { String(decoding: $0, as: UTF8.self) }
                }
                if !(keyword == "assert_malformed" && !m.isQuote) { found.append(m) }
            }
            try c.skipToClosingParen()
        }
        return found
    }

    /// Reads a `(module ...)` form: text modules are captured, quoted ones concatenated, binary ones skipped.
    static func moduleForm(_ c: inout TextCursor, file: String, line: Int) throws -> SuiteModule? {
        let start = c.position
        c.position += 2
        _ = c.takeIdentifier()
        if c.takeKeyword("quote") {
            var body: [UInt8] = []
            while let s = c.takeString() { body += s }
            try c.expectRightParen()
            return SuiteModule(file: file, line: line, text: String(decoding: body, as: UTF8.self), isQuote: true)
        }
        let isBinary = c.peekKeyword("binary")
        c.position = start
        let moduleText = try c.captureSExpression()
        return isBinary ? nil : SuiteModule(file: file, line: line, text: moduleText, isQuote: false)
    }

    /// Every text module of the suite (top-level and in assertions, quoted or not) parses, and every
    /// `assert_malformed (module quote ...)` is rejected with the expected message as a prefix of ours.
    /// The suite is walked once for both checks (a debug build lexes ~11 MB here).
    func testSuiteModules() throws {
        var parsed = 0
        var rejected = 0
        var failures: [String] = []
        for url in Self.suiteFiles() {
            for m in try Self.modules(in: url) {
                guard let expected = m.expectedMalformed else {
                    do {
                        _ = try parseModule(m.text)
                        parsed += 1
                    } catch {
                        failures.append("\(m.file):\(m.line): \(error)")
                    }
                    continue
                }
                do {
                    _ = try parseModule(m.text)
                    failures.append("\(m.file):\(m.line): accepted, expected \"\(expected)\"")
                } catch let error as WasmError {
                    if error.kind == .malformed && error.message.hasPrefix(expected) {
                        rejected += 1
                    } else {
                        failures.append("\(m.file):\(m.line): got \"\(error.message)\", expected \"\(expected)\" in \(m.text.prefix(120))")
                    }
                }
            }
        }
        print("text modules parsed: \(parsed); malformed quote modules rejected as expected: \(rejected); failures: \(failures.count)")
        for f in failures.prefix(80) { print("  " + f) }
        XCTAssertGreaterThan(parsed, 3700)
        XCTAssertGreaterThan(rejected, 1000)
        XCTAssertEqual(failures, [])
    }
}
