import XCTest
@testable import WasmCore

final class ExecutionDebugTests: XCTestCase {
    func testDump() throws {
        let m = try parseModule("""
        (module
          (import "spectest" "print_i32" (func (param i32)))
          (func (export "test") (result i32) (i32.const 5))
        )
        """)
        print(m.imports, m.exports, m.functions)
    }
}
