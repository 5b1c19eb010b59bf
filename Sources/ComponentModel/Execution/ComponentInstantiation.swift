import CanonicalABI
import WasmCore

/// Spec: Explainer.md#instance-definitions — instantiating a component runs its definitions in
/// order, each appending to an index space of the new instance; the instance's exports are its
/// `export` definitions.
extension ComponentRuntime {
    /// Instantiates `definition` with `arguments` (by import name) as a child of `parent` (nil: the host).
    func instantiateComponent(
        _ definition: ComponentDefinition, arguments: [String: ComponentExtern], parent: CanonicalABI.ComponentInstance?
    ) throws -> ComponentInstanceValue {
        try instantiateComponent(definition, arguments: arguments, state: CanonicalABI.ComponentInstance(store, parent: parent))
    }

    /// Instantiates `definition` with `arguments` (by import name) into the instance state `state`.
    func instantiateComponent(
        _ definition: ComponentDefinition, arguments: [String: ComponentExtern], state: CanonicalABI.ComponentInstance
    ) throws -> ComponentInstanceValue {
        let frame = InstanceFrame(runtime: self, state: state, enclosing: definition.enclosing)
        for d in definition.syntax.definitions {
            try define(d, in: frame, arguments: arguments)
        }
        return ComponentInstanceValue(exports: frame.exports, state: state)
    }

    /// Runs one definition.
    func define(_ d: Definition, in frame: InstanceFrame, arguments: [String: ComponentExtern]) throws {
        switch d {
        case .custom:
            return
        case .coreModule(let m):
            frame.coreModules.append(m)
        case .coreInstance(let i):
            frame.coreInstances.append(try instantiateCore(i, in: frame))
        case .coreType(let t):
            frame.coreTypes.append(t)
        case .component(let c):
            frame.components.append(ComponentDefinition(c, enclosing: frame))
        case .instance(let i):
            frame.instances.append(try instantiate(i, in: frame))
        case .alias(let a):
            try alias(a, in: frame)
        case .type(let t):
            frame.types.append(try runtimeType(t, in: frame))
        case .canon(let c):
            try canon(c, in: frame)
        case .start(let s):
            try start(s, in: frame)
        case .import(let i):
            guard let value = arguments[i.name.name] else {
                throw linkError("missing import named `\(i.name.name)`")
            }
            try check(value, against: i.type, in: frame, name: i.name.name)
            try frame.push(value, as: i.type.sort)
        case .export(let e):
            let value = try frame.item(e.item)
            frame.exports.append((e.name.name, value))
            // An export also defines a new index (Explainer.md#import-and-export-definitions).
            try frame.push(value, as: e.item.sort)
        case .value:
            throw linkError("component value definitions are not supported yet")
        }
    }

    // MARK: - Core instances

    /// Spec: Explainer.md#instance-definitions — a core instance: instantiate a core module with
    /// the named core instances as its imports (through WasmCore), or bundle core definitions.
    func instantiateCore(_ i: CoreInstance, in frame: InstanceFrame) throws -> CoreInstanceValue {
        switch i {
        case .instantiate(let moduleIndex, let arguments):
            guard Int(moduleIndex) < frame.coreModules.count else { throw linkError("core module index \(moduleIndex) out of bounds") }
            let module = frame.coreModules[Int(moduleIndex)]
            var named: [String: CoreInstanceValue] = [:]
            for a in arguments {
                guard Int(a.index) < frame.coreInstances.count else { throw linkError("core instance index \(a.index) out of bounds") }
                named[a.name] = frame.coreInstances[Int(a.index)]
            }
            var externals: [ExternalValue] = []
            for imp in module.imports {
                guard let arg = named[imp.module] else {
                    throw linkError("missing module instantiation argument named `\(imp.module)`")
                }
                guard let value = arg.export(imp.name) else {
                    throw linkError("module instantiation argument `\(imp.module)` does not export an item named `\(imp.name)`")
                }
                guard case .core(let v) = value else {
                    throw linkError("tags are not supported by this interpreter (import `\(imp.module)` `\(imp.name)`)")
                }
                externals.append(v)
            }
            // A start function runs core code, which may call canon built-ins: run it as a task of
            // this instance (the spec does not model instantiation; this is the least it needs).
            let instance = module.start == nil
                ? try coreStore.instantiate(module, imports: externals)
                : try runAsTask(of: frame.state) { try self.coreStore.instantiate(module, imports: externals) }
            return CoreInstanceValue(exports: instance.exports.map { ($0.name, .core($0.value)) })
        case .exports(let list):
            return CoreInstanceValue(exports: try list.map { ($0.name, try frame.coreItem($0.sort, $0.index)) })
        }
    }

    /// Runs `body` as a synchronous function lifted into `inst` and called from the host
    /// (`Store.lift` + `Store.invoke` of a `func()`), so the canon built-ins it calls find
    /// `current_thread()` and `current_instance()`, and blocking follows `canon_lift`'s rule for a
    /// synchronous task (other ready threads of the instance may run; if none can, it traps).
    /// Spec: CanonicalABI.md#embedding, #canon-lift — definitions.py does not model instantiation;
    /// a start function runs as the least call that gives it a task.
    func runAsTask<T>(of inst: CanonicalABI.ComponentInstance, _ body: @escaping () throws -> T) throws -> T {
        var value: T? = nil
        let callee: CoreFuncInst = { _ in value = try body(); return [] }
        let f = store.lift(callee, CanonicalABI.FuncType([], []), CanonicalOptions(), inst)
        _ = try store.invoke(f, { [] }, { _ in })
        guard let value else { throw ComponentTrap(.unresolved("instantiation did not complete")) }
        return value
    }

    // MARK: - Component instances

    /// Spec: Explainer.md#instance-definitions — a component instance: instantiate a component with
    /// named arguments (this instance is the child's parent), or bundle component-level definitions.
    func instantiate(_ i: Instance, in frame: InstanceFrame) throws -> ComponentInstanceValue {
        switch i {
        case .instantiate(let componentIndex, let arguments):
            guard Int(componentIndex) < frame.components.count else {
                throw linkError("component index \(componentIndex) out of bounds")
            }
            var named: [String: ComponentExtern] = [:]
            for a in arguments { named[a.name] = try frame.item(a.item) }
            return try instantiateComponent(frame.components[Int(componentIndex)], arguments: named, parent: frame.state)
        case .exports(let list):
            return ComponentInstanceValue(exports: try list.map { ($0.name.name, try frame.item($0.item)) })
        }
    }

    // MARK: - Aliases

    /// Spec: Explainer.md#alias-definitions — an export of a component or core instance, or an
    /// outer definition (counted outwards from this component).
    func alias(_ a: Alias, in frame: InstanceFrame) throws {
        switch a.target {
        case .export(let instanceIndex, let name):
            guard Int(instanceIndex) < frame.instances.count else { throw linkError("instance index \(instanceIndex) out of bounds") }
            guard let value = frame.instances[Int(instanceIndex)].export(name) else {
                throw linkError("instance \(instanceIndex) has no export named `\(name)`")
            }
            try frame.push(value, as: a.sort)
        case .coreExport(let instanceIndex, let name):
            guard Int(instanceIndex) < frame.coreInstances.count else {
                throw linkError("core instance index \(instanceIndex) out of bounds")
            }
            guard let value = frame.coreInstances[Int(instanceIndex)].export(name) else {
                throw linkError("core instance \(instanceIndex) has no export named `\(name)`")
            }
            guard case .core(let sort) = a.sort else { throw linkError("a core export alias must have a core sort") }
            try frame.pushCore(value, as: sort)
        case .outer(let count, let index):
            let target = try frame.outer(count)
            switch a.sort {
            case .core(.type):
                guard Int(index) < target.coreTypes.count else { throw linkError("core type index \(index) out of bounds") }
                frame.coreTypes.append(target.coreTypes[Int(index)])
            case .core(.module), .type, .component:
                try frame.push(try target.item(SortIndex(a.sort, index)), as: a.sort)
            default:
                throw linkError("outer aliases may only refer to modules, components and types")
            }
        }
    }

    // MARK: - Start

    /// 🪙 Spec: Explainer.md#start-definitions — calls a function with values, appending its results
    /// to the value index space.
    func start(_ s: Start, in frame: InstanceFrame) throws {
        let f = try frame.function(s.function)
        var args: [CanonicalABI.Value] = []
        for a in s.arguments {
            guard case .value(let v, _) = try frame.item(SortIndex(.value, a)) else { throw linkError("start argument is not a value") }
            args.append(v)
        }
        let results = try invoke(f, args)
        for (v, t) in zip(results, f.type.result) { frame.values.append((v, t)) }
    }

    /// Whether two function types have the same parameter and result types (names aside).
    func sameSignature(_ a: CanonicalABI.FuncType, _ b: CanonicalABI.FuncType) -> Bool {
        a.paramTypes() == b.paramTypes() && a.result == b.result && a.async_ == b.async_
    }

    func describe(_ t: CanonicalABI.FuncType) -> String {
        "func(" + t.params.map { "\($0.0): \($0.1)" }.joined(separator: ", ") + ")" + (t.result.first.map { " -> \($0)" } ?? "")
    }
}
