import XCTest
@testable import WasmCore

/// Spec: core/valid/types — import subtyping (matching of external types).
final class ExternTypeMatchingTests: XCTestCase {
    func testLimitsMatching() {
        XCTAssertTrue(matches(Limits(min: 2, max: 3), Limits(min: 1, max: 4)))
        XCTAssertTrue(matches(Limits(min: 2, max: 3), Limits(min: 1)))
        XCTAssertFalse(matches(Limits(min: 2), Limits(min: 1, max: 4)))
        XCTAssertFalse(matches(Limits(min: 0, max: 3), Limits(min: 1, max: 4)))
        XCTAssertFalse(matches(Limits(min: 2, max: 5), Limits(min: 1, max: 4)))
        XCTAssertFalse(matches(Limits(min: 1, addressType: .i64), Limits(min: 1)))
    }

    func testExternalTypes() {
        let f = FunctionType(parameters: [.i32], results: [])
        XCTAssertTrue(matches(.function(f), .function(f)))
        XCTAssertFalse(matches(.function(f), .function(FunctionType())))
        XCTAssertFalse(matches(.function(f), .global(GlobalType(mutability: .constant, valueType: .i32))))
        let table = { (min: UInt64, t: ReferenceType) in ExternalType.table(TableType(limits: Limits(min: min), elementType: t)) }
        XCTAssertTrue(matches(table(10, .funcRef), table(5, .funcRef)))
        XCTAssertFalse(matches(table(10, .funcRef), table(5, .externRef)))
        XCTAssertFalse(matches(table(1, .funcRef), table(5, .funcRef)))
        XCTAssertTrue(matches(.memory(MemoryType(limits: Limits(min: 1, max: 1))), .memory(MemoryType(limits: Limits(min: 1)))))
        XCTAssertFalse(matches(.memory(MemoryType(limits: Limits(min: 1))), .memory(MemoryType(limits: Limits(min: 1, max: 1)))))
        let g = { (m: Mutability, t: ValueType) in ExternalType.global(GlobalType(mutability: m, valueType: t)) }
        XCTAssertTrue(matches(g(.variable, .i32), g(.variable, .i32)))
        XCTAssertFalse(matches(g(.variable, .i32), g(.constant, .i32)))
        XCTAssertFalse(matches(g(.constant, .i64), g(.constant, .i32)))
        XCTAssertEqual(mismatch(g(.constant, .i64), g(.constant, .i32)), "incompatible import type")
        XCTAssertNil(mismatch(g(.constant, .i32), g(.constant, .i32)))
    }
}
