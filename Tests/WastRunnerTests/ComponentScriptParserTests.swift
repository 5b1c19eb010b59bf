import XCTest
import WasmCore
@testable import WastRunner

/// The component commands and value literals of scripts (SOURCES.md's forms).
final class ComponentScriptParserTests: XCTestCase {
    func parse(_ text: String) throws -> [Command] {
        try ScriptParser.parse(text, file: "c.wast", features: .componentModelSuite).commands
    }

    func component(_ command: Command) -> ComponentCommand? {
        if case .component(let c) = command.kind { return c }
        return nil
    }

    func testEveryComponentForm() throws {
        let commands = try parse("""
            (component definition $D (core module $m))
            (component instance $i $D)
            (component $C binary "\\00asm" "\\0d\\00\\01\\00")
            (component quote "(core module" "$m)")
            (assert_malformed (component quote "(component") "unexpected")
            (assert_unlinkable (component (import "x" (func))) "missing")
            (assert_trap (component) "trap")
            (invoke $i "f")
            (assert_trap (invoke "f") "unreachable")
            """)
        XCTAssertEqual(commands.map(\.kind.keyword), [
            "component definition", "component instance", "component", "component", "assert_malformed",
            "assert_unlinkable", "assert_trap", "invoke", "assert_trap",
        ])
        guard case .component(let d) = component(commands[0]), d.isDefinition, d.name == "D", case .text(.success) = d.source else {
            return XCTFail("a text definition")
        }
        guard case .instance("i", "D") = component(commands[1]) else { return XCTFail() }
        guard case .component(let b) = component(commands[2]), b.name == "C", case .binary(let bytes) = b.source else { return XCTFail() }
        XCTAssertEqual(bytes, [0, 0x61, 0x73, 0x6d, 0x0d, 0, 1, 0])
        guard case .component(let q) = component(commands[3]), case .quote(let text) = q.source else { return XCTFail() }
        XCTAssertEqual(String(decoding: text, as: UTF8.self), "(core module $m)", "quoted strings are joined by spaces")
        guard case .assertMalformed(let m, "unexpected") = component(commands[4]), case .quote = m.source else { return XCTFail() }
        guard case .assertUnlinkable = component(commands[5]), case .assertInstantiationTrap = component(commands[6]) else { return XCTFail() }
        guard case .action(let a) = component(commands[7]) else { return XCTFail() }
        XCTAssertEqual(a.instance, "i")
        guard case .assertTrap(let t, "unreachable") = component(commands[8]) else { return XCTFail() }
        XCTAssertNil(t.instance)
    }

    func testValueLiterals() throws {
        let commands = try parse("""
            (component)
            (assert_return (invoke "f"
                (bool.const true) (u8.const 255) (s8.const -128) (u16.const 0xffff) (s16.const -1)
                (u32.const 4294967295) (s32.const -2147483648) (u64.const 18446744073709551615)
                (s64.const -9223372036854775808) (f32.const 1.5) (f64.const -inf) (f32.const nan:0x1)
                (char.const "⛳") (str.const "a\\n")
                (list.const (u8.const 1) (u8.const 2)) (tuple.const) (tuple.const (bool.const false))
                (record.const (field "a" u32.const 7) (field "b" (str.const "x")) (field "c" list.const (u8.const 3)))
                (variant.const "none") (variant.const "some" (u32.const 1)) (enum.const "red")
                (flags.const) (flags.const "a" "b") (option.none) (option.some (option.none))
                (result.ok) (result.err (str.const "e")))
              (f32.const nan:canonical) (f64.const nan:arithmetic))
            """)
        guard case .assertReturn(let action, let results) = component(commands[1]) else { return XCTFail() }
        XCTAssertEqual(action.arguments, [
            .bool(true), .u8(255), .s8(-128), .u16(0xffff), .s16(-1), .u32(.max), .s32(.min), .u64(.max), .s64(.min),
            .f32(.bits(UInt64(Float(1.5).bitPattern))), .f64(.bits((-Double.infinity).bitPattern)), .f32(.bits(0x7F80_0001)),
            .char("⛳"), .string("a\n"),
            .list([.u8(1), .u8(2)]), .tuple([]), .tuple([.bool(false)]),
            .record([.init(name: "a", value: .u32(7)), .init(name: "b", value: .string("x")), .init(name: "c", value: .list([.u8(3)]))]),
            .variant(case: "none", payload: nil), .variant(case: "some", payload: .u32(1)), .enumCase("red"),
            .flags([]), .flags(["a", "b"]), .optionNone, .optionSome(.optionNone),
            .resultOk(nil), .resultErr(.string("e")),
        ])
        XCTAssertEqual(results, [.f32(.canonicalNaN), .f64(.arithmeticNaN)])
        // The printed form reads back as the same literal.
        let printed = action.arguments.map(\.description).joined(separator: " ")
        guard case .action(let again) = component(try parse("(component)\n(invoke \"f\" \(printed))")[1]) else { return XCTFail() }
        XCTAssertEqual(again.arguments, action.arguments, printed)
    }

    func testBadLiteralsAreLocatedErrors() {
        let cases: [(String, String)] = [
            ("(u8.const 256)", "out of range"), ("(u8.const -1)", "unsigned"), ("(s8.const 128)", "out of range"),
            ("(s8.const -129)", "out of range"), ("(char.const \"ab\")", "exactly one"), ("(char.const \"\")", "exactly one"),
            ("(bool.const 1)", "true"), ("(i32.const 1)", "unknown component value"), ("(f32.const nan:canonical)", "NaN pattern"),
            ("(str.const \"\\ff\")", "UTF-8"), ("(option.some)", ""), ("(record.const (field \"a\"))", ""),
            ("(variant.const)", ""), ("u32.const 1", ""),
        ]
        for (literal, message) in cases {
            XCTAssertThrowsError(try parse("(component)\n(invoke \"f\" \(literal))"), literal) { error in
                guard let e = error as? WasmError else { return XCTFail("\(literal): \(error)") }
                XCTAssertEqual(e.file, "c.wast")
                guard case .text(let line, _) = e.location else { return XCTFail("\(literal): no location") }
                XCTAssertEqual(line, 2, literal)
                if !message.isEmpty { XCTAssertTrue(e.message.contains(message), "\(literal): \(e.message)") }
            }
        }
        // Nesting deep enough to overflow a naive recursion is an error, not a crash.
        let deep = String(repeating: "(option.some ", count: 5000) + "(u8.const 1)" + String(repeating: ")", count: 5000)
        XCTAssertThrowsError(try parse("(component)\n(invoke \"f\" \(deep))"))
    }

    func testCoreAndComponentActionsByTheirTarget() throws {
        let commands = try parse("""
            (module $M (func (export "f") (param i32)))
            (component $C)
            (invoke $M "f" (i32.const 1))
            (invoke "g" (u32.const 1))
            (assert_return (invoke $M "f" (i32.const 2)))
            (module)
            (invoke "h" (i32.const 3))
            (invoke $C "k" (u32.const 1))
            """)
        XCTAssertEqual(commands.map { component($0) == nil }, [true, false, true, false, true, true, true, false])
        guard case .action(.invoke(_, _, let args)) = commands[2].kind else { return XCTFail() }
        XCTAssertEqual(args, [.i32(1)])
    }

    func testBadComponentTextIsKeptForItsCommand() throws {
        let commands = try parse("(component (func $f) (func $f))\n(component)")
        XCTAssertEqual(commands.count, 2)
        guard case .component(let c) = component(commands[0]), case .text(.failure(let e)) = c.source else {
            return XCTFail("the parse error is kept")
        }
        XCTAssertEqual(e.kind, .malformed)
    }
}
