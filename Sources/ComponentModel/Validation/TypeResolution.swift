import WasmCore

extension ComponentValidator {
    /// The most elements a fixed-length list type may have (wasmparser's limit, which the spec leaves open).
    static let maximumFixedLengthListElements: UInt32 = 1 << 30

    // MARK: - Core types

    /// Spec: Explainer.md#type-definitions — `core:deftype`: a core function type, or a module
    /// type whose declarations have their own core type index space.
    func resolveCoreType(_ t: CoreType, in types: [CoreTypeEntry]? = nil) throws -> [CoreTypeEntry] {
        let space = types ?? top.coreTypes
        switch t {
        case .function(let f):
            // With GC a type is a rec group of its own: it may refer to itself.
            try checkCoreValueTypes(f.parameters + f.results, in: features.contains(.gc) ? space + [.function(f)] : space)
            if (f.parameters + f.results).contains(.v128) { try require(.simd, "SIMD support is not enabled") }
            return [.function(f)]
        case .sub(let s):
            return [try resolveSubType(s, in: space, group: [s])]
        case .rec(let members):
            try require(.gc, "rec group usage requires `gc` proposal to be enabled")
            var resolved: [CoreTypeEntry] = []
            for s in members { resolved.append(try resolveSubType(s, in: space + resolved, group: Array(members[resolved.count...]))) }
            return resolved
        case .module(let decls):
            var types: [CoreTypeEntry] = []
            var imports: [ModuleTypes.ImportType] = []
            var exports: [ModuleTypes.ExportType] = []
            var exportNames = Set<String>()
            var importNames = Set<String>()
            func functionType(_ i: UInt32) throws -> FunctionType {
                guard Int(i) < types.count else { throw invalid("unknown type \(i): type index out of bounds") }
                guard let f = types[Int(i)].functionType else { throw invalid("type index \(i) is not a function type") }
                return f
            }
            func external(_ d: ImportDescriptor) throws -> ExternalType {
                if case .memory(let m) = d {
                    let bound: UInt64 = m.limits.addressType == .i64 ? 1 << 48 : 65536
                    if m.limits.min > bound || (m.limits.max ?? 0) > bound {
                        throw invalid("memory size must be at most \(bound) pages")
                    }
                }
                switch d {
                case .function(let i): return .function(try functionType(i))
                case .table(let t): return .table(t)
                case .memory(let m): return .memory(m)
                case .global(let g): return .global(g)
                case .tag(let i): return .tag(try functionType(i))
                }
            }
            for d in decls {
                switch d {
                case .import(let imp):
                    guard importNames.insert("\(imp.module):\(imp.name)").inserted else {
                        throw invalid("duplicate import name `\(imp.module):\(imp.name)`")
                    }
                    imports.append(ModuleTypes.ImportType(module: imp.module, name: imp.name, type: try external(imp.descriptor)))
                case .type(let inner):
                    if case .module = inner {
                        // wasmparser reads no module type here: a byte it cannot start a core type with.
                        throw invalid("invalid leading byte (0x50) for core type in a module type: module types may not contain module types")
                    }
                    types += try resolveCoreType(inner, in: types)
                case .outerTypeAlias(let count, let index):
                    guard count >= 1, Int(count) <= scopes.count else { throw invalid("invalid outer alias count of \(count)") }
                    let s = scopes[scopes.count - Int(count)]
                    guard Int(index) < s.coreTypes.count else { throw invalid("unknown core type \(index): type index out of bounds") }
                    types.append(s.coreTypes[Int(index)])
                case .export(let name, let desc):
                    guard exportNames.insert(name).inserted else { throw invalid("export name `\(name)` already defined") }
                    exports.append(ModuleTypes.ExportType(name: name, type: try external(desc)))
                }
            }
            return [.module(CoreModuleT(imports: imports, exports: exports))]
        }
    }

    /// Spec: core/valid/types (GC) — a sub type: its supertypes defined before it, not final and
    /// of the same kind; its value types referring to defined types (`group`: it and the rest of
    /// its rec group, which it may refer to ahead).
    func resolveSubType(_ s: CoreSubType, in space: [CoreTypeEntry], group: [CoreSubType]) throws -> CoreTypeEntry {
        let isPlainFunction: Bool
        if s.isFinal, s.supertypes.isEmpty, case .function = s.composite { isPlainFunction = true } else { isPlainFunction = false }
        if !isPlainFunction { try require(.gc, "gc proposal must be enabled to use subtypes") }
        guard s.supertypes.count <= 1 else { throw invalid("multiple supertypes not supported") }
        for x in s.supertypes {
            guard Int(x) < space.count else { throw invalid("unknown type \(x): type index out of bounds") }
            guard case .gc(let sup) = space[Int(x)] else {
                if case .module = space[Int(x)] { throw invalid("type index \(x) is a module type") }
                throw invalid("sub type cannot have a final super type")
            }
            if sup.isFinal { throw invalid("sub type cannot have a final super type") }
            switch (sup.composite, s.composite) {
            case (.function, .function), (.struct, .struct), (.array, .array): break
            default: throw invalid("sub type must match super type")
            }
        }
        // Value types may refer to the types before this one and to its whole rec group.
        let visible = space + group.map { CoreTypeEntry.gc($0) }
        var types: [WasmCore.ValueType] = []
        switch s.composite {
        case .function(let f): types = f.parameters + f.results
        case .struct(let fields): for case .value(let t) in fields.map(\.storage) { types.append(t) }
        case .array(let f): if case .value(let t) = f.storage { types.append(t) }
        }
        try checkCoreValueTypes(types, in: visible)
        if types.contains(.v128) { try require(.simd, "SIMD support is not enabled") }
        if isPlainFunction, case .function(let f) = s.composite { return .function(f) }
        return .gc(s)
    }

    /// Spec: core/valid/types — reference types need the reference-types feature, and a concrete
    /// heap type names a function type of the core type index space.
    func checkCoreValueTypes(_ ts: [WasmCore.ValueType], in types: [CoreTypeEntry]) throws {
        for case .reference(let r) in ts {
            if case .concrete(let i) = r.heapType {
                guard Int(i) < types.count else { throw invalid("unknown type \(i): type index out of bounds") }
                if case .module = types[Int(i)] { throw invalid("type index \(i) is a module type") }
            }
            try require(.referenceTypes, "reference types support is not enabled")
        }
    }

    // MARK: - Value types

    /// Spec: Explainer.md#type-definitions — `valtype`: a primitive, or an index of a defined value type.
    func resolveValType(_ t: ComponentValueType) throws -> ValType {
        switch t {
        case .primitive(let p):
            if p == .errorContext { try require(.cmErrorContext, "`error-context` requires the component model error-context feature") }
            return .primitive(p)
        case .index(let i):
            guard Int(i) < top.types.count else { throw invalid("unknown type \(i): type index out of bounds") }
            guard case .value(let v) = top.types[Int(i)] else { throw invalid("type index \(i) is not a defined type") }
            return v
        }
    }

    func resourceOf(_ i: UInt32) throws -> ResourceID {
        guard Int(i) < top.types.count else { throw invalid("unknown type \(i): type index out of bounds") }
        guard case .resource(let r) = top.types[Int(i)] else { throw invalid("type index \(i) is not a resource type") }
        return r
    }

    func checkLabels(_ labels: [String], what: String) throws {
        var names = NameSet()
        for l in labels {
            guard isKebabLabel(l[...]) else {
                if l.isEmpty { throw invalid("\(what) name cannot be empty") }
                throw invalid("\(what) name `\(l)` is not in kebab case")
            }
            if let previous = names.insert(l) {
                let short = what.split(separator: " ").last.map(String.init) ?? what
                throw invalid("\(what) name `\(l)` conflicts with previous \(short) name `\(previous)`")
            }
        }
    }

    /// Spec: Explainer.md#type-definitions — `defvaltype`, with the rules on each constructor.
    func resolveDefinedValueType(_ d: DefinedValueType) throws -> ValType {
        switch d {
        case .primitive(let p):
            return try resolveValType(.primitive(p))
        case .record(let fields):
            guard !fields.isEmpty else { throw invalid("record type must have at least one field") }
            try checkLabels(fields.map(\.label), what: "record field")
            return .record(try fields.map { ResolvedField(label: $0.label, type: try resolveValType($0.type)) }, freshTag())
        case .variant(let cases):
            guard !cases.isEmpty else { throw invalid("variant type must have at least one case") }
            try checkLabels(cases.map(\.label), what: "variant case")
            return .variant(try cases.map { ResolvedCase(label: $0.label, type: try $0.type.map(resolveValType)) }, freshTag())
        case .list(let t):
            return .list(try resolveValType(t))
        case .fixedLengthList(let t, let n):
            try require(.cmFixedLengthLists, "Fixed-length lists require the component model fixed-length lists feature")
            guard n > 0 else { throw invalid("Fixed-length lists must have more than zero elements") }
            guard n <= Self.maximumFixedLengthListElements else {
                throw invalid("fixed-length list element count exceeds limit of \(Self.maximumFixedLengthListElements)")
            }
            return .fixedLengthList(try resolveValType(t), n)
        case .tuple(let ts):
            guard !ts.isEmpty else { throw invalid("tuple type must have at least one type") }
            return .tuple(try ts.map(resolveValType))
        case .flags(let names):
            guard !names.isEmpty else { throw invalid("flags must have at least one entry") }
            guard names.count <= 32 else { throw invalid("cannot have more than 32 flags") }
            try checkLabels(names, what: "flag")
            return .flags(names, freshTag())
        case .enum(let names):
            guard !names.isEmpty else { throw invalid("enum type must have at least one variant") }
            try checkLabels(names, what: "enum tag")
            return .enum(names, freshTag())
        case .option(let t):
            return .option(try resolveValType(t))
        case .result(let ok, let error):
            return .result(ok: try ok.map(resolveValType), error: try error.map(resolveValType))
        case .own(let i):
            return .own(try resourceOf(i))
        case .borrow(let i):
            return .borrow(try resourceOf(i))
        case .stream(let t):
            try require(.cmAsync, "`stream` requires the component model async feature")
            let e = try t.map(resolveValType)
            if e == .primitive(.char) {
                throw invalid("`stream<char>` is not valid at this time, use `stream<u8>` with a defined by encoding instead for now")
            }
            return .stream(e)
        case .future(let t):
            try require(.cmAsync, "`future` requires the component model async feature")
            return .future(try t.map(resolveValType))
        case .map(let k, let v):
            try require(.cmMap, "Maps require the component model map feature")
            let key = try resolveValType(k)
            guard case .primitive(let p) = key, p != .errorContext, p != .f32, p != .f64 else {
                throw invalid("map key must be a primitive type other than a float")
            }
            return .map(key, try resolveValType(v))
        }
    }

    /// Spec: Explainer.md#type-definitions — `deftype` in a component or a type declaration.
    func resolveTypeDefinition(_ t: TypeDefinition) throws -> TypeEntry {
        switch t {
        case .value(let d):
            let v = try resolveDefinedValueType(d)
            try checkTypeDepth(v)
            try checkTypeSize(.value(v))
            try checkMaximumSize(v)
            return .value(v)
        case .function(let f):
            if f.isAsync { try require(.cmAsync, "async component functions require the component model async feature") }
            try checkLabels(f.parameters.map(\.label), what: "function parameter")
            let params = try f.parameters.map { ResolvedField(label: $0.label, type: try resolveValType($0.type)) }
            let result = try f.result.map(resolveValType)
            try checkTypeSize(.function(FuncT(isAsync: f.isAsync, parameters: params, result: result)))
            if let r = result, containsBorrow(r) { throw invalid("function result cannot contain a `borrow` type") }
            return .function(FuncT(isAsync: f.isAsync, parameters: params, result: result))
        case .component(let decls):
            return .component(try resolveDeclarations(decls, kind: .componentType).component)
        case .instance(let decls):
            return .instance(try resolveDeclarations(decls, kind: .instanceType).instance)
        case .resource(let r):
            guard top.kind == .component else { throw invalid("resources can only be defined within a concrete component") }
            switch r.representation {
            case .i32: break
            case .i64: try require(.cm64, "resources with `i64` require the `cm64` feature to be enabled")
            default: throw invalid("resources can only be represented by `i32` or `i64`")
            }
            if let dtor = r.destructor {
                guard Int(dtor) < top.coreFunctions.count else { throw invalid("unknown core function \(dtor): function index out of bounds") }
                guard top.coreFunctions[Int(dtor)] == FunctionType(parameters: [r.representation], results: []) else {
                    throw invalid("wrong signature for a destructor")
                }
            }
            let id = freshResource()
            resourceRep[id] = r.representation
            top.localResources.insert(id)
            return .resource(id)
        }
    }

    func containsBorrow(_ t: ValType) -> Bool {
        var found = false
        visit(t) { if case .borrow = $0 { found = true } }
        return found
    }

    /// Calls `f` on `t` and every value type nested in it.
    func visit(_ t: ValType, _ f: (ValType) -> Void) {
        f(t)
        switch t {
        case .record(let fs, _): fs.forEach { visit($0.type, f) }
        case .variant(let cs, _): cs.forEach { if let t = $0.type { visit(t, f) } }
        case .list(let e), .fixedLengthList(let e, _), .option(let e): visit(e, f)
        case .tuple(let ts): ts.forEach { visit($0, f) }
        case .result(let o, let e): if let o { visit(o, f) }; if let e { visit(e, f) }
        case .stream(let e), .future(let e): if let e { visit(e, f) }
        case .map(let k, let v): visit(k, f); visit(v, f)
        default: break
        }
    }

    // MARK: - Component and instance types

    /// Spec: Explainer.md#type-definitions — the declarations of a component or instance type,
    /// in a scope of their own.
    func resolveDeclarations(_ decls: [Declaration], kind: ValidationScope.Kind) throws -> (component: ComponentT, instance: InstanceT) {
        scopes.append(ValidationScope(kind: kind))
        defer { scopes.removeLast() }
        for d in decls {
            switch d {
            case .coreType(let t):
                top.coreTypes += try resolveCoreType(t)
            case .type(let t):
                let e = try resolveTypeDefinition(t)
                try checkTypeSize(.type(e))
                top.types.append(e)
            case .alias(let a):
                guard a.sort == .type || a.sort == .instance || a.sort == .core(.type) else {
                    throw invalid("aliases in a component or instance type may only refer to types or instances")
                }
                switch a.target {
                case .outer:
                    try validateAlias(a)
                case .export:
                    guard a.sort == .type || a.sort == .instance || a.sort == .function else {
                        throw invalid("only type, instance and function export aliases are allowed in type declarations")
                    }
                    try validateAlias(a)
                case .coreExport:
                    throw invalid("core export aliases are not allowed in type declarations")
                }
            case .import(let i):
                guard kind == .componentType else { throw invalid("instance types may not contain imports") }
                try validateImport(i.name, i.type)
            case .export(let name, let type):
                try validateDeclaredExport(name, type)
            }
        }
        let s = top
        let c = finishComponentType(s)
        let i = InstanceT(exportList: s.exports, definedResources: s.createdResources)
        return (c, i)
    }

    /// Spec: Explainer.md#type-definitions — `externtype`, resolved; a `(sub resource)` bound
    /// makes a fresh abstract resource type.
    func resolveExternType(_ t: ExternType) throws -> EType {
        switch t {
        case .coreModule(let i):
            guard Int(i) < top.coreTypes.count else { throw invalid("unknown core type \(i): type index out of bounds") }
            guard case .module(let m) = top.coreTypes[Int(i)] else { throw invalid("core type index \(i) is not a module type") }
            return .coreModule(m)
        case .function(let i):
            guard Int(i) < top.types.count else { throw invalid("unknown type \(i): type index out of bounds") }
            guard case .function(let f) = top.types[Int(i)] else { throw invalid("type index \(i) is not a function type") }
            return .function(f)
        case .value(let v):
            try require(.cmValues, "support for component model `value`s is not enabled")
            return .value(try resolveValType(v))
        case .type(.equal(let i)):
            guard Int(i) < top.types.count else { throw invalid("unknown type \(i): type index out of bounds") }
            return .type(retagged(top.types[Int(i)]))
        case .type(.subResource):
            return .type(.resource(freshResource()))
        case .component(let i):
            guard Int(i) < top.types.count else { throw invalid("unknown type \(i): type index out of bounds") }
            guard case .component(let c) = top.types[Int(i)] else { throw invalid("type index \(i) is not a component type") }
            return .component(c)
        case .instance(let i):
            guard Int(i) < top.types.count else { throw invalid("unknown type \(i): type index out of bounds") }
            guard case .instance(let c) = top.types[Int(i)] else { throw invalid("type index \(i) is not an instance type") }
            return .instance(c)
        }
    }

    /// An imported instance type gets fresh copies of the resources its type declares.
    func freshened(_ t: EType) -> EType {
        guard case .instance(let i) = t, !i.definedResources.isEmpty else { return t }
        var map: [ResourceID: ResourceID] = [:]
        for r in i.definedResources { map[r] = freshResource() }
        return substitute(t, map)
    }

    // MARK: - Imports and exports

    /// Spec: Explainer.md#import-and-export-definitions — an import: a valid, strongly-unique name
    /// and a type whose value types are all named.
    func validateImport(_ name: ExternName, _ type: ExternType) throws {
        var t = try resolveExternType(type)
        try checkTypeSize(t)
        t = freshened(t)
        try registerNamedTypes(t, imported: true)
        try checkExternName(name, t, isExport: false, names: &top.importNames)
        top.imports.append(NamedEType(name: name.name, type: t))
        push(t)
    }

    /// Spec: Explainer.md#import-and-export-definitions — the name of an import or export (in
    /// wasmparser's order of checks): well-formed, its attributes allowed, a `[constructor]`,
    /// `[method]` or `[static]` name matching its function and resource (among `namespace`, the
    /// scope's imports or exports by default), and strongly unique among `names`.
    func checkExternName(_ name: ExternName, _ t: EType, isExport: Bool, names: inout NameSet, namespace: [NamedEType]? = nil) throws {
        let kind = try classifyExternName(name.name, features: features, isExport: isExport)
        try checkNameAttributes(name, t, kind)
        if kind == .interface {
            let suffix = name.attributes.lazy.compactMap { a -> String? in if case .versionSuffix(let s) = a { return s } else { return nil } }.first
            try checkInterfaceVersion(name.name, suffix: suffix, isExport: isExport)
        }
        do {
            try checkAnnotatedName(kind, t, isImport: !isExport, in: namespace)
        } catch let e as WasmError {
            throw invalid("\(isExport ? "export" : "import") name `\(name.name)` is not valid\n\(e.message)")
        }
        if let previous = names.insert(name.name) {
            throw invalid("\(isExport ? "export" : "import") name `\(name.name)` conflicts with previous name `\(previous)`")
        }
    }

    /// An export declared in a component or instance type.
    func validateDeclaredExport(_ name: ExternName, _ type: ExternType) throws {
        var t = try resolveExternType(type)
        try checkTypeSize(t)
        t = freshened(t)
        try registerNamedTypes(t, imported: false)
        try checkExternName(name, t, isExport: true, names: &top.exportNames)
        top.exports.append(NamedEType(name: name.name, type: t))
        push(t)
    }

    /// Spec: Explainer.md#import-and-export-definitions — an export of a definition, with an
    /// optional ascribed type the definition's type must be a subtype of.
    func validateExport(_ e: ComponentExport) throws {
        var t = try itemType(e.item)
        if case .type(let entry) = t { t = .type(retagged(entry)) }
        if let ascribed = e.type {
            // An ascribed `(sub resource)` (also in an instance type) is a fresh abstract type.
            let expected = freshened(try resolveExternType(ascribed))
            if let why = subtypeMismatch(t, expected) {
                throw invalid("ascribed type of export is not compatible with item's type\n\(why)")
            }
            t = expected
        }
        try registerNamedTypes(t, imported: false)
        try checkExternName(e.name, t, isExport: true, names: &top.exportNames)
        top.exports.append(NamedEType(name: e.name.name, type: t))
        push(t)
        if case .value = t { top.usedValues.insert(top.values.count - 1) }
    }

    /// 🏷️ `implements` only on instances, with an interface name; `external-id` gated.
    func checkNameAttributes(_ name: ExternName, _ type: EType, _ kind: ExternNameKind) throws {
        // At most one attribute of each kind.
        var seen = Set<String>()
        for a in name.attributes {
            let kind: String
            switch a {
            case .implements: kind = "implements"
            case .versionSuffix: kind = "versionsuffix"
            case .externalID: kind = "external-id"
            }
            if !seen.insert(kind).inserted { throw invalid("duplicate '\(kind)' option in name") }
        }
        for a in name.attributes {
            switch a {
            case .implements(let iface):
                try require(.cmImplements, "the `cm-implements` feature is not active")
                guard case .label = kind else { throw invalid("name `\(name.name)` is not valid with `implements`") }
                guard case .instance = type else { throw invalid("only instances can have an `implements`") }
                try checkInterfaceName(iface, features: features)
            case .externalID:
                try require(.cmImplements, "the `cm-implements` feature is not active")
            case .versionSuffix:
                try require(.cmCanonNames, "the `cm-canon-names` feature is not active")
                guard case .instance = type else { throw invalid("only instances can have an `versionsuffix`") }
            }
        }
    }

    /// Spec: Explainer.md#import-and-export-definitions — `[constructor]r`, `[method]r.m`,
    /// `[static]r.m` must be functions on a resource named `r` in the same namespace (imports
    /// for an import, exports for an export) of the scope.
    func checkAnnotatedName(_ kind: ExternNameKind, _ t: EType, isImport: Bool = false, in names: [NamedEType]? = nil) throws {
        let namespace = names ?? (isImport ? top.imports : top.exports)
        func nameOf(_ r: ResourceID) throws -> String {
            // The resource as named by that import or export (the same tag), not another alias of it.
            guard let n = namespace.first(where: {
                if case .type(.resource(let x)) = $0.type { return x == r && x.alias.raw == r.alias.raw }
                return false
            })?.name else {
                throw invalid("resource used in function does not have a name in this context")
            }
            return n
        }
        switch kind {
        case .constructor(let label):
            guard case .function(let f) = t else { throw invalid("item is not a func") }
            if f.isAsync { throw invalid("constructor function cannot be async") }
            guard let result = f.result else { throw invalid("function should return one value") }
            let res: ResourceID
            switch result {
            case .own(let r): res = r
            case .result(ok: .own(let r)?, _): res = r
            default: throw invalid("function should return `(own $T)` or `(result (own $T))`")
            }
            let n = try nameOf(res)
            if n != label { throw invalid("function does not match expected resource name `\(n)`") }
        case .method(let label, _):
            guard case .function(let f) = t else { throw invalid("item is not a func") }
            guard let first = f.parameters.first else { throw invalid("should have at least one argument") }
            guard first.label == "self" else { throw invalid("should have a first argument called `self`") }
            guard case .borrow(let res) = first.type else { throw invalid("should take a first argument of `(borrow $T)`") }
            let n = try nameOf(res)
            if n != label { throw invalid("function does not match expected resource name `\(n)`") }
        case .static(let label, _):
            guard case .function = t else { throw invalid("item is not a func") }
            guard namespace.contains(where: { $0.name == label && { if case .type(.resource) = $0.type { return true } else { return false } }($0) }) else {
                throw invalid("static resource name is not known in this context")
            }
        default:
            break
        }
    }

    /// The resource imported or exported under `name` in the current scope.
    func namedResource(_ name: String) -> ResourceID? {
        for e in top.imports + top.exports where e.name == name {
            if case .type(.resource(let r)) = e.type { return r }
        }
        return nil
    }
}
