import XCTest
@testable import WasmCore

/// Exception handling, statically: `throw` and `try_table` with `catch`/`catch_all` clauses in
/// text, binary, printer and validator (exnref and the `_ref` clauses are read and written but
/// not validated; the interpreter does not run them).
final class ExceptionHandlingTests: XCTestCase {
    let features = Features.wasm2.with(.exceptions)

    let text = """
    (module
      (tag $t (param i32))
      (func $f (param i32) (result i32)
        (block $all
          (block $h (result i32)
            (try_table (catch $t $h) (catch_all $all)
              (throw $t (local.get 0)))
            (return (i32.const 99)))
          (return))
        (i32.const 77)))
    """

    func testTextBinaryPrinterAndValidation() throws {
        let m = try parseModule(text, features: features)
        let body = m.functions[0].body
        XCTAssertEqual(body[2], Instruction(.tryTable, .tryTable(.empty, [CatchClause(.catch, tag: 0, label: 0), CatchClause(.catchAll, label: 1)])))
        XCTAssertEqual(body[4], Instruction(.throw, .index(0)))
        XCTAssertNoThrow(try validateModule(m, features: features))
        let bytes = encodeModule(m)
        // try_table, empty block type, two clauses: catch 0 → 0, catch_all → 1.
        XCTAssertNotNil(bytes.firstRange(of: [0x1F, 0x40, 0x02, 0x00, 0x00, 0x00, 0x02, 0x01]))
        XCTAssertEqual(try decodeModule(bytes, features: features), m)
        XCTAssertEqual(try parseModule(printModule(m), features: features), m)
        XCTAssertThrowsError(try parseModule(text, features: .wasm2))
    }

    func testCatchLabelsAreCheckedAgainstTheTag() throws {
        let wrong = text.replacingOccurrences(of: "(block $h (result i32)", with: "(block $h (result i64)")
            .replacingOccurrences(of: "(return (i32.const 99))", with: "(return (i32.const 99)) (drop)")
        let m = try parseModule(wrong, features: features)
        XCTAssertThrowsError(try validateModule(m, features: features)) { XCTAssertTrue("\($0)".contains("type mismatch")) }
        let noTag = try parseModule("(module (func (throw 0)))", features: features)
        XCTAssertThrowsError(try validateModule(noTag, features: features)) { XCTAssertTrue("\($0)".contains("unknown tag")) }
        // `throw` ends the block's reachable code: a function with results may end right after it.
        let thrower = try parseModule("(module (tag) (func (result i32) (throw 0)))", features: features)
        XCTAssertNoThrow(try validateModule(thrower, features: features))
    }

    func testExecutionSaysItIsNotSupported() throws {
        let m = try parseModule(text.replacingOccurrences(of: "(func $f", with: "(func $f (export \"f\")"), features: features)
        _ = try validateModule(m, features: features)
        let store = Store()
        do {
            let instance = try store.instantiate(m, imports: [])
            guard case .function(let f)? = instance.export("f") else { return XCTFail("no export") }
            XCTAssertThrowsError(try store.invoke(f, [.i32(1)])) { XCTAssertTrue("\($0)".contains("not supported")) }
        } catch {
            XCTAssertTrue("\(error)".contains("not supported"), "\(error)")
        }
    }
}
