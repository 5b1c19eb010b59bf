import ArgumentParser
import WastRunner

/// `cmref wast [--static] PATH...`: run `.wast` scripts.
struct WastCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "wast",
        abstract: "Run .wast scripts (files, or directories searched recursively, in sorted order).",
        discussion: """
            Every command's module is parsed or decoded and validated; assert_malformed and \
            assert_invalid must be rejected by the right stage, with a message that starts with the \
            script's text. Without --static, modules are instantiated and actions run (commands \
            nothing can run yet are skipped). Prints one line per failure, `file:line: expected ..., \
            got ...`, then `N passed, N failed, N skipped`, and exits 1 on any failure.
            """
    )

    @OptionGroup var options: ScriptRunOptions

    @Argument(help: "Script files or directories.")
    var paths: [String]

    func run() throws {
        if try !options.run(paths: paths) { throw ExitCode.failure }
    }
}
