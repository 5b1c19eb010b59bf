import WasmCore

/// The execution half of the script runner: instantiation, linking, actions, and the assertions over them.
///
/// The runner does the static half itself: it decodes or parses and validates the module or
/// component of every command, and decides `assert_malformed` and `assert_invalid` alone. Every
/// other command then goes to the engine, with its module or component already checked. One
/// engine serves one script file, from its first command to its last, so it keeps the file's
/// instances and registrations.
public protocol ScriptEngine {
    /// Runs one core command of the script.
    ///
    /// - Parameters:
    ///   - command: a `module`, `module instance`, `register`, action, `assert_return`, `assert_trap`,
    ///     `assert_exhaustion` or `assert_unlinkable` command.
    ///   - module: the command's module, decoded or parsed and validated (`nil` when the command carries none).
    mutating func execute(_ command: Command, module: Module?) -> Verdict

    /// Runs one component command of the script: `component`, `component definition` (to keep it
    /// for a later `component instance`), `component instance`, `invoke`, `assert_return`,
    /// `assert_trap` or `assert_unlinkable`.
    ///
    /// - Parameters:
    ///   - component: the command's component, decoded or parsed and validated (`nil` when the
    ///     command carries none).
    ///   - line: the command's line, for messages.
    ///
    /// The default implementation (an engine without components) passes a definition, which the
    /// runner has validated, and skips every command that needs execution.
    mutating func execute(_ command: ComponentCommand, component: LoadedComponent?, line: Int) -> Verdict

    /// Ends the script: the runner calls it after the last command, and uses the engine no more. An
    /// engine with component threads abandons them here (Docs/execution.md, "Abandoned continuations").
    /// The default does nothing.
    mutating func finish()
}

extension ScriptEngine {
    public mutating func execute(_ command: ComponentCommand, component: LoadedComponent?, line: Int) -> Verdict {
        if case .component(let c) = command, c.isDefinition { return .passed }
        return .skipped(Self.noComponentExecution)
    }

    public mutating func finish() {}

    /// Why an engine without component support skips a component command.
    public static var noComponentExecution: String { "not run: no component execution yet (validated only)" }
}

/// Makes a fresh engine for one script file, given the features the file runs with.
public typealias ScriptEngineFactory = (_ features: Features, _ file: String) -> any ScriptEngine
