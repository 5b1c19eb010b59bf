import WasmCore

/// Runs scripts command by command and records a verdict for each.
///
/// Every command's module is checked statically first (decoded or parsed, then validated);
/// `assert_malformed` and `assert_invalid` are decided there. In static mode, or while no
/// execution engine is given, a command whose module passes that check passes, and commands
/// without a module (actions, `register`, `module instance`) are skipped.
public struct ScriptRunner {
    /// The features scripts run with, unless a file's own settings say otherwise.
    public var features: Features
    /// Makes the execution engine for each file; `nil` runs statically.
    public var engineFactory: ScriptEngineFactory?
    /// Called with every module that decodes or parses (before validation).
    public var onModule: ((ScriptModule, Module) -> Void)?

    public init(features: Features = .wasm2, engineFactory: ScriptEngineFactory? = nil) {
        self.features = features
        self.engineFactory = engineFactory
    }

    /// Reads, parses and runs one script file, with the features of its `;; RUN:` line if it has
    /// one. A script that cannot be read or parsed yields one failed record (command `script`) at
    /// the place of the error.
    public func run(file: String) -> [CommandRecord] {
        let script: Script
        let fileFeatures: Features
        do {
            let source = try InputFile.read(file)
            fileFeatures = try RunLine.features(in: source, base: features)
            script = try ScriptParser.parse(source, file: file, features: fileFeatures)
        } catch {
            let e = ModulePipeline.asWasmError(error)
            var line = 1
            if case .text(let l, _) = e.location { line = l }
            return [CommandRecord(file: file, line: line, command: "script", outcome: .failed,
                                  message: "expected a script, got \(Expectation.describe(e))")]
        }
        return run(script, features: fileFeatures)
    }

    /// Runs a parsed script, with `features` (default: the runner's).
    public func run(_ script: Script, features: Features? = nil) -> [CommandRecord] {
        let features = features ?? self.features
        var engine = engineFactory?(features, script.file)
        var pipeline = ModulePipeline(features: features)
        pipeline.onDecoded = onModule
        return script.commands.map { command in
            let verdict = Self.check(command, pipeline: pipeline, engine: &engine)
            return CommandRecord(file: script.file, line: command.line, command: command.kind.keyword, verdict: verdict)
        }
    }

    /// Decides one command: the static check of its module, then the engine if there is one.
    static func check(_ command: Command, pipeline: ModulePipeline, engine: inout (any ScriptEngine)?) -> Verdict {
        switch command.kind {
        case .assertMalformed(let m, let failure):
            return expectRejection(of: m, by: .malformed, failure: failure, pipeline: pipeline)
        case .assertInvalid(let m, let failure):
            return expectRejection(of: m, by: .invalid, failure: failure, pipeline: pipeline)
        case .component:
            return .skipped("component commands are not supported yet")
        default:
            break
        }
        var module: Module?
        if let m = command.kind.module {
            switch pipeline.load(m) {
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

    /// `assert_malformed` and `assert_invalid`: the module must be rejected by the stage of `kind`,
    /// with an error message that starts with `failure`.
    static func expectRejection(of m: ScriptModule, by kind: WasmError.Kind, failure: String, pipeline: ModulePipeline) -> Verdict {
        let expected = "expected \(kind.rawValue) \"\(failure)\""
        switch pipeline.load(m) {
        case .success:
            return .failed("\(expected), got a valid module")
        case .failure(let e) where e.kind == kind && Expectation.matches(expected: failure, actual: e.message):
            return .passed
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
