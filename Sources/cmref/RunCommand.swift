import ArgumentParser
import CanonicalABI
import ComponentModel
import Foundation
import WasmCore
import WastRunner

/// `cmref run COMPONENT --invoke 'name(arg, ...)'`: instantiate a component with the host imports of the
/// component scripts and call one export with WAVE arguments, printing its results in WAVE.
struct RunCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "run",
    abstract: "Instantiate a component and call an export with WAVE arguments.",
    discussion: """
      The component (text or binary) is validated, then instantiated with the host imports component \
      scripts may use (`host-return-two`, the instance `host`). Results are printed in WAVE, one per line. \
      Exits 0 when the call returns, 1 when instantiation or the call traps, 2 on a usage, parse, \
      validation or linking error.
      """)

  @Argument(help: "The component: binary (starting with `\\0asm`) or text.")
  var file: String

  @Option(name: .long, help: ArgumentHelp("The call, e.g. `f(1, \"a\")`; `iface#f(...)` calls `f` of the exported instance `iface`.",
                                          valueName: "call"))
  var invoke: String?

  @Flag(name: .long, help: "Print each canon definition entered and, indented, the Canonical ABI definitions under it, to stderr.")
  var trace = false

  /// Features for decoding, parsing and validating (default: all, as component scripts run).
  @OptionGroup var featureOptions: FeatureOptions

  /// Exit statuses.
  static let ok: Int32 = 0, trapped: Int32 = 1, usage: Int32 = 2

  func run() throws {
    let status = execute(stdout: { print($0) }, stderr: { FileHandle.standardError.write(Data(($0 + "\n").utf8)) })
    if status != RunCommand.ok { Foundation.exit(status) }
  }

  /// Runs the command, writing results and errors through the given sinks; returns the exit status.
  func execute(stdout: (String) -> Void, stderr: @escaping (String) -> Void) -> Int32 {
    guard let invoke else {
      stderr("cmref run: missing --invoke 'name(arg, ...)'")
      return RunCommand.usage
    }
    let call: InvokeCall
    do { call = try InvokeCall(parsing: invoke) } catch {
      stderr("--invoke: \(error)")
      return RunCommand.usage
    }
    let loaded: LoadedComponent
    do {
      let features = featureOptions.features == nil ? Features.all : try featureOptions.resolved()
      guard let bytes = FileManager.default.contents(atPath: file) else { throw WasmError(.usage, "cannot read file", file: file) }
      // Anything starting with the magic is binary (a core module then fails as one, at its layer field).
      let source: ComponentSource = bytes.starts(with: [0x00, 0x61, 0x73, 0x6d]) ? .binary([UInt8](bytes)) : .quote([UInt8](bytes))
      loaded = try ComponentPipeline(features: features).load(ScriptComponent(source: source)).get()
    } catch let e as WasmError {
      stderr(e.file == nil ? e.inFile(file).description : e.description)
      return RunCommand.usage
    } catch {
      stderr("\(file): \(error)")
      return RunCommand.usage
    }

    let runtime = ComponentRuntime()
    // The run's end: unwind the threads the call left blocked (Docs/execution.md, "Abandoned continuations").
    defer { runtime.tearDown() }
    if trace {
      // The component level (canon definitions entered) and, indented, the Canonical ABI definitions under them.
      runtime.trace = { stderr("trace: \($0)") }
      runtime.store.trace = { stderr("trace:   \($0)") }
    }
    let instance: ComponentInstanceValue
    do {
      let host = try HostImports(runtime: runtime)
      instance = try runtime.instantiate(loaded.component, imports: host.imports)
    } catch {
      return report(error, "\(file): instantiation", stderr)
    }

    guard let function = call.function(in: instance) else {
      let names = instance.exports.compactMap { e -> String? in if case .function = e.value { return e.name }; return nil }
      stderr("--invoke: the component exports no function `\(call.name)`" + (names.isEmpty ? "" : " (it exports \(names.joined(separator: ", ")))"))
      return RunCommand.usage
    }
    let arguments: [CanonicalABI.Value]
    do { arguments = try call.arguments(for: function.type) } catch {
      stderr("--invoke: \(error)")
      return RunCommand.usage
    }
    do {
      let results = try runtime.invoke(function, arguments)
      for (v, t) in zip(results, function.type.result) { stdout(waveText(v, t)) }
      return RunCommand.ok
    } catch {
      return report(error, "\(file): `\(call.name)`", stderr)
    }
  }

  /// Reports an error of instantiation or of the call: a trap (status 1, with its site and wording) or a
  /// linking or usage error (status 2).
  func report(_ error: Error, _ what: String, _ stderr: (String) -> Void) -> Int32 {
    if let trap = ComponentTrap.from(error) {
      stderr("\(what) trapped: \(describeTrap(trap))")
      return RunCommand.trapped
    }
    stderr("\(what): \(error)")
    return RunCommand.usage
  }
}

/// An `--invoke` text: the export's name and the WAVE text of its arguments.
struct InvokeCall {
  var name: String
  /// The text between the parentheses.
  var argumentText: String

  init(parsing text: String) throws {
    let t = text.trimmingCharacters(in: .whitespaces)
    guard let open = t.firstIndex(of: "(") else {
      guard !t.isEmpty else { throw InvokeError("empty call") }
      name = t; argumentText = ""
      return
    }
    guard t.hasSuffix(")") else { throw InvokeError("1:\(t.count + 1): expected `)` at the end of the call") }
    name = t[..<open].trimmingCharacters(in: .whitespaces)
    guard !name.isEmpty else { throw InvokeError("1:1: expected a function name before `(`") }
    argumentText = String(t[t.index(after: open)..<t.index(before: t.endIndex)])
  }

  /// The export called: a function export, or `instance#function` of an exported instance.
  func function(in instance: ComponentInstanceValue) -> ComponentFunc? {
    if let f = instance.function(name) { return f }
    guard let hash = name.lastIndex(of: "#") else { return nil }
    guard case .instance(let inner)? = instance.export(String(name[..<hash])) else { return nil }
    return inner.function(String(name[name.index(after: hash)...]))
  }

  /// The arguments read as WAVE values of the parameter types (a tuple of them).
  func arguments(for ft: CanonicalABI.FuncType) throws -> [CanonicalABI.Value] {
    let types = ft.params.map { $0.1 }
    do {
      let tuple = try parseValue("(" + argumentText + ")", .tuple(types))
      guard case .record(let fields) = tuple else { throw InvokeError("arguments are not a tuple") }
      return fields.map(\.value)
    } catch let e as SyntaxError {
      // The offset counts from the `(` before the arguments: column 1 is the call's first character.
      throw InvokeError("1:\(e.offset + name.count + 1): \(e.message) (arguments of `\(name)`: \(ft.params.map { "\($0.0): \($0.1)" }.joined(separator: ", ")))")
    }
  }
}

struct InvokeError: Error, CustomStringConvertible {
  var description: String
  init(_ d: String) { description = d }
}

/// A trap as `cmref run` reports it: the site, and the wording the suites use for it (a `{}`
/// placeholder of the wording, which the suites fill with a number, shown as `…`).
func describeTrap(_ trap: ComponentTrap) -> String {
  if let words = acceptedTrapWordings(trap), let first = words.first, !first.isEmpty, !trap.description.hasSuffix(first) {
    return "\(trap) (\(first.replacingOccurrences(of: "{}", with: "…")))"
  }
  return trap.description
}

/// The exit status of an error the argument parser throws: `run` reports usage errors with 2.
func usageStatus(arguments: [String] = CommandLine.arguments) -> Int32 {
  arguments.dropFirst().first == "run" ? RunCommand.usage : 1
}
