// Types in the component text format's syntax and values in WAVE, read against their types; the `cmref abi` report.
import XCTest
@testable import CanonicalABI

final class SyntaxTests: XCTestCase {
  func testTypes() throws {
    let cases: [(String, ValType)] = [
      ("u8", .u8), ("float64", .f64), ("string", .string), ("error-context", .errorContext),
      ("(list string)", .list(.string)), ("(list u8 4)", .list(.u8, 4)),
      ("(record (field \"a\" u32) (field \"b\" string))", .record([FieldType("a", .u32), FieldType("b", .string)])),
      ("(tuple u8 s8)", .tuple([.u8, .s8])),
      ("(variant (case \"circle\" f32) (case \"none\"))", .variant([CaseType("circle", .f32), CaseType("none", nil)])),
      ("(enum \"red\" \"green\")", .enum_(["red", "green"])), ("(option u8)", .option(.u8)),
      ("(result u8 (error string))", .result(.u8, .string)), ("(result (error u8))", .result(nil, .u8)), ("(result)", .result(nil, nil)),
      ("(flags \"read\" \"write\")", .flags(["read", "write"])), ("(map string u32)", .map(.string, .u32)),
      ("(stream u8)", .stream(.u8)), ("(future)", .future(nil)), ("stream", .stream(nil)),
      (" ;; comment\n (list ;; inner\n u8)", .list(.u8)),
    ]
    for (s, t) in cases { XCTAssertEqual(try parseValType(s), t, s) }
    for bad in ["", "(list)", "u7", "(list u8", "u8 u8", "(record (foo))", "(blah u8)"] {
      XCTAssertThrowsError(try parseValType(bad), bad)
    }
  }

  func testValues() throws {
    let cases: [(String, String, Value)] = [
      ("bool", "true", .bool(true)), ("s8", "-1", .s8(-1)), ("u64", "18446744073709551615", .u64(.max)),
      ("f32", "1.5", .f32(1.5)), ("f64", "nan", .f64(.nan)), ("f64", "-inf", .f64(-.infinity)), ("f64", "inf", .f64(.infinity)),
      ("char", "'x'", .char("x")), ("char", "'\\u{1F600}'", .char("\u{1F600}")), ("char", "'\\''", .char("'")),
      ("string", "\"a\\n\\t\\\"\\\\\\r\"", .str("a\n\t\"\\\r")),
      ("(list u8)", "[1, 2]", .list([.u8(1), .u8(2)])), ("(list u8)", "[]", .list([])),
      ("(tuple u8 string)", "(1, \"a\")", .tuple([.u8(1), .str("a")])),
      ("(record (field \"a\" u8) (field \"b\" (option u8)))", "{a: 1}", .record([FieldValue("a", .u8(1)), FieldValue("b", .variant("none", nil))])),
      ("(record (field \"a\" u8))", "{%a: 1,}", .record([FieldValue("a", .u8(1))])),
      ("(variant (case \"circle\" f32) (case \"none\"))", "circle(1.5)", .variant("circle", .f32(1.5))),
      ("(enum \"red\" \"green\")", "green", .variant("green", nil)),
      ("(option u8)", "some(3)", .variant("some", .u8(3))), ("(option u8)", "none", .variant("none", nil)),
      ("(result string (error u8))", "ok(\"x\")", .variant("ok", .str("x"))), ("(result string (error u8))", "err(1)", .variant("error", .u8(1))),
      ("(flags \"read\" \"write\")", "{read, write}", .flags(["read", "write"])), ("(flags \"read\")", "{}", .flags([])),
      ("(map string u8)", "[(\"a\", 1)]", .list([.tuple([.str("a"), .u8(1)])])),
    ]
    for (t, s, v) in cases { XCTAssertEqual(try parseValue(s, try parseValType(t)), v, s) }
    let bad: [(String, String)] = [("u8", "256"), ("bool", "yes"), ("char", "'ab'"), ("(option u8)", "maybe"),
                                   ("(record (field \"a\" u8))", "{}"), ("(flags \"a\")", "{b}"), ("string", "\"x"),
                                   ("u8", "1 2"), ("stream", "x"), ("string", "\"\\q\""), ("f64", "abc")]
    for (t, s) in bad { XCTAssertThrowsError(try parseValue(s, try parseValType(t)), s) }
  }

  func testFuncTypes() throws {
    let ft = try parseFuncType("(func (param \"x\" u32) (param \"s\" string) (result string))")
    XCTAssertEqual(ft.paramTypes(), [.u32, .string])
    XCTAssertEqual(ft.result, [.string])
    XCTAssertTrue(try parseFuncType("(func async)").async_)
    XCTAssertThrowsError(try parseFuncType("(func (foo))"))
    let r = abiFuncReport(ft)
    XCTAssertTrue(r.contains { $0.hasPrefix("lift sync: (func (param i32 i32 i32) (result i32))") }, "\(r)")
    XCTAssertTrue(r.contains { $0.hasPrefix("lower sync: (func (param i32 i32 i32 i32) (result ))") }, "\(r)")
  }

  func testAbiReport() throws {
    let t = try parseValType("(list string)")
    let r = try abiReport(t, value: try parseValue("[\"hi\", \"wat\"]", t))
    XCTAssertTrue(r.contains("size: 8    ; CanonicalABI.md#element-size — elem_size"), "\(r)")
    XCTAssertTrue(r.contains("alignment: 4    ; CanonicalABI.md#alignment — alignment"), "\(r)")
    XCTAssertTrue(r.contains { $0.hasPrefix("stored at 0: 08 00 00 00 02 00 00 00") }, "\(r)")
    XCTAssertTrue(r.contains { $0.hasPrefix("flat values: i32:0 i32:2") }, "\(r)")
    XCTAssertTrue(r.contains { $0.hasPrefix("lifted: [\"hi\", \"wat\"]") }, "\(r)")
    let r16 = try abiReport(.string, value: .str("\u{e9}"), encoding: .utf16, addrType: .i64)
    XCTAssertTrue(r16.contains { $0.hasPrefix("size: 16") }, "\(r16)")
    XCTAssertTrue(r16.contains { $0.hasPrefix("flat values: i64:4 i64:1") }, "\(r16)")  // run_tests.py Heap: a shrink of pointer 0 reallocates
  }
}
