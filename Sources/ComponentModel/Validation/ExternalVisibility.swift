import WasmCore

/// Spec: Explainer.md#import-and-export-definitions — the type export restrictions ("external
/// visibility of types"): an imported or exported item may only refer to nominal types (record,
/// variant, flags, enum) and resources through imports or exports of this component. Every type
/// definition and every type import or export makes a new `TypeTag`; a scope remembers the tags
/// its imports (usable by imports and exports) and exports (usable by exports) introduced.
extension ComponentValidator {
    func freshTag() -> TypeTag {
        nextTag += 1
        return TypeTag(nextTag)
    }

    /// A type import or export makes a new name for the type it refers to (its "created" type):
    /// a nominal value type or a resource reference gets a fresh tag.
    func retagged(_ e: TypeEntry) -> TypeEntry {
        switch e {
        case .value(.record(let fs, _)): return .value(.record(fs, freshTag()))
        case .value(.variant(let cs, _)): return .value(.variant(cs, freshTag()))
        case .value(.flags(let ns, _)): return .value(.flags(ns, freshTag()))
        case .value(.enum(let ns, _)): return .value(.enum(ns, freshTag()))
        case .resource(var r):
            r.alias = freshTag()
            return .resource(r)
        default: return e
        }
    }

    /// The tag a type entry is known by, if it is nominal.
    func tag(of e: TypeEntry) -> TypeTag? {
        switch e {
        case .value(.record(_, let t)), .value(.variant(_, let t)), .value(.flags(_, let t)), .value(.enum(_, let t)):
            return t
        case .resource(let r): return r.alias
        default: return nil
        }
    }

    /// Checks that an import's or export's type only refers to named types, then registers the
    /// names it introduces (recursively through an instance's exports, in order). Instance types
    /// defer the check to where they are imported or exported.
    func registerNamedTypes(_ t: EType, imported: Bool) throws {
        guard top.kind != .instanceType else { return }
        if !registerNamed(t, imported: imported) {
            throw invalid("\(t.kindName) not valid to be used as \(imported ? "import" : "export")")
        }
    }

    private func registerNamed(_ t: EType, imported: Bool) -> Bool {
        let set = imported ? top.importedTags : top.exportedTags
        switch t {
        case .type(let e):
            guard allNamed(e, set) else { return false }
            if let tag = tag(of: e) {
                top.exportedTags.insert(tag.raw)
                if imported { top.importedTags.insert(tag.raw) }
            }
            return true
        case .instance(let i):
            return i.exportList.allSatisfy { registerNamed($0.type, imported: imported) }
        case .function(let f):
            return allNamed(f, set)
        case .value(let v):
            return isNamed(v, set)
        case .component, .coreModule:
            return true
        }
    }

    /// Whether the types a type definition refers to are named (not the definition itself).
    private func allNamed(_ e: TypeEntry, _ set: Set<Int>) -> Bool {
        switch e {
        case .resource, .component: return true
        case .function(let f): return allNamed(f, set)
        case .instance(let i): return allNamed(i, set)
        case .value(let v):
            switch v {
            case .primitive, .flags, .enum: return true
            case .record(let fs, _): return fs.allSatisfy { isNamed($0.type, set) }
            case .variant(let cs, _): return cs.allSatisfy { $0.type.map { isNamed($0, set) } ?? true }
            default: return isNamed(v, set)
            }
        }
    }

    private func allNamed(_ f: FuncT, _ set: Set<Int>) -> Bool {
        f.parameters.allSatisfy { isNamed($0.type, set) } && (f.result.map { isNamed($0, set) } ?? true)
    }

    private func allNamed(_ i: InstanceT, _ set: Set<Int>) -> Bool {
        i.exportList.allSatisfy {
            switch $0.type {
            case .coreModule, .component: return true
            case .function(let f): return allNamed(f, set)
            case .type(let e): return allNamed(e, set)
            case .value(let v): return allNamed(.value(v), set)
            case .instance(let inner): return allNamed(inner, set)
            }
        }
    }

    /// Whether a value type, used somewhere, is named: nominal types and resources by their tag,
    /// structural types through their parts.
    private func isNamed(_ v: ValType, _ set: Set<Int>) -> Bool {
        switch v {
        case .primitive: return true
        case .record(_, let t), .variant(_, let t), .flags(_, let t), .enum(_, let t): return set.contains(t.raw)
        case .own(let r), .borrow(let r): return set.contains(r.alias.raw)
        case .tuple(let ts): return ts.allSatisfy { isNamed($0, set) }
        case .result(let o, let e): return (o.map { isNamed($0, set) } ?? true) && (e.map { isNamed($0, set) } ?? true)
        case .list(let e), .fixedLengthList(let e, _), .option(let e): return isNamed(e, set)
        case .map(let k, let e): return isNamed(k, set) && isNamed(e, set)
        case .stream(let e), .future(let e): return e.map { isNamed($0, set) } ?? true
        }
    }
}
