import ArgumentParser
import Foundation
import WasmCore
import WastRunner

/// `cmref test`: run the project's own scripts in `spec-tests/`.
struct TestCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "test",
        abstract: "Run the project's bundled scripts (spec-tests/), with its expected-failures list.",
        discussion: "Run it from the package root (`swift run cmref test`); it takes the options of `cmref wast`."
    )

    @OptionGroup var options: ScriptRunOptions

    func run() throws {
        guard FileManager.default.fileExists(atPath: "spec-tests") else {
            throw WasmError(.usage, "no spec-tests directory here: run `cmref test` from the package root")
        }
        if try !options.run(paths: ["spec-tests"]) { throw ExitCode.failure }
    }
}
