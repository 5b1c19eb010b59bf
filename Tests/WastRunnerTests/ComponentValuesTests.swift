import CanonicalABI
import WasmCore
@testable import WastRunner
import XCTest

final class ComponentValuesTests: XCTestCase {
  typealias L = ComponentValueLiteral

  func value(_ l: L, _ t: ValType) throws -> CanonicalABI.Value { try componentValue(l, t) }

  func mismatch(_ l: L, _ t: ValType) -> ComponentValueMismatch? {
    do { _ = try componentValue(l, t); return nil } catch { return error as? ComponentValueMismatch }
  }

  func testPrimitives() throws {
    XCTAssertTrue(componentValuesEqual(try value(.bool(true), .bool), .bool(true)))
    XCTAssertTrue(componentValuesEqual(try value(.s8(-1), .s8), .s8(-1)))
    XCTAssertTrue(componentValuesEqual(try value(.u64(.max), .u64), .u64(.max)))
    XCTAssertTrue(componentValuesEqual(try value(.f32(.bits(0x3fc0_0000)), .f32), .f32(1.5)))
    XCTAssertTrue(componentValuesEqual(try value(.f64(.bits(0x8000_0000_0000_0000)), .f64), .f64(-0.0)))
    XCTAssertFalse(componentValuesEqual(try value(.f64(.bits(0x8000_0000_0000_0000)), .f64), .f64(0.0)))
    XCTAssertTrue(componentValuesEqual(try value(.char("\u{1F600}"), .char), .char("\u{1F600}")))
    XCTAssertTrue(componentValuesEqual(try value(.string("e\u{301}"), .string), .str("e\u{301}")))
    // Numbers are literals of exactly their type.
    XCTAssertNotNil(mismatch(.u32(1), .u8))
    XCTAssertNotNil(mismatch(.s32(1), .u32))
    XCTAssertNotNil(mismatch(.string("x"), .char))
  }

  func testNaNPatternsAreTheComponentNaN() throws {
    for p in [FloatPattern.canonicalNaN, .arithmeticNaN, .bits(0x7fa0_0001)] {
      XCTAssertTrue(componentValuesEqual(try value(.f32(p), .f32), .f32(Float(bitPattern: 0x7fc0_0000))))
    }
    XCTAssertTrue(componentValuesEqual(try value(.f64(.canonicalNaN), .f64), .f64(.nan)))
    XCTAssertFalse(componentValuesEqual(try value(.f64(.arithmeticNaN), .f64), .f64(1)))
  }

  func testListsAreCompactForNumbers() throws {
    guard case .numbers(.u16(let xs)) = try value(.list([.u16(1), .u16(2)]), .list(.u16)) else { return XCTFail("not compact") }
    XCTAssertEqual(xs, [1, 2])
    guard case .list(let ss) = try value(.list([.string("a")]), .list(.string)) else { return XCTFail("not a list") }
    XCTAssertEqual(ss.count, 1)
    XCTAssertEqual(mismatch(.list([.u8(1), .u16(2)]), .list(.u8))?.path, ["element 1"])
    // A fixed-length list takes exactly its length.
    XCTAssertNotNil(mismatch(.list([.u8(1)]), .list(.u8, 2)))
    XCTAssertNil(mismatch(.list([.u8(1), .u8(2)]), .list(.u8, 2)))
    // A map is a list of key-value tuples.
    let m = try value(.list([.tuple([.string("k"), .u8(1)])]), .map(.string, .u8))
    XCTAssertTrue(componentValuesEqual(m, .list([.tuple([.str("k"), .u8(1)])])))
  }

  func testRecordsAndTuples() throws {
    let t = ValType.record([FieldType("a", .u8), FieldType("b", .string)])
    let inOrder = try value(.record([.init(name: "a", value: .u8(1)), .init(name: "b", value: .string("x"))]), t)
    let reordered = try value(.record([.init(name: "b", value: .string("x")), .init(name: "a", value: .u8(1))]), t)
    XCTAssertTrue(componentValuesEqual(inOrder, reordered))
    XCTAssertTrue(componentValuesEqual(inOrder, .record([FieldValue("a", .u8(1)), FieldValue("b", .str("x"))])))
    XCTAssertEqual(mismatch(.record([.init(name: "a", value: .u8(1))]), t)?.message, "missing field \"b\" of type \(t)")
    XCTAssertNotNil(mismatch(.record([.init(name: "a", value: .u8(1)), .init(name: "a", value: .u8(1)),
                                      .init(name: "b", value: .string(""))]), t))
    XCTAssertNotNil(mismatch(.record([.init(name: "c", value: .u8(1))]), t))
    XCTAssertEqual(mismatch(.record([.init(name: "a", value: .u16(1)), .init(name: "b", value: .string(""))]), t)?.path, ["field \"a\""])
    XCTAssertTrue(componentValuesEqual(try value(.tuple([.u8(1), .bool(false)]), .tuple([.u8, .bool])), .tuple([.u8(1), .bool(false)])))
    XCTAssertNotNil(mismatch(.tuple([.u8(1)]), .tuple([.u8, .bool])))
  }

  func testVariantsEnumsOptionsResultsFlags() throws {
    let v = ValType.variant([CaseType("a", .u8), CaseType("b", nil)])
    XCTAssertTrue(componentValuesEqual(try value(.variant(case: "a", payload: .u8(3)), v), .variant("a", .u8(3))))
    XCTAssertTrue(componentValuesEqual(try value(.variant(case: "b", payload: nil), v), .variant("b", nil)))
    XCTAssertNotNil(mismatch(.variant(case: "a", payload: nil), v))
    XCTAssertNotNil(mismatch(.variant(case: "b", payload: .u8(1)), v))
    XCTAssertNotNil(mismatch(.variant(case: "c", payload: nil), v))
    XCTAssertEqual(mismatch(.variant(case: "a", payload: .u16(3)), v)?.path, ["case \"a\""])
    XCTAssertTrue(componentValuesEqual(try value(.enumCase("x"), .enum_(["x", "y"])), .variant("x", nil)))
    XCTAssertNotNil(mismatch(.enumCase("z"), .enum_(["x", "y"])))
    XCTAssertTrue(componentValuesEqual(try value(.optionNone, .option(.u8)), .variant("none", nil)))
    XCTAssertTrue(componentValuesEqual(try value(.optionSome(.u8(2)), .option(.u8)), .variant("some", .u8(2))))
    XCTAssertTrue(componentValuesEqual(try value(.resultOk(nil), .result(nil, .string)), .variant("ok", nil)))
    XCTAssertTrue(componentValuesEqual(try value(.resultErr(.string("e")), .result(nil, .string)), .variant("error", .str("e"))))
    XCTAssertNotNil(mismatch(.resultOk(.u8(1)), .result(nil, .string)))
    XCTAssertNotNil(mismatch(.resultErr(nil), .result(nil, .string)))
    // variant.const also names the cases of the specialized variants.
    XCTAssertTrue(componentValuesEqual(try value(.variant(case: "some", payload: .u8(2)), .option(.u8)), .variant("some", .u8(2))))
    XCTAssertTrue(componentValuesEqual(try value(.variant(case: "err", payload: .u8(2)), .result(nil, .u8)), .variant("error", .u8(2))))
    XCTAssertTrue(componentValuesEqual(try value(.variant(case: "y", payload: nil), .enum_(["x", "y"])), .variant("y", nil)))
    XCTAssertTrue(componentValuesEqual(try value(.flags(["b", "a"]), .flags(["a", "b", "c"])), .flags(["a", "b"])))
    XCTAssertNotNil(mismatch(.flags(["d"]), .flags(["a"])))
  }

  func testTypesWithoutLiterals() {
    let store = CanonicalABI.Store()
    let r = ResourceType(ComponentInstance(store), nil, name: "r")
    for t: ValType in [.own(r), .borrow(r), .stream(.u8), .future(nil), .errorContext] {
      XCTAssertTrue(mismatch(.u32(1), t)?.message.contains("no script literal") ?? false, "\(t)")
    }
  }

  func testArgumentsAreLocated() {
    let ft = FuncType(named: [("a", .u8), ("b", .string)], [])
    let at = SourceLocation.text(line: 3, column: 7)
    XCTAssertThrowsError(try componentArguments([.u8(1)], ft, function: "f", at: at)) { e in
      XCTAssertEqual((e as? WasmError)?.location, at)
      XCTAssertEqual((e as? WasmError)?.message, "`f` takes 2 arguments, got 1")
    }
    XCTAssertThrowsError(try componentArguments([.u8(1), .u8(2)], ft, function: "f", at: at)) { e in
      XCTAssertEqual((e as? WasmError)?.location, at)
      XCTAssertTrue((e as? WasmError)?.message.hasPrefix("argument 2 (b) of `f`: expected a value of type string") ?? false, "\(e)")
    }
    XCTAssertEqual(try componentArguments([.u8(1), .string("x")], ft, function: "f").count, 2)
  }

  func testResultMismatchMessages() {
    XCTAssertNil(componentResultsMismatch([.str("hi")], [.string("hi")], [.string]))
    XCTAssertEqual(componentResultsMismatch([.str("hi")], [.string("ho")], [.string]), #"expected "ho", got "hi""#)
    XCTAssertEqual(componentResultsMismatch([.variant("error", .u8(1))], [.resultOk(nil)], [.result(nil, .u8)]), "expected ok, got err(1)")
    XCTAssertNotNil(componentResultsMismatch([.u8(1)], [], [.u8]))
    XCTAssertTrue(componentResultsMismatch([.u8(1)], [.u32(1)], [.u8])?.hasPrefix("expected result 1 (u32.const 1) is not a value of the result type") ?? false)
  }
}
