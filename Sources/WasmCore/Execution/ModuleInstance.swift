/// Spec: core/exec/runtime#module-instances — a module instance: its types and the store objects it
/// uses, in index-space order (imports first), and its exports.
///
/// The spec lists addresses; here the lists hold the store's objects themselves (each knows its address),
/// which is the same thing resolved once.
public final class ModuleInstance {
    public internal(set) var types: [FunctionType] = []
    /// The store's interned ids of `types`.
    @exclusivity(unchecked)
    var typeIDs: [Int] = []
    @exclusivity(unchecked)
    public internal(set) var functions: [FunctionInstance] = []
    @exclusivity(unchecked)
    public internal(set) var tables: [TableInstance] = []
    @exclusivity(unchecked)
    public internal(set) var memories: [MemoryInstance] = []
    @exclusivity(unchecked)
    public internal(set) var globals: [GlobalInstance] = []
    @exclusivity(unchecked)
    public internal(set) var elements: [ElementInstance] = []
    @exclusivity(unchecked)
    public internal(set) var datas: [DataInstance] = []
    /// Exception tags (exception handling), imports first.
    public internal(set) var tags: [TagInstance] = []
    /// The exports, in module order.
    public internal(set) var exports: [(name: String, value: ExternalValue)] = []

    init() {}

    /// Drops this instance's references (its store is going away).
    func release() {
        functions = []
        tables = []
        memories = []
        globals = []
        elements = []
        datas = []
        tags = []
        exports = []
    }

    /// The export of a name, if any. Names compare by their UTF-8 bytes (not by Swift's `String ==`,
    /// which equates canonically equivalent spellings that wasm keeps apart).
    public func export(_ name: String) -> ExternalValue? {
        exports.first(where: { $0.name.utf8.elementsEqual(name.utf8) })?.value
    }
}

/// Spec: core/exec/runtime#external-values — what can be imported and exported.
public enum ExternalValue {
    case function(FunctionInstance)
    case table(TableInstance)
    case memory(MemoryInstance)
    case global(GlobalInstance)
    /// An exception tag (exception handling).
    case tag(TagInstance)

    /// Spec: core/exec/modules#external-typing — the extern type of the value (tables and memories with
    /// their current size as minimum).
    public var type: ExternalType {
        switch self {
        case .function(let f): return .function(f.type)
        case .table(let t): return .table(t.type)
        case .memory(let m): return .memory(m.type)
        case .global(let g): return .global(g.type)
        case .tag(let t): return .tag(t.type)
        }
    }

    /// The kind of value, as scripts name it.
    public var kindName: String {
        switch self {
        case .function: return "func"
        case .table: return "table"
        case .memory: return "memory"
        case .global: return "global"
        case .tag: return "tag"
        }
    }
}

/// Spec: core/exec/runtime#syntax-taginst (exception handling) — a tag: its type. Tags are
/// generative: each definition in each instance is a tag of its own, told apart by identity (`===`):
/// a `catch` matches an exception when both name the same instance, whatever the import names.
public final class TagInstance: Sendable {
    public let type: FunctionType

    public init(type: FunctionType) { self.type = type }
}
