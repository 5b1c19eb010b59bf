// `cmref check PATH... [--json] [--seed N] [--trace]`: runs YAML expectation files (Docs/yaml-formats.md).
// Register in the main command's `subcommands` as `CheckCommand.self`.
import ArgumentParser
import Foundation
import WastRunner

struct CheckCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "check",
    abstract: "Run YAML expectation files (ABI cases, scenarios): one line per failure and a closing count.",
    discussion: "Exit status: 0 all passed, 1 a case failed, 2 a usage error or a malformed file (file:line:column: message).")

  @Argument(help: "YAML files, or directories searched recursively for *.yaml.")
  var paths: [String] = []

  @Flag(help: "Print the result as one JSON object.")
  var json = false

  @OptionGroup var storeOptions: StoreOptions

  @Flag(help: "Also print each trap site (definition | condition) a passing case expected, with that case.")
  var trapSites = false

  func run() throws {
    guard !paths.isEmpty else { usage("give at least one PATH") }
    var options = CheckOptions(seed: storeOptions.seed)
    if storeOptions.trace { options.trace = { name, def in print("trace: \(name): \(def)") } }
    var result = CheckResult()
    do {
      for file in try ExpectationCheck.files(paths) {
        try ExpectationCheck.check(file: file, options: options, into: &result)
      }
    } catch let e as YAMLError {
      usage(e.description)
    }
    if json {
      print(jsonText(result))
    } else {
      for f in result.failures { print(f.description) }
      if trapSites { for (site, where_) in result.trapSites.sorted(by: { $0.key < $1.key }) { print("trap site: \(site)    ; \(where_)") } }
      print(result.summary)
    }
    if result.failed > 0 { throw ExitCode(1) }
  }

  /// Exit 2 with a message (the shared entry point maps every thrown error to 1).
  func usage(_ message: String) -> Never {
    FileHandle.standardError.write(Data(("cmref check: " + message + "\n").utf8))
    Foundation.exit(2)
  }

  func jsonText(_ r: CheckResult) -> String {
    let failures: [[String: Any]] = r.failures.map {
      ["file": $0.file, "line": $0.line, "case": $0.caseName, "spec": $0.spec, "expected": $0.expected, "got": $0.got]
    }
    let obj: [String: Any] = ["files": r.files, "passed": r.passed, "failed": r.failed, "failures": failures, "trapSites": r.trapSites]
    guard let data = try? JSONSerialization.data(withJSONObject: obj, options: [.sortedKeys]) else { return "{}" }
    return String(decoding: data, as: UTF8.self)
  }
}
