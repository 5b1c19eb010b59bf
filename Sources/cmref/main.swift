import ArgumentParser

/// The `cmref` command-line tool.
struct CMRef: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cmref",
        abstract: "An executable reference implementation of the WebAssembly Component Model.",
        discussion: """
            Errors name the file and `line:column` (text) or `offset 0x..` (binary), and the rule \
            broken; every command exits 1 on an error or a failed check.
            """,
        subcommands: [ParseCommand.self, ValidateCommand.self, PrintCommand.self, WastCommand.self, TestCommand.self, BenchCommand.self]
    )
}

CMRef.main()
