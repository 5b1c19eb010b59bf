import CanonicalABI
import WasmCore

// Spec: Explainer.md#index-spaces — the runtime values of the component index spaces: what a
// definition, an import or an export of each sort is once a component runs. The host provides its
// imports as these values, and instantiation hands its exports back as these values.

/// A component function: its Canonical ABI type and its function instance (the spec's `FuncInst`:
/// called with `on_start`, `on_resolve` and the caller's instance).
///
/// Functions lifted by `canon lift` are made by `Store.lift`; host functions are closures of the same
/// shape (see `ComponentFunc.host`).
public final class ComponentFunc {
    /// Spec: CanonicalABI.md — `FuncType`: the function's parameter and result types.
    public let type: CanonicalABI.FuncType
    /// Spec: CanonicalABI.md#tasks — `FuncInst`.
    public let call: CanonicalABI.FuncInst
    /// A name for traces and messages (the export or import name it was made under, if any).
    public let name: String

    public init(type: CanonicalABI.FuncType, name: String = "", _ call: @escaping CanonicalABI.FuncInst) {
        self.type = type
        self.name = name
        self.call = call
    }

    /// A synchronous host function: receives its lifted arguments, returns its results (which the
    /// caller's `canon lower` lowers). Throwing ends the call as a trap.
    ///
    /// Spec: CanonicalABI.md#tasks — a host `FuncInst` calls `on_start()` for its arguments and
    /// `on_resolve(results)` once, before returning.
    public static func host(
        _ name: String, _ type: CanonicalABI.FuncType,
        _ body: @escaping ([CanonicalABI.Value]) throws -> [CanonicalABI.Value]
    ) -> ComponentFunc {
        ComponentFunc(type: type, name: name) { onStart, onResolve, _ in
            let args = try onStart()
            let results = try body(args)
            try onResolve(results)
            return { _ in }
        }
    }
}

/// What the component type index space holds at run time.
///
/// Value and function types are CanonicalABI's types with every resource resolved to its runtime
/// `ResourceType` (fresh for each instance that defines it, Explainer.md#resource-types).
/// Component and instance types are only checked statically (validation), so they are kept opaque.
public enum RuntimeType {
    case value(CanonicalABI.ValType)
    case function(CanonicalABI.FuncType)
    case resource(CanonicalABI.ResourceType)
    /// A component type (its declarations are a static matter).
    case component
    /// An instance type: its declarations and the scope they were written in, so an import of this
    /// type can be checked against the instance provided (linking).
    case instance(InstanceTypeDeclarations)
}

/// The declarations of an instance type, with the scope they were written in (for outer aliases).
public struct InstanceTypeDeclarations {
    let declarations: [Declaration]
    let scope: InstanceFrame
}

/// A core instance: its exports by name, in order. Made by instantiating a core module or by
/// bundling core definitions (`(core instance (export ...)*)`).
public struct CoreInstanceValue {
    public var exports: [(name: String, value: CoreExtern)]

    public init(exports: [(name: String, value: CoreExtern)]) { self.exports = exports }

    /// The export of a name (names compare by their UTF-8 bytes).
    public func export(_ name: String) -> CoreExtern? {
        exports.first { $0.name.utf8.elementsEqual(name.utf8) }?.value
    }
}

/// A core extern value: WasmCore's extern values, plus tags (which WasmCore does not run yet).
public enum CoreExtern {
    case core(WasmCore.ExternalValue)
    /// A tag: exception handling is not implemented by the interpreter; kept so linking can name it.
    case tag

    public var kindName: String {
        switch self {
        case .core(let v): return v.kindName
        case .tag: return "tag"
        }
    }
}

/// A component instance at run time: its exports by name, in order, and the Canonical ABI state of
/// the instance that made them (nil for an instance bundled from inline exports, or made by the host).
public final class ComponentInstanceValue {
    public let exports: [(name: String, value: ComponentExtern)]
    /// Spec: CanonicalABI.md#component-instances — the instance's `ComponentInstance` (handle tables,
    /// `may_enter`/`may_leave`, parent).
    public let state: CanonicalABI.ComponentInstance?

    public init(exports: [(name: String, value: ComponentExtern)], state: CanonicalABI.ComponentInstance? = nil) {
        self.exports = exports
        self.state = state
    }

    /// The export of a name, if any (names compare by their UTF-8 bytes).
    public func export(_ name: String) -> ComponentExtern? {
        exports.first { $0.name.utf8.elementsEqual(name.utf8) }?.value
    }

    /// The function exported under a name, if there is one.
    public func function(_ name: String) -> ComponentFunc? {
        if case .function(let f)? = export(name) { return f }
        return nil
    }
}

/// A component (not yet instantiated): its syntax and the scope it was defined in, which its outer
/// aliases read (Explainer.md#alias-definitions: outer aliases see the enclosing component's
/// definitions, and only types, modules and components, which are fixed once defined).
public final class ComponentDefinition {
    public let syntax: Component
    /// The enclosing component's index spaces (nil for a component the host defined).
    let enclosing: InstanceFrame?

    /// A top-level component: the caller has validated it.
    public init(_ syntax: Component) {
        self.syntax = syntax
        self.enclosing = nil
    }

    init(_ syntax: Component, enclosing: InstanceFrame?) {
        self.syntax = syntax
        self.enclosing = enclosing
    }
}

/// A value of one of the component index spaces: what imports take and exports give.
/// Spec: Explainer.md#index-spaces — the sorts `func`, `value`, `type`, `component`, `instance`, `core module`.
public enum ComponentExtern {
    case function(ComponentFunc)
    /// 🪙 A component value with its type.
    case value(CanonicalABI.Value, CanonicalABI.ValType)
    case type(RuntimeType)
    case component(ComponentDefinition)
    case instance(ComponentInstanceValue)
    case coreModule(WasmCore.Module)

    /// The sort's name, as wasm-tools writes it in messages.
    public var kindName: String {
        switch self {
        case .function: return "func"
        case .value: return "value"
        case .type: return "type"
        case .component: return "component"
        case .instance: return "instance"
        case .coreModule: return "module"
        }
    }
}

/// A trap that ended a component call or instantiation, with its site.
///
/// DESIGN.md principle 4: a Canonical ABI trap names its definition and condition
/// (`lift_own: h.num_lends != 0`); a core trap keeps the interpreter's error (its kind is `trap` or
/// `exhaustion`); a host function names its own reason. The wording the suites expect for each site
/// is a separate map (see Docs/execution.md).
public struct ComponentTrap: Error, CustomStringConvertible {
    public enum Site {
        /// A trap of a Canonical ABI definition.
        case canonicalABI(CanonicalABITrap)
        /// A trap (or exhaustion) of core WebAssembly code.
        case core(WasmError)
        /// A host function failed for the given reason.
        case host(String)
        /// The call could not resolve: no thread is ready to run and the call has not returned.
        case unresolved(String)
        /// The Canonical ABI was used against its invariants (not a spec trap; a bug or a bad host value).
        case misuse(String)
    }

    public var site: Site

    public init(_ site: Site) { self.site = site }

    public var description: String {
        switch site {
        case .canonicalABI(let t): return "trap: \(t.definition): \(t.condition)"
        case .core(let e): return "\(e.kind.rawValue): \(e.message)"
        case .host(let m): return "trap: host: \(m)"
        case .unresolved(let m): return "trap: unresolved: \(m)"
        case .misuse(let m): return "trap: misuse: \(m)"
        }
    }

    /// The error as a trap, if it is one (CanonicalABI traps and misuse, core traps and exhaustion).
    /// Other errors (malformed, invalid, unlinkable) are not traps: nil.
    public static func from(_ error: Error) -> ComponentTrap? {
        switch error {
        case let t as ComponentTrap: return t
        case let t as CanonicalABITrap: return ComponentTrap(.canonicalABI(t))
        case let m as CanonicalABIMisuse: return ComponentTrap(.misuse(m.message))
        case let e as WasmError where e.kind == .trap || e.kind == .exhaustion: return ComponentTrap(.core(e))
        case let e as CoreWebAssemblyException: return ComponentTrap(.host(e.message))
        case let e as WasmException: return ComponentTrap(.host(e.description))
        default: return nil
        }
    }
}
