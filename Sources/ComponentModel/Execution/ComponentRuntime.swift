import CanonicalABI
import WasmCore

/// The embedder's side of running components: one Canonical ABI store (tasks, threads, the `tick`
/// loop) over one core store (the interpreter's functions, memories, tables, globals).
///
/// Spec: CanonicalABI.md#embedding — `Store.invoke`, `Store.lift`, `Store.lower`, `Store.tick`;
/// Explainer.md#instance-definitions — instantiation.
///
/// Entry points: `instantiate` a validated component with named imports, look up an export on the
/// instance it returns, and `invoke` an exported function with Canonical ABI values. A trap comes
/// back as `ComponentTrap` (its site says which definition fired); linking errors as `WasmError`
/// of kind `unlinkable`.
public final class ComponentRuntime {
    /// Spec: CanonicalABI.md#embedding — `Store`.
    public let store: CanonicalABI.Store
    /// The core store every core module instance of every component lives in.
    public let coreStore: WasmCore.Store
    /// The instance that stands for the host: the implementer of host resource types (their
    /// destructors run "in" it) and never entered by wasm.
    public let hostInstance: CanonicalABI.ComponentInstance
    /// Called with the name of each canon definition entered (`canon lift f`, `canon lower g`,
    /// `resource.new`, ...), for `cmref run --trace`.
    public var trace: ((String) -> Void)?
    /// Called as each destructor of a resource type defined by a component starts, with the type and the
    /// rep it is given: what a runtime reports as "destructor calls" (Docs/observations.md, `dtors:`).
    public var destructorCalled: ((CanonicalABI.ResourceType, UInt32) -> Void)?
    /// The most steps one top-level `invoke` or `instantiate` may take (`nil`: unbounded): a step is an
    /// entry into core code (a lifted function, a callback, `realloc`, a start function), a call of a
    /// canon built-in from core code, or a scheduler tick. Core fuel bounds each core invocation on its
    /// own; this bounds their number, so a loop of host calls or a callback that yields forever ends as
    /// `fuel exhausted` instead of running without end.
    public var maxSteps: Int? {
        get { steps.limit }
        set { steps.limit = newValue }
    }
    let steps = StepBudget()

    /// The most `Store.tick`s one `invoke` may run before the call counts as one that cannot
    /// resolve (DESIGN.md principle 5: a call that yields forever ends as an error, not a hang).
    public var maxTicksPerInvoke = 1_000_000

    /// One `ABIMemory` per core memory, so that the Canonical ABI's memory identity
    /// (`LiftOptions.equal`) is the core memory's identity.
    var memoryViews: [ObjectIdentifier: CoreMemoryView] = [:]

    public init(bounds: WasmCore.Store.Bounds = WasmCore.Store.Bounds(), seed: UInt64 = 0) {
        self.store = CanonicalABI.Store(deterministicProfile: true, seed: seed, scheduling: .inOrder)
        self.coreStore = WasmCore.Store(bounds: bounds)
        self.hostInstance = CanonicalABI.ComponentInstance(store)
    }

    // MARK: - Instantiation

    /// Spec: Explainer.md#instance-definitions — instantiates a (validated) component with the given
    /// imports, by name. The host is its parent (`parent = None`).
    ///
    /// Throws `WasmError(.unlinkable)` when an import is missing or of the wrong sort or type, and
    /// `ComponentTrap` when instantiation traps (a core start function, a segment out of bounds, a
    /// component start function).
    public func instantiate(_ definition: ComponentDefinition, imports: [String: ComponentExtern]) throws -> ComponentInstanceValue {
        try checkNotTornDown()
        steps.used = 0
        let state = CanonicalABI.ComponentInstance(store)
        defer { abandonUnenterableThreads() }
        do {
            return try instantiateComponent(definition, arguments: imports, state: state)
        } catch {
            // Nothing can reach an instance that failed to instantiate: its threads can never run again.
            abandonThreads(of: state)
            throw ComponentTrap.from(error) ?? error
        }
    }

    /// Instantiates a top-level component given as syntax (a shorthand for `ComponentDefinition`).
    public func instantiate(_ component: Component, imports: [String: ComponentExtern] = [:]) throws -> ComponentInstanceValue {
        try instantiate(ComponentDefinition(component), imports: imports)
    }

    // MARK: - Calls

    /// Calls a component function from the host with Canonical ABI values and returns its results.
    ///
    /// Spec: CanonicalABI.md#embedding — `Store.invoke` with `caller = None`; then, while the call has
    /// not resolved (an async export waiting on something), `Store.tick` runs ready threads, one at
    /// a time (in order: `Scheduling.inOrder`). A call that cannot make progress, or has not resolved
    /// after `maxTicksPerInvoke` ticks, ends as `ComponentTrap(.unresolved)`.
    public func invoke(_ function: ComponentFunc, _ arguments: [CanonicalABI.Value]) throws -> [CanonicalABI.Value] {
        final class Outcome { var resolved = false; var results: [CanonicalABI.Value]? }
        let outcome = Outcome()
        try checkNotTornDown()
        steps.used = 0
        defer { abandonUnenterableThreads() }
        do {
            _ = try store.invoke(
                function.call,
                { arguments },
                { results in outcome.resolved = true; outcome.results = results })
            var ticks = 0
            while !outcome.resolved {
                discardUnenterableThreads()
                guard store.waiting.contains(where: { $0.ready() }) else {
                    throw ComponentTrap(.unresolved("the call to `\(function.name)` did not resolve and no thread can run"))
                }
                try steps.spend()
                ticks += 1
                guard ticks <= maxTicksPerInvoke else {
                    throw ComponentTrap(.unresolved("the call to `\(function.name)` did not resolve within \(maxTicksPerInvoke) scheduling steps"))
                }
                try store.tick()
            }
        } catch {
            discardUnenterableThreads()
            throw ComponentTrap.from(error) ?? error
        }
        guard let results = outcome.results else {
            throw ComponentTrap(.unresolved("the call to `\(function.name)` was cancelled"))
        }
        return results
    }

    /// Drops the waiting threads of instances a trap left entered: they can never be resumed
    /// (`Store.tick` enters a thread's instance from the host, which a trapped instance refuses).
    /// Swift differs: definitions.py stops at the first trap; a script goes on with the same store.
    func discardUnenterableThreads() {
        store.waiting.removeAll { !$0.task.inst.mayEnterFrom(nil) }
    }

    // MARK: - Teardown (Docs/execution.md, "Abandoned continuations")

    /// Abandons (`Store.abandonThreads`) the threads a top-level call or instantiation leaves behind in
    /// instances a trap left entered, and the host calls such instances made: no tick can enter them
    /// again, so nothing can ever resume those threads. Runs with no thread running (after the call).
    func abandonUnenterableThreads() {
        store.abandonThreads { thread in
            owners(of: thread).contains { !$0.mayEnter }
        }
    }

    /// Abandons every thread of a top-level instance the embedder drops (its children's, and the host
    /// calls any of them made, included): call it once nothing will call the instance again.
    public func abandonThreads(of instance: CanonicalABI.ComponentInstance) {
        store.abandonThreads { thread in owners(of: thread).contains { $0 === instance } }
    }

    /// Abandons every thread of the store; the runtime must not be used afterwards. Call it when the
    /// embedder drops the runtime (the end of a script, of `cmref run`).
    public func tearDown() {
        tornDown = true
        store.tearDown()
    }
    /// Set by `tearDown`: later calls and instantiations are refused.
    private(set) var tornDown = false

    /// Refuses to run anything in a runtime that was torn down.
    func checkNotTornDown() throws {
        if tornDown { throw WasmError(.usage, "the component runtime was torn down") }
    }

    /// The instances a thread depends on: its task's instance and ancestors, and for a host call's
    /// thread, those of the instance that called it.
    func owners(of thread: CanonicalABI.Thread) -> [CanonicalABI.ComponentInstance] {
        var result: [CanonicalABI.ComponentInstance] = []
        var next: CanonicalABI.ComponentInstance? = thread.task.inst
        while let inst = next, result.count < 1 << 16 {
            let chain = inst.selfAndAncestors()
            result += chain
            next = chain.last?.hostCallCaller
        }
        return result
    }

    // MARK: - Host definitions

    /// A resource type implemented by the host, with an optional destructor receiving the rep.
    /// Spec: CanonicalABI.md#resource-state — `ResourceType(impl, dtor)`, with the host's instance as `impl`.
    public func hostResource(_ name: String, destructor: ((UInt32) throws -> Void)? = nil) -> CanonicalABI.ResourceType {
        let dtor: CoreFuncInst? = destructor.map { body in
            { args in
                guard case .i32(let rep)? = args.first else { throw CanonicalABIMisuse("destructor takes one i32") }
                try body(rep)
                return []
            }
        }
        return CanonicalABI.ResourceType(hostInstance, dtor, name: name)
    }

    /// The `ABIMemory` view of a core memory (one per memory).
    func memoryView(_ m: MemoryInstance) -> CoreMemoryView {
        if let v = memoryViews[ObjectIdentifier(m)] { return v }
        let v = CoreMemoryView(m)
        memoryViews[ObjectIdentifier(m)] = v
        return v
    }
}

/// The steps a top-level call has taken against `ComponentRuntime.maxSteps`.
final class StepBudget {
    var limit: Int?
    var used = 0

    /// Counts one step; throws `fuel exhausted` (an exhaustion) past the limit.
    func spend() throws {
        used += 1
        if let limit, used > limit {
            throw WasmError(.exhaustion, "fuel exhausted: more than \(limit) core calls, built-in calls and scheduler steps in one call")
        }
    }
}
