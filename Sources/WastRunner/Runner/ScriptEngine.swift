import WasmCore

/// The execution half of the script runner: instantiation, linking, actions, and the assertions over them.
///
/// The runner does the static half itself: it decodes or parses and validates the module of every
/// command, and decides `assert_malformed` and `assert_invalid` alone. Every other command then goes
/// to the engine, with its module already checked. One engine serves one script file, from its
/// first command to its last, so it keeps the file's instances and registrations.
public protocol ScriptEngine {
    /// Runs one command of the script.
    ///
    /// - Parameters:
    ///   - command: a `module`, `module instance`, `register`, action, `assert_return`, `assert_trap`,
    ///     `assert_exhaustion` or `assert_unlinkable` command.
    ///   - module: the command's module, decoded or parsed and validated (`nil` when the command carries none).
    mutating func execute(_ command: Command, module: Module?) -> Verdict
}

/// Makes a fresh engine for one script file, given the features the file runs with.
public typealias ScriptEngineFactory = (_ features: Features, _ file: String) -> any ScriptEngine
