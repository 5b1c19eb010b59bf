import XCTest
@testable import WasmCore

/// Spec: core/valid/modules and core/valid/types — module-level rules and the types validation returns.
final class ValidationModuleTests: XCTestCase {
    typealias F = ValidationFixtures

    func testImportAndExportTypes() throws {
        var m = Module()
        m.types = [FunctionType(parameters: [.i32], results: [.i32])]
        m.imports = [
            Import(module: "env", name: "f", descriptor: .function(typeIndex: 0)),
            Import(module: "env", name: "g", descriptor: .global(GlobalType(mutability: .constant, valueType: .i64))),
        ]
        m.functions = [Function(typeIndex: 0, body: [.index(.localGet, 0)])]
        m.memories = [MemoryType(limits: Limits(min: 1, max: 2))]
        m.exports = [Export(name: "f2", descriptor: .function(1)), Export(name: "mem", descriptor: .memory(0))]
        let types = try validateModule(m)
        XCTAssertEqual(types.imports.map(\.name), ["f", "g"])
        XCTAssertEqual(types.imports[0].type, .function(m.types[0]))
        XCTAssertEqual(types.export(named: "f2"), .function(m.types[0]))
        XCTAssertEqual(types.export(named: "mem"), .memory(MemoryType(limits: Limits(min: 1, max: 2))))
        XCTAssertEqual(types.functions.count, 2)
        XCTAssertEqual(types.globals, [GlobalType(mutability: .constant, valueType: .i64)])
    }

    func testExports() {
        var m = F.function([], [], [])
        m.exports = [Export(name: "a", descriptor: .function(0)), Export(name: "a", descriptor: .function(0))]
        XCTAssertInvalid(m, "duplicate export name")
        m.exports = [Export(name: "a", descriptor: .function(1))]
        XCTAssertInvalid(m, "unknown function 1")
        m.exports = [Export(name: "a", descriptor: .memory(0))]
        XCTAssertInvalid(m, "unknown memory 0")
        // Names are distinct by code points, not by canonical equivalence (names.wast).
        m.exports = [Export(name: "\u{212B}", descriptor: .function(0)), Export(name: "\u{C5}", descriptor: .function(0))]
        XCTAssertValid(m)
        m.exports = [Export(name: "\u{212B}", descriptor: .function(0))]
        XCTAssertNotNil(try? validateModule(m).export(named: "\u{212B}"))
        XCTAssertNil(try? validateModule(m).export(named: "\u{C5}"))
    }

    func testTags() throws {
        var m = Module()
        m.types = [FunctionType(parameters: [.i32])]
        m.imports = [Import(module: "m", name: "t", descriptor: .tag(typeIndex: 0))]
        m.tags = [0]
        m.exports = [Export(name: "t", descriptor: .tag(1))]
        XCTAssertInvalid(m, "a tag requires the exceptions feature")
        let types = try validateModule(m, features: .wasm2.with(.exceptions))
        XCTAssertEqual(types.tags.count, 2)
        XCTAssertEqual(types.export(named: "t"), .tag(m.types[0]))
        m.exports = [Export(name: "t", descriptor: .tag(2))]
        XCTAssertInvalid(m, "unknown tag 2", features: .wasm2.with(.exceptions))
    }

    func testLimits() {
        var m = Module()
        m.memories = [MemoryType(limits: Limits(min: 65537))]
        XCTAssertInvalid(m, "memory size must be at most 65536 pages (4GiB)")
        m.memories = [MemoryType(limits: Limits(min: 2, max: 1))]
        XCTAssertInvalid(m, "size minimum must not be greater than maximum")
        m.memories = [MemoryType(limits: Limits(min: 0, max: 65536))]
        XCTAssertValid(m)
        m.memories.append(MemoryType(limits: Limits(min: 0)))
        XCTAssertInvalid(m, "multiple memories")
        XCTAssertValid(m, features: .wasm2.with(.multiMemory))
        m = Module()
        m.tables = [Table(type: TableType(limits: Limits(min: 0x1_0000_0000), elementType: .funcRef))]
        XCTAssertInvalid(m, "table size must be at most 2^32-1")
        m.tables = [Table(type: TableType(limits: Limits(min: 1), elementType: .funcRef)),
                    Table(type: TableType(limits: Limits(min: 1), elementType: .funcRef))]
        XCTAssertValid(m)
        XCTAssertInvalid(m, "multiple tables", features: .mvp)
    }

    func testStartFunction() {
        var m = F.function([.i32], [], [])
        m.start = 0
        XCTAssertInvalid(m, "start function")
        m.start = 1
        XCTAssertInvalid(m, "unknown function 1")
        m = F.function([], [], [])
        m.start = 0
        XCTAssertValid(m)
    }

    func testConstantExpressions() {
        var m = Module()
        m.globals = [Global(type: GlobalType(mutability: .constant, valueType: .i32), initializer: [.i32(1), .i32(2), .op(.i32Add)])]
        XCTAssertInvalid(m, "constant expression required")
        XCTAssertValid(m, features: .wasm2.with(.extendedConst))
        m.globals = [Global(type: GlobalType(mutability: .constant, valueType: .i32), initializer: [.i64(1)])]
        XCTAssertInvalid(m, "type mismatch")
        m.globals = [Global(type: GlobalType(mutability: .constant, valueType: .i32), initializer: [])]
        XCTAssertInvalid(m, "type mismatch")
        // Only imported globals are in scope, and only immutable ones are constant.
        m.globals = [
            Global(type: GlobalType(mutability: .constant, valueType: .i32), initializer: [.i32(0)]),
            Global(type: GlobalType(mutability: .constant, valueType: .i32), initializer: [.index(.globalGet, 0)]),
        ]
        XCTAssertInvalid(m, "unknown global 0")
        XCTAssertValid(m, features: .wasm2.with(.gc))
        m.imports = [Import(module: "m", name: "g", descriptor: .global(GlobalType(mutability: .variable, valueType: .i32)))]
        m.globals = [Global(type: GlobalType(mutability: .constant, valueType: .i32), initializer: [.index(.globalGet, 0)])]
        XCTAssertInvalid(m, "constant expression required")
        m.imports[0].descriptor = .global(GlobalType(mutability: .constant, valueType: .i32))
        XCTAssertValid(m)
    }

    func testSegments() {
        var m = Module()
        m.data = [DataSegment(bytes: [1], mode: .active(memory: 0, offset: [.i32(0)]))]
        XCTAssertInvalid(m, "unknown memory 0")
        m.memories = [MemoryType(limits: Limits(min: 1))]
        XCTAssertValid(m)
        m.data[0].mode = .active(memory: 0, offset: [.i64(0)])
        XCTAssertInvalid(m, "type mismatch")

        m = F.function([], [], [])
        m.elements = [ElementSegment(type: .funcRef, items: .functions([0]), mode: .active(table: 0, offset: [.i32(0)]))]
        XCTAssertInvalid(m, "unknown table 0")
        m.tables = [Table(type: TableType(limits: Limits(min: 1), elementType: .funcRef))]
        XCTAssertValid(m)
        m.elements[0].items = .functions([5])
        XCTAssertInvalid(m, "unknown function 5")
        m.elements[0].items = .expressions([[Instruction(.refNull, .heapType(.extern))]])
        XCTAssertInvalid(m, "type mismatch")
        m.elements[0].items = .expressions([[.op(.nop)]])
        XCTAssertInvalid(m, "constant expression required")
        m.elements = [ElementSegment(type: .externRef, items: .expressions([]), mode: .active(table: 0, offset: [.i32(0)]))]
        XCTAssertInvalid(m, "type mismatch")
    }

    func testFeatureGates() {
        XCTAssertInvalid(F.function([], [.i32, .i32], [.i32(0), .i32(0)]), "a function type with multiple results", features: .mvp)
        XCTAssertValid(F.function([], [.i32, .i32], [.i32(0), .i32(0)]))
        XCTAssertInvalid(F.function([.externRef], [], []), "reference type externref requires", features: .mvp)
        XCTAssertInvalid(F.function([.v128], [], []), "type v128 requires the simd feature", features: .mvp)
        var m = Module()
        m.imports = [Import(module: "m", name: "g", descriptor: .global(GlobalType(mutability: .variable, valueType: .i32)))]
        XCTAssertInvalid(m, "importing a mutable global", features: .mvp)
        XCTAssertValid(m)
    }

    func testDeepNestingUsesNoNativeRecursion() {
        let depth = 100_000
        var body = [Instruction](repeating: .block(.block, .empty), count: depth)
        body += [Instruction](repeating: .op(.end), count: depth)
        XCTAssertValid(F.function([], [], body))
        body.removeLast()
        XCTAssertInvalid(F.function([], [], body), "unclosed block")
    }

    func testExternalTypesOnTheirOwn() throws {
        try validateExternalType(.function(FunctionType(parameters: [.v128])))
        XCTAssertThrowsError(try validateExternalType(.function(FunctionType(parameters: [.v128])), features: .mvp))
        XCTAssertThrowsError(try validateExternalType(.memory(MemoryType(limits: Limits(min: 2, max: 1))))) { error in
            XCTAssertEqual((error as? WasmError)?.message, "size minimum must not be greater than maximum")
        }
        let typed = ValueType.reference(ReferenceType(isNullable: true, heapType: .concrete(0)))
        let features = Features.wasm2.with(.functionReferences)
        XCTAssertThrowsError(try validateExternalType(.global(GlobalType(mutability: .constant, valueType: typed)), features: features))
        try validateExternalType(.global(GlobalType(mutability: .constant, valueType: typed)), types: [FunctionType()], features: features)
    }

    func testBrokenIndicesNeverCrash() {
        var m = Module()
        m.imports = [Import(module: "m", name: "f", descriptor: .function(typeIndex: UInt32.max))]
        XCTAssertInvalid(m, "unknown type 4294967295")
        m = F.function([], [], [.index(.localGet, UInt32.max), .index(.br, UInt32.max)])
        XCTAssertInvalid(m, "unknown local")
        m = F.function([], [], [])
        m.functions[0].typeIndex = 7
        XCTAssertInvalid(m, "unknown type 7")
    }
}
