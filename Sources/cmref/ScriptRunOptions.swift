import ArgumentParser
import Foundation
import ComponentModel
import WasmCore
import WastRunner

/// The options of the subcommands that run scripts (`wast`, `test`), and the run itself.
struct ScriptRunOptions: ParsableArguments {
    @Flag(name: .customLong("static"), help: "Only parse, decode and validate: run no module, skip actions and the assertions over them.")
    var staticOnly = false

    @Option(name: .long, help: ArgumentHelp("Write one JSON record per command (file, line, command, outcome, message) to this file.", valueName: "file"))
    var json: String?

    @Option(name: .long, help: ArgumentHelp(
        "The expected-failures list: lines `path:line  reason`. A listed command that fails counts as an expected failure; one that passes fails the run. Default: spec-tests/expected-failures.txt when it exists.",
        valueName: "file"))
    var expectedFailures: String?

    @Option(name: .long, help: ArgumentHelp(
        "Write every module that decodes or parses to DIR as LINE.wasm, LINE being the line of the module's `(module` (with several scripts, STEM-LINE.wasm): binary modules as given, text modules encoded.",
        valueName: "dir"))
    var emitModules: String?

    @Flag(name: .long, help: "After the run, print every failing command (expected failures included) as a line of an expected-failures list: `path:line  reason`.")
    var listFailures = false

    @OptionGroup var featureOptions: FeatureOptions

    /// The default expected-failures list, used when it exists and no other is given.
    static let defaultExpectedFailures = "spec-tests/expected-failures.txt"

    /// Runs the scripts under `paths` and reports: failures on stdout, one per line, then the counts.
    /// Returns whether the run passed (no failure, no listed command passing).
    func run(paths: [String]) throws -> Bool {
        let features = try featureOptions.resolved()
        let files = try ScriptFiles.collect(paths)
        let expected = try loadExpectedFailures()
        var runner = ScriptRunner(features: features, engineFactory: staticOnly ? nil : DefaultScriptEngine.factory)
        if featureOptions.features != nil { runner.componentFeatures = features }
        let progress = Progress(total: files.count)
        var report = RunReport()
        for (index, file) in files.enumerated() {
            progress.show(index, file)
            if let dir = emitModules {
                let prefix = files.count == 1 ? "" : URL(fileURLWithPath: file).deletingPathExtension().lastPathComponent + "-"
                runner.onModule = { source, module in
                    emit(source, module, to: "\(dir)/\(prefix)\(source.line).wasm")
                }
                runner.onComponent = { source, component in
                    emit(source, component, to: "\(dir)/\(prefix)\(source.line).wasm")
                }
            }
            let records = runner.run(file: file).map(expected.apply(to:))
            report.append(contentsOf: records)
            let failures = records.filter { $0.outcome == .failed }
            if !failures.isEmpty { progress.clear() }
            for r in failures { print(r.failureLine) }
        }
        progress.clear()
        for stale in expected.unmatched(by: report.records) {
            FileHandle.standardError.write(Data("warning: expected failure \(stale.path):\(stale.line) names no command\n".utf8))
        }
        if let json {
            try write(try report.json(), to: json)
        }
        if listFailures { for line in FailureList.lines(report.records) { print(line) } }
        for line in report.closingLines { print(line) }
        return report.tally.failed == 0
    }

    func loadExpectedFailures() throws -> ExpectedFailures {
        if let path = expectedFailures { return try ExpectedFailures(contentsOf: path) }
        if FileManager.default.fileExists(atPath: Self.defaultExpectedFailures) {
            return try ExpectedFailures(contentsOf: Self.defaultExpectedFailures)
        }
        return ExpectedFailures()
    }
}

/// Writes a module for `--emit-modules`: binary modules as given, others encoded. A module that
/// cannot be encoded is reported on stderr and left out.
private func emit(_ source: ScriptModule, _ module: Module, to path: String) {
    do {
        if case .binary(let bytes) = source.source {
            try write(Data(bytes), to: path)
        } else {
            try write(Data(encodeModule(module)), to: path)
        }
    } catch {
        FileHandle.standardError.write(Data("\(path): cannot emit module: \(error)\n".utf8))
    }
}

/// Writes a component for `--emit-modules`: text and quoted components encoded; binary components,
/// whose bytes are the script's own, are not written.
private func emit(_ source: ScriptComponent, _ component: Component, to path: String) {
    if case .binary = source.source { return }
    do {
        try write(Data(encodeComponent(component)), to: path)
    } catch {
        FileHandle.standardError.write(Data("\(path): cannot emit component: \(error)\n".utf8))
    }
}

/// Progress on stderr, only when stderr is a terminal.
struct Progress {
    let total: Int
    let enabled = isatty(STDERR_FILENO) != 0

    func show(_ index: Int, _ file: String) {
        guard enabled else { return }
        FileHandle.standardError.write(Data("\r\u{1B}[K[\(index + 1)/\(total)] \(file)".utf8))
    }

    /// Erases the progress line (before other output, and at the end).
    func clear() {
        guard enabled else { return }
        FileHandle.standardError.write(Data("\r\u{1B}[K".utf8))
    }
}
