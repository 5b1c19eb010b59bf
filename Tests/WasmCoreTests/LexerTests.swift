import XCTest
@testable import WasmCore

final class LexerTests: XCTestCase {
    private func kinds(_ text: String) throws -> [Token.Kind] { try Lexer.tokenize(text).map(\.kind) }

    func testTokenKindsAndComments() throws {
        XCTAssertEqual(
            try kinds("(module $m ;; line\n (; block (; nested ;) ;) \"s\" i32.add 1 -2 1.5 inf nan:0x1 0drop (@ann x (y)) )"),
            [.leftParen, .keyword, .identifier, .string, .keyword, .unsigned, .signed, .float, .float, .float, .reserved, .rightParen])
    }

    func testLineCommentsEndAtAnyNewline() throws {
        XCTAssertEqual(try kinds("a ;; x\rb ;; y\r\nc ;; z\nd"), [.keyword, .keyword, .keyword, .keyword])
        XCTAssertEqual(try Lexer.tokenize("a\rb\r\nc").map(\.line), [1, 2, 3])
    }

    func testTokenPositions() throws {
        let tokens = try Lexer.tokenize("(a\n  $b)")
        XCTAssertEqual(tokens.map(\.line), [1, 1, 2, 2])
        XCTAssertEqual(tokens.map(\.column), [1, 2, 3, 5])
    }

    func testStringEscapes() throws {
        let tokens = try Lexer.tokenize(#""a\n\t\\\'\"\u{1F600}\ff\00""#)
        XCTAssertEqual(tokens.first?.bytes, [0x61, 0x0A, 0x09, 0x5C, 0x27, 0x22, 0xF0, 0x9F, 0x98, 0x80, 0xFF, 0x00])
    }

    func testQuotedIdentifierAndGluedTokensAreReserved() throws {
        let id = try Lexer.tokenize(#"$"a b""#)
        XCTAssertEqual(id.first?.kind, .identifier)
        XCTAssertEqual(id.first?.bytes, Array("a b".utf8))
        XCTAssertEqual(try kinds(#"$l"a" "a""b" 1x"#), [.reserved, .reserved, .reserved])
    }

    func testLexicalErrors() {
        XCTAssertThrowsError(try Lexer.tokenize("\"abc")) { XCTAssertEqual(($0 as? WasmError)?.message, "unclosed string literal") }
        XCTAssertThrowsError(try Lexer.tokenize("(; x")) { XCTAssertEqual(($0 as? WasmError)?.message, "unclosed comment") }
        XCTAssertThrowsError(try Lexer.tokenize(#""\q""#)) { XCTAssertEqual(($0 as? WasmError)?.message, "illegal escape") }
    }

    func testTextUTF8() {
        XCTAssertTrue(TextUTF8.isValid(Array("héllo😀".utf8)))
        XCTAssertFalse(TextUTF8.isValid([0xC0, 0x80]))
        XCTAssertFalse(TextUTF8.isValid([0xED, 0xA0, 0x80]))
        XCTAssertFalse(TextUTF8.isValid([0xF4, 0x90, 0x80, 0x80]))
    }

    func testIntegerRanges() {
        XCTAssertEqual(NumberLiteral.integerBits(Array("0xffff_ffff".utf8), bitWidth: 32), 0xFFFF_FFFF)
        XCTAssertEqual(NumberLiteral.integerBits(Array("-0x8000_0000".utf8), bitWidth: 32), 0x8000_0000)
        XCTAssertNil(NumberLiteral.integerBits(Array("-0x8000_0001".utf8), bitWidth: 32))
        XCTAssertNil(NumberLiteral.integerBits(Array("4294967296".utf8), bitWidth: 32))
        XCTAssertEqual(NumberLiteral.integerBits(Array("-1".utf8), bitWidth: 64), UInt64.max)
        XCTAssertNil(NumberLiteral.integerBits(Array("18446744073709551616".utf8), bitWidth: 64))
        XCTAssertNil(NumberLiteral.integerBits(Array("1__0".utf8), bitWidth: 32))
    }

    private func f32(_ s: String) -> UInt32? { NumberLiteral.floatBits(Array(s.utf8), format: .f32).map { UInt32($0) } }
    private func f64(_ s: String) -> UInt64? { NumberLiteral.floatBits(Array(s.utf8), format: .f64) }

    func testFloatRounding() {
        XCTAssertEqual(f32("1.5"), Float(1.5).bitPattern)
        XCTAssertEqual(f64("0.1"), (0.1 as Double).bitPattern)
        XCTAssertEqual(f32("0.1"), Float(0.1).bitPattern)
        XCTAssertEqual(f32("-0x1p-149"), 0x8000_0001)
        XCTAssertEqual(f32("0x1p-150"), 0) // tie, rounds to even (zero)
        XCTAssertEqual(f32("0x1.000001p-149"), 1)
        XCTAssertEqual(f64("0x1.fffffffffffffp1023"), Double.greatestFiniteMagnitude.bitPattern)
        XCTAssertNil(f64("0x1.fffffffffffff8p1023"))
        XCTAssertNil(f32("1e39"))
        XCTAssertEqual(f32("0x1.fffffefffffff8000000p127"), Float.greatestFiniteMagnitude.bitPattern)
        // Double rounding trap: decimal -> f64 -> f32 would round this up.
        XCTAssertEqual(f32("1.00000005960464477539062499"), 0x3F80_0000)
        XCTAssertEqual(f32("1.000000059604644775390625000001"), 0x3F80_0001)
        XCTAssertEqual(f64("1e-400"), 0)
        XCTAssertEqual(f64("4.9406564584124654e-324"), 1)
        XCTAssertEqual(f64("1_000.000_1e0_1"), (10000.001).bitPattern)
    }

    func testFloatSpecials() {
        XCTAssertEqual(f32("inf"), 0x7F80_0000)
        XCTAssertEqual(f32("-nan"), 0xFFC0_0000)
        XCTAssertEqual(f32("nan:0x200000"), 0x7FA0_0000)
        XCTAssertNil(f32("nan:0x0"))
        XCTAssertNil(f32("nan:0x80_0000"))
        XCTAssertEqual(f64("-inf"), 0xFFF0_0000_0000_0000)
        XCTAssertNil(f64("0x"))
        XCTAssertNil(f64(".0"))
        XCTAssertNil(f64("0e"))
        XCTAssertNil(f64("0x0p"))
    }

    func testCursorCapturesSExpressions() throws {
        var c = try TextCursor("(module quote \"a\" (x)) (next)")
        XCTAssertTrue(c.peekLeftParen("module"))
        XCTAssertEqual(try c.captureSExpression(), "(module quote \"a\" (x))")
        try c.expectLeftParen("next")
        try c.expectRightParen()
        XCTAssertTrue(c.isAtEnd)
        XCTAssertThrowsError(try c.expectRightParen()) {
            XCTAssertEqual(($0 as? WasmError)?.message, "unexpected end of input")
        }
    }
}

final class NumberLiteralLimitsTests: XCTestCase {
    private func f64(_ s: String) -> UInt64? { NumberLiteral.floatBits(Array(s.utf8), format: .f64) }

    func testVeryLongLiteralsRoundExactlyAndQuickly() {
        // 1 + 2^-53 is the tie between 1 and its successor; any nonzero digit far beyond it rounds up.
        let tie = "1.00000000000000011102230246251565404236316680908203125"
        XCTAssertEqual(f64(tie), (1.0 as Double).bitPattern)
        XCTAssertEqual(f64(tie + String(repeating: "0", count: 100_000) + "1"), (1.0 as Double).nextUp.bitPattern)
        XCTAssertEqual(f64(tie + String(repeating: "0", count: 100_000)), (1.0 as Double).bitPattern)
        XCTAssertEqual(f64("0x1.00000000000008" + String(repeating: "0", count: 100_000) + "1p0"), (1.0 as Double).nextUp.bitPattern)
        XCTAssertEqual(f64(String(repeating: "9", count: 100_000) + "e-100000"), (1.0 as Double).bitPattern)
    }
}
