import XCTest
import WasmCore
@testable import WastRunner

final class ScriptRunnerTests: XCTestCase {
    /// A module exporting function 0, which does not exist: invalid ("unknown function 0").
    var invalidModule: Module {
        var m = Module()
        m.exports = [Export(name: "f", descriptor: .function(0))]
        return m
    }

    func script(_ kinds: [CommandKind]) -> Script {
        Script(file: "t.wast", commands: kinds.enumerated().map { Command($1, line: $0 + 1) })
    }

    func text(_ module: Module) -> ScriptModule { ScriptModule(source: .text(.success(module))) }

    func testStaticVerdicts() {
        let malformed = ScriptModule(source: .text(.failure(.malformed("unexpected token", at: .text(line: 9, column: 2)))))
        let records = ScriptRunner().run(script([
            .module(text(Module())),
            .action(.invoke(module: nil, name: "f", arguments: [])),
            .assertInvalid(text(invalidModule), failure: "unknown function"),
            .assertInvalid(text(Module()), failure: "type mismatch"),
            .assertInvalid(text(invalidModule), failure: "type mismatch"),
            .assertMalformed(malformed, failure: "unexpected token"),
            .assertMalformed(malformed, failure: "unknown operator"),
            .assertInvalid(malformed, failure: "unexpected"),
            .assertUnlinkable(text(invalidModule), failure: "unknown import"),
        ]))
        XCTAssertEqual(records.map(\.outcome), [.passed, .skipped, .passed, .failed, .failed, .passed, .failed, .failed, .failed])
        XCTAssertEqual(records.map(\.line), Array(1...9))
        XCTAssertEqual(records[3].message, "expected invalid \"type mismatch\", got a valid module")
        XCTAssertTrue(records[4].message.hasPrefix("expected invalid \"type mismatch\", got invalid \"unknown function"), records[4].message)
        XCTAssertEqual(records[6].message, "expected malformed \"unknown operator\", got malformed \"unexpected token\" at 9:2")
        XCTAssertTrue(records[7].message.hasPrefix("expected invalid \"unexpected\", got malformed"), records[7].message)
        XCTAssertTrue(records[8].message.hasPrefix("expected a valid module, got invalid \"unknown function"), records[8].message)
    }

    func testBinaryStageErrorsAreNotValidationErrors() {
        // Whatever the decoder says of a truncated binary, it must not count as invalid.
        let records = ScriptRunner().run(script([
            .assertInvalid(ScriptModule(source: .binary([0, 0x61, 0x73])), failure: "unexpected end"),
        ]))
        XCTAssertEqual(records.first?.outcome, .failed)
    }

    /// An engine that records what it is given and passes everything.
    final class RecordingEngine: ScriptEngine {
        var seen: [(String, Bool)] = []
        func execute(_ command: Command, module: Module?) -> Verdict {
            seen.append((command.kind.keyword, module != nil))
            return command.kind.keyword == "assert_trap" ? .failed("expected a trap, got (i32.const 0)") : .passed
        }
    }

    func testExecutionCommandsGoToTheEngineWithCheckedModules() {
        let engine = RecordingEngine()
        var files: [String] = []
        let runner = ScriptRunner(engineFactory: { _, file in files.append(file); return engine })
        let records = runner.run(script([
            .module(text(Module())),
            .assertInvalid(text(invalidModule), failure: "unknown function"),
            .module(text(invalidModule)),
            .register(as: "m", module: nil),
            .assertTrap(.invoke(module: nil, name: "f", arguments: []), failure: "unreachable"),
            .component(.component(ScriptComponent(source: .binary([0x00, 0x61, 0x73, 0x6D, 0x0D, 0x00, 0x01, 0x00])))),
            .component(.action(ComponentAction(name: "f", arguments: []))),
        ]))
        XCTAssertEqual(files, ["t.wast"], "one engine per script")
        XCTAssertEqual(engine.seen.map(\.0), ["module", "register", "assert_trap"], "invalid modules never reach the engine")
        XCTAssertEqual(engine.seen.map(\.1), [true, false, false])
        XCTAssertEqual(records.map(\.outcome), [.passed, .passed, .failed, .passed, .failed, .skipped, .skipped],
                       "an engine without components skips what needs execution, never passes it")
        XCTAssertEqual(records[4].message, "expected a trap, got (i32.const 0)")
    }

    func testScriptThatDoesNotParseIsOneLocatedFailure() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("bad-\(getpid()).wast").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        FileManager.default.createFile(atPath: path, contents: Data("(module binary \"\")\n\n(assert_return (invoke \"f\")".utf8))
        let records = ScriptRunner().run(file: path)
        XCTAssertEqual(records.count, 1)
        XCTAssertEqual(records.first?.command, "script")
        XCTAssertEqual(records.first?.line, 3)
        XCTAssertEqual(records.first?.outcome, .failed)
        XCTAssertEqual(ScriptRunner().run(file: path + ".missing").first?.outcome, .failed)
    }
}
