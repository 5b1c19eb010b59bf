import WasmCore

/// Spec: Explainer.md — validates a component: every definition in order, each against the index
/// spaces built so far. Returns the component's import and export types.
public func validateComponent(_ component: Component, features: Features = .all) throws -> ComponentTypes {
    let v = ComponentValidator(features: features)
    let t = try v.validateComponentBody(component)
    for validateBodies in v.deferredBodies { try validateBodies() }
    return ComponentTypes(imports: t.imports, exports: t.exports)
}

func invalid(_ message: String) -> WasmError { WasmError(.invalid, message) }

/// The state of one validation: the stack of scopes (innermost last), the features, and the
/// counter that makes resource types fresh.
final class ComponentValidator {
    let features: Features
    var scopes: [ValidationScope] = []
    var nextResource = 0
    var nextTag = 0
    /// The function bodies of the core modules, validated after everything else (as wasmparser
    /// does, which decides which error a component breaking several rules reports).
    var deferredBodies: [() throws -> Void] = []
    /// The core representation type of each defined resource, and its scope depth.
    var resourceRep: [ResourceID: WasmCore.ValueType] = [:]

    init(features: Features) { self.features = features }

    var top: ValidationScope {
        get { scopes[scopes.count - 1] }
        set { scopes[scopes.count - 1] = newValue }
    }

    func require(_ feature: Feature, _ message: String) throws {
        guard features.contains(feature) else { throw invalid(message) }
    }

    func freshResource() -> ResourceID {
        nextResource += 1
        let id = ResourceID(raw: nextResource, alias: freshTag())
        top.createdResources.append(id)
        return id
    }

    /// Spec: Explainer.md#component-definitions — a component: a new scope whose definitions are
    /// validated in order; its type is its imports to its exports.
    func validateComponentBody(_ component: Component) throws -> ComponentT {
        scopes.append(ValidationScope(kind: .component))
        defer { scopes.removeLast() }
        for (n, d) in component.definitions.enumerated() {
            do {
                try validateDefinition(d)
            } catch var e as WasmError {
                if e.location == nil && e.kind == .invalid && !e.message.contains("(at definition")
                    && !e.message.contains("(at offset") {
                    // wasmparser's form when the binary's offsets are known, the definition's number otherwise.
                    let offsets = component.definitionOffsets
                    e.message += offsets.count == component.definitions.count
                        ? " (at offset 0x\(String(offsets[n], radix: 16)))" : " (at definition \(n))"
                }
                throw e
            }
        }
        for i in 0..<top.values.count where !top.usedValues.contains(i) {
            throw invalid("value index \(i) was not used as part of an instantiation, start function, or export")
        }
        return finishComponentType(top)
    }

    /// 🪙 Spec: Explainer.md#value-definitions — a value is consumed exactly once.
    func useValue(_ i: Int) throws {
        guard top.kind == .component else { return }
        guard top.usedValues.insert(i).inserted else { throw invalid("value index \(i) cannot be used more than once") }
    }

    /// The component type of a finished scope: resources reachable from the imports are
    /// parameters; the others it created are fresh per instantiation.
    func finishComponentType(_ s: ValidationScope) -> ComponentT {
        var reachable = Set<ResourceID>()
        for i in s.imports { collectResources(i.type, into: &reachable) }
        let imported = s.createdResources.filter { reachable.contains($0) }
        let defined = s.createdResources.filter { !reachable.contains($0) }
        return ComponentT(imports: s.imports, exports: s.exports, importedResources: imported, definedResources: defined)
    }

    func validateDefinition(_ d: Definition) throws {
        switch d {
        case .custom:
            return
        case .coreModule(let m):
            let (types, validateBodies) = try validateModuleDeferringBodies(m, features: features)
            deferredBodies.append(validateBodies)
            var importNames = Set<String>()
            for imp in types.imports where !importNames.insert("\(imp.module):\(imp.name)").inserted {
                throw invalid("duplicate import name `\(imp.module):\(imp.name)`")
            }
            top.coreModules.append(CoreModuleT(imports: types.imports, exports: types.exports, definedTypes: types.definedTypes))
        case .coreInstance(let i):
            try validateCoreInstance(i)
        case .coreType(let t):
            top.coreTypes += try resolveCoreType(t)
        case .component(let c):
            let t = try validateComponentBody(c)
            try checkTypeSize(.component(t))
            top.components.append(t)
        case .instance(let i):
            try validateInstance(i)
        case .alias(let a):
            try validateAlias(a)
        case .type(let t):
            let e = try resolveTypeDefinition(t)
            try checkTypeSize(.type(e))
            top.types.append(e)
        case .canon(let c):
            try validateCanon(c)
        case .start(let s):
            try validateStart(s)
        case .import(let i):
            try validateImport(i.name, i.type)
        case .export(let e):
            try validateExport(e)
        case .value(let v):
            try require(.cmValues, "support for component model `value`s is not enabled")
            top.values.append(try resolveValType(v.type))
        }
    }

    // MARK: - Core instances

    /// Spec: Explainer.md#instance-definitions — a core instance: instantiate a module with named
    /// core instances (every import found and matching), or bundle core definitions.
    func validateCoreInstance(_ i: CoreInstance) throws {
        switch i {
        case .instantiate(let module, let arguments):
            guard Int(module) < top.coreModules.count else { throw invalid("unknown module \(module): module index out of bounds") }
            let m = top.coreModules[Int(module)]
            var args: [String: CoreInstanceT] = [:]
            for a in arguments {
                guard a.sort == .instance else { throw invalid("only instances can be module instantiation arguments") }
                guard Int(a.index) < top.coreInstances.count else { throw invalid("unknown instance \(a.index): instance index out of bounds") }
                if args[a.name] != nil { throw invalid("duplicate module instantiation argument named `\(a.name)`") }
                args[a.name] = top.coreInstances[Int(a.index)]
            }
            for imp in m.imports {
                guard let arg = args[imp.module] else { throw invalid("missing module instantiation argument named `\(imp.module)`") }
                guard let actual = arg.export(imp.name) else {
                    throw invalid("module instantiation argument `\(imp.module)` does not export an item named `\(imp.name)`")
                }
                if let why = coreMismatch(actual, imp.type) {
                    throw invalid("type mismatch for export `\(imp.name)` of module instantiation argument `\(imp.module)`\n\(why)")
                }
            }
            top.coreInstances.append(CoreInstanceT(exports: m.exports, definedTypes: m.definedTypes))
        case .exports(let exports):
            var list: [ModuleTypes.ExportType] = []
            var seen = Set<String>()
            for e in exports {
                guard seen.insert(e.name).inserted else { throw invalid("export name `\(e.name)` already defined") }
                list.append(ModuleTypes.ExportType(name: e.name, type: try coreItemType(e.sort, e.index)))
            }
            top.coreInstances.append(CoreInstanceT(exports: list))
        }
    }

    /// The external type of a core definition.
    func coreItemType(_ sort: CoreSort, _ index: UInt32) throws -> ExternalType {
        let i = Int(index)
        let s = top
        switch sort {
        case .function:
            guard i < s.coreFunctions.count else { throw invalid("unknown core function \(i): function index out of bounds") }
            return .function(s.coreFunctions[i])
        case .table:
            guard i < s.coreTables.count else { throw invalid("unknown table \(i): table index out of bounds") }
            return .table(s.coreTables[i])
        case .memory:
            guard i < s.coreMemories.count else { throw invalid("unknown memory \(i): memory index out of bounds") }
            return .memory(s.coreMemories[i])
        case .global:
            guard i < s.coreGlobals.count else { throw invalid("unknown global \(i): global index out of bounds") }
            return .global(s.coreGlobals[i])
        case .tag:
            try require(.exceptions, "exceptions proposal not enabled")
            guard i < s.coreTags.count else { throw invalid("unknown tag \(i): tag index out of bounds") }
            return .tag(s.coreTags[i])
        default:
            throw invalid("core instance export sort must be a func, table, memory, global or tag")
        }
    }

    /// Why a core external type does not match, in wasm-tools' words, or nil.
    func coreMismatch(_ actual: ExternalType, _ expected: ExternalType) -> String? {
        if WasmCore.matches(actual, expected) { return nil }
        func kind(_ t: ExternalType) -> String {
            switch t {
            case .function: return "func"
            case .table: return "table"
            case .memory: return "memory"
            case .global: return "global"
            case .tag: return "tag"
            }
        }
        let printer = ModulePrinter()
        func funcText(_ f: FunctionType) -> String {
            var text = "(func"
            if !f.parameters.isEmpty { text += " (param " + f.parameters.map(printer.valueType).joined(separator: " ") + ")" }
            if !f.results.isEmpty { text += " (result " + f.results.map(printer.valueType).joined(separator: " ") + ")" }
            return text + ")"
        }
        switch (actual, expected) {
        case (.function(let a), .function(let e)), (.tag(let a), .tag(let e)):
            return "expected: \(funcText(e))\nfound:    \(funcText(a))"
        case (.table(let a), .table(let e)):
            if a.elementType != e.elementType {
                return "expected table element type \(printer.referenceType(e.elementType)), found \(printer.referenceType(a.elementType))"
            }
            if a.limits.isShared != e.limits.isShared { return "mismatch in the shared flag for tables" }
            return "mismatch in table limits"
        case (.memory(let a), .memory(let e)):
            if a.limits.isShared != e.limits.isShared { return "mismatch in the shared flag for memories" }
            if a.limits.addressType != e.limits.addressType { return "mismatch in index type used for memories" }
            if a.bytesPerPage != e.bytesPerPage { return "mismatch in page size for memories" }
            return "mismatch in memory limits"
        case (.global(let a), .global(let e)):
            if a.mutability != e.mutability { return "global types differ in mutability" }
            return "expected global type \(printer.valueType(e.valueType)), found \(printer.valueType(a.valueType))"
        default: return "expected \(kind(expected)), found \(kind(actual))"
        }
    }

    // MARK: - Component instances

    /// Spec: Explainer.md#instance-definitions — a component instance: instantiate a component
    /// with named arguments (checked against its imports by subtyping; resources substituted,
    /// exported resources made fresh), or bundle definitions.
    func validateInstance(_ i: Instance) throws {
        switch i {
        case .instantiate(let component, let arguments):
            guard Int(component) < top.components.count else { throw invalid("unknown component \(component): component index out of bounds") }
            let c = top.components[Int(component)]
            var args: [String: EType] = [:]
            var names = NameSet()
            for a in arguments {
                if let previous = names.insert(a.name) {
                    throw invalid("instantiation argument `\(a.name)` conflicts with previous argument `\(previous)`")
                }
                args[a.name] = try itemType(a.item)
            }
            let t = try instantiate(c, args)
            try checkTypeSize(.instance(t))
            top.instances.append(t)
        case .exports(let exports):
            var t = InstanceT()
            var names = NameSet()
            for e in exports {
                let type = try itemType(e.item)
                // A bag of exports names no resources: annotated names cannot refer to one.
                try checkExternName(e.name, type, isExport: true, names: &names, namespace: [])
                t.exportList.append(NamedEType(name: e.name.name, type: type))
            }
            try checkTypeSize(.instance(t))
            top.instances.append(t)
        }
    }

    /// Instantiates a component type with arguments: every import supplied by a subtype, the
    /// imported resources bound to the arguments', the defined ones made fresh.
    func instantiate(_ c: ComponentT, _ args: [String: EType]) throws -> InstanceT {
        var map: [ResourceID: ResourceID] = [:]
        let bindable = Set(c.importedResources)
        for imp in c.imports {
            guard let actual = args[imp.name] else {
                throw invalid("missing import named `\(imp.name)`")
            }
            bindResources(actual: actual, expected: imp.type, bindable: bindable, map: &map)
            let expected = substitute(imp.type, map)
            if let why = subtypeMismatch(actual, expected) {
                throw invalid("type mismatch for import `\(imp.name)`\n\(why)")
            }
        }
        var tags: [Int: TypeTag] = [:]
        for imp in c.imports { if let actual = args[imp.name] { bindTags(actual: actual, expected: imp.type, tags: &tags) } }
        for r in c.definedResources { map[r] = freshResource() }
        var t = InstanceT()
        for e in c.exports { t.exportList.append(NamedEType(name: e.name, type: substitute(e.type, map, tags: tags))) }
        return t
    }

    /// The type of a definition named by a sort and index.
    func itemType(_ item: SortIndex) throws -> EType {
        let i = Int(item.index)
        let s = top
        switch item.sort {
        case .core(.module):
            guard i < s.coreModules.count else { throw invalid("unknown module \(i): module index out of bounds") }
            return .coreModule(s.coreModules[i])
        case .core:
            throw invalid("only core modules may be referenced here")
        case .function:
            guard i < s.functions.count else { throw invalid("unknown function \(i): function index out of bounds") }
            return .function(s.functions[i])
        case .value:
            try require(.cmValues, "support for component model `value`s is not enabled")
            guard i < s.values.count else { throw invalid("unknown value \(i): value index out of bounds") }
            try useValue(i)
            return .value(s.values[i])
        case .type:
            guard i < s.types.count else { throw invalid("unknown type \(i): type index out of bounds") }
            return .type(s.types[i])
        case .component:
            guard i < s.components.count else { throw invalid("unknown component \(i): component index out of bounds") }
            return .component(s.components[i])
        case .instance:
            guard i < s.instances.count else { throw invalid("unknown instance \(i): instance index out of bounds") }
            return .instance(s.instances[i])
        }
    }

    /// Appends a definition of the given type to its index space.
    func push(_ t: EType) {
        switch t {
        case .coreModule(let m): top.coreModules.append(m)
        case .function(let f): top.functions.append(f)
        case .value(let v): top.values.append(v)
        case .type(let e): top.types.append(e)
        case .component(let c): top.components.append(c)
        case .instance(let i): top.instances.append(i)
        }
    }

    // MARK: - Aliases

    /// Spec: Explainer.md#alias-definitions — export aliases of (core) instances, and outer
    /// aliases of types, modules and components (resources never cross a component boundary).
    func validateAlias(_ a: Alias) throws {
        switch a.target {
        case .coreExport(let instance, let name):
            guard case .core(let sort) = a.sort else { throw invalid("core export alias must have a core sort") }
            if sort == .tag { try require(.exceptions, "exceptions proposal not enabled") }
            guard Int(instance) < top.coreInstances.count else { throw invalid("unknown core instance \(instance): instance index out of bounds") }
            guard let t = top.coreInstances[Int(instance)].export(name) else {
                throw invalid("core instance \(instance) has no export named `\(name)`")
            }
            switch (sort, t) {
            case (.function, .function(let f)):
                let definedTypes = top.coreInstances[Int(instance)].definedTypes
                if !definedTypes.isEmpty { top.coreFunctionTypeSpaces[top.coreFunctions.count] = definedTypes }
                top.coreFunctions.append(f)
            case (.table, .table(let x)): top.coreTables.append(x)
            case (.memory, .memory(let x)): top.coreMemories.append(x)
            case (.global, .global(let x)): top.coreGlobals.append(x)
            case (.tag, .tag(let x)): top.coreTags.append(x)
            default: throw invalid("export `\(name)` for core instance \(instance) is not a \(sort.keyword)")
            }
        case .export(let instance, let name):
            if a.sort == .value { try require(.cmValues, "support for component model `value`s is not enabled") }
            guard Int(instance) < top.instances.count else { throw invalid("unknown instance \(instance): instance index out of bounds") }
            guard let t = top.instances[Int(instance)].export(name) else {
                throw invalid("instance \(instance) has no export named `\(name)`")
            }
            guard sortOf(t) == a.sort else {
                throw invalid("export `\(name)` for instance \(instance) is not a \(sortName(a.sort))")
            }
            push(t)
        case .outer(let count, let index):
            try validateOuterAlias(a.sort, count: count, index: index)
        }
    }

    func sortOf(_ t: EType) -> Sort {
        switch t {
        case .coreModule: return .core(.module)
        case .function: return .function
        case .value: return .value
        case .type: return .type
        case .component: return .component
        case .instance: return .instance
        }
    }

    func sortName(_ s: Sort) -> String {
        switch s {
        case .core(let c): return c == .module ? "module" : "core \(c.keyword)"
        case .function: return "func"
        default: return s.keyword
        }
    }

    func validateOuterAlias(_ sort: Sort, count: UInt32, index: UInt32) throws {
        guard Int(count) < scopes.count else { throw invalid("invalid outer alias count of \(count)") }
        let target = scopes.count - 1 - Int(count)
        let crossesComponent = scopes[(target + 1)...].contains { $0.kind == .component }
        let s = scopes[target]
        let i = Int(index)
        switch sort {
        case .type:
            guard i < s.types.count else { throw invalid("unknown type \(i): type index out of bounds") }
            let t = s.types[i]
            if crossesComponent {
                var rs = Set<ResourceID>()
                collectResources(.type(t), into: &rs)
                if !rs.isEmpty { throw invalid("type transitively refers to resources not defined in the current component") }
            }
            top.types.append(t)
        case .core(.type):
            guard i < s.coreTypes.count else { throw invalid("unknown core type \(i): type index out of bounds") }
            top.coreTypes.append(s.coreTypes[i])
        case .core(.module):
            guard i < s.coreModules.count else { throw invalid("unknown module \(i): module index out of bounds") }
            top.coreModules.append(s.coreModules[i])
        case .component:
            guard i < s.components.count else { throw invalid("unknown component \(i): component index out of bounds") }
            top.components.append(s.components[i])
        default:
            throw invalid("outer aliases may only refer to types, modules or components")
        }
    }

    // MARK: - Start

    /// Spec: Explainer.md#start-definitions — 🪙 the start function: arguments are values of
    /// the parameter types, results become values.
    func validateStart(_ s: Start) throws {
        try require(.cmValues, "support for component model `value`s is not enabled")
        guard Int(s.function) < top.functions.count else { throw invalid("unknown function \(s.function): function index out of bounds") }
        let f = top.functions[Int(s.function)]
        guard f.parameters.count == s.arguments.count else {
            throw invalid("component start function requires \(f.parameters.count) arguments but was given \(s.arguments.count)")
        }
        for (n, (p, a)) in zip(f.parameters, s.arguments).enumerated() {
            guard Int(a) < top.values.count else { throw invalid("unknown value \(a): value index out of bounds") }
            guard top.values[Int(a)] == p.type else {
                throw invalid("value type mismatch for component start function argument \(n)")
            }
            try useValue(Int(a))
        }
        let results = f.result == nil ? 0 : 1
        guard results == Int(s.resultCount) else {
            throw invalid("component start function has a result count of \(results) but the function type has a result count of \(s.resultCount)")
        }
        if let r = f.result { top.values.append(r) }
    }
}
