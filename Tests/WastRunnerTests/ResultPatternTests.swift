import XCTest
import WasmCore
@testable import WastRunner

final class ResultPatternTests: XCTestCase {
    func testNaNClasses() {
        let canonical32: UInt64 = 0x7fc0_0000
        let arithmetic32: UInt64 = 0x7fc0_0001
        let signalling32: UInt64 = 0x7f80_0001
        XCTAssertTrue(FloatPattern.canonicalNaN.matches(canonical32, bitWidth: 32))
        XCTAssertTrue(FloatPattern.canonicalNaN.matches(0xffc0_0000, bitWidth: 32), "the sign is ignored")
        XCTAssertFalse(FloatPattern.canonicalNaN.matches(arithmetic32, bitWidth: 32))
        XCTAssertTrue(FloatPattern.arithmeticNaN.matches(arithmetic32, bitWidth: 32))
        XCTAssertTrue(FloatPattern.arithmeticNaN.matches(canonical32, bitWidth: 32))
        XCTAssertFalse(FloatPattern.arithmeticNaN.matches(signalling32, bitWidth: 32))
        XCTAssertFalse(FloatPattern.arithmeticNaN.matches(0x7f80_0000, bitWidth: 32), "infinity is no NaN")
        XCTAssertTrue(FloatPattern.canonicalNaN.matches(0x7ff8_0000_0000_0000, bitWidth: 64))
        XCTAssertFalse(FloatPattern.canonicalNaN.matches(0x7ff8_0000_0000_0001, bitWidth: 64))
        XCTAssertTrue(FloatPattern.arithmeticNaN.matches(0xfff8_0000_0000_0001, bitWidth: 64))
        XCTAssertFalse(FloatPattern.canonicalNaN.matches(canonical32, bitWidth: 8), "no NaN in integer lanes")
        XCTAssertTrue(FloatPattern.bits(5).matches(5, bitWidth: 8))
    }

    func testVectorLanesRoundTrip() {
        let v = V128(lanes: [1, 0xffff_ffff, 0x8000_0000, 7], shape: .i32x4)
        XCTAssertEqual(v.lanes(.i32x4), [1, 0xffff_ffff, 0x8000_0000, 7])
        XCTAssertEqual(v.lanes(.i64x2), [0xffff_ffff_0000_0001, 0x0000_0007_8000_0000])
        XCTAssertEqual(v.lanes(.i8x16).prefix(5), [1, 0, 0, 0, 0xff])
    }

    func testDescriptions() {
        XCTAssertEqual(ResultPattern.i32(0xffff_ffff).description, "(i32.const -1)")
        XCTAssertEqual(ResultPattern.f32(.canonicalNaN).description, "(f32.const nan:canonical)")
        XCTAssertEqual(ScriptValue.f64(0xfff0_0000_0000_0001).description, "(f64.const -nan:0x1)")
        XCTAssertEqual(ResultPattern.refExtern(nil).description, "(ref.extern)")
    }
}
