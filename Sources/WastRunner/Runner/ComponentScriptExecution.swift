import CanonicalABI
import ComponentModel
import WasmCore
import Foundation

/// The component half of the script runner's engine: one `ComponentRuntime` per script file, its
/// component definitions and instances by name, and the assertions over instantiation and calls.
///
/// See ../shared/testsuite/SOURCES.md: `(component definition $D ...)` defines, `(component instance
/// $i $D)` instantiates, a plain `(component ...)` defines, instantiates and becomes the target of
/// later `invoke`s. Top-level components are instantiated with the conventional host imports.
final class ComponentScriptExecution {
    let runtime: ComponentRuntime
    /// The imports every top-level component may use, by name.
    var hostImports: [String: ComponentExtern] = [:]
    var definitions: [String: ComponentDefinition] = [:]
    var lastDefinition: ComponentDefinition?
    var instances: [String: ComponentInstanceValue] = [:]
    var current: ComponentInstanceValue?

    /// The steps one script command may take (`ComponentRuntime.maxSteps`): far more than any test
    /// needs, few enough that a component that never returns ends within seconds.
    static let maxSteps = 1 << 18
    /// The fuel of each core invocation in components (calls and taken backward branches): far more
    /// than any test's loops need, few enough that a loop that never ends stops within seconds.
    static let coreFuel = 1 << 26

    init(bounds: WasmCore.Store.Bounds) {
        var bounds = bounds
        bounds.fuel = min(bounds.fuel ?? .max, ComponentScriptExecution.coreFuel)
        runtime = ComponentRuntime(bounds: bounds)
        // A script command's scheduling budget: a call that yields forever ends within seconds.
        runtime.maxTicksPerInvoke = 1 << 16
        if ProcessInfo.processInfo.environment["CMREF_TRACE"] != nil {
            runtime.trace = { FileHandle.standardError.write(Data("trace: \($0)\n".utf8)) }
        }
        runtime.maxSteps = ComponentScriptExecution.maxSteps
        hostImports = (try? HostImports(runtime: runtime).imports) ?? [:]
    }

    func execute(_ command: ComponentCommand, component: LoadedComponent?, line: Int) -> Verdict {
        switch command {
        case .component(let c):
            guard let component else { return .failed("no component") }
            let definition = ComponentDefinition(component.component)
            if c.isDefinition {
                if let name = c.name { definitions[name] = definition }
                lastDefinition = definition
                return .passed
            }
            return instantiateAsCurrent(definition, name: c.name)

        case .instance(let name, let definitionName):
            let found = definitionName.map { definitions[$0] } ?? lastDefinition
            guard let definition = found else { return .failed("unknown component definition \(definitionName ?? "(last)")") }
            return instantiateAsCurrent(definition, name: name)

        case .action(let action):
            switch call(action) {
            case .success: return .passed
            case .failure(let e): return .failed("expected the call to complete, got \(describe(e))")
            }

        case .assertReturn(let action, let expected):
            switch call(action) {
            case .failure(let e):
                return .failed("expected \(expected.count) result(s), got \(describe(e))")
            case .success(let (results, types)):
                if let mismatch = componentResultsMismatch(results, expected, types) { return .failed(mismatch) }
                return .passed
            }

        case .assertTrap(let action, let failure):
            switch call(action) {
            case .success(let (results, types)):
                return .failed("expected trap \"\(failure)\", got (\(waveText(results, types)))")
            case .failure(let e):
                return expectTrap(failure, e)
            }

        case .assertExhaustion(let action, let failure):
            switch call(action) {
            case .success(let (results, types)):
                return .failed("expected exhaustion \"\(failure)\", got (\(waveText(results, types)))")
            case .failure(let e):
                guard let trap = e as? ComponentTrap, case .core(let core) = trap.site, core.kind == .exhaustion else {
                    return .failed("expected exhaustion \"\(failure)\", got \(describe(e))")
                }
                return expectTrap(failure, trap)
            }

        case .assertInstantiationTrap(_, let failure):
            guard let component else { return .failed("no component") }
            switch instantiate(ComponentDefinition(component.component)) {
            case .success(let instance):
                release(instance)
                return .failed("expected trap \"\(failure)\", got an instance")
            case .failure(let e): return expectTrap(failure, e)
            }

        case .assertUnlinkable(_, let failure):
            guard let component else { return .failed("no component") }
            switch instantiate(ComponentDefinition(component.component)) {
            case .success(let instance):
                release(instance)
                return .failed("expected unlinkable \"\(failure)\", got an instance")
            case .failure(let e as WasmError) where e.kind == .unlinkable: return .passed
            case .failure(let e): return .failed("expected unlinkable \"\(failure)\", got \(describe(e))")
            }

        case .assertMalformed, .assertInvalid:
            return .passed
        }
    }

    // MARK: - Instantiation and calls

    func instantiate(_ definition: ComponentDefinition) -> Result<ComponentInstanceValue, Error> {
        Result { try runtime.instantiate(definition, imports: hostImports) }
    }

    func instantiateAsCurrent(_ definition: ComponentDefinition, name: String?) -> Verdict {
        switch instantiate(definition) {
        case .success(let instance):
            let replaced = [current] + [name.flatMap { instances[$0] }]
            current = instance
            if let name { instances[name] = instance }
            for old in replaced { if let old { release(old) } }
            return .passed
        case .failure(let e):
            return .failed("expected instantiation, got \(describe(e))")
        }
    }

    /// Abandons the threads of an instance no later command can reach (neither `current` nor named):
    /// nothing can resume them, and each blocked one holds an OS thread (Docs/execution.md).
    func release(_ instance: ComponentInstanceValue) {
        guard let state = instance.state, current !== instance, !instances.values.contains(where: { $0 === instance }) else { return }
        runtime.abandonThreads(of: state)
    }

    /// The end of the script: abandons every thread of its store.
    func finish() {
        current = nil
        instances = [:]
        runtime.tearDown()
    }

    /// Runs an `invoke`: finds the export, converts the arguments to its parameter types, calls it.
    func call(_ action: ComponentAction) -> Result<([CanonicalABI.Value], [CanonicalABI.ValType]), Error> {
        Result {
            let instance: ComponentInstanceValue?
            if let name = action.instance { instance = instances[name] } else { instance = current }
            guard let instance else { throw WasmError(.usage, "unknown component instance \(action.instance ?? "(current)")") }
            guard let f = instance.function(action.name) else {
                throw WasmError(.usage, "no function export \"\(action.name)\"")
            }
            let args = try componentArguments(action.arguments, f.type, function: action.name)
            return (try runtime.invoke(f, args), f.type.result)
        }
    }

    func expectTrap(_ failure: String, _ error: Error) -> Verdict {
        guard let trap = error as? ComponentTrap else {
            return .failed("expected trap \"\(failure)\", got \(describe(error))")
        }
        return .passed.orFailure(unless: trapWordingMatches(trap, failure),
                                 "trap for the wrong reason: expected \"\(failure)\", got \(trap)\(trapWordingHint(trap))")
    }

    func describe(_ error: Error) -> String {
        if let e = error as? WasmError { return Expectation.describe(e) }
        return String(describing: error)
    }
}

extension Verdict {
    /// This verdict if `ok`, else a failure with `message`.
    func orFailure(unless ok: Bool, _ message: @autoclosure () -> String) -> Verdict { ok ? self : .failed(message()) }
}

extension ScriptExecution {
    public mutating func execute(_ command: ComponentCommand, component: LoadedComponent?, line: Int) -> Verdict {
        components.execute(command, component: component, line: line)
    }

    public mutating func finish() {
        components.finish()
    }
}
