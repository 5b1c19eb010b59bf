import ComponentModel
import WasmCore

/// The component commands of a script, as the component-model and wasm-tools suites write them.
///
/// See ../shared/testsuite/SOURCES.md: `(component definition $D ...)` defines without
/// instantiating, `(component instance $i $D)` instantiates, and a plain `(component ...)` is
/// defined, instantiated and becomes the target of later `invoke`s. Component actions take
/// component value literals (`ComponentValueLiteral`), not core constants.
public enum ComponentCommand: Sendable {
    /// `(component $name? ...)`, or `(component definition $name? ...)` when `isDefinition`.
    case component(ScriptComponent)
    /// `(component instance $instance? $definition)`: instantiate a definition.
    case instance(name: String?, definition: String?)
    /// A component `invoke` on its own: run it, ignore its results.
    case action(ComponentAction)
    /// `(assert_return (invoke ...) result*)`.
    case assertReturn(ComponentAction, [ComponentValueLiteral])
    /// `(assert_trap (invoke ...) "failure")`.
    case assertTrap(ComponentAction, failure: String)
    /// `(assert_exhaustion (invoke ...) "failure")`: the call runs out of stack or fuel.
    case assertExhaustion(ComponentAction, failure: String)
    /// `(assert_trap (component ...) "failure")`: instantiation traps.
    case assertInstantiationTrap(ScriptComponent, failure: String)
    /// `(assert_malformed (component binary|quote ...) "failure")`: decoding or parsing must fail.
    case assertMalformed(ScriptComponent, failure: String)
    /// `(assert_invalid (component ...) "failure")`: validation must fail.
    case assertInvalid(ScriptComponent, failure: String)
    /// `(assert_unlinkable (component ...) "failure")`: instantiation must fail to link.
    case assertUnlinkable(ScriptComponent, failure: String)

    /// The command's keyword, as written in scripts.
    public var keyword: String {
        switch self {
        case .component(let c): return c.isDefinition ? "component definition" : "component"
        case .instance: return "component instance"
        case .action: return "invoke"
        case .assertReturn: return "assert_return"
        case .assertTrap, .assertInstantiationTrap: return "assert_trap"
        case .assertExhaustion: return "assert_exhaustion"
        case .assertMalformed: return "assert_malformed"
        case .assertInvalid: return "assert_invalid"
        case .assertUnlinkable: return "assert_unlinkable"
        }
    }

    /// The component the command carries, if any.
    public var component: ScriptComponent? {
        switch self {
        case .component(let c), .assertInstantiationTrap(let c, _), .assertMalformed(let c, _),
             .assertInvalid(let c, _), .assertUnlinkable(let c, _):
            return c
        case .instance, .action, .assertReturn, .assertTrap, .assertExhaustion:
            return nil
        }
    }

    /// Whether the command needs a component engine (instantiation or a call), beyond the static
    /// checks of parsing, decoding and validation.
    public var needsExecution: Bool {
        switch self {
        case .component(let c): return !c.isDefinition
        case .instance, .action, .assertReturn, .assertTrap, .assertExhaustion, .assertInstantiationTrap, .assertUnlinkable:
            return true
        case .assertMalformed, .assertInvalid: return false
        }
    }
}

/// A component as a script writes it: a name, whether it is only a definition, and its source.
public struct ScriptComponent: Sendable {
    /// The `$name` given to the component (without its `$`), if any.
    public var name: String?
    /// `(component definition ...)`: defined but not instantiated.
    public var isDefinition: Bool
    public var source: ComponentSource
    /// The 1-based line of the `component` keyword (inside an assertion, not the assertion's line).
    public var line: Int

    public init(name: String? = nil, isDefinition: Bool = false, source: ComponentSource, line: Int = 1) {
        self.name = name
        self.isDefinition = isDefinition
        self.source = source
        self.line = line
    }
}

/// The three ways a script writes a component.
public enum ComponentSource: Sendable {
    /// A component in the text format, parsed when the script was read (a parse error is kept, to be
    /// reported by the command rather than failing the whole script).
    case text(Result<Component, WasmError>)
    /// `(component binary "..."*)`: the concatenated bytes, decoded when the command runs.
    case binary([UInt8])
    /// `(component quote "..."*)`: the quoted strings joined by spaces (as wasm-tools joins them),
    /// parsed when the command runs.
    case quote([UInt8])
}

/// `(invoke $instance? "name" value*)` over a component instance.
public struct ComponentAction: Sendable {
    /// The instance named, or `nil` for the most recent one.
    public var instance: String?
    /// The export to call.
    public var name: String
    public var arguments: [ComponentValueLiteral]

    public init(instance: String? = nil, name: String, arguments: [ComponentValueLiteral]) {
        self.instance = instance
        self.name = name
        self.arguments = arguments
    }
}
