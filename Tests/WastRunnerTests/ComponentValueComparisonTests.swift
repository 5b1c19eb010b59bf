import CanonicalABI
@testable import WastRunner
import XCTest

final class ComponentValueComparisonTests: XCTestCase {
  func testStringsCompareByScalarsNotByCanonicalEquivalence() {
    let composed = CanonicalABI.Value.str("\u{e9}")
    let decomposed = CanonicalABI.Value.str("e\u{301}")
    XCTAssertFalse(componentValuesEqual(composed, decomposed))
    // The encoding and tagged length a string was lifted with are not part of the value.
    XCTAssertTrue(componentValuesEqual(.string(ABIString("h\u{e9}", .utf16, 2)), .str("h\u{e9}")))
    XCTAssertTrue(componentValuesEqual(.string(ABIString("h\u{e9}", .latin1Utf16, 2)), .str("h\u{e9}")))
  }

  func testFloatsCompareByBitsWithOneNaN() {
    XCTAssertFalse(componentValuesEqual(.f32(0.0), .f32(-0.0)))
    XCTAssertTrue(componentValuesEqual(.f64(1.5), .f64(1.5)))
    XCTAssertTrue(componentValuesEqual(.f32(Float(bitPattern: 0x7fc0_0000)), .f32(Float(bitPattern: 0x7fa0_0001))))
    XCTAssertTrue(componentValuesEqual(.f64(.nan), .f64(-.nan)))
    XCTAssertFalse(componentValuesEqual(.f64(.nan), .f64(1)))
    XCTAssertFalse(componentValuesEqual(.f32(1), .f64(1)))
  }

  func testListsRecordsVariantsFlags() {
    XCTAssertTrue(componentValuesEqual(.numbers(.u8([1, 2])), .list([.u8(1), .u8(2)])))
    XCTAssertFalse(componentValuesEqual(.numbers(.u8([1, 2])), .list([.u8(1)])))
    XCTAssertTrue(componentValuesEqual(.numbers(.f32([.nan])), .list([.f32(.nan)])))
    let r = CanonicalABI.Value.record([FieldValue("a", .u32(1)), FieldValue("b", .str("x"))])
    XCTAssertTrue(componentValuesEqual(r, .record([FieldValue("a", .u32(1)), FieldValue("b", .str("x"))])))
    XCTAssertFalse(componentValuesEqual(r, .record([FieldValue("a", .u32(1)), FieldValue("b", .str("y"))])))
    XCTAssertFalse(componentValuesEqual(r, .record([FieldValue("a", .u32(1)), FieldValue("c", .str("x"))])))
    XCTAssertTrue(componentValuesEqual(.variant("some", .f64(.nan)), .variant("some", .f64(.nan))))
    XCTAssertFalse(componentValuesEqual(.variant("some", .u8(1)), .variant("none", nil)))
    XCTAssertFalse(componentValuesEqual(.variant("a", .u8(1)), .variant("a", nil)))
    XCTAssertTrue(componentValuesEqual(.flags(["a", "b"]), .flags(["b", "a"])))
    XCTAssertFalse(componentValuesEqual(.handle(1), .handle(2)))
    XCTAssertTrue(componentResultsEqual([.u8(1), .str("x")], [.u8(1), .str("x")]))
    XCTAssertFalse(componentResultsEqual([.u8(1)], [.u8(1), .u8(1)]))
  }

  func testWaveText() throws {
    XCTAssertEqual(waveText(.u32(7), .u32), "7")
    XCTAssertEqual(waveText(.s8(-3), .s8), "-3")
    XCTAssertEqual(waveText(.f32(.nan), .f32), "nan")
    XCTAssertEqual(waveText(.f64(-.infinity), .f64), "-inf")
    XCTAssertEqual(waveText(.f64(1.5), .f64), "1.5")
    XCTAssertEqual(waveText(.char("'"), .char), #"'\''"#)
    XCTAssertEqual(waveText(.str("a\"b\n"), .string), #""a\"b\n""#)
    XCTAssertEqual(waveText(.numbers(.u8([1, 2])), .list(.u8)), "[1, 2]")
    XCTAssertEqual(waveText(.tuple([.u8(1)]), .tuple([.u8])), "(1,)")
    XCTAssertEqual(waveText(.tuple([.u8(1), .str("a")]), .tuple([.u8, .string])), #"(1, "a")"#)
    let rt = ValType.record([FieldType("a", .u8), FieldType("ok", .bool)])
    XCTAssertEqual(waveText(.record([FieldValue("a", .u8(1)), FieldValue("ok", .bool(true))]), rt), "{a: 1, %ok: true}")
    XCTAssertEqual(waveText(.variant("circle", .f32(1.5)), .variant([CaseType("circle", .f32), CaseType("none", nil)])), "circle(1.5)")
    XCTAssertEqual(waveText(.variant("none", nil), .variant([CaseType("circle", .f32), CaseType("none", nil)])), "%none")
    XCTAssertEqual(waveText(.variant("red", nil), .enum_(["red"])), "red")
    XCTAssertEqual(waveText(.variant("some", .u8(3)), .option(.u8)), "some(3)")
    XCTAssertEqual(waveText(.variant("none", nil), .option(.u8)), "none")
    XCTAssertEqual(waveText(.variant("ok", .str("x")), .result(.string, .u8)), #"ok("x")"#)
    XCTAssertEqual(waveText(.variant("error", .u8(1)), .result(.string, .u8)), "err(1)")
    XCTAssertEqual(waveText(.variant("ok", nil), .result(nil, nil)), "ok")
    XCTAssertEqual(waveText(.flags(["write", "read"]), .flags(["read", "write", "exec"])), "{read, write}")
    // What WAVE prints, `cmref abi --value`'s reader reads back.
    for (v, t): (CanonicalABI.Value, ValType) in [
      (.record([FieldValue("a", .u8(1)), FieldValue("ok", .bool(true))]), rt),
      (.variant("error", .u8(1)), .result(.string, .u8)),
      (.str("tab\there"), .string),
      (.tuple([.s64(-1), .f64(0.25)]), .tuple([.s64, .f64])),
    ] {
      XCTAssertTrue(componentValuesEqual(try parseValue(waveText(v, t), t), v), waveText(v, t))
    }
    // A value that does not fit its type is still written (untyped), never a crash.
    XCTAssertEqual(waveText(.u8(1), .string), "1")
  }
}
