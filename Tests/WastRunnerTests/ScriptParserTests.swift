import XCTest
import WasmCore
@testable import WastRunner

final class ScriptParserTests: XCTestCase {
    func parse(_ text: String) throws -> [Command] {
        try ScriptParser.parse(text, file: "t.wast").commands
    }

    func testCommandsKeepTheirLines() throws {
        let commands = try parse("""
            (module $M binary "\\00asm" "\\01\\00\\00\\00")
            (register "m" $M)

            (assert_return (invoke $M "f" (i32.const -1)) (i32.const 2))
            (assert_trap (invoke "g") "unreachable")
            """)
        XCTAssertEqual(commands.map(\.line), [1, 2, 4, 5])
        XCTAssertEqual(commands.map(\.kind.keyword), ["module", "register", "assert_return", "assert_trap"])
        guard case .module(let m) = commands[0].kind, case .binary(let bytes) = m.source else {
            return XCTFail("expected a binary module, got \(commands[0].kind)")
        }
        XCTAssertEqual(m.name, "M")
        XCTAssertEqual(bytes, [0, 0x61, 0x73, 0x6d, 1, 0, 0, 0])
        guard case .register(let name, let module) = commands[1].kind else { return XCTFail() }
        XCTAssertEqual(name, "m")
        XCTAssertEqual(module, "M")
        guard case .assertReturn(.invoke(let target, let export, let args), let results) = commands[2].kind else { return XCTFail() }
        XCTAssertEqual(target, "M")
        XCTAssertEqual(export, "f")
        XCTAssertEqual(args, [.i32(0xffff_ffff)])
        XCTAssertEqual(results, [.i32(2)])
        guard case .assertTrap(.invoke(nil, "g", []), let failure) = commands[3].kind else { return XCTFail() }
        XCTAssertEqual(failure, "unreachable")
    }

    func testQuoteModulesKeepTheirBytes() throws {
        let commands = try parse(#"(assert_malformed (module quote "(func" " \ff)") "malformed UTF-8 encoding")"#)
        guard case .assertMalformed(let m, let failure) = commands[0].kind, case .quote(let bytes) = m.source else {
            return XCTFail("expected assert_malformed of a quote module")
        }
        XCTAssertEqual(bytes, Array("(func".utf8) + [0x20, 0xff, 0x29])
        XCTAssertEqual(failure, "malformed UTF-8 encoding")
    }

    func testNumericArgumentsAndResults() throws {
        let commands = try parse("""
            (assert_return (invoke "f" (i64.const 0xffffffffffffffff) (f32.const -0x1p-1) (f64.const nan:0x4)
                (ref.null extern) (ref.extern 7) (ref.null func))
              (f32.const nan:canonical) (f64.const nan:arithmetic) (f64.const 1.5) (ref.extern) (ref.func) (ref.null func))
            """)
        guard case .assertReturn(.invoke(_, _, let args), let results) = commands[0].kind else { return XCTFail() }
        XCTAssertEqual(args, [
            .i64(.max), .f32(Float(-0.5).bitPattern), .f64(0x7ff0_0000_0000_0004),
            .refNull(.extern), .refExtern(7), .refNull(.func),
        ])
        XCTAssertEqual(results, [
            .f32(.canonicalNaN), .f64(.arithmeticNaN), .f64(.bits(Double(1.5).bitPattern)),
            .refExtern(nil), .refFunc, .refNull(.func),
        ])
    }

    func testVectorsByLaneShape() throws {
        let commands = try parse("""
            (assert_return (invoke "v" (v128.const i16x8 1 2 3 4 5 6 7 -1))
              (v128.const f32x4 nan:canonical 1.0 nan:arithmetic -0)
              (v128.const i8x16 0 1 2 3 4 5 6 7 8 9 10 11 12 13 14 255))
            """)
        guard case .assertReturn(.invoke(_, _, let args), let results) = commands[0].kind else { return XCTFail() }
        guard case .v128(let v) = args.first else { return XCTFail("expected a v128 argument") }
        XCTAssertEqual(v.lanes(.i16x8), [1, 2, 3, 4, 5, 6, 7, 0xffff])
        XCTAssertEqual(results.first, .v128(.f32x4, [
            .canonicalNaN, .bits(UInt64(Float(1).bitPattern)), .arithmeticNaN, .bits(0x8000_0000),
        ]))
        XCTAssertEqual(results.last, .v128(.i8x16, (0...14).map { .bits($0) } + [.bits(255)]))
    }

    func testGetModuleAssertionsAndInstances() throws {
        let commands = try parse("""
            (module definition $D binary "")
            (module instance $I $D)
            (module instance $D)
            (get $I "g")
            (assert_unlinkable (module binary "") "unknown import")
            (assert_trap (module binary "") "out of bounds")
            (assert_exhaustion (invoke "f") "call stack exhausted")
            (assert_invalid (module binary "") "type mismatch")
            """)
        guard case .module(let d) = commands[0].kind else { return XCTFail() }
        XCTAssertTrue(d.isDefinition)
        XCTAssertEqual(d.name, "D")
        guard case .instance("I", "D") = commands[1].kind, case .instance(nil, "D") = commands[2].kind else {
            return XCTFail("module instance forms")
        }
        guard case .action(.get("I", "g")) = commands[3].kind else { return XCTFail() }
        XCTAssertEqual(commands.dropFirst(4).map(\.kind.keyword),
                       ["assert_unlinkable", "assert_trap", "assert_exhaustion", "assert_invalid"])
        guard case .assertModuleTrap = commands[5].kind else { return XCTFail("assert_trap of a module") }
    }

    func testModulesKnowTheLineOfTheirKeyword() throws {
        let commands = try parse("(assert_invalid\n  (module binary \"\")\n  \"x\")\n( ;; c\nmodule quote \"\")")
        XCTAssertEqual(commands.map(\.line), [1, 4])
        XCTAssertEqual(commands.compactMap(\.kind.module?.line), [2, 5])
    }

    func testComponentCommandsAreTyped() throws {
        let commands = try parse("""
            (component (core module $m))
            (assert_return (invoke "f" (str.const "x")) (u32.const 1))
            (assert_invalid (component (import "a" (func))) "bad")
            (module binary "")
            (invoke "g")
            """)
        XCTAssertEqual(commands.map(\.kind.keyword), ["component", "assert_return", "assert_invalid", "module", "invoke"])
        guard case .component(.assertReturn(let action, let results)) = commands[1].kind else { return XCTFail() }
        XCTAssertEqual(action.name, "f")
        XCTAssertEqual(action.arguments, [.string("x")])
        XCTAssertEqual(results, [.u32(1)])
        guard case .component(.assertInvalid(let c, "bad")) = commands[2].kind, case .text(.success) = c.source else {
            return XCTFail("a component assertion")
        }
        XCTAssertEqual(c.line, 3)
        guard case .action(.invoke) = commands[4].kind else { return XCTFail("a core action after a core module") }
    }

    func testUnknownCommandIsALocatedError() {
        XCTAssertThrowsError(try parse("(module binary \"\")\n  (assert_nothing (invoke \"f\"))")) { error in
            guard let e = error as? WasmError else { return XCTFail("\(error)") }
            XCTAssertEqual(e.kind, .malformed)
            XCTAssertEqual(e.location, .text(line: 2, column: 4))
            XCTAssertEqual(e.file, "t.wast")
            XCTAssertTrue(e.message.contains("assert_nothing"), e.message)
        }
    }

    func testBadValuesAreLocatedErrors() {
        for (text, line, column) in [
            ("(invoke \"f\" (i32.const 0x100000000))", 1, 24),
            ("(invoke \"f\"\n (v128.const i33x4 1))", 2, 14),
            ("(invoke \"f\" (foo.const 1))", 1, 13),
            ("(assert_return (invoke \"f\") (i32.const 1)", 1, 42),
        ] {
            XCTAssertThrowsError(try parse(text), text) { error in
                XCTAssertEqual((error as? WasmError)?.location, .text(line: line, column: column), "\(text): \(error)")
            }
        }
    }
}

final class RunLineTests: XCTestCase {
    func testFeaturesOfTheRunLine() throws {
        let source = Array("""
            ;; RUN: wast % --assert default --snapshot tests/snapshots \\
            ;;        -f=cm-async,-simd
            (component)
            """.utf8)
        XCTAssertEqual(RunLine.featureLists(RunLine.commandLine(in: source)), ["cm-async,-simd"])
        let features = try RunLine.features(in: source, base: .wasm2)
        XCTAssertTrue(features.contains(.cmAsync))
        XCTAssertFalse(features.contains(.simd))
        XCTAssertTrue(features.contains(.bulkMemory))
        XCTAssertEqual(try RunLine.features(in: Array(";; RUN: wast -f gc,cm-gc %\n".utf8), base: .mvp), Features([.gc, .cmGC]))
        XCTAssertEqual(try RunLine.features(in: Array("(module)\n;; RUN: -f gc".utf8), base: .wasm2), .wasm2,
                       "only a leading RUN line counts")
    }

    func testUnknownFeatureIsAnError() {
        XCTAssertThrowsError(try RunLine.features(in: Array(";; RUN: wast -f no-such-thing %".utf8), base: .wasm2))
    }
}

final class FeatureDirectivesTests: XCTestCase {
    func testWasmtimeDirectivesSwitchFeatures() throws {
        let source = Array("""
            ;; a component script
            ;;! component_model_error_context = true
            ;;!  multi_memory=true
            ;;! simd = false
            ;;! hogs_memory = true
            ;;! target = "x86_64"
            (component)
            ;;! gc = true
            """.utf8)
        let features = FeatureDirectives.features(in: source, base: .wasm2)
        XCTAssertTrue(features.contains(.cmErrorContext))
        XCTAssertTrue(features.contains(.multiMemory))
        XCTAssertFalse(features.contains(.simd))
        XCTAssertFalse(features.contains(.gc), "only the leading comments count")
        XCTAssertEqual(FeatureDirectives.feature(named: "component_model_async_stackful"), .cmAsyncStackful)
        XCTAssertEqual(FeatureDirectives.feature(named: "component_model"), .componentModel)
        XCTAssertEqual(FeatureDirectives.feature(named: "component_model_64"), .cm64)
        XCTAssertEqual(FeatureDirectives.feature(named: "component_model_memory64"), .cm64)
        XCTAssertEqual(FeatureDirectives.feature(named: "component_model_more_async_builtins"), .cmMoreAsyncBuiltins)
        XCTAssertNil(FeatureDirectives.feature(named: "nan_canonicalization"))
    }

    func testComponentScriptsTakeDirectivesOverTheSuiteFeatures() throws {
        let plain = try ScriptConventions.of(Array("(component)".utf8), features: .wasm2, componentFeatures: .componentModelSuite)
        XCTAssertFalse(plain.features.contains(.cmErrorContext))
        let declared = try ScriptConventions.of(Array(";;! component_model_error_context = true\n(component)".utf8),
                                                features: .wasm2, componentFeatures: .componentModelSuite)
        XCTAssertEqual(declared.features, Features.componentModelSuite.with(.cmErrorContext))
        XCTAssertEqual(declared.messageMatching, .anyMessage)
    }
}
