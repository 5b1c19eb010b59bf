import XCTest
@testable import WasmCore

/// The binary encoder: exact bytes (checked once against `wasm-tools parse`), LEB128 edge cases,
/// and every row of the index of instructions surviving an encode/decode round trip.
final class ModuleEncoderTests: XCTestCase {
    /// The module of `all.wat` below, built by hand; its bytes are what `wasm-tools parse` writes.
    ///
    ///     (module
    ///       (type (func (param i32 i64) (result f32))) (type (func))
    ///       (import "m" "f" (func (type 1))) (import "m" "t" (table 1 2 funcref))
    ///       (import "m" "mem" (memory 1)) (import "m" "g" (global (mut i64)))
    ///       (table 3 externref) (memory 2 5) (global f64 (f64.const 1.5))
    ///       (export "f" (func 1)) (export "t" (table 1)) (export "mem" (memory 1)) (export "g" (global 1))
    ///       (start 0)
    ///       (elem (i32.const 0) func 0 1) (elem func 1)
    ///       (elem (table 1) (i32.const 1) externref (ref.null extern)) (elem declare func 0)
    ///       (func (type 0) (local i32 i32 f64 i32)
    ///         local.get 0 drop
    ///         block (result f32) f32.const -0x1p-1 i32.const -1
    ///           if memory.size memory.grow i32.load offset=128 align=2 drop
    ///           else i32.const 0 i64.const 0x7fffffffffffffff i64.store8 offset=4294967295 end
    ///         end return)
    ///       (data (i32.const 8) "hi") (data "passive"))
    static let sampleModule: Module = {
        var m = Module()
        m.types = [FunctionType(parameters: [.i32, .i64], results: [.f32]), FunctionType()]
        m.imports = [
            Import(module: "m", name: "f", descriptor: .function(typeIndex: 1)),
            Import(module: "m", name: "t", descriptor: .table(TableType(limits: Limits(min: 1, max: 2), elementType: .funcRef))),
            Import(module: "m", name: "mem", descriptor: .memory(MemoryType(limits: Limits(min: 1)))),
            Import(module: "m", name: "g", descriptor: .global(GlobalType(mutability: .variable, valueType: .i64))),
        ]
        m.tables = [Table(type: TableType(limits: Limits(min: 3), elementType: .externRef))]
        m.memories = [MemoryType(limits: Limits(min: 2, max: 5))]
        m.globals = [Global(type: GlobalType(mutability: .constant, valueType: .f64), initializer: [Instruction(.f64Const, .f64((1.5 as Double).bitPattern))])]
        m.exports = [
            Export(name: "f", descriptor: .function(1)), Export(name: "t", descriptor: .table(1)),
            Export(name: "mem", descriptor: .memory(1)), Export(name: "g", descriptor: .global(1)),
        ]
        m.start = 0
        m.elements = [
            ElementSegment(type: .funcRef, items: .functions([0, 1]), mode: .active(table: 0, offset: [Instruction(.i32Const, .i32(0))])),
            ElementSegment(type: .funcRef, items: .functions([1]), mode: .passive),
            ElementSegment(
                type: .externRef, items: .expressions([[Instruction(.refNull, .heapType(.extern))]]),
                mode: .active(table: 1, offset: [Instruction(.i32Const, .i32(1))]), namesTable: true),
            ElementSegment(type: .funcRef, items: .functions([0]), mode: .declarative),
        ]
        m.functions = [
            Function(typeIndex: 0, locals: [.i32, .i32, .f64, .i32], body: [
                Instruction(.localGet, .index(0)),
                Instruction(.drop),
                Instruction(.block, .block(.value(.f32))),
                Instruction(.f32Const, .f32((-0.5 as Float).bitPattern)),
                Instruction(.i32Const, .i32(-1)),
                Instruction(.if, .block(.empty)),
                Instruction(.memorySize, .index(0)),
                Instruction(.memoryGrow, .index(0)),
                Instruction(.i32Load, .memory(MemoryArgument(align: 1, offset: 128))),
                Instruction(.drop),
                Instruction(.else),
                Instruction(.i32Const, .i32(0)),
                Instruction(.i64Const, .i64(Int64.max)),
                Instruction(.i64Store8, .memory(MemoryArgument(align: 0, offset: 0xFFFF_FFFF))),
                Instruction(.end),
                Instruction(.end),
                Instruction(.return),
            ])
        ]
        m.data = [
            DataSegment(bytes: Array("hi".utf8), mode: .active(memory: 0, offset: [Instruction(.i32Const, .i32(8))])),
            DataSegment(bytes: Array("passive".utf8), mode: .passive),
        ]
        return m
    }()

    static let sampleBytes: [UInt8] = [
        0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00, 0x01, 0x0a, 0x02, 0x60,
        0x02, 0x7f, 0x7e, 0x01, 0x7d, 0x60, 0x00, 0x00, 0x02, 0x20, 0x04, 0x01,
        0x6d, 0x01, 0x66, 0x00, 0x01, 0x01, 0x6d, 0x01, 0x74, 0x01, 0x70, 0x01,
        0x01, 0x02, 0x01, 0x6d, 0x03, 0x6d, 0x65, 0x6d, 0x02, 0x00, 0x01, 0x01,
        0x6d, 0x01, 0x67, 0x03, 0x7e, 0x01, 0x03, 0x02, 0x01, 0x00, 0x04, 0x04,
        0x01, 0x6f, 0x00, 0x03, 0x05, 0x04, 0x01, 0x01, 0x02, 0x05, 0x06, 0x0d,
        0x01, 0x7c, 0x00, 0x44, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0xf8, 0x3f,
        0x0b, 0x07, 0x13, 0x04, 0x01, 0x66, 0x00, 0x01, 0x01, 0x74, 0x01, 0x01,
        0x03, 0x6d, 0x65, 0x6d, 0x02, 0x01, 0x01, 0x67, 0x03, 0x01, 0x08, 0x01,
        0x00, 0x09, 0x1a, 0x04, 0x00, 0x41, 0x00, 0x0b, 0x02, 0x00, 0x01, 0x01,
        0x00, 0x01, 0x01, 0x06, 0x01, 0x41, 0x01, 0x0b, 0x6f, 0x01, 0xd0, 0x6f,
        0x0b, 0x03, 0x00, 0x01, 0x00, 0x0a, 0x39, 0x01, 0x37, 0x03, 0x02, 0x7f,
        0x01, 0x7c, 0x01, 0x7f, 0x20, 0x00, 0x1a, 0x02, 0x7d, 0x43, 0x00, 0x00,
        0x00, 0xbf, 0x41, 0x7f, 0x04, 0x40, 0x3f, 0x00, 0x40, 0x00, 0x28, 0x01,
        0x80, 0x01, 0x1a, 0x05, 0x41, 0x00, 0x42, 0xff, 0xff, 0xff, 0xff, 0xff,
        0xff, 0xff, 0xff, 0xff, 0x00, 0x3c, 0x00, 0xff, 0xff, 0xff, 0xff, 0x0f,
        0x0b, 0x0b, 0x0f, 0x0b, 0x0b, 0x11, 0x02, 0x00, 0x41, 0x08, 0x0b, 0x02,
        0x68, 0x69, 0x01, 0x07, 0x70, 0x61, 0x73, 0x73, 0x69, 0x76, 0x65,
    ]

    func testEncodesEverySectionAsWasmToolsDoes() {
        XCTAssertEqual(encodeModule(Self.sampleModule), Self.sampleBytes)
    }

    func testSampleRoundTripsThroughTheDecoder() throws {
        let decoded = try decodeModule(Self.sampleBytes, features: .wasm2)
        XCTAssertEqual(decoded, Self.sampleModule)
        XCTAssertEqual(encodeModule(decoded), Self.sampleBytes)
    }

    func testEmptyModuleIsJustTheHeader() {
        XCTAssertEqual(encodeModule(Module()), [0x00, 0x61, 0x73, 0x6D, 0x01, 0x00, 0x00, 0x00])
    }

    func testUnsignedLEB128IsShortest() {
        let cases: [(UInt64, [UInt8])] = [
            (0, [0x00]), (1, [0x01]), (127, [0x7F]), (128, [0x80, 0x01]), (624_485, [0xE5, 0x8E, 0x26]),
            (UInt64(UInt32.max), [0xFF, 0xFF, 0xFF, 0xFF, 0x0F]),
            (UInt64.max, [0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x01]),
        ]
        for (value, bytes) in cases {
            var w = BinaryWriter()
            w.unsigned(value)
            XCTAssertEqual(w.bytes, bytes, "u\(value)")
        }
    }

    func testSignedLEB128IsShortest() {
        let cases: [(Int64, [UInt8])] = [
            (0, [0x00]), (-1, [0x7F]), (63, [0x3F]), (64, [0xC0, 0x00]), (-64, [0x40]), (-65, [0xBF, 0x7F]),
            (-123_456, [0xC0, 0xBB, 0x78]),
            (Int64(Int32.min), [0x80, 0x80, 0x80, 0x80, 0x78]),
            (Int64(Int32.max), [0xFF, 0xFF, 0xFF, 0xFF, 0x07]),
            (Int64.min, [0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x7F]),
            (Int64.max, [0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x00]),
        ]
        for (value, bytes) in cases {
            var w = BinaryWriter()
            w.signed(value)
            XCTAssertEqual(w.bytes, bytes, "s\(value)")
        }
    }

    func testLocalsAreGroupedIntoRuns() {
        var m = Module()
        m.types = [FunctionType()]
        m.functions = [Function(typeIndex: 0, locals: [.i32, .i32, .i32, .i64, .i32, .v128, .v128], body: [])]
        let bytes = encodeModule(m)
        // Code section: 1 body of 10 bytes: 4 runs (3 i32) (1 i64) (1 i32) (2 v128), end.
        XCTAssertEqual(Array(bytes.suffix(14)), [0x0A, 0x0C, 0x01, 0x0A, 0x04, 0x03, 0x7F, 0x01, 0x7E, 0x01, 0x7F, 0x02, 0x7B, 0x0B])
    }

    func testElementSegmentForms() {
        let offset: ConstantExpression = [Instruction(.i32Const, .i32(0))]
        let refFunc: ConstantExpression = [Instruction(.refFunc, .index(0))]
        let cases: [(ElementSegment, [UInt8])] = [
            (ElementSegment(type: .funcRef, items: .functions([0]), mode: .active(table: 0, offset: offset)),
             [0x00, 0x41, 0x00, 0x0B, 0x01, 0x00]),
            (ElementSegment(type: .funcRef, items: .functions([0]), mode: .passive), [0x01, 0x00, 0x01, 0x00]),
            (ElementSegment(type: .funcRef, items: .functions([0]), mode: .active(table: 2, offset: offset)),
             [0x02, 0x02, 0x41, 0x00, 0x0B, 0x00, 0x01, 0x00]),
            (ElementSegment(type: .funcRef, items: .functions([0]), mode: .active(table: 0, offset: offset), namesTable: true),
             [0x02, 0x00, 0x41, 0x00, 0x0B, 0x00, 0x01, 0x00]),
            (ElementSegment(type: .funcRef, items: .functions([0]), mode: .declarative), [0x03, 0x00, 0x01, 0x00]),
            (ElementSegment(type: .funcRef, items: .expressions([refFunc]), mode: .active(table: 0, offset: offset)),
             [0x04, 0x41, 0x00, 0x0B, 0x01, 0xD2, 0x00, 0x0B]),
            (ElementSegment(type: .funcRef, items: .expressions([refFunc]), mode: .passive),
             [0x05, 0x70, 0x01, 0xD2, 0x00, 0x0B]),
            (ElementSegment(type: .externRef, items: .expressions([]), mode: .active(table: 0, offset: offset)),
             [0x06, 0x00, 0x41, 0x00, 0x0B, 0x6F, 0x00]),
            (ElementSegment(type: .funcRef, items: .expressions([refFunc]), mode: .declarative),
             [0x07, 0x70, 0x01, 0xD2, 0x00, 0x0B]),
        ]
        for (segment, bytes) in cases {
            var w = BinaryWriter()
            w.elementSegment(segment)
            XCTAssertEqual(w.bytes, bytes, "\(segment)")
        }
    }

    func testDataSegmentForms() {
        let offset: ConstantExpression = [Instruction(.i32Const, .i32(0))]
        let cases: [(DataSegment, [UInt8])] = [
            (DataSegment(bytes: [7], mode: .active(memory: 0, offset: offset)), [0x00, 0x41, 0x00, 0x0B, 0x01, 0x07]),
            (DataSegment(bytes: [7], mode: .passive), [0x01, 0x01, 0x07]),
            (DataSegment(bytes: [], mode: .active(memory: 1, offset: offset)), [0x02, 0x01, 0x41, 0x00, 0x0B, 0x00]),
        ]
        for (segment, bytes) in cases {
            var w = BinaryWriter()
            w.dataSegment(segment)
            XCTAssertEqual(w.bytes, bytes)
        }
    }

    func testDataCountSectionComesBeforeCode() {
        var m = Module()
        m.types = [FunctionType()]
        m.memories = [MemoryType(limits: Limits(min: 1))]
        m.functions = [Function(typeIndex: 0, body: [Instruction(.dataDrop, .index(0))])]
        m.data = [DataSegment(bytes: [], mode: .passive)]
        m.hasDataCount = true
        let bytes = encodeModule(m)
        let tail: [UInt8] = [
            0x0C, 0x01, 0x01,  // data count: 1
            0x0A, 0x07, 0x01, 0x05, 0x00, 0xFC, 0x09, 0x00, 0x0B,  // code: data.drop 0
            0x0B, 0x03, 0x01, 0x01, 0x00,  // data: one passive, empty
        ]
        XCTAssertEqual(Array(bytes.suffix(tail.count)), tail)
    }

    func testCustomSectionsGoBackAfterTheSectionTheyFollowed() throws {
        var m = Module()
        m.types = [FunctionType()]
        m.customSections = [
            CustomSection(name: "first", bytes: [1], after: 0),
            CustomSection(name: "after-type", bytes: [2, 3], after: SectionID.type.rawValue),
            CustomSection(name: "after-missing-import", bytes: [], after: SectionID.import.rawValue),
        ]
        let bytes = encodeModule(m)
        let expected: [UInt8] = ModuleEncoder.magic + ModuleEncoder.version
            + [0x00, 0x07, 0x05] + Array("first".utf8) + [1]
            + [0x01, 0x04, 0x01, 0x60, 0x00, 0x00]
            + [0x00, 0x0D, 0x0A] + Array("after-type".utf8) + [2, 3]
            + [0x00, 0x15, 0x14] + Array("after-missing-import".utf8)
        XCTAssertEqual(bytes, expected)
        XCTAssertEqual(try decodeModule(bytes).customSections.map(\.name), ["first", "after-type", "after-missing-import"])
    }

    func testMemoryArgumentWithAnotherMemorySetsBitSix() {
        var w = BinaryWriter()
        w.instruction(Instruction(.i64Load, .memory(MemoryArgument(align: 3, offset: 16, memory: 2))))
        XCTAssertEqual(w.bytes, [0x29, 0x43, 0x02, 0x10])
    }

    /// A plausible immediate of each kind, so every row of the table can be written and read back.
    static func sampleImmediate(_ kind: InstructionDefinition.ImmediateKind) -> Immediate {
        switch kind {
        case .none: return .none
        case .blockType: return .block(.value(.i64))
        case .label, .function, .local, .global, .table, .element, .data, .tag: return .index(300)
        case .tryTable:
            return .tryTable(.value(.i32), [CatchClause(.catch, tag: 2, label: 1), CatchClause(.catchRef, tag: 300, label: 0),
                                            CatchClause(.catchAll, label: 4), CatchClause(.catchAllRef, label: 0)])
        case .memory, .memoryFill: return .index(0)
        case .labelTable: return .branchTable(targets: [0, 1, 200], defaultTarget: 3)
        case .callIndirect: return .indices(5, 1)
        case .tableCopy, .tableInit: return .indices(2, 1)
        case .memoryInit: return .indices(7, 0)
        case .memoryCopy: return .indices(0, 0)
        case .memoryArgument(let natural): return .memory(MemoryArgument(align: natural, offset: 1 << 20))
        case .memoryLane(let natural, let lanes): return .memoryLane(MemoryArgument(align: natural, offset: 3), lane: lanes - 1)
        case .lane(let count): return .lane(count - 1)
        case .shuffle: return .shuffle(Array(0..<16).map { UInt8($0 * 2 % 32) })
        case .i32: return .i32(Int32.min)
        case .i64: return .i64(-0x1234_5678_9ABC)
        case .f32: return .f32(0x7FC0_0001)
        case .f64: return .f64(0xFFF8_0000_0000_0001)
        case .v128: return .v128(V128(low: 0x0102_0304_0506_0708, high: 0xF0E0_D0C0_B0A0_9080))
        case .heapType: return .heapType(.extern)
        case .valueTypes: return .valueTypes([.externRef])
        }
    }

    func testEveryInstructionRoundTrips() throws {
        var body: [Instruction] = []
        for d in InstructionTable.definitions {
            switch d.opcode {
            case .block, .loop, .if, .tryTable:
                body.append(Instruction(d.opcode, Self.sampleImmediate(d.immediates)))
                if d.opcode == .if { body.append(Instruction(.else)) }
                body.append(Instruction(.end))
            case .else, .end:
                continue  // written with the block instructions above
            default:
                body.append(Instruction(d.opcode, Self.sampleImmediate(d.immediates)))
            }
        }
        var m = Module()
        m.types = [FunctionType()]
        m.functions = [Function(typeIndex: 0, body: body)]
        m.hasDataCount = true
        let bytes = encodeModule(m)
        let decoded = try decodeModule(bytes, features: .wasm2.with(.exceptions))
        XCTAssertEqual(decoded.functions.first?.body.count, body.count)
        for (a, b) in zip(decoded.functions.first?.body ?? [], body) {
            XCTAssertEqual(a, b, "\(b.opcode.name)")
        }
        XCTAssertEqual(encodeModule(decoded), bytes)
    }

    func testImmediateOfTheWrongShapeStillEncodesDecodably() throws {
        var m = Module()
        m.types = [FunctionType()]
        m.functions = [Function(typeIndex: 0, body: [
            Instruction(.i32Load, .index(3)), Instruction(.brTable, .none), Instruction(.i8x16Shuffle, .shuffle([1])),
        ])]
        let decoded = try decodeModule(encodeModule(m), features: .wasm2)
        XCTAssertEqual(decoded.functions.first?.body, [
            Instruction(.i32Load, .memory(MemoryArgument(align: 0, offset: 0))),
            Instruction(.brTable, .branchTable(targets: [], defaultTarget: 0)),
            Instruction(.i8x16Shuffle, .shuffle([1] + Array(repeating: 0, count: 15))),
        ])
    }
}
