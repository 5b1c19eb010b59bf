import XCTest
@testable import WasmCore

/// Custom page sizes (the `custom-page-sizes` proposal): `(pagesize n)` in text, limits flag 0x08
/// and the page size's logarithm in binary, page sizes of 1 and 65536 only, and memories counted
/// in their own pages.
final class CustomPageSizesTests: XCTestCase {
    let features = Features.wasm2.with(.customPageSizes)

    func testTextBinaryAndPrinterCarryThePageSize() throws {
        let m = try parseModule("(module (memory 3 5 (pagesize 1)) (memory 1 (pagesize 65536)) (memory 2))", features: features)
        XCTAssertEqual(m.memories.map(\.pageSizeLog2), [0, 16, nil])
        let bytes = encodeModule(m)
        // The first memory: flags 0x09 (maximum, page size), min 3, max 5, log2 0.
        XCTAssertNotNil(bytes.firstRange(of: [0x09, 0x03, 0x05, 0x00]))
        XCTAssertEqual(try decodeModule(bytes, features: features), m)
        XCTAssertThrowsError(try decodeModule(bytes, features: .wasm2))
        XCTAssertTrue(printModule(m).contains("(memory 3 5 (pagesize 1))"))
        XCTAssertEqual(try parseModule(printModule(m), features: features), m)
        XCTAssertThrowsError(try parseModule("(module (memory 1 (pagesize 3)))", features: features))
    }

    func testOnlyOneAndSixtyFourKiBPagesValidate() throws {
        XCTAssertNoThrow(try validateModule(try parseModule("(module (memory 1 (pagesize 1)))", features: features), features: features))
        let odd = try parseModule("(module (memory 1 (pagesize 2)))", features: features)
        XCTAssertThrowsError(try validateModule(odd, features: features)) { XCTAssertTrue("\($0)".contains("invalid custom page size")) }
        // 1-byte pages: up to 2^32 of them in a 32-bit memory.
        let big = try parseModule("(module (memory 70000 (pagesize 1)))", features: features)
        XCTAssertNoThrow(try validateModule(big, features: features))
    }

    func testPageSizesMustAgreeWhenMatching() {
        let bytePages = ExternalType.memory(MemoryType(limits: Limits(min: 1), pageSizeLog2: 0))
        let explicitDefault = ExternalType.memory(MemoryType(limits: Limits(min: 1), pageSizeLog2: 16))
        let implicitDefault = ExternalType.memory(MemoryType(limits: Limits(min: 1)))
        XCTAssertTrue(matches(explicitDefault, implicitDefault))
        XCTAssertTrue(matches(implicitDefault, explicitDefault))
        XCTAssertFalse(matches(bytePages, implicitDefault))
        XCTAssertFalse(matches(implicitDefault, bytePages))
    }

    func testMemorySizeAndGrowCountOwnPages() throws {
        let module = try parseModule("""
        (module (memory 3 (pagesize 1))
          (func (export "size") (result i32) (memory.size))
          (func (export "grow") (param i32) (result i32) (memory.grow (local.get 0)))
          (func (export "load") (param i32) (result i32) (i32.load8_u (local.get 0))))
        """, features: features)
        _ = try validateModule(module, features: features)
        let store = Store()
        let instance = try store.instantiate(module, imports: [])
        func call(_ name: String, _ args: [Value] = []) throws -> [Value] {
            guard case .function(let f)? = instance.export(name) else { throw WasmError(.trap, "no export \(name)") }
            return try store.invoke(f, args)
        }
        XCTAssertEqual(try call("size"), [.i32(3)])
        XCTAssertEqual(try call("grow", [.i32(2)]), [.i32(3)])
        XCTAssertEqual(try call("size"), [.i32(5)])
        XCTAssertEqual(try call("load", [.i32(4)]), [.i32(0)])
        XCTAssertThrowsError(try call("load", [.i32(5)]))
    }
}
