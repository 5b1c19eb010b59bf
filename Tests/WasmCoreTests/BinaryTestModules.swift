@testable import WasmCore

/// Hand-built modules that use every section and many immediate kinds, for the binary and text tests.
enum BinaryTestModules {
    static var rich: Module {
        var m = Module()
        m.types = [
            FunctionType(parameters: [.i32, .i64], results: [.f32]),
            FunctionType(),
        ]
        m.imports = [
            Import(module: "env", name: "f", descriptor: .function(typeIndex: 1)),
            Import(module: "env", name: "mem", descriptor: .memory(MemoryType(limits: Limits(min: 1, max: 2)))),
            Import(module: "env", name: "g", descriptor: .global(GlobalType(mutability: .constant, valueType: .i32))),
        ]
        m.tables = [Table(type: TableType(limits: Limits(min: 1, max: 10), elementType: .funcRef))]
        m.globals = [
            Global(type: GlobalType(mutability: .variable, valueType: .i32), initializer: [Instruction(.i32Const, .i32(-7))]),
            Global(type: GlobalType(mutability: .constant, valueType: .externRef), initializer: [Instruction(.refNull, .heapType(.extern))]),
        ]
        m.exports = [
            Export(name: "run", descriptor: .function(1)),
            Export(name: "table", descriptor: .table(0)),
            Export(name: "ünïcode", descriptor: .global(1)),
        ]
        m.start = 1
        m.elements = [
            ElementSegment(type: .funcRef, items: .functions([1, 1]), mode: .active(table: 0, offset: [Instruction(.i32Const, .i32(0))])),
            ElementSegment(
                type: .funcRef,
                items: .expressions([[Instruction(.refFunc, .index(1))], [Instruction(.refNull, .heapType(.func))]]),
                mode: .active(table: 0, offset: [Instruction(.i32Const, .i32(1))]), namesTable: true),
            ElementSegment(type: .funcRef, items: .functions([1]), mode: .declarative),
            ElementSegment(type: .externRef, items: .expressions([[Instruction(.refNull, .heapType(.extern))]]), mode: .passive),
        ]
        m.data = [
            DataSegment(bytes: Array("hi".utf8) + [0, 0xFF, 0x22], mode: .active(memory: 0, offset: [Instruction(.i32Const, .i32(8))])),
            DataSegment(bytes: Array("passive".utf8), mode: .passive),
        ]
        m.hasDataCount = true
        let body: [Instruction] = [
            Instruction(.block, .block(.value(.i32))),
            Instruction(.i32Const, .i32(0)),
            Instruction(.i32Load, .memory(MemoryArgument(align: 0, offset: 4))),
            Instruction(.end),
            Instruction(.localSet, .index(2)),
            Instruction(.loop, .block(.empty)),
            Instruction(.localGet, .index(0)),
            Instruction(.if, .block(.typeIndex(1))),
            Instruction(.nop),
            Instruction(.else),
            Instruction(.unreachable),
            Instruction(.end),
            Instruction(.localGet, .index(2)),
            Instruction(.brTable, .branchTable(targets: [0, 1], defaultTarget: 0)),
            Instruction(.end),
            Instruction(.localGet, .index(0)),
            Instruction(.localGet, .index(1)),
            Instruction(.i32Const, .i32(0)),
            Instruction(.callIndirect, .indices(0, 0)),
            Instruction(.drop),
            Instruction(.i64Const, .i64(Int64.min)),
            Instruction(.drop),
            Instruction(.f64Const, .f64(Double(-0.0).bitPattern)),
            Instruction(.drop),
            Instruction(.v128Const, .v128(V128(low: 1, high: 0x8000_0000_0000_0000))),
            Instruction(.i8x16Shuffle, .shuffle(Array(0..<16))),
            Instruction(.i32x4ExtractLane, .lane(3)),
            Instruction(.drop),
            Instruction(.i32Const, .i32(0)),
            Instruction(.i32Const, .i32(0)),
            Instruction(.i32Const, .i32(0)),
            Instruction(.memoryInit, .indices(0, 0)),
            Instruction(.dataDrop, .index(1)),
            Instruction(.i32Const, .i32(0)),
            Instruction(.i32Const, .i32(0)),
            Instruction(.i32Const, .i32(0)),
            Instruction(.tableInit, .indices(1, 0)),
            Instruction(.i32Const, .i32(0)),
            Instruction(.v128Load8Lane, .memoryLane(MemoryArgument(align: 0, offset: 0), lane: 15)),
            Instruction(.drop),
            Instruction(.memorySize, .index(0)),
            Instruction(.i32Const, .i32(1)),
            Instruction(.i32Const, .i32(2)),
            Instruction(.memoryCopy, .indices(0, 0)),
            Instruction(.drop),
            Instruction(.f32Const, .f32(Float(3.0).bitPattern)),
            Instruction(.i32Const, .i32(1)),
            Instruction(.selectTyped, .valueTypes([.f32])),
        ]
        m.functions = [Function(typeIndex: 0, locals: [.i32, .i32, .f64], body: body)]
        m.customSections = [CustomSection(name: "note", bytes: [1, 2, 3], after: 7)]
        return m
    }
}
