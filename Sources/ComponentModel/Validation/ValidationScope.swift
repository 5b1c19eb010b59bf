import WasmCore

/// Spec: Explainer.md#index-spaces — the index spaces of one component, component type or
/// instance type being validated, with what validation remembers about them.
struct ValidationScope {
    enum Kind { case component, componentType, instanceType }
    var kind: Kind

    // Core index spaces.
    var coreFunctions: [FunctionType] = []
    /// 🛸 For a core function aliased from an instance of a module with GC types: those types,
    /// which the concrete heap types of its type index (not the component's core types).
    var coreFunctionTypeSpaces: [Int: [SubType]] = [:]
    var coreTables: [TableType] = []
    var coreMemories: [MemoryType] = []
    var coreGlobals: [GlobalType] = []
    var coreTags: [FunctionType] = []
    var coreTypes: [CoreTypeEntry] = []
    var coreModules: [CoreModuleT] = []
    var coreInstances: [CoreInstanceT] = []
    // Component index spaces.
    var functions: [FuncT] = []
    var values: [ValType] = []
    /// 🪙 The values already consumed (each must be used exactly once).
    var usedValues: Set<Int> = []
    var types: [TypeEntry] = []
    var components: [ComponentT] = []
    var instances: [InstanceT] = []

    var imports: [NamedEType] = []
    var exports: [NamedEType] = []
    var importNames = NameSet()
    var exportNames = NameSet()
    /// Resources created in this scope (definitions, `(sub resource)` bounds, fresh copies).
    var createdResources: [ResourceID] = []
    /// Resources defined by `(type (resource ...))` here: `resource.new`/`resource.rep` need one.
    var localResources: Set<ResourceID> = []
    /// The `TypeTag`s imports introduced (usable by imports and exports) and exports introduced
    /// (with the imported ones: usable by exports).
    var importedTags: Set<Int> = []
    var exportedTags: Set<Int> = []
    /// The core value type of `context.get`/`context.set` (all must agree).
    var contextType: WasmCore.ValueType?

    init(kind: Kind) { self.kind = kind }
}

/// An entry of the core type index space.
enum CoreTypeEntry: Hashable {
    case function(FunctionType)
    case module(CoreModuleT)
    /// A GC type: a struct or array type, or a function type with `sub`.
    case gc(CoreSubType)

    /// The function type, if the entry is one (with or without `sub`).
    var functionType: FunctionType? {
        switch self {
        case .function(let f): return f
        case .gc(let s): if case .function(let f) = s.composite { return f } else { return nil }
        case .module: return nil
        }
    }
}
