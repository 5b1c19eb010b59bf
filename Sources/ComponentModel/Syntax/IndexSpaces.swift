/// Spec: Explainer.md — index spaces: each definition appends to the index space of one sort.
///
/// There are 13 index spaces: the core sorts (func, table, memory, global, tag, type, module,
/// instance) and the component sorts (func, value, type, component, instance). `Sort` names them.
extension Definition {
    /// The index space this definition adds one entry to (`start` adds `resultCount` values; a
    /// custom section adds none).
    public var definedSort: Sort? {
        switch self {
        case .coreModule: return .core(.module)
        case .coreInstance: return .core(.instance)
        case .coreType: return .core(.type)
        case .component: return .component
        case .instance: return .instance
        case .alias(let a): return a.sort
        case .type: return .type
        case .canon(let c): return c.definesComponentFunction ? .function : .core(.function)
        case .start: return .value
        case .import(let i): return i.type.sort
        case .export(let e): return e.item.sort
        case .value: return .value
        case .custom: return nil
        }
    }
}

extension Declaration {
    /// The index space this declaration adds one entry to, if any.
    public var definedSort: Sort? {
        switch self {
        case .coreType: return .core(.type)
        case .type: return .type
        case .alias(let a): return a.sort
        case .import(let i): return i.type.sort
        case .export(_, let t): return t.sort
        }
    }
}

extension ExternType {
    /// The sort of the definition an import or export of this type introduces.
    public var sort: Sort {
        switch self {
        case .coreModule: return .core(.module)
        case .function: return .function
        case .value: return .value
        case .type: return .type
        case .component: return .component
        case .instance: return .instance
        }
    }
}
