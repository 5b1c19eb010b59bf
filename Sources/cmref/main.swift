import ArgumentParser
import Foundation
import WasmCore

/// The `cmref` command-line tool.
struct CMRef: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cmref",
        abstract: "An executable reference implementation of the WebAssembly Component Model.",
        discussion: """
            Errors name the file and `line:column` (text) or `offset 0x..` (binary), and the rule \
            broken. Exit status 0 when all is well, 1 on an error or a failed check; `run` and \
            `check` tell a trap or failed case (1) from a usage or input error (2), as their help says.
            """,
        subcommands: [ParseCommand.self, ValidateCommand.self, PrintCommand.self, WastCommand.self, TestCommand.self, RunCommand.self, CheckCommand.self, AbiCommand.self, SpecCommand.self, BenchCommand.self]
    )
}

// As `CMRef.main()`, except that every failure, usage errors included, exits with status 1, and a
// `WasmError` is printed as it describes itself: `file:line:col: message` or `file:offset 0x..: message`.
do {
    var command = try CMRef.parseAsRoot()
    try command.run()
} catch let error as WasmError {
    FileHandle.standardError.write(Data((error.description + "\n").utf8))
    exit(1)
} catch {
    let code = CMRef.exitCode(for: error)
    guard code != .success else { CMRef.exit(withError: error) }
    let message = CMRef.fullMessage(for: error)
    if !message.isEmpty { FileHandle.standardError.write(Data((message + "\n").utf8)) }
    exit(usageStatus())
}
