/// Spec: core/text/lexical — one token of the text format, with where it starts.
///
/// Tokens keep their place in the source as a byte range, so the text of any token or of a whole
/// S-expression can be recovered (the script format needs the text of `(module quote ...)`).
public struct Token: Hashable, Sendable {
    /// Spec: core/text/lexical — the kinds of tokens.
    public enum Kind: Hashable, Sendable {
        case leftParen
        case rightParen
        /// A keyword: a run of identifier characters starting with a lowercase letter (`i32.add`, `offset=4`).
        case keyword
        /// An identifier, `$name` or `$"name"`; `bytes` holds the name without the `$`.
        case identifier
        /// A string literal; `bytes` holds its (not necessarily UTF-8) contents.
        case string
        /// An unsigned integer literal (`uN`): digits, or `0x` and hex digits, with `_` separators.
        case unsigned
        /// A signed integer literal (`sN`): a sign followed by an unsigned literal.
        case signed
        /// A floating-point literal (`fN`) that is not also an integer literal: with a fraction or
        /// exponent, `inf`, `nan`, or `nan:0x...`, optionally signed.
        case float
        /// Any other run of token characters; such a token may not occur in a valid module.
        case reserved
    }

    public var kind: Kind
    /// The byte range of the token in the source.
    public var range: Range<Int>
    /// The 1-based line and column (in Unicode scalars) where the token starts.
    public var line: Int
    public var column: Int
    /// For a string: its contents. For an identifier: its name (without `$`). Otherwise empty.
    public var bytes: [UInt8]

    public init(kind: Kind, range: Range<Int>, line: Int, column: Int, bytes: [UInt8] = []) {
        self.kind = kind
        self.range = range
        self.line = line
        self.column = column
        self.bytes = bytes
    }

    /// Where the token starts.
    public var location: SourceLocation { .text(line: line, column: column) }

    /// Whether the token is a number literal of any kind (a float context accepts all three).
    public var isNumber: Bool { kind == .unsigned || kind == .signed || kind == .float }
}
