import XCTest
@testable import WasmCore

/// Spec: core/valid/instructions and core/appendix/algorithm — typing of instruction sequences.
final class ValidationInstructionTests: XCTestCase {
    typealias F = ValidationFixtures

    func testFixedSignaturesComeFromTheTable() {
        XCTAssertValid(F.function([], [.i32], [.i32(1), .i32(2), .op(.i32Add)]))
        XCTAssertInvalid(F.function([], [.i32], [.i32(1), .i64(2), .op(.i32Add)]), "type mismatch")
        XCTAssertInvalid(F.function([], [.i32], [.i32(1), .op(.i32Add)]), "type mismatch")
        XCTAssertValid(F.function([], [.i64], [.i32(1), .op(.i64ExtendI32S)]))
    }

    func testErrorsNameTheirPlace() {
        var m = F.function([], [], [])
        m.functions.append(Function(typeIndex: 0, body: [.op(.nop), .i32(1), .i64(2), .op(.i32Add), .op(.drop)]))
        XCTAssertThrowsError(try validateModule(m)) { error in
            XCTAssertEqual((error as? WasmError)?.message,
                           "type mismatch: instruction requires i32 but stack has i64 (in function 1, instruction 3: i32.add)")
        }
        m.globals = [Global(type: GlobalType(mutability: .constant, valueType: .i32), initializer: [.op(.nop)])]
        XCTAssertThrowsError(try validateModule(m)) { error in
            XCTAssertEqual((error as? WasmError)?.message,
                           "constant expression required (in initializer of global 0, instruction 0: nop)")
        }
    }

    func testFunctionResultsMustBeExact() {
        XCTAssertInvalid(F.function([], [.i32], []), "type mismatch")
        XCTAssertInvalid(F.function([], [], [.i32(1)]), "type mismatch")
        XCTAssertInvalid(F.function([], [.i32], [.i32(1), .i32(2)]), "type mismatch")
    }

    func testUnreachableMakesTheStackPolymorphic() {
        XCTAssertValid(F.function([], [.i32], [.op(.unreachable)]))
        XCTAssertValid(F.function([], [.i32], [.op(.unreachable), .op(.i32Add)]))
        // Known operands are still checked after `unreachable`.
        XCTAssertInvalid(F.function([], [.i32], [.op(.unreachable), .i64(0), .op(.i32Add)]), "type mismatch")
        XCTAssertValid(F.function([], [], [.op(.unreachable), .op(.select), .op(.drop)]))
    }

    func testBlocksLoopsAndIf() {
        XCTAssertValid(F.function([], [.i32], [.block(.block, .value(.i32)), .i32(1), .op(.end)]))
        XCTAssertInvalid(F.function([], [.i32], [.block(.block, .value(.i32)), .op(.end)]), "type mismatch")
        // An `if` without `else` must map its inputs to its outputs.
        XCTAssertInvalid(F.function([], [.i32], [.i32(0), .block(.if, .value(.i32)), .i32(1), .op(.end)]), "type mismatch")
        XCTAssertValid(F.function([], [.i32], [
            .i32(0), .block(.if, .value(.i32)), .i32(1), .op(.else), .i32(2), .op(.end),
        ]))
        // A branch to a loop carries its parameters; to a block, its results.
        var m = F.function([], [.i32], [
            .i32(1), .block(.loop, .typeIndex(1)), .index(.br, 0), .op(.end),
        ])
        m.types.append(FunctionType(parameters: [.i32], results: [.i32]))
        XCTAssertValid(m)
        XCTAssertInvalid(F.function([], [], [.op(.else)]), "else without a matching if")
        XCTAssertInvalid(F.function([], [], [.op(.end)]), "unexpected end")
        XCTAssertInvalid(F.function([], [], [.block(.block, .empty)]), "unclosed block")
    }

    func testBlockTypeIndexNeedsMultiValue() {
        var m = F.function([], [], [.i32(1), .i32(2), .block(.block, .typeIndex(1)), .op(.drop), .op(.drop), .op(.end)])
        m.types.append(FunctionType(parameters: [.i32, .i32], results: []))
        m.functions[0].body = [.i32(1), .i32(2), .block(.block, .typeIndex(1)), .op(.drop), .op(.drop), .op(.end)]
        XCTAssertValid(m)
        XCTAssertInvalid(m, "a block type given by a type index requires the multi-value feature", features: .mvp)
        XCTAssertInvalid(F.function([], [], [.block(.block, .typeIndex(9)), .op(.end)]), "unknown type 9")
    }

    func testBranches() {
        XCTAssertInvalid(F.function([], [], [.index(.br, 1)]), "unknown label 1")
        XCTAssertValid(F.function([], [.i32], [.i32(1), .index(.br, 0)]))
        XCTAssertValid(F.function([], [.i32], [.i32(1), .i32(0), .index(.brIf, 0)]))
        XCTAssertInvalid(F.function([], [.i32], [.i32(0), .index(.brIf, 0)]), "type mismatch")
        let table = Instruction(.brTable, .branchTable(targets: [0, 1], defaultTarget: 1))
        XCTAssertValid(F.function([], [.i32], [.block(.block, .value(.i32)), .i32(7), .i32(0), table, .op(.end)]))
        // Targets of different arities.
        XCTAssertInvalid(F.function([], [.i32], [.block(.block, .empty), .i32(7), .i32(0), table, .op(.end), .i32(0)]), "type mismatch")
        // In unreachable code, br_table targets of different types but one arity are fine.
        var m = F.function([], [], [
            .block(.block, .value(.f32)), .block(.block, .value(.i32)), .op(.unreachable),
            Instruction(.brTable, .branchTable(targets: [0], defaultTarget: 1)),
            .op(.end), .op(.drop), .op(.unreachable), .op(.end), .op(.drop),
        ])
        XCTAssertValid(m)
        m.functions[0].body.insert(.i64(0), at: 3)
        XCTAssertInvalid(m, "type mismatch")
    }

    func testReturnAndCalls() {
        XCTAssertValid(F.function([], [.i32], [.i32(1), .op(.return), .op(.i32Add)]))
        XCTAssertValid(F.function([.i32], [.i32], [.index(.localGet, 0), .index(.call, 0)]))
        XCTAssertInvalid(F.function([], [], [.index(.call, 3)]), "unknown function 3")
        let indirect = Instruction(.callIndirect, .indices(0, 0))
        XCTAssertInvalid(F.function([], [], [.i32(0), indirect]), "unknown table")
        XCTAssertValid(F.function([], [], [.i32(0), indirect]) {
            $0.tables = [Table(type: TableType(limits: Limits(min: 1), elementType: .funcRef))]
        })
        XCTAssertInvalid(F.function([], [], [.i32(0), indirect]) {
            $0.tables = [Table(type: TableType(limits: Limits(min: 1), elementType: .externRef))]
        }, "type mismatch")
    }

    func testLocalsAndGlobals() {
        XCTAssertInvalid(F.function([.i32], [], [.index(.localGet, 1), .op(.drop)]), "unknown local 1")
        XCTAssertValid(F.function([.i32], [.i64], locals: [.i64], [.index(.localGet, 1)]))
        XCTAssertInvalid(F.function([], [], [.index(.globalGet, 0), .op(.drop)]), "unknown global 0")
        let immutable = F.function([], [], [.i32(1), .index(.globalSet, 0)]) {
            $0.globals = [Global(type: GlobalType(mutability: .constant, valueType: .i32), initializer: [.i32(0)])]
        }
        XCTAssertInvalid(immutable, "global is immutable")
        var mutable = immutable
        mutable.globals[0].type.mutability = .variable
        XCTAssertValid(mutable)
    }

    func testNonDefaultableLocalsMustBeSetBeforeUse() {
        let features = Features.wasm2.with(.functionReferences)
        let nonNull = ValueType.reference(ReferenceType(isNullable: false, heapType: .func))
        let declare: (inout Module) -> Void = {
            $0.elements = [ElementSegment(type: .funcRef, items: .functions([0]), mode: .declarative)]
        }
        XCTAssertInvalid(F.function([], [], locals: [nonNull], [.index(.localGet, 0), .op(.drop)], configure: declare),
                         "uninitialized local 0", features: features)
        XCTAssertValid(F.function([], [], locals: [nonNull], [
            .index(.refFunc, 0), .index(.localSet, 0), .index(.localGet, 0), .op(.drop),
        ], configure: declare), features: features)
        // Initialization inside a block is forgotten at its end.
        XCTAssertInvalid(F.function([], [], locals: [nonNull], [
            .block(.block, .empty), .index(.refFunc, 0), .index(.localSet, 0), .op(.end), .index(.localGet, 0), .op(.drop),
        ], configure: declare), "uninitialized local 0", features: features)
        // Parameters always hold their arguments.
        XCTAssertValid(F.function([nonNull], [], [.index(.localGet, 0), .op(.drop)]), features: features)
    }

    func testSelect() {
        XCTAssertValid(F.function([], [.i32], [.i32(1), .i32(2), .i32(0), .op(.select)]))
        XCTAssertInvalid(F.function([], [.i32], [.i32(1), .i64(2), .i32(0), .op(.select)]), "type mismatch")
        let refs = F.function([], [], [
            Instruction(.refNull, .heapType(.func)), Instruction(.refNull, .heapType(.func)), .i32(0), .op(.select), .op(.drop),
        ])
        XCTAssertInvalid(refs, "type mismatch")
        let typed = F.function([], [], [
            Instruction(.refNull, .heapType(.func)), Instruction(.refNull, .heapType(.func)), .i32(0),
            Instruction(.selectTyped, .valueTypes([.funcRef])), .op(.drop),
        ])
        XCTAssertValid(typed)
        XCTAssertInvalid(F.function([], [], [.i32(0), Instruction(.selectTyped, .valueTypes([]))]), "invalid result arity")
    }

    func testMemoryInstructions() {
        let withMemory: (inout Module) -> Void = { $0.memories = [MemoryType(limits: Limits(min: 1))] }
        XCTAssertInvalid(F.function([], [.i32], [.i32(0), .load(.i32Load, align: 2)]), "unknown memory 0")
        XCTAssertValid(F.function([], [.i32], [.i32(0), .load(.i32Load, align: 2)], configure: withMemory))
        XCTAssertInvalid(F.function([], [.i32], [.i32(0), .load(.i32Load, align: 3)], configure: withMemory),
                         "alignment must not be larger than natural")
        XCTAssertInvalid(F.function([], [.i32], [.i32(0), .load(.i32Load8S, align: 1)], configure: withMemory),
                         "alignment must not be larger than natural")
        XCTAssertValid(F.function([], [.i32], [.index(.memorySize, 0)], configure: withMemory))
        XCTAssertInvalid(F.function([], [.i32], [.index(.memorySize, 0)]), "unknown memory")
        let initData = Instruction(.memoryInit, .indices(1, 0))
        XCTAssertInvalid(F.function([], [], [.i32(0), .i32(0), .i32(0), initData], configure: withMemory), "unknown data segment 1")
        XCTAssertInvalid(F.function([], [], [.index(.dataDrop, 0)]), "unknown data segment")
    }

    func testMemory64WidensAddresses() {
        let memory64: (inout Module) -> Void = { $0.memories = [MemoryType(limits: Limits(min: 1, addressType: .i64))] }
        let features = Features.wasm2.with(.memory64)
        XCTAssertValid(F.function([], [.i32], [.i64(0), .load(.i32Load, align: 2)], configure: memory64), features: features)
        XCTAssertInvalid(F.function([], [.i32], [.i32(0), .load(.i32Load, align: 2)], configure: memory64),
                         "type mismatch", features: features)
        XCTAssertValid(F.function([], [.i64], [.index(.memorySize, 0)], configure: memory64), features: features)
        XCTAssertInvalid(F.function([], [.i64], [.index(.memorySize, 0)], configure: memory64), "a 64-bit address type")
    }

    func testSIMDLanes() {
        let v = Instruction(.v128Const, .v128(.zero))
        XCTAssertValid(F.function([], [.i32], [v, Instruction(.i8x16ExtractLaneS, .lane(15))]))
        XCTAssertInvalid(F.function([], [.i32], [v, Instruction(.i8x16ExtractLaneS, .lane(16))]), "invalid lane index")
        XCTAssertInvalid(F.function([], [.i64], [v, Instruction(.i64x2ExtractLane, .lane(2))]), "invalid lane index")
        XCTAssertInvalid(F.function([], [], [v, v, Instruction(.i8x16Shuffle, .shuffle(Array(repeating: 32, count: 16))), .op(.drop)]),
                         "invalid lane index")
        let withMemory: (inout Module) -> Void = { $0.memories = [MemoryType(limits: Limits(min: 1))] }
        let lane = Instruction(.v128Load32Lane, .memoryLane(MemoryArgument(align: 2, offset: 0), lane: 4))
        XCTAssertInvalid(F.function([], [], [.i32(0), v, lane, .op(.drop)], configure: withMemory), "invalid lane index")
        XCTAssertInvalid(F.function([], [.i32], [v, Instruction(.i8x16ExtractLaneS, .lane(1))]),
                         "instruction v128.const requires the simd feature", features: .mvp)
    }

    func testReferences() {
        XCTAssertInvalid(F.function([], [], [.index(.refFunc, 0), .op(.drop)]), "undeclared function reference")
        let declared = F.function([], [], [.index(.refFunc, 0), .op(.drop)]) {
            $0.elements = [ElementSegment(type: .funcRef, items: .functions([0]), mode: .declarative)]
        }
        XCTAssertValid(declared)
        XCTAssertInvalid(F.function([], [.i32], [.i32(0), .op(.refIsNull)]), "type mismatch")
        XCTAssertValid(F.function([], [.i32], [Instruction(.refNull, .heapType(.extern)), .op(.refIsNull)]))
    }

    func testTableInstructions() {
        let tables: (inout Module) -> Void = {
            $0.tables = [
                Table(type: TableType(limits: Limits(min: 1), elementType: .funcRef)),
                Table(type: TableType(limits: Limits(min: 1), elementType: .externRef)),
            ]
            $0.elements = [ElementSegment(type: .funcRef, items: .functions([]), mode: .passive)]
        }
        XCTAssertValid(F.function([], [.funcRef], [.i32(0), .index(.tableGet, 0)], configure: tables))
        XCTAssertInvalid(F.function([], [.funcRef], [.i32(0), .index(.tableGet, 1)], configure: tables), "type mismatch")
        XCTAssertInvalid(F.function([], [], [.i32(0), .i32(0), .i32(0), Instruction(.tableCopy, .indices(0, 1))], configure: tables),
                         "type mismatch")
        XCTAssertInvalid(F.function([], [], [.i32(0), .i32(0), .i32(0), Instruction(.tableInit, .indices(0, 1))], configure: tables),
                         "type mismatch")
        XCTAssertValid(F.function([], [], [.i32(0), .i32(0), .i32(0), Instruction(.tableInit, .indices(0, 0))], configure: tables))
        XCTAssertInvalid(F.function([], [], [.index(.elemDrop, 1)], configure: tables), "unknown elem segment 1")
        XCTAssertInvalid(F.function([], [.i32], [.index(.tableSize, 2)], configure: tables), "unknown table 2")
    }

    func testWrongImmediateShapesAreErrorsNotCrashes() {
        XCTAssertInvalid(F.function([], [], [Instruction(.localGet, .none)]), "local.get: immediate operand of the wrong shape")
        XCTAssertInvalid(F.function([], [], [Instruction(.i32Load, .none)]), "i32.load: immediate operand of the wrong shape")
        XCTAssertInvalid(F.function([], [], [Instruction(.brTable, .index(0))]), "br_table: immediate operand of the wrong shape")
    }
}
