import XCTest
@testable import WasmCore

/// Hand-built modules for the validation tests.
enum ValidationFixtures {
    /// A module with one function of type `params -> results`, with `locals` and `body`, plus any
    /// extra definitions `configure` adds.
    static func function(
        _ params: [ValueType] = [], _ results: [ValueType] = [], locals: [ValueType] = [],
        _ body: [Instruction], configure: (inout Module) -> Void = { _ in }
    ) -> Module {
        var module = Module()
        module.types = [FunctionType(parameters: params, results: results)]
        module.functions = [Function(typeIndex: 0, locals: locals, body: body)]
        configure(&module)
        return module
    }
}

/// Asserts that validation fails with a message starting with `expected`.
func XCTAssertInvalid(
    _ module: Module, _ expected: String, features: Features = .wasm2,
    file: StaticString = #filePath, line: UInt = #line
) {
    do {
        _ = try validateModule(module, features: features)
        XCTFail("module validated, expected \"\(expected)\"", file: file, line: line)
    } catch let error as WasmError {
        XCTAssertEqual(error.kind, .invalid, file: file, line: line)
        XCTAssertTrue(error.message.hasPrefix(expected), "got \"\(error.message)\", expected \"\(expected)\"", file: file, line: line)
    } catch {
        XCTFail("unexpected error \(error)", file: file, line: line)
    }
}

/// Asserts that validation succeeds.
func XCTAssertValid(_ module: Module, features: Features = .wasm2, file: StaticString = #filePath, line: UInt = #line) {
    do {
        _ = try validateModule(module, features: features)
    } catch {
        XCTFail("expected a valid module: \(error)", file: file, line: line)
    }
}

extension Instruction {
    static func i32(_ v: Int32) -> Instruction { Instruction(.i32Const, .i32(v)) }
    static func i64(_ v: Int64) -> Instruction { Instruction(.i64Const, .i64(v)) }
    static func f32(_ v: Float) -> Instruction { Instruction(.f32Const, .f32(v.bitPattern)) }
    static func op(_ o: Opcode) -> Instruction { Instruction(o) }
    static func index(_ o: Opcode, _ x: UInt32) -> Instruction { Instruction(o, .index(x)) }
    static func block(_ o: Opcode, _ t: BlockType) -> Instruction { Instruction(o, .block(t)) }
    static func load(_ o: Opcode, align: UInt32, offset: UInt64 = 0) -> Instruction {
        Instruction(o, .memory(MemoryArgument(align: align, offset: offset)))
    }
}
