import XCTest
@testable import WasmCore

final class TextParserTests: XCTestCase {
    private func malformed(_ text: String, file: StaticString = #filePath, line: UInt = #line) -> String? {
        do {
            _ = try parseModule(text)
            XCTFail("accepted: \(text)", file: file, line: line)
            return nil
        } catch {
            return (error as? WasmError)?.message
        }
    }

    func testDuplicateAndUnknownIdentifiers() {
        XCTAssertEqual(malformed(#"(import "" "" (func $foo))(func $foo)"#), "duplicate func $foo")
        XCTAssertEqual(malformed(#"(func (param $x i32) (local $x i32))"#), "duplicate local $x")
        XCTAssertEqual(malformed(#"(func (call $nope))"#), "unknown function $nope")
        XCTAssertEqual(malformed(#"(func (block (br $l)))"#), "unknown label $l")
        XCTAssertEqual(malformed(#"(func block $a end $b)"#), "mismatching label")
        XCTAssertEqual(malformed(#"(start 0) (start 0) (func)"#), "multiple start sections")
        XCTAssertEqual(malformed(#"(memory 1) (import "" "" (func))"#), "import after memory")
    }

    func testImplicitTypeUsesAreAppendedAndShared() throws {
        let m = try parseModule("""
            (module
              (func (param i32) (result i32) local.get 0)
              (type $t (func (param i64)))
              (func (type $t))
              (func (param i32) (result i32) (local.get 0))
              (func (param i64)))
            """)
        XCTAssertEqual(m.types, [
            FunctionType(parameters: [.i64]),
            FunctionType(parameters: [.i32], results: [.i32]),
        ])
        XCTAssertEqual(m.functions.map(\.typeIndex), [1, 0, 1, 0])
    }

    func testInlineImportsExportsAndNamedLocals() throws {
        let m = try parseModule("""
            (module
              (func $imp (import "m" "f") (param i32))
              (global $g (export "g") (mut i32) (i32.const 7))
              (func $f (export "f") (export "f2") (param $a i32) (local $b i64)
                (local.set $b (i64.extend_i32_u (local.get $a)))
                (call $imp (global.get $g))))
            """)
        XCTAssertEqual(m.imports.count, 1)
        XCTAssertEqual(m.exports.map(\.name), ["g", "f", "f2"])
        XCTAssertEqual(m.exports[1].descriptor, .function(1))
        XCTAssertEqual(m.functions[0].locals, [.i64])
        XCTAssertEqual(m.functions[0].body, [
            Instruction(.localGet, .index(0)), Instruction(.i64ExtendI32U), Instruction(.localSet, .index(1)),
            Instruction(.globalGet, .index(0)), Instruction(.call, .index(0)),
        ])
    }

    func testFoldedIfAndLabels() throws {
        let m = try parseModule("""
            (func (param i32) (result i32)
              (block $out (result i32)
                (if $l (result i32) (local.get 0)
                  (then (br $out (i32.const 1)))
                  (else (i32.const 2)))))
            """)
        XCTAssertEqual(m.functions[0].body, [
            Instruction(.block, .block(.value(.i32))),
            Instruction(.localGet, .index(0)),
            Instruction(.if, .block(.value(.i32))),
            Instruction(.i32Const, .i32(1)), Instruction(.br, .index(1)),
            Instruction(.else), Instruction(.i32Const, .i32(2)),
            Instruction(.end), Instruction(.end),
        ])
    }

    func testMultiValueBlockTypeUsesAType() throws {
        let m = try parseModule("(func (i32.const 1) (block (param i32) (result i32 i32) (i32.const 2)) drop drop)")
        XCTAssertEqual(m.types.last, FunctionType(parameters: [.i32], results: [.i32, .i32]))
        XCTAssertEqual(m.functions[0].body[1], Instruction(.block, .block(.typeIndex(1))))
    }

    func testMemoryArguments() throws {
        let m = try parseModule("(memory 1) (func (drop (i64.load offset=0x10 align=4 (i32.const 0))))")
        XCTAssertEqual(m.functions[0].body[1], Instruction(.i64Load, .memory(MemoryArgument(align: 2, offset: 16))))
        XCTAssertEqual(malformed("(memory 1) (func (drop (i32.load align=3 (i32.const 0))))"), "alignment must be a power of two")
        XCTAssertEqual(malformed("(memory 1) (func (drop (i32.load offset=4294967296 (i32.const 0))))"), "i32 constant out of range")
    }

    func testVectorConstantsAndShuffle() throws {
        let m = try parseModule("""
            (func (result v128)
              (i8x16.shuffle 0 1 2 3 4 5 6 7 8 9 10 11 12 13 14 31
                (v128.const i16x8 1 -1 0 0 0 0 0 0x8000)
                (v128.const f32x4 1.0 -0 nan inf)))
            """)
        XCTAssertEqual(m.functions[0].body[0].immediate, .v128(V128(bytes:
            [1, 0, 0xFF, 0xFF, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x00, 0x80])))
        XCTAssertEqual(m.functions[0].body[1].immediate, .v128(V128(bytes:
            [0, 0, 0x80, 0x3F, 0, 0, 0, 0x80, 0, 0, 0xC0, 0x7F, 0, 0, 0x80, 0x7F])))
        XCTAssertEqual(m.functions[0].body[2].immediate, .shuffle([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 31]))
        XCTAssertEqual(malformed("(func (v128.const i32x4 1 2 3) drop)"), "wrong number of lane literals")
    }

    func testFloatConstantsRoundOnce() throws {
        let m = try parseModule("(func (f32.const 1.00000005960464477539062499) (f64.const -0x1.8p1) drop drop)")
        XCTAssertEqual(m.functions[0].body[0].immediate, .f32(0x3F80_0000))
        XCTAssertEqual(m.functions[0].body[1].immediate, .f64((-3.0 as Double).bitPattern))
        XCTAssertEqual(malformed("(func (f32.const 1e39) drop)"), "constant out of range")
        XCTAssertEqual(malformed("(func (i32.const 0x1_0000_0000) drop)"), "constant out of range")
    }

    func testTypedSelectAndCallIndirect() throws {
        let m = try parseModule("""
            (table $t 1 funcref)
            (func (result i32)
              (select (result i32) (i32.const 1) (i32.const 2) (i32.const 0))
              (call_indirect $t (param i32) (result i32) (i32.const 0)))
            """)
        let body = m.functions[0].body
        XCTAssertEqual(body[3], Instruction(.selectTyped, .valueTypes([.i32])))
        XCTAssertEqual(body.last, Instruction(.callIndirect, .indices(1, 0)))
        XCTAssertEqual(m.types[1], FunctionType(parameters: [.i32], results: [.i32]))
    }

    func testTableAndMemoryAbbreviations() throws {
        let m = try parseModule("""
            (func $f) (func $g)
            (table $t funcref (elem $f $g))
            (memory $m (data "ab" "c"))
            (elem declare func $f)
            (elem (table $t) (offset (i32.const 1)) funcref (item ref.func $g) (ref.null func))
            (data $d "xyz")
            (func (memory.init $d (i32.const 0) (i32.const 0) (i32.const 1)) (data.drop $d))
            """)
        XCTAssertEqual(m.tables[0].type.limits, Limits(min: 2, max: 2))
        XCTAssertEqual(m.elements[0].items, .functions([0, 1]))
        XCTAssertEqual(m.elements[0].mode, .active(table: 0, offset: [Instruction(.i32Const, .i32(0))]))
        XCTAssertEqual(m.memories[0].limits, Limits(min: 1, max: 1))
        XCTAssertEqual(m.data[0].bytes, Array("abc".utf8))
        XCTAssertEqual(m.elements[1].mode, .declarative)
        XCTAssertEqual(m.elements[2].items, .expressions([[Instruction(.refFunc, .index(1))], [Instruction(.refNull, .heapType(.func))]]))
        XCTAssertEqual(m.data[1].mode, .passive)
        XCTAssertTrue(m.hasDataCount)
        XCTAssertEqual(m.functions[2].body[3], Instruction(.memoryInit, .indices(1, 0)))
    }

    func testCursorEntryPointReadsNamedModule() throws {
        var c = try TextCursor(#"(module $M (func (export "f"))) (assert_return (invoke "f"))"#)
        let (name, module) = try c.parseModuleSExpression()
        XCTAssertEqual(name, "M")
        XCTAssertEqual(module.exports.first?.name, "f")
        XCTAssertTrue(c.peekLeftParen("assert_return"))
    }

    func testUnknownOperatorsAndUnexpectedTokens() {
        XCTAssertEqual(malformed("(func (get_local 0))"), "unknown operator get_local")
        XCTAssertEqual(malformed("(func (nop) (local i32))"), "unexpected token local")
        XCTAssertEqual(malformed("(func br 0drop)"), "unknown operator 0drop")
        XCTAssertEqual(malformed(#"(func (export "\ff"))"#), "malformed UTF-8 encoding")
    }

    func testFeaturesGateInstructions() {
        XCTAssertThrowsError(try parseModule("(func (drop (i32.const 0)) (drop (v128.const i32x4 0 0 0 0)))", features: .mvp))
        XCTAssertNoThrow(try parseModule("(func (drop (v128.const i32x4 0 0 0 0)))", features: .wasm2))
    }
}

final class TextParserLimitsTests: XCTestCase {
    func testDeepNestingIsAnErrorNotACrash() throws {
        let depth = 20_000
        let folded = "(module (func " + String(repeating: "(block ", count: depth) + String(repeating: ")", count: depth) + "))"
        XCTAssertThrowsError(try parseModule(folded)) {
            XCTAssertEqual(($0 as? WasmError)?.message, "instructions nested too deeply")
        }
        let plain = "(module (func " + String(repeating: "block ", count: depth) + String(repeating: "end ", count: depth) + "))"
        XCTAssertThrowsError(try parseModule(plain))
        let ok = "(module (func " + String(repeating: "(block ", count: 900) + String(repeating: ")", count: 900) + "))"
        XCTAssertNoThrow(try parseModule(ok))
    }
}

final class TextParserFeatureTests: XCTestCase {
    func testWasm2SyntaxIsGatedUnderMVP() {
        XCTAssertThrowsError(try parseModule("(table 1 externref)", features: .mvp))
        XCTAssertThrowsError(try parseModule(#"(data "x")"#, features: .mvp))
        XCTAssertThrowsError(try parseModule("(func) (elem declare func 0)", features: .mvp))
        XCTAssertThrowsError(try parseModule("(func (select (result i32) (i32.const 0) (i32.const 0) (i32.const 0)) drop)", features: .mvp))
        XCTAssertNoThrow(try parseModule(#"(memory 1) (data (i32.const 0) "x") (table 1 funcref) (func) (elem (i32.const 0) 0)"#, features: .mvp))
    }
}

final class CustomAnnotationTests: XCTestCase {
    func testCustomAnnotationsBecomeCustomSections() throws {
        let m = try parseModule(#"""
            (module
              (@custom "a" "x" "y")
              (@custom "b" (after func) "\01")
              (@custom "c" (before code) "")
              (@custom "d" (before first) "")
              (@other "ignored")
              (func))
            """#)
        XCTAssertEqual(m.customSections, [
            CustomSection(name: "a", bytes: Array("xy".utf8), after: 11),
            CustomSection(name: "b", bytes: [1], after: 3),
            CustomSection(name: "c", bytes: [], after: 12),
            CustomSection(name: "d", bytes: [], after: 0),
        ])
    }

    func testPrintedCustomSectionsParseBack() throws {
        var m = try parseModule("(memory 1) (func)")
        m.customSections = [CustomSection(name: "n", bytes: [0, 0xFF], after: 5)]
        XCTAssertEqual(try parseModule(printModule(m)).customSections, m.customSections)
    }
}
