import ComponentModel
import WasmCore

/// Runs scripts command by command and records a verdict for each.
///
/// Every command's module or component is checked statically first (decoded or parsed, then
/// validated); `assert_malformed` and `assert_invalid` are decided there. In static mode (no
/// engine), a command whose module or component passes that check passes, and commands without
/// one (actions, `register`, instances) are skipped. With an engine, the rest goes to the engine.
public struct ScriptRunner {
    /// The features core scripts run with, unless a file's own RUN line says otherwise.
    public var features: Features
    /// The features of component scripts without a RUN line (see `ScriptConventions`).
    public var componentFeatures: Features = .componentModelSuite
    /// Makes the execution engine for each file; `nil` runs statically.
    public var engineFactory: ScriptEngineFactory?
    /// Called with every module that decodes or parses (before validation).
    public var onModule: ((ScriptModule, Module) -> Void)?
    /// Called with every component that decodes or parses (before validation).
    public var onComponent: ((ScriptComponent, Component) -> Void)?

    public init(features: Features = .wasm2, engineFactory: ScriptEngineFactory? = nil) {
        self.features = features
        self.engineFactory = engineFactory
    }

    /// Reads, parses and runs one script file, with the conventions its text calls for
    /// (`ScriptConventions`: the features of its `;; RUN:` line, ...). A command that does not parse
    /// fails on its own and the rest of the script runs; a script that cannot be read, lexed or
    /// balanced yields one failed record (command `script`) at the place of the error.
    public func run(file: String) -> [CommandRecord] {
        let script: Script
        let conventions: ScriptConventions
        do {
            let source = try InputFile.read(file)
            conventions = try ScriptConventions.of(source, features: features, componentFeatures: componentFeatures)
            script = try ScriptParser.parse(source, file: file, features: conventions.features, legacyIndices: conventions.legacyIndices,
                                            recovering: true)
        } catch {
            let e = ModulePipeline.asWasmError(error)
            var line = 1
            if case .text(let l, _) = e.location { line = l }
            return [CommandRecord(file: file, line: line, command: "script", outcome: .failed,
                                  message: "expected a script, got \(Expectation.describe(e))")]
        }
        return run(script, conventions: conventions)
    }

    /// Runs a parsed script, with `features` (default: the runner's) and the core conventions.
    public func run(_ script: Script, features: Features? = nil) -> [CommandRecord] {
        run(script, conventions: ScriptConventions(features: features ?? self.features))
    }

    /// Runs a parsed script under `conventions`.
    public func run(_ script: Script, conventions: ScriptConventions) -> [CommandRecord] {
        var engine = conventions.validateOnly ? nil : engineFactory?(conventions.features, script.file)
        var checker = StaticChecker(conventions: conventions)
        checker.modules.onDecoded = onModule
        checker.components.onDecoded = onComponent
        let records = script.commands.map { command in
            let verdict = checker.check(command, engine: &engine)
            return CommandRecord(file: script.file, line: command.line, command: command.kind.keyword, verdict: verdict)
        }
        engine?.finish()
        return records
    }
}

/// The static half of a run, per file: the module and component pipelines under the file's
/// conventions, and the decisions on `assert_malformed` and `assert_invalid`.
struct StaticChecker {
    let conventions: ScriptConventions
    var modules: ModulePipeline
    var components: ComponentPipeline

    init(conventions: ScriptConventions) {
        self.conventions = conventions
        modules = ModulePipeline(features: conventions.features)
        components = ComponentPipeline(features: conventions.features, legacyIndices: conventions.legacyIndices)
    }

    /// Decides one command: the static check of its module, then the engine if there is one.
    func check(_ command: Command, engine: inout (any ScriptEngine)?) -> Verdict {
        switch command.kind {
        case .assertMalformed(let m, let failure):
            return expectRejection(by: .malformed, failure: failure, of: "module", modules.load(m).map { _ in () })
        case .assertInvalid(let m, let failure):
            return expectRejection(by: .invalid, failure: failure, of: "module", modules.load(m).map { _ in () })
        case .component(let c):
            return check(c, line: command.line, engine: &engine)
        case .unparsable(_, let e):
            return .failed("expected a command, got \(Expectation.describe(e))")
        default:
            break
        }
        var module: Module?
        if let m = command.kind.module {
            switch modules.load(m) {
            case .success(let loaded): module = loaded
            case .failure(let e): return .failed("expected a valid module, got \(Expectation.describe(e))")
            }
        }
        if var running = engine {
            defer { engine = running }
            return running.execute(command, module: module)
        }
        return module != nil ? .passed : .skipped("not run: no execution (static check only)")
    }

    /// Decides one component command: `assert_malformed` and `assert_invalid` here; the rest must
    /// carry a valid component (if any), then goes to the engine if there is one.
    func check(_ command: ComponentCommand, line: Int, engine: inout (any ScriptEngine)?) -> Verdict {
        switch command {
        case .assertMalformed(let c, let failure):
            return expectRejection(by: .malformed, failure: failure, of: "component", components.load(c).map { _ in () })
        case .assertInvalid(let c, let failure):
            return expectRejection(by: .invalid, failure: failure, of: "component", components.load(c).map { _ in () })
        default:
            break
        }
        var component: LoadedComponent?
        if let c = command.component {
            switch components.load(c) {
            case .success(let loaded): component = loaded
            case .failure(let e): return .failed("expected a valid component, got \(Expectation.describe(e))")
            }
        }
        if var running = engine {
            defer { engine = running }
            return running.execute(command, component: component, line: line)
        }
        // A valid component whose instantiation is asserted to trap: only running it decides.
        if case .assertInstantiationTrap = command { return .skipped("not run: the component is valid; its trap needs execution") }
        return component != nil ? .passed : .skipped("not run: no execution (static check only)")
    }

    /// The prefix of the failure message of an assertion rejected with another message than the one
    /// expected (so a report can count these apart).
    static let differentMessage = "rejected, but with a different message"

    /// `assert_malformed` and `assert_invalid`: the input must be rejected by the stage of `kind`,
    /// with a message the file's conventions accept.
    func expectRejection(by kind: WasmError.Kind, failure: String, of what: String, _ result: Result<Void, WasmError>) -> Verdict {
        let expected = "expected \(kind.rawValue) \"\(failure)\""
        switch result {
        case .success:
            return .failed("\(expected), got a valid \(what)")
        case .failure(let e) where e.kind == kind:
            if conventions.messageMatching.matches(expected: failure, actual: e.message) { return .passed }
            // Core scripts keep their report lines as they were; suites matched loosely say it apart.
            let prefix = conventions.messageMatching == .prefix ? "" : "\(Self.differentMessage): "
            return .failed("\(prefix)\(expected), got \(Expectation.describe(e))")
        case .failure(let e):
            return .failed("\(expected), got \(Expectation.describe(e))")
        }
    }
}

extension CommandRecord {
    /// A record of a verdict (not yet adjusted by the expected-failures list).
    init(file: String, line: Int, command: String, verdict: Verdict) {
        switch verdict {
        case .passed: self.init(file: file, line: line, command: command, outcome: .passed, message: "")
        case .failed(let m): self.init(file: file, line: line, command: command, outcome: .failed, message: m)
        case .skipped(let m): self.init(file: file, line: line, command: command, outcome: .skipped, message: m)
        }
    }
}
