import Foundation
import XCTest
import WasmCore
@testable import WastRunner

/// The static runner over component scripts: stages, features per file, message matching.
final class ComponentRunnerTests: XCTestCase {
    func run(_ text: String, engine: ScriptEngineFactory? = nil) throws -> [CommandRecord] {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("c-\(getpid())-\(UUID().uuidString).wast").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        FileManager.default.createFile(atPath: path, contents: Data(text.utf8))
        return ScriptRunner(engineFactory: engine).run(file: path)
    }

    static let invalidComponent = #"(component (export "a" (func 0)))"#

    func testStagesDecideTheAssertions() throws {
        let records = try run("""
            (component)
            (component definition $D)
            (assert_invalid \(Self.invalidComponent) "index out of bounds")
            (assert_malformed (component quote "(component") "unexpected")
            (assert_malformed (component binary "\\00asm\\0d\\00\\01") "unexpected end")
            (assert_invalid (component quote "(component") "wrong stage")
            (assert_malformed \(Self.invalidComponent) "wrong stage")
            (assert_invalid (component) "accepted")
            \(Self.invalidComponent)
            (component instance $i $D)
            (assert_return (invoke "f") (u32.const 1))
            """)
        XCTAssertEqual(records.map(\.outcome), [
            .passed, .passed, .passed, .passed, .passed, .failed, .failed, .failed, .failed, .skipped, .skipped,
        ], records.map(\.message).joined(separator: "\n"))
        XCTAssertTrue(records[7].message.contains("got a valid component"), records[7].message)
    }

    func testWasmToolsRunLineSetsFeaturesAndSubstringMatching() throws {
        let async = #"(component (core func (canon backpressure.inc)))"#
        let on = try run(";; RUN: wast --assert default --snapshot tests/snapshots %\n\(async)\n(assert_invalid \(Self.invalidComponent) \"out of bounds\")")
        XCTAssertEqual(on.map(\.outcome), [.passed, .passed], "cm-async is a wasm-tools default; the expected text is a substring")
        let off = try run(";; RUN: wast --assert default %\n;; -f=-cm-async\n\(async)")
        XCTAssertEqual(off.map(\.outcome), [.passed], "a continuation line only follows a backslash")
        let offForReal = try run(";; RUN: wast --assert default % \\\n;;   -f=-cm-async\n\(async)")
        XCTAssertEqual(offForReal.map(\.outcome), [.failed], "-f=-cm-async switches the default off")
        let wording = try run(";; RUN: wast %\n(assert_invalid \(Self.invalidComponent) \"some other wording\")")
        XCTAssertEqual(wording.map(\.outcome), [.failed])
        XCTAssertTrue(wording[0].message.hasPrefix(StaticChecker.differentMessage), wording[0].message)
    }

    /// wasm-tools' trailing `(at offset 0x..)` may be our own place, but the rule's text must match and ours
    /// must name a place right after it.
    func testSubstringMatchingTakesOurPlaceForWasmToolsOffset() {
        let m = ScriptConventions.MessageMatching.substring
        let expected = "Maps require the component model map feature (at offset 0x54)"
        XCTAssertTrue(m.matches(expected: expected, actual: "Maps require the component model map feature (at offset 0x54)"))
        XCTAssertTrue(m.matches(expected: expected, actual: "Maps require the component model map feature (at definition 2)"))
        XCTAssertFalse(m.matches(expected: expected, actual: "Maps require the component model map feature"))
        XCTAssertFalse(m.matches(expected: expected, actual: "Lists require the component model map feature (at definition 2)"))
        XCTAssertFalse(m.matches(expected: "type mismatch", actual: "unknown type (at definition 2)"))
    }

    func testComponentModelSuiteMatchesAnyRejectionOfTheRightKind() throws {
        let records = try run("(assert_invalid \(Self.invalidComponent) \"wasmtime's words\")\n(assert_invalid (component quote \"(x\") \"x\")")
        XCTAssertEqual(records.map(\.outcome), [.passed, .failed])
    }

    func testTheEngineInstantiatesComponentsAndCallsTheirExports() throws {
        let records = try run("(component definition $D)\n(component)\n(component instance $i $D)\n(invoke \"f\")",
                              engine: ScriptExecution.factory)
        XCTAssertEqual(records.map(\.outcome), [.passed, .passed, .passed, .failed])
        XCTAssertTrue(records[3].message.contains("no function export"), records[3].message)
    }

    func testWasmToolsScriptsAreOnlyValidated() throws {
        var made = 0
        let records = try run(";; RUN: wast %\n(component)\n(assert_return (invoke \"f\") (u32.const 1))",
                              engine: { f, file in made += 1; return ScriptExecution(features: f, file: file) })
        XCTAssertEqual(made, 0, "wasm-tools' scripts are validate-only, as `wasm-tools wast`")
        XCTAssertEqual(records.map(\.outcome), [.passed, .skipped])
    }

    func testComponentScriptsAreToldFromCoreScripts() {
        let component: [String] = ["(component)", ";; c\n  (assert_invalid\n(component\n) \"x\")", "(component\t$C)"]
        let core: [String] = ["(module)", ";; (component)\n(module)", "(; (component) (; ;) (component) ;)(module)",
                              "(module (data \"(component \"))", "(componentx)", ""]
        for text in component { XCTAssertTrue(ScriptConventions.containsComponent(Array(text.utf8)), text) }
        for text in core { XCTAssertFalse(ScriptConventions.containsComponent(Array(text.utf8)), text) }
    }

    func testFailureListLines() {
        let records = [
            CommandRecord(file: "../shared/testsuite/wasm-tools/a.wast", line: 3, command: "assert_invalid", outcome: .failed,
                          message: #"expected invalid "x", got a valid component"#),
            CommandRecord(file: "/w/shared/testsuite/component-model/b.wast", line: 9, command: "component", outcome: .failed,
                          message: #"expected a valid component, got invalid "bad thing (at definition 1)""#),
            CommandRecord(file: "x/wasm-tools/gc/c.wast", line: 1, command: "component", outcome: .failed,
                          message: #"expected a valid component, got malformed "unknown operator struct.new: GC instructions are not supported" at 1:2"#),
            CommandRecord(file: "spec-tests/d.wast", line: 2, command: "module", outcome: .passed, message: ""),
        ]
        XCTAssertEqual(FailureList.lines(records), [
            "wasm-tools/a.wast:3  validator accepts: expected `x`",
            "component-model/b.wast:9  validator rejects a valid component: `bad thing (at definition 1)`",
            "x/wasm-tools/gc/c.wast:1  core GC instructions not supported",
        ])
        // The lines read back as a list that matches the records.
        let list = try? ExpectedFailures(parsing: FailureList.lines(records).joined(separator: "\n"), file: "l")
        XCTAssertEqual(records.map { list?.apply(to: $0).outcome }, [.expectedFailure, .expectedFailure, .expectedFailure, .passed])
    }
}
