import CanonicalABI
import WasmCore

/// The index spaces of one component instance while it is being instantiated (and, for the nested
/// components it defines, afterwards: their outer aliases read it).
///
/// Spec: Explainer.md#index-spaces — one index space per sort; each definition appends to one.
final class InstanceFrame {
    let runtime: ComponentRuntime
    /// Spec: CanonicalABI.md#component-instances — this instance's runtime state (its parent is the
    /// instance that instantiated it).
    let state: CanonicalABI.ComponentInstance
    /// The frame the component was defined in (outer aliases count outwards through it).
    let enclosing: InstanceFrame?

    // Core index spaces.
    var coreFuncs: [FunctionInstance] = []
    var coreTables: [TableInstance] = []
    var coreMemories: [MemoryInstance] = []
    var coreGlobals: [GlobalInstance] = []
    var coreTags: [WasmCore.TagInstance] = []
    var coreTypes: [CoreType] = []
    var coreModules: [WasmCore.Module] = []
    var coreInstances: [CoreInstanceValue] = []

    // Component index spaces.
    var funcs: [ComponentFunc] = []
    var values: [(CanonicalABI.Value, CanonicalABI.ValType)] = []
    var types: [RuntimeType] = []
    var components: [ComponentDefinition] = []
    var instances: [ComponentInstanceValue] = []

    /// The instance's exports, in order.
    var exports: [(name: String, value: ComponentExtern)] = []

    init(runtime: ComponentRuntime, state: CanonicalABI.ComponentInstance, enclosing: InstanceFrame?) {
        self.runtime = runtime
        self.state = state
        self.enclosing = enclosing
    }

    // MARK: - Reading index spaces

    /// The frame `count` scopes out (0 is this one).
    func outer(_ count: UInt32) throws -> InstanceFrame {
        var f = self
        for _ in 0..<count {
            guard let e = f.enclosing else { throw linkError("outer alias count \(count) leaves the outermost component") }
            f = e
        }
        return f
    }

    func function(_ i: UInt32) throws -> ComponentFunc { try at(funcs, i, "func") }
    func type(_ i: UInt32) throws -> RuntimeType { try at(types, i, "type") }
    func coreFunction(_ i: UInt32) throws -> FunctionInstance { try at(coreFuncs, i, "core func") }
    func coreMemory(_ i: UInt32) throws -> MemoryInstance { try at(coreMemories, i, "core memory") }
    func coreTable(_ i: UInt32) throws -> TableInstance { try at(coreTables, i, "core table") }

    /// A component-level item, by sort and index.
    func item(_ s: SortIndex) throws -> ComponentExtern {
        let i = s.index
        switch s.sort {
        case .function: return .function(try at(funcs, i, "func"))
        case .value:
            let v = try at(values, i, "value")
            return .value(v.0, v.1)
        case .type: return .type(try at(types, i, "type"))
        case .component: return .component(try at(components, i, "component"))
        case .instance: return .instance(try at(instances, i, "instance"))
        case .core(.module): return .coreModule(try at(coreModules, i, "core module"))
        case .core(let c): throw linkError("a core \(c.keyword) is not a component-level item")
        }
    }

    /// A core item, by core sort and index.
    func coreItem(_ sort: CoreSort, _ i: UInt32) throws -> CoreExtern {
        switch sort {
        case .function: return .core(.function(try at(coreFuncs, i, "core func")))
        case .table: return .core(.table(try at(coreTables, i, "core table")))
        case .memory: return .core(.memory(try at(coreMemories, i, "core memory")))
        case .global: return .core(.global(try at(coreGlobals, i, "core global")))
        case .tag: return .core(.tag(try at(coreTags, i, "core tag")))
        default: throw linkError("a core \(sort.keyword) is not a core extern")
        }
    }

    /// The name a core instance of this frame exports a core function under, if any (for traces).
    func coreExportName(of f: FunctionInstance) -> String? {
        for i in coreInstances {
            for (name, value) in i.exports {
                if case .core(.function(let g)) = value, g === f { return name }
            }
        }
        return nil
    }

    // MARK: - Appending to index spaces

    /// Appends a component-level item to the index space of `sort`, checking that it is of that sort.
    func push(_ value: ComponentExtern, as sort: Sort) throws {
        switch (sort, value) {
        case (.function, .function(let f)): funcs.append(f)
        case (.value, .value(let v, let t)): values.append((v, t))
        case (.type, .type(let t)): types.append(t)
        case (.component, .component(let c)): components.append(c)
        case (.instance, .instance(let x)): instances.append(x)
        case (.core(.module), .coreModule(let m)): coreModules.append(m)
        default: throw linkError("expected a \(sort.keyword), found a \(value.kindName)")
        }
    }

    /// Appends a core item to the index space of `sort`, checking that it is of that sort.
    func pushCore(_ value: CoreExtern, as sort: CoreSort) throws {
        switch (sort, value) {
        case (.function, .core(.function(let f))): coreFuncs.append(f)
        case (.table, .core(.table(let t))): coreTables.append(t)
        case (.memory, .core(.memory(let m))): coreMemories.append(m)
        case (.global, .core(.global(let g))): coreGlobals.append(g)
        case (.tag, .core(.tag(let t))): coreTags.append(t)
        default: throw linkError("expected a core \(sort.keyword), found a core \(value.kindName)")
        }
    }

    private func at<T>(_ a: [T], _ i: UInt32, _ what: String) throws -> T {
        guard Int(i) < a.count else { throw linkError("\(what) index \(i) out of bounds") }
        return a[Int(i)]
    }
}

/// A linking error (the component refers to something that is not there or not of its sort).
func linkError(_ message: String) -> WasmError { WasmError(.unlinkable, message) }
