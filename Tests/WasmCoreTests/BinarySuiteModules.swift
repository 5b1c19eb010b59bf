import Foundation

/// The `(module binary ...)` modules of the core test suite, read straight from the `.wast` files
/// (a minimal S-expression reader: just enough to find binary modules and their assertions).
enum BinarySuiteModules {
    /// One binary module of a script: its bytes, and the message when it is asserted malformed.
    struct Case {
        var file: String
        var line: Int
        var bytes: [UInt8]
        /// The expected message of an `assert_malformed`; `nil` when the module must decode.
        var malformed: String?
    }

    /// The suite directory, relative to the package root.
    static var suiteDirectory: URL {
        URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("../shared/testsuite/core").standardized
    }

    /// Every `.wast` file of the core suite (and its SIMD folder).
    static func scripts() -> [URL] {
        let fm = FileManager.default
        var result: [URL] = []
        for dir in [suiteDirectory, suiteDirectory.appendingPathComponent("simd")] {
            let names = (try? fm.contentsOfDirectory(atPath: dir.path)) ?? []
            result += names.filter { $0.hasSuffix(".wast") }.sorted().map { dir.appendingPathComponent($0) }
        }
        return result
    }

    /// Every binary module in every script (read once per test process).
    static func all() -> [Case] { cached }

    private static let cached: [Case] = scripts().flatMap { url -> [Case] in
            guard let data = try? Data(contentsOf: url) else { return [] }
            return cases(in: [UInt8](data), file: url.lastPathComponent)
        }

    indirect enum SExpr {
        case atom(String, line: Int)
        case string([UInt8], line: Int)
        case list([SExpr], line: Int)

        var line: Int {
            switch self {
            case .atom(_, let l), .string(_, let l), .list(_, let l): return l
            }
        }
        var atom: String? { if case .atom(let a, _) = self { return a } else { return nil } }
        var string: [UInt8]? { if case .string(let s, _) = self { return s } else { return nil } }
    }

    static func cases(in text: [UInt8], file: String) -> [Case] {
        var reader = Reader(text: text)
        var result: [Case] = []
        while let e = reader.next() { collect(e, file: file, into: &result) }
        return result
    }

    private static func binaryBytes(_ items: [SExpr]) -> [UInt8]? {
        // (module $id? binary "..."*)
        guard items.first?.atom == "module" else { return nil }
        var rest = items.dropFirst()
        if let a = rest.first?.atom, a.hasPrefix("$") { rest = rest.dropFirst() }
        guard rest.first?.atom == "binary" else { return nil }
        return rest.dropFirst().compactMap(\.string).flatMap { $0 }
    }

    private static func collect(_ e: SExpr, file: String, into result: inout [Case]) {
        guard case .list(let items, let line) = e else { return }
        if let bytes = binaryBytes(items) {
            result.append(Case(file: file, line: line, bytes: bytes, malformed: nil))
            return
        }
        if items.first?.atom == "assert_malformed", items.count >= 3,
           case .list(let m, _) = items[1], let bytes = binaryBytes(m), let message = items[2].string {
            result.append(Case(file: file, line: line, bytes: bytes, malformed: String(decoding: message, as: UTF8.self)))
            return
        }
        for item in items { collect(item, file: file, into: &result) }
    }

    struct Reader {
        let text: [UInt8]
        var i = 0
        var line = 1

        init(text: [UInt8]) { self.text = text }

        /// The bytes that end an atom.
        static let delimiters: [Bool] = (0..<256).map { [32, 9, 10, 13, 0x28, 0x29, 0x22].contains($0) }

        mutating func skipSpace() {
            while i < text.count {
                let c = text[i]
                if c == UInt8(ascii: "\n") { line += 1; i += 1 }
                else if c == 32 || c == 9 || c == 13 { i += 1 }
                else if c == UInt8(ascii: ";"), i + 1 < text.count, text[i + 1] == UInt8(ascii: ";") {
                    while i < text.count, text[i] != UInt8(ascii: "\n") { i += 1 }
                } else if c == UInt8(ascii: "("), i + 1 < text.count, text[i + 1] == UInt8(ascii: ";") {
                    var depth = 0
                    while i + 1 < text.count {
                        if text[i] == UInt8(ascii: "("), text[i + 1] == UInt8(ascii: ";") { depth += 1; i += 2 }
                        else if text[i] == UInt8(ascii: ";"), text[i + 1] == UInt8(ascii: ")") {
                            depth -= 1; i += 2
                            if depth == 0 { break }
                        } else { if text[i] == UInt8(ascii: "\n") { line += 1 }; i += 1 }
                    }
                } else { return }
            }
        }

        mutating func next() -> SExpr? {
            skipSpace()
            guard i < text.count else { return nil }
            let start = line
            let c = text[i]
            if c == UInt8(ascii: "(") {
                i += 1
                var items: [SExpr] = []
                while true {
                    skipSpace()
                    if i >= text.count { return .list(items, line: start) }
                    if text[i] == UInt8(ascii: ")") { i += 1; return .list(items, line: start) }
                    guard let item = next() else { return .list(items, line: start) }
                    items.append(item)
                }
            }
            if c == UInt8(ascii: ")") { i += 1; return .atom(")", line: start) }
            if c == UInt8(ascii: "\"") {
                i += 1
                var bytes: [UInt8] = []
                while i < text.count, text[i] != UInt8(ascii: "\"") {
                    if text[i] == UInt8(ascii: "\\"), i + 1 < text.count {
                        let e = text[i + 1]
                        switch e {
                        case UInt8(ascii: "n"): bytes.append(10); i += 2
                        case UInt8(ascii: "t"): bytes.append(9); i += 2
                        case UInt8(ascii: "r"): bytes.append(13); i += 2
                        case UInt8(ascii: "\""), UInt8(ascii: "'"), UInt8(ascii: "\\"): bytes.append(e); i += 2
                        case UInt8(ascii: "u"):
                            var j = i + 3
                            var v: UInt32 = 0
                            while j < text.count, text[j] != UInt8(ascii: "}") {
                                v = v &* 16 &+ UInt32(hexValue(text[j])); j += 1
                            }
                            bytes += Array(String(Unicode.Scalar(v).map(Character.init) ?? " ").utf8)
                            i = j + 1
                        default:
                            if i + 2 < text.count {
                                bytes.append(UInt8(hexValue(text[i + 1]) * 16 + hexValue(text[i + 2])))
                            }
                            i += 3
                        }
                    } else {
                        if text[i] == UInt8(ascii: "\n") { line += 1 }
                        bytes.append(text[i]); i += 1
                    }
                }
                i += 1
                return .string(bytes, line: start)
            }
            let s = i
            while i < text.count, !Reader.delimiters[Int(text[i])] { i += 1 }
            return .atom(String(decoding: text[s..<i], as: UTF8.self), line: start)
        }

        func hexValue(_ c: UInt8) -> Int {
            switch c {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): return Int(c) - 48
            case UInt8(ascii: "a")...UInt8(ascii: "f"): return Int(c) - 87
            case UInt8(ascii: "A")...UInt8(ascii: "F"): return Int(c) - 55
            default: return 0
            }
        }
    }
}
