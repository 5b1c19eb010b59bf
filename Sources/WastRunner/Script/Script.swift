import WasmCore

/// A parsed `.wast` script: its commands in order, each with the line it starts on.
///
/// Spec: the reference interpreter's README, "Scripts" — `script: cmd*`.
public struct Script: Sendable {
    /// The file the script was read from (as given), used in every report line.
    public var file: String
    public var commands: [Command]

    public init(file: String, commands: [Command]) {
        self.file = file
        self.commands = commands
    }
}

/// One script command and where it starts.
public struct Command: Sendable {
    public var kind: CommandKind
    /// The 1-based line of the command's opening parenthesis.
    public var line: Int
    /// The 1-based column of the command's opening parenthesis.
    public var column: Int

    public init(_ kind: CommandKind, line: Int, column: Int = 1) {
        self.kind = kind
        self.line = line
        self.column = column
    }
}

/// Spec: interpreter/README.md, "Scripts" — the commands of the core script format.
///
/// Component commands (`(component ...)`, component actions and assertions over components) are
/// `.component` (see `ComponentCommand`).
public enum CommandKind: Sendable {
    /// `(module $name? ...)`: define, validate and instantiate; `(module definition $name? ...)`
    /// defines without instantiating (then `isDefinition` is true).
    case module(ScriptModule)
    /// `(module instance $instance? $definition?)`: instantiate a module defined earlier.
    case instance(name: String?, definition: String?)
    /// `(register "name" $module?)`: make a module's exports importable under `name`.
    case register(as: String, module: String?)
    /// An action on its own: run it, ignore its results.
    case action(Action)
    /// `(assert_return action result*)`.
    case assertReturn(Action, [ResultPattern])
    /// `(assert_trap action "failure")`.
    case assertTrap(Action, failure: String)
    /// `(assert_trap module "failure")`: instantiation traps (in the start function or a segment).
    case assertModuleTrap(ScriptModule, failure: String)
    /// `(assert_exhaustion action "failure")`.
    case assertExhaustion(Action, failure: String)
    /// `(assert_exception action)`: the action throws a wasm exception that no handler catches.
    case assertException(Action)
    /// `(assert_malformed module "failure")`: decoding or parsing must fail.
    case assertMalformed(ScriptModule, failure: String)
    /// `(assert_invalid module "failure")`: validation must fail.
    case assertInvalid(ScriptModule, failure: String)
    /// `(assert_unlinkable module "failure")`: linking (import resolution) must fail.
    case assertUnlinkable(ScriptModule, failure: String)
    /// A component-model command.
    case component(ComponentCommand)
    /// A command that does not parse (`keyword` is its first word): it fails with `error`, and the
    /// script goes on with the next command.
    case unparsable(keyword: String, WasmError)

    /// The command's keyword, as written in scripts (`module`, `assert_return`, ...).
    public var keyword: String {
        switch self {
        case .module(let m): return m.isDefinition ? "module definition" : "module"
        case .instance: return "module instance"
        case .register: return "register"
        case .action(let a): return a.keyword
        case .assertReturn: return "assert_return"
        case .assertTrap, .assertModuleTrap: return "assert_trap"
        case .assertExhaustion: return "assert_exhaustion"
        case .assertException: return "assert_exception"
        case .assertMalformed: return "assert_malformed"
        case .assertInvalid: return "assert_invalid"
        case .assertUnlinkable: return "assert_unlinkable"
        case .component(let c): return c.keyword
        case .unparsable(let keyword, _): return keyword
        }
    }

    /// The module the command carries, if any.
    public var module: ScriptModule? {
        switch self {
        case .module(let m), .assertModuleTrap(let m, _), .assertMalformed(let m, _),
             .assertInvalid(let m, _), .assertUnlinkable(let m, _):
            return m
        default:
            return nil
        }
    }
}

/// A module as a script writes it: a name, whether it is only a definition, and its source.
public struct ScriptModule: Sendable {
    /// The `$name` given to the module (without its `$`), if any.
    public var name: String?
    /// `(module definition ...)`: defined but not instantiated.
    public var isDefinition: Bool
    public var source: ModuleSource
    /// The 1-based line of the module's `module` keyword (inside an assertion, not the assertion's
    /// line), as wasm-tools' `json-from-wast` numbers modules.
    public var line: Int

    public init(name: String? = nil, isDefinition: Bool = false, source: ModuleSource, line: Int = 1) {
        self.name = name
        self.isDefinition = isDefinition
        self.source = source
        self.line = line
    }
}

/// Spec: interpreter/README.md, "Scripts" — the three ways a script writes a module.
public enum ModuleSource: Sendable {
    /// A module in the text format, parsed when the script was read (a parse error is kept, to be
    /// reported by the command rather than failing the whole script).
    case text(Result<Module, WasmError>)
    /// `(module binary "..."*)`: the concatenated bytes, decoded when the command runs.
    case binary([UInt8])
    /// `(module quote "..."*)`: the concatenated text (as bytes, UTF-8 unchecked), parsed when the command runs.
    case quote([UInt8])
}

/// Spec: interpreter/README.md, "Scripts" — `action`.
public enum Action: Sendable {
    /// `(invoke $module? "name" const*)`.
    case invoke(module: String?, name: String, arguments: [ScriptValue])
    /// `(get $module? "name")`.
    case get(module: String?, name: String)

    public var keyword: String {
        switch self {
        case .invoke: return "invoke"
        case .get: return "get"
        }
    }
}
