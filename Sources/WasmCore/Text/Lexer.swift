/// Spec: core/text/lexical — splits source text into tokens, skipping white space, comments and annotations.
///
/// Tokens are delimited by white space, comments and parentheses; a run of token characters that is
/// not a keyword, number, identifier or single string is a `reserved` token (the parser rejects it
/// with "unknown operator", as the reference interpreter does).
public struct Lexer {
    private let source: [UInt8]
    private var position = 0
    private var line = 1
    private var lineStart = 0
    /// The byte ranges of the `(@custom ...)` annotations skipped so far (custom sections, which the
    /// module parser reads back).
    public private(set) var customAnnotations: [Range<Int>] = []

    public init(_ source: [UInt8]) { self.source = source }

    /// Lexes a whole source text.
    /// Spec: core/text/lexical — the token stream of a source.
    public static func tokenize(_ text: String) throws -> [Token] {
        var lexer = Lexer(Array(text.utf8))
        return try lexer.tokenize()
    }

    /// Lexes the whole source.
    public mutating func tokenize() throws -> [Token] {
        var tokens: [Token] = []
        while let token = try nextToken() { tokens.append(token) }
        return tokens
    }

    private func byte(_ i: Int) -> UInt8? { i >= 0 && i < source.count ? source[i] : nil }

    private var location: SourceLocation { locationOf(position) }

    /// A position on the current line whose column is known, so columns are counted incrementally.
    private var columnMark = (offset: 0, column: 1)

    private func locationOf(_ offset: Int) -> SourceLocation {
        var (i, column) = columnMark.offset >= lineStart && columnMark.offset <= offset ? columnMark : (lineStart, 1)
        while i < offset && i < source.count {
            if source[i] & 0xC0 != 0x80 { column += 1 }
            i += 1
        }
        return .text(line: line, column: column)
    }

    private mutating func markColumn(_ offset: Int, _ location: SourceLocation) {
        if case .text(_, let column) = location { columnMark = (offset, column) }
    }

    private func error(_ message: String, at offset: Int? = nil) -> WasmError {
        WasmError(.malformed, message, at: locationOf(offset ?? position))
    }

    /// Advances over one byte, keeping track of lines.
    private mutating func advance() {
        let b = byte(position)
        if b == 0x0A || (b == 0x0D && byte(position + 1) != 0x0A) {
            line += 1
            lineStart = position + 1
        }
        position += 1
    }

    /// Returns the next token, or `nil` at the end of the input.
    public mutating func nextToken() throws -> Token? {
        try skipTrivia()
        guard let c = byte(position) else { return nil }
        let start = position
        let startLocation = locationOf(start)
        markColumn(start, startLocation)
        guard case .text(let l, let col) = startLocation else { return nil }
        if c == UInt8(ascii: "(") {
            position += 1
            return Token(kind: .leftParen, range: start..<position, line: l, column: col)
        }
        if c == UInt8(ascii: ")") {
            position += 1
            return Token(kind: .rightParen, range: start..<position, line: l, column: col)
        }
        // A run of token characters and strings.
        var strings: [[UInt8]] = []
        var plainCharacters = 0
        while let b = byte(position) {
            if b == UInt8(ascii: "\"") {
                strings.append(try lexString())
            } else if Lexer.isIDChar(b) || b == UInt8(ascii: ",") || b == UInt8(ascii: "[") || b == UInt8(ascii: "]")
                || b == UInt8(ascii: "{") || b == UInt8(ascii: "}")
                || (b == UInt8(ascii: ";") && byte(position + 1) != UInt8(ascii: ";"))
            {
                plainCharacters += 1
                position += 1
            } else if b >= 0x80 || (b < 0x20 && !Lexer.isWhiteSpace(b)) || b == 0x7F {
                throw error(b >= 0x80 ? "misplaced unicode character" : "misplaced control character")
            } else {
                break
            }
        }
        let range = start..<position
        let text = source[range]
        func token(_ kind: Token.Kind, _ bytes: [UInt8] = []) -> Token {
            Token(kind: kind, range: range, line: l, column: col, bytes: bytes)
        }
        if strings.count == 1 && plainCharacters == 0 { return token(.string, strings[0]) }
        if c == UInt8(ascii: "$") {
            if strings.isEmpty && plainCharacters > 1 { return token(.identifier, Array(text.dropFirst())) }
            if strings.count == 1 && plainCharacters == 1, let name = strings.first, !name.isEmpty,
                TextUTF8.isValid(name)
            {
                return token(.identifier, name)
            }
            return token(.reserved)
        }
        guard strings.isEmpty, plainCharacters == text.count else { return token(.reserved) }
        if NumberLiteral.isUnsigned(text) { return token(.unsigned) }
        if let first = text.first, first == UInt8(ascii: "+") || first == UInt8(ascii: "-"),
            NumberLiteral.isUnsigned(text.dropFirst())
        {
            return token(.signed)
        }
        if NumberLiteral.isFloat(text) { return token(.float) }
        if c >= UInt8(ascii: "a") && c <= UInt8(ascii: "z") && text.allSatisfy(Lexer.isIDChar) { return token(.keyword) }
        return token(.reserved)
    }

    /// Spec: core/text/lexical — `idchar`, the characters of keywords, identifiers and numbers.
    public static func isIDChar(_ b: UInt8) -> Bool { idCharTable[Int(b)] }

    private static let idCharTable: [Bool] = (0..<256).map { i in
        let b = UInt8(i)
        switch b {
        case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "a")...UInt8(ascii: "z"),
            UInt8(ascii: "A")...UInt8(ascii: "Z"):
            return true
        default:
            return "!#$%&'*+-./:<=>?@\\^_`|~".utf8.contains(b)
        }
    }

    static func isWhiteSpace(_ b: UInt8) -> Bool { b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0D }

    /// Spec: core/text/lexical — white space, line and block comments, and annotations `(@id ...)`.
    private mutating func skipTrivia(annotations: Bool = true) throws {
        while let b = byte(position) {
            if Lexer.isWhiteSpace(b) {
                advance()
            } else if b == UInt8(ascii: ";") && byte(position + 1) == UInt8(ascii: ";") {
                // A line comment ends at a newline: U+0A, U+0D, or both.
                while let c = byte(position), c != 0x0A && c != 0x0D { position += 1 }
            } else if b == UInt8(ascii: "(") && byte(position + 1) == UInt8(ascii: ";") {
                try skipBlockComment()
            } else if annotations, b == UInt8(ascii: "(") && byte(position + 1) == UInt8(ascii: "@"),
                let c = byte(position + 2), Lexer.isIDChar(c) || c == UInt8(ascii: "\"")
            {
                try skipAnnotation()
            } else {
                return
            }
        }
    }

    /// Spec: core/text/lexical — a block comment `(; ... ;)`, which may nest.
    private mutating func skipBlockComment() throws {
        let start = position
        var depth = 0
        while let b = byte(position) {
            if b == UInt8(ascii: "(") && byte(position + 1) == UInt8(ascii: ";") {
                depth += 1
                position += 2
            } else if b == UInt8(ascii: ";") && byte(position + 1) == UInt8(ascii: ")") {
                depth -= 1
                position += 2
                if depth == 0 { return }
            } else {
                advance()
            }
        }
        throw error("unclosed comment", at: start)
    }

    /// Spec: core/text/lexical (annotations) — `(@id ...)` is skipped with its balanced contents.
    private mutating func skipAnnotation() throws {
        let start = position
        var depth = 1
        position += 2
        while true {
            try skipTrivia(annotations: false)
            guard let b = byte(position) else { throw error("unclosed annotation", at: start) }
            if b == UInt8(ascii: "(") {
                depth += 1
                position += 1
            } else if b == UInt8(ascii: ")") {
                depth -= 1
                position += 1
                if depth == 0 {
                    if source[start..<position].starts(with: "(@custom".utf8),
                        let next = byte(start + 8), !Lexer.isIDChar(next)
                    {
                        customAnnotations.append(start..<position)
                    }
                    return
                }
            } else if b == UInt8(ascii: "\"") {
                _ = try lexString()
            } else if b >= 0x80 || b < 0x20 || b == 0x7F {
                throw error(b >= 0x80 ? "misplaced unicode character" : "misplaced control character")
            } else {
                position += 1
            }
        }
    }

    /// Spec: core/text/values — a string literal with its escapes, as bytes.
    private mutating func lexString() throws -> [UInt8] {
        let start = position
        position += 1
        var bytes: [UInt8] = []
        while true {
            guard let b = byte(position), b != 0x0A else { throw error("unclosed string literal", at: start) }
            if b == UInt8(ascii: "\"") {
                position += 1
                return bytes
            }
            if b == UInt8(ascii: "\\") {
                guard let e = byte(position + 1) else { throw error("unclosed string literal", at: start) }
                switch e {
                case UInt8(ascii: "t"): bytes.append(0x09); position += 2
                case UInt8(ascii: "n"): bytes.append(0x0A); position += 2
                case UInt8(ascii: "r"): bytes.append(0x0D); position += 2
                case UInt8(ascii: "\""), UInt8(ascii: "'"), UInt8(ascii: "\\"): bytes.append(e); position += 2
                case UInt8(ascii: "u"):
                    guard byte(position + 2) == UInt8(ascii: "{") else { throw error("illegal escape", at: position) }
                    var i = position + 3
                    var value: UInt32 = 0
                    var digits = 0
                    var lastWasDigit = false
                    while let h = byte(i), let d = NumberLiteral.hexValue(h) ?? (h == UInt8(ascii: "_") ? 99 : nil) {
                        if d == 99 {
                            guard lastWasDigit else { throw error("illegal escape", at: position) }
                            lastWasDigit = false
                        } else {
                            value = value > 0x10FFFF ? value : value &* 16 &+ UInt32(d)
                            digits += 1
                            lastWasDigit = true
                        }
                        i += 1
                    }
                    guard digits > 0, lastWasDigit, byte(i) == UInt8(ascii: "}"),
                        value < 0xD800 || (value >= 0xE000 && value < 0x110000),
                        let scalar = Unicode.Scalar(value)
                    else { throw error("illegal escape", at: position) }
                    bytes.append(contentsOf: Array(String(Character(scalar)).utf8))
                    position = i + 1
                default:
                    guard let hi = NumberLiteral.hexValue(e), let l = byte(position + 2), let lo = NumberLiteral.hexValue(l)
                    else { throw error("illegal escape", at: position) }
                    bytes.append(hi << 4 | lo)
                    position += 3
                }
            } else if b < 0x20 || b == 0x7F {
                throw error("illegal control character in string literal", at: position)
            } else {
                bytes.append(b)
                position += 1
            }
        }
    }
}

/// Spec: core/text/values (names) — names must be well-formed UTF-8; the text side of the one
/// UTF-8 check (`UTF8Validation`, shared with the binary format), with located errors.
public enum TextUTF8 {
    /// Whether `bytes` is well-formed UTF-8 (no overlong forms, surrogates or values past U+10FFFF).
    public static func isValid<C: Collection>(_ bytes: C) -> Bool where C.Element == UInt8 {
        UTF8Validation.isValid(Array(bytes))
    }

    /// Decodes well-formed UTF-8, or throws "malformed UTF-8 encoding".
    public static func decode(_ bytes: [UInt8], at location: SourceLocation? = nil) throws -> String {
        guard let text = UTF8Validation.decode(bytes) else {
            throw WasmError(.malformed, "malformed UTF-8 encoding", at: location)
        }
        return text
    }
}
