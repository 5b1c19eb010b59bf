/// Spec: core/text/conventions — a cursor over the tokens of an S-expression text, for recursive-descent parsing.
///
/// Every `expect...` operation throws a located `.malformed` error in the suites' wording; every
/// `take...` / `peek...` operation leaves the cursor where it was when the token does not match.
public struct TextCursor {
    /// The source text, as UTF-8 bytes.
    public let source: [UInt8]
    public let tokens: [Token]
    /// The index of the next token.
    public var position: Int = 0
    /// The byte ranges of `(@custom ...)` annotations in the source (custom sections).
    public let customAnnotations: [Range<Int>]

    /// Lexes `text` and puts the cursor at its first token.
    public init(_ text: String) throws {
        var lexer = Lexer(Array(text.utf8))
        self.source = Array(text.utf8)
        self.tokens = try lexer.tokenize()
        self.customAnnotations = lexer.customAnnotations
    }

    public init(source: [UInt8], tokens: [Token], position: Int = 0, customAnnotations: [Range<Int>] = []) {
        self.source = source
        self.tokens = tokens
        self.position = position
        self.customAnnotations = customAnnotations
    }

    // MARK: Looking ahead

    /// The next token, if any.
    public var peek: Token? { peek(0) }

    /// The token `offset` places after the next one.
    public func peek(_ offset: Int) -> Token? {
        let i = position + offset
        return i >= 0 && i < tokens.count ? tokens[i] : nil
    }

    public var isAtEnd: Bool { position >= tokens.count }

    /// The source text of a token.
    public func text(of token: Token) -> String {
        String(decoding: source[clamped(token.range)], as: UTF8.self)
    }

    private func clamped(_ range: Range<Int>) -> Range<Int> {
        Swift.max(0, Swift.min(range.lowerBound, source.count))..<Swift.max(0, Swift.min(range.upperBound, source.count))
    }

    /// The text of a token for an error message, cut short when long.
    func shortText(of token: Token) -> String {
        let full = text(of: token)
        return full.count > 60 ? String(full.prefix(60)) + "..." : full
    }

    /// The source bytes of a token.
    public func bytes(of token: Token) -> ArraySlice<UInt8> { source[clamped(token.range)] }

    /// Whether the next token is the keyword `keyword`.
    public func peekKeyword(_ keyword: String, offset: Int = 0) -> Bool {
        guard let t = peek(offset), t.kind == .keyword else { return false }
        return bytes(of: t).elementsEqual(keyword.utf8)
    }

    /// The next token's text when it is a keyword.
    public func peekKeywordText(offset: Int = 0) -> String? {
        guard let t = peek(offset), t.kind == .keyword else { return nil }
        return text(of: t)
    }

    /// Whether the next tokens are `(` and, if given, the keyword `keyword`.
    public func peekLeftParen(_ keyword: String? = nil) -> Bool {
        guard peek?.kind == .leftParen else { return false }
        guard let keyword else { return true }
        return peekKeyword(keyword, offset: 1)
    }

    public var peekRightParen: Bool { peek?.kind == .rightParen }

    /// The location of the next token (or of the end of the input).
    public var location: SourceLocation {
        if let t = peek { return t.location }
        return endLocation
    }

    /// The location just past the last token.
    public var endLocation: SourceLocation {
        var line = 1
        var column = 1
        for b in source {
            if b == 0x0A {
                line += 1
                column = 1
            } else if b & 0xC0 != 0x80 {
                column += 1
            }
        }
        return .text(line: line, column: column)
    }

    // MARK: Errors

    /// A malformed-text error at the next token.
    public func error(_ message: String) -> WasmError {
        WasmError(.malformed, message, at: location)
    }

    /// A malformed-text error at a token.
    public func error(_ message: String, at token: Token) -> WasmError {
        WasmError(.malformed, message, at: token.location)
    }

    /// The error for a token that does not fit here: "unexpected end of input", "unknown operator"
    /// for a reserved token (as the reference interpreter's lexer reports it), else "unexpected token".
    public func unexpected() -> WasmError {
        guard let t = peek else { return WasmError(.malformed, "unexpected end of input", at: endLocation) }
        if t.kind == .reserved || (t.kind == .keyword && !TextKeywords.isKnown(text(of: t))) {
            return error("unknown operator \(shortText(of: t))", at: t)
        }
        return error("unexpected token \(shortText(of: t))", at: t)
    }

    // MARK: Consuming

    /// Consumes and returns the next token.
    @discardableResult
    public mutating func next() throws -> Token {
        guard let t = peek else { throw unexpected() }
        position += 1
        return t
    }

    public mutating func expectLeftParen() throws {
        guard peek?.kind == .leftParen else { throw unexpected() }
        position += 1
    }

    /// Consumes `(` followed by `keyword`.
    public mutating func expectLeftParen(_ keyword: String) throws {
        try expectLeftParen()
        try expectKeyword(keyword)
    }

    public mutating func expectRightParen() throws {
        guard peek?.kind == .rightParen else { throw unexpected() }
        position += 1
    }

    /// Consumes `(` and `keyword` when they come next.
    public mutating func takeLeftParen(_ keyword: String) -> Bool {
        guard peekLeftParen(keyword) else { return false }
        position += 2
        return true
    }

    public mutating func takeRightParen() -> Bool {
        guard peekRightParen else { return false }
        position += 1
        return true
    }

    /// Consumes the keyword `keyword` when it comes next.
    public mutating func takeKeyword(_ keyword: String) -> Bool {
        guard peekKeyword(keyword) else { return false }
        position += 1
        return true
    }

    public mutating func expectKeyword(_ keyword: String) throws {
        guard takeKeyword(keyword) else { throw unexpected() }
    }

    /// Consumes any keyword and returns its text.
    public mutating func expectAnyKeyword() throws -> String {
        guard let k = peekKeywordText() else { throw unexpected() }
        position += 1
        return k
    }

    /// Consumes an identifier when one comes next, returning its name (without `$`).
    public mutating func takeIdentifier() -> String? {
        guard let t = peek, t.kind == .identifier else { return nil }
        position += 1
        return String(decoding: t.bytes, as: UTF8.self)
    }

    public var peekIdentifier: Bool { peek?.kind == .identifier }

    /// Consumes a string literal when one comes next, returning its bytes.
    public mutating func takeString() -> [UInt8]? {
        guard let t = peek, t.kind == .string else { return nil }
        position += 1
        return t.bytes
    }

    public mutating func expectString() throws -> [UInt8] {
        guard let s = takeString() else { throw unexpected() }
        return s
    }

    /// Spec: core/text/values — a name: a string that must be well-formed UTF-8.
    public mutating func expectName() throws -> String {
        let at = location
        return try TextUTF8.decode(try expectString(), at: at)
    }

    // MARK: Numbers

    /// Spec: core/text/values — `u32`, for indices, limits, alignments, lane indices.
    /// An unsigned literal beyond 32 bits is "i32 constant out of range" (as the spec interpreter
    /// says; wasm-tools' "invalid u32 number: constant out of range" follows in parentheses).
    public mutating func expectU32() throws -> UInt32 {
        guard let t = peek, t.kind == .unsigned else { throw unexpected() }
        guard let v = NumberLiteral.unsignedValue(bytes(of: t)), v <= UInt64(UInt32.max) else {
            // The spec interpreter's wording, then wasm-tools'.
            throw error("i32 constant out of range (invalid u32 number: constant out of range)", at: t)
        }
        position += 1
        return UInt32(v)
    }

    /// Spec: core/text/values — `u64`.
    public mutating func expectU64() throws -> UInt64 {
        guard let t = peek, t.kind == .unsigned else { throw unexpected() }
        guard let v = NumberLiteral.unsignedValue(bytes(of: t)) else { throw error("i64 constant out of range", at: t) }
        position += 1
        return v
    }

    public var peekUnsigned: Bool { peek?.kind == .unsigned }

    /// Spec: core/text/values — `iN` for N <= 64, as an N-bit pattern ("constant out of range" beyond it).
    /// Another token is "unexpected token" (or "unknown operator" when reserved or an unknown keyword).
    public mutating func expectInteger(bitWidth: Int) throws -> UInt64 {
        guard let t = peek else { throw unexpected() }
        guard t.kind == .unsigned || t.kind == .signed else { throw unexpected() }
        guard let v = NumberLiteral.integerBits(bytes(of: t), bitWidth: bitWidth) else {
            throw error("constant out of range", at: t)
        }
        position += 1
        return v
    }

    public mutating func expectI32() throws -> Int32 {
        Int32(bitPattern: UInt32(truncatingIfNeeded: try expectInteger(bitWidth: 32)))
    }

    public mutating func expectI64() throws -> Int64 {
        Int64(bitPattern: try expectInteger(bitWidth: 64))
    }

    /// Spec: core/text/values — `fN`, as its bits ("constant out of range" when it rounds to infinity).
    public mutating func expectFloat(_ format: NumberLiteral.FloatFormat) throws -> UInt64 {
        guard let t = peek else { throw unexpected() }
        guard t.isNumber else { throw unexpected() }
        guard let v = NumberLiteral.floatBits(bytes(of: t), format: format) else {
            throw error("constant out of range", at: t)
        }
        position += 1
        return v
    }

    public mutating func expectF32() throws -> UInt32 { UInt32(truncatingIfNeeded: try expectFloat(.f32)) }
    public mutating func expectF64() throws -> UInt64 { try expectFloat(.f64) }

    // MARK: S-expressions

    /// Skips one token, or a whole balanced S-expression when the next token is `(`.
    public mutating func skipSExpression() throws {
        _ = try sExpressionRange()
    }

    /// Skips a balanced S-expression (or one token) and returns the source text it spans.
    public mutating func captureSExpression() throws -> String {
        let range = try sExpressionRange()
        return String(decoding: source[clamped(range)], as: UTF8.self)
    }

    /// Skips a balanced S-expression (or one token) and returns its byte range in the source.
    public mutating func sExpressionRange() throws -> Range<Int> {
        let first = try next()
        guard first.kind == .leftParen else { return first.range }
        var depth = 1
        var last = first
        while depth > 0 {
            guard let t = peek else {
                throw WasmError(.malformed, "unexpected end of input", at: endLocation)
            }
            position += 1
            if t.kind == .leftParen { depth += 1 } else if t.kind == .rightParen { depth -= 1 }
            last = t
        }
        return first.range.lowerBound..<last.range.upperBound
    }

    /// Skips the rest of the current S-expression, up to and including the `)` that closes it.
    public mutating func skipToClosingParen() throws {
        while !peekRightParen { try skipSExpression() }
        position += 1
    }
}
