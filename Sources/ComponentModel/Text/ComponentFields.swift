import WasmCore

/// Spec: Explainer.md — the fields of a component in the text format and their sugar.
extension ComponentTextParser {
    /// Reads component fields up to (not including) the closing `)`.
    mutating func parseComponentFields() throws {
        while c.peek?.kind == .leftParen {
            try parseComponentField()
        }
        let pending = scopes[top].inlineExports
        scopes[top].inlineExports = []
        for (e, at) in pending { try emit(.export(e), at: at) }
    }

    mutating func parseComponentField() throws {
        let at = c.location
        guard let k = c.peekKeywordText(offset: 1) else { throw c.unexpected() }
        switch k {
        case "core":
            switch c.peekKeywordText(offset: 2) {
            case "module": try parseCoreModule()
            case "instance": try parseCoreInstance()
            case "type": try parseCoreTypeField()
            case "rec": try parseCoreRecField()
            case "func", "table", "memory", "global", "tag": try parseCoreItemField()
            default:
                c.position += 2
                throw c.unexpected()
            }
        case "component": try parseNestedComponent()
        case "instance": try parseInstance()
        case "alias": try parseAliasField()
        case "type": try parseTypeField()
        case "canon": try parseCanonField()
        case "func": try parseFuncField()
        case "start": try parseStart()
        case "import": try parseImport()
        case "export": try parseExport()
        case "value":
            throw WasmError(.malformed, "value definitions are not supported by this parser", at: at)
        default:
            c.position += 1
            throw c.unexpected()
        }
    }

    // MARK: Core definitions

    /// `(core module $id? field*)`.
    mutating func parseCoreModule() throws {
        let at = c.location
        c.position += 3
        let id = c.takeIdentifier()
        let exports = try inlineExports()
        if peekInlineImport {
            let ext = try inlineImportName()
            let t = try externTypeBody(.core(.module))
            try c.expectRightParen()
            let i = try emit(.import(ComponentImport(name: ext, type: t)), name: id, at: at)
            try emitInlineExports(exports, .core(.module), i, at: at)
            return
        }
        let module = try c.parseModuleFields(features: features)
        try c.expectRightParen()
        let i = try emit(.coreModule(module), name: id, at: at)
        try emitInlineExports(exports, .core(.module), i, at: at)
    }

    /// `(core instance $id? (instantiate $m (with "n" (instance ...))*))` or `(core instance $id? (export ...)*)`.
    mutating func parseCoreInstance() throws {
        let at = c.location
        c.position += 3
        let id = c.takeIdentifier()
        if c.peekLeftParen("instantiate") {
            c.position += 2
            let module: UInt32
            if c.takeLeftParen("module") {
                module = try referenceBody(.core(.module))
                try c.expectRightParen()
            } else {
                module = try index(.core(.module))
            }
            var args: [CoreInstantiateArgument] = []
            while c.takeLeftParen("with") {
                let name = try c.expectName()
                try c.expectLeftParen()
                let sortAt = c.location
                let k = try c.expectAnyKeyword()
                guard k == "instance" else { throw WasmError(.malformed, "unexpected token, expected `instance`", at: sortAt) }
                let i: UInt32
                if c.peekLeftParen("export") {
                    let exports = try coreInlineExportItems()
                    i = try emit(.coreInstance(.exports(exports)), at: sortAt)
                } else {
                    i = try referenceBody(.core(.instance))
                }
                try c.expectRightParen()
                try c.expectRightParen()
                args.append(CoreInstantiateArgument(name: name, index: i))
            }
            try c.expectRightParen()
            try c.expectRightParen()
            try emit(.coreInstance(.instantiate(module: module, arguments: args)), name: id, at: at)
        } else {
            let exports = try coreInlineExportItems()
            try c.expectRightParen()
            try emit(.coreInstance(.exports(exports)), name: id, at: at)
        }
    }

    /// `(export "n" (sort idx "name"*))*` of a core instance.
    mutating func coreInlineExportItems() throws -> [CoreInlineExport] {
        var exports: [CoreInlineExport] = []
        while c.takeLeftParen("export") {
            let name = try c.expectName()
            try c.expectLeftParen()
            let sortAt = c.location
            if c.peekKeyword("core") { c.position += 1 }
            let k = try c.expectAnyKeyword()
            guard let sort = CoreSort(keyword: k) else { throw WasmError(.malformed, "unexpected token, expected a core sort", at: sortAt) }
            let i = try referenceBody(.core(sort))
            try c.expectRightParen()
            try c.expectRightParen()
            exports.append(CoreInlineExport(name: name, sort: sort, index: i))
        }
        return exports
    }

    /// `(core type $id? (func ...))` or `(core type $id? (module decl*))`.
    mutating func parseCoreTypeField() throws {
        let at = c.location
        c.position += 3
        let id = c.takeIdentifier()
        // 🛸 A GC type may refer to itself: its name is bound while its body is read (not a module
        // type's, whose name is not visible inside it).
        if let id, !c.peekLeftParen("module"), scopes[top].names[.core(.type)]?[id] == nil {
            scopes[top].names[.core(.type), default: [:]][id] = scopes[top].count(.core(.type))
        }
        let type: CoreType
        do {
            type = try coreTypeBody()
            if let id { scopes[top].names[.core(.type)]?[id] = nil }
        } catch {
            if let id { scopes[top].names[.core(.type)]?[id] = nil }
            throw error
        }
        try c.expectRightParen()
        try addCoreType(type, name: id, at: at)
    }

    /// 🛸 `(core rec (type $id? subtype)*)`: one definition, one core type index per member. Each
    /// member's name is bound before its body is read, so it may refer to itself and earlier ones.
    mutating func parseCoreRecField() throws {
        let at = c.location
        c.position += 3
        var members: [CoreSubType] = []
        let ids = recMemberNames()
        let base = scopes[top].count(.core(.type))
        for (n, id) in ids.enumerated() {
            guard let id else { continue }
            guard scopes[top].names[.core(.type)]?[id] == nil else {
                throw WasmError(.malformed, "duplicate core type identifier $\(id)", at: at)
            }
            scopes[top].names[.core(.type), default: [:]][id] = base + UInt32(n)
        }
        while c.takeLeftParen("type") {
            _ = c.takeIdentifier()
            members.append(try subTypeBody())
            try c.expectRightParen()
        }
        try c.expectRightParen()
        // Unbind the names again, then define the members' indices in order.
        for case let id? in ids { scopes[top].names[.core(.type)]?[id] = nil }
        guard let first = ids.first else {
            if inComponent { scopes[top].definitions.append(.coreType(.rec([]))) } else { scopes[top].declarations.append(.coreType(.rec([]))) }
            return
        }
        _ = try addCoreType(.rec(members), name: first, at: at)
        for id in ids.dropFirst() { _ = try scopes[top].define(.core(.type), id, at: at) }
    }

    /// The identifiers of the `(type $id? ...)` members ahead (of a rec group): members may refer
    /// to each other whatever their order.
    func recMemberNames() -> [String?] {
        var p = 0
        var names: [String?] = []
        while c.peek(p)?.kind == .leftParen, c.peekKeyword("type", offset: p + 1) {
            if let t = c.peek(p + 2), t.kind == .identifier { names.append(String(decoding: t.bytes, as: UTF8.self)) } else { names.append(nil) }
            var depth = 0
            repeat {
                guard let t = c.peek(p) else { return names }
                if t.kind == .leftParen { depth += 1 } else if t.kind == .rightParen { depth -= 1 }
                p += 1
            } while depth > 0
        }
        return names
    }

    /// A core type index: a `u32`, or the name of a core type of the current scope (or of the
    /// module type being read, `local`).
    mutating func coreTypeIndex(local: [String: UInt32]? = nil) throws -> UInt32 {
        try Self.index(&c, in: local ?? scopes[top].names[.core(.type)] ?? [:], "core type")
    }

    /// An index written as a `u32` or as one of `names` (of an index space called `what`).
    static func index(_ c: inout TextCursor, in names: [String: UInt32], _ what: String) throws -> UInt32 {
        guard let t = c.peek, t.kind == .identifier else { return try c.expectU32() }
        c.position += 1
        let name = String(decoding: t.bytes, as: UTF8.self)
        guard let i = names[name] else { throw WasmError(.malformed, "unknown \(what): failed to find name `$\(name)`", at: t.location) }
        return i
    }

    /// 🛸 `subtype`: `(sub final? x* comptype)` or a composite type alone, as WasmCore reads it,
    /// with indices of the current scope's core types (or of the module type being read, `local`).
    mutating func subTypeBody(local: [String: UInt32]? = nil) throws -> CoreSubType {
        let names = local ?? scopes[top].names[.core(.type)] ?? [:]
        let resolve = { (c: inout TextCursor) throws -> UInt32 in try Self.index(&c, in: names, "core type") }
        // Value types read whatever the features (as wasm-tools reads them); validation gates them.
        return try c.parseSubType(features: features.with(.functionReferences, .referenceTypes, .simd), typeIndex: resolve)
    }

    /// `(func ...)`, `(module decl*)`, or (🛸) a struct, array or sub type.
    mutating func coreTypeBody(local: [String: UInt32]? = nil) throws -> CoreType {
        if c.peekLeftParen("func") || c.peekLeftParen("struct") || c.peekLeftParen("array") || c.peekLeftParen("sub") {
            return .single(try subTypeBody(local: local))
        }
        try c.expectLeftParen("module")
        let decls = try coreModuleDeclarationList()
        try c.expectRightParen()
        return .module(decls)
    }

    /// Spec: Explainer.md — the declarations of a core module type, up to its closing `)`.
    mutating func coreModuleDeclarationList() throws -> [CoreModuleDeclaration] {
        var decls: [CoreModuleDeclaration] = []
        var typeNames: [String: UInt32] = [:]
        var types: [FunctionType?] = []
        func typeIndex(_ c: inout TextCursor) throws -> UInt32 { try Self.index(&c, in: typeNames, "type") }
        while c.peek?.kind == .leftParen {
            let at = c.location
            switch c.peekKeywordText(offset: 1) {
            case "type":
                c.position += 2
                let id = c.takeIdentifier()
                if let id {
                    guard typeNames[id] == nil else { throw WasmError(.malformed, "duplicate type $\(id)", at: at) }
                    typeNames[id] = UInt32(types.count)
                }
                let t = try coreTypeBody(local: typeNames)
                try c.expectRightParen()
                if case .function(let f) = t { types.append(f) } else { types.append(nil) }
                decls.append(.type(t))
            case "rec":
                c.position += 2
                var members: [CoreSubType] = []
                for (n, id) in recMemberNames().enumerated() {
                    guard let id else { continue }
                    guard typeNames[id] == nil else { throw WasmError(.malformed, "duplicate type $\(id)", at: at) }
                    typeNames[id] = UInt32(types.count + n)
                }
                while c.takeLeftParen("type") {
                    _ = c.takeIdentifier()
                    members.append(try subTypeBody(local: typeNames))
                    try c.expectRightParen()
                    types.append(nil)
                }
                try c.expectRightParen()
                decls.append(.type(.rec(members)))
            case "alias":
                c.position += 2
                try c.expectKeyword("outer")
                // The module type is a scope of its own, one level inside the current one.
                let count = try outerCount(extra: 1)
                let i: UInt32
                if count == 0 {
                    i = try typeIndex(&c)
                } else {
                    i = try outerIndex(.core(.type), count: count - 1)
                }
                try c.expectLeftParen("type")
                let id = c.takeIdentifier()
                try c.expectRightParen()
                try c.expectRightParen()
                if let id { typeNames[id] = UInt32(types.count) }
                types.append(nil)
                decls.append(.outerTypeAlias(count: count, index: i))
            case "import":
                c.position += 2
                let module = try c.expectName()
                let name = try c.expectName()
                let d = try coreExternDescriptor(&decls, &types, typeIndex)
                try c.expectRightParen()
                decls.append(.import(WasmCore.Import(module: module, name: name, descriptor: d)))
            case "export":
                c.position += 2
                let name = try c.expectName()
                let d = try coreExternDescriptor(&decls, &types, typeIndex)
                try c.expectRightParen()
                decls.append(.export(name: name, type: d))
            default:
                c.position += 1
                throw c.unexpected()
            }
        }
        return decls
    }

    /// A core import or export descriptor in a module type; an inline function type reuses an
    /// equal explicitly declared type or adds a type declaration before it.
    mutating func coreExternDescriptor(
        _ decls: inout [CoreModuleDeclaration], _ types: inout [FunctionType?],
        _ typeIndex: @escaping (inout TextCursor) throws -> UInt32
    ) throws -> ImportDescriptor {
        try c.expectLeftParen()
        let at = c.location
        let k = try c.expectAnyKeyword()
        _ = c.takeIdentifier()
        let d: ImportDescriptor
        switch k {
        case "func", "tag":
            var index: UInt32?
            if c.takeLeftParen("type") {
                index = try typeIndex(&c)
                try c.expectRightParen()
            }
            let (ft, _) = try c.parseParametersAndResults(features: features, allowNames: true, typeIndex: typeIndex)
            if index == nil || !(ft.parameters.isEmpty && ft.results.isEmpty) {
                if index == nil {
                    // Reuse an equal type declared explicitly (as wasm-tools does); types added
                    // for earlier inline uses are not reused.
                    if let existing = types.firstIndex(where: { $0 == ft }) {
                        index = UInt32(existing)
                    } else {
                        index = UInt32(types.count)
                        types.append(nil)
                        decls.append(.type(.function(ft)))
                    }
                }
            }
            d = k == "func" ? .function(typeIndex: index ?? 0) : .tag(typeIndex: index ?? 0)
        case "table": d = .table(try c.parseTableType(features: features, typeIndex: typeIndex))
        case "memory": d = .memory(try c.parseMemoryType(features: features))
        case "global": d = .global(try c.parseGlobalType(features: features, typeIndex: typeIndex))
        default: throw WasmError(.malformed, "unexpected token", at: at)
        }
        try c.expectRightParen()
        return d
    }

    /// `(core func $id? (canon ...))`, or `(core <sort> $id? (alias core export $i "n"))`.
    mutating func parseCoreItemField() throws {
        let at = c.location
        c.position += 2
        let k = try c.expectAnyKeyword()
        guard let sort = CoreSort(keyword: k) else { throw c.unexpected() }
        let id = c.takeIdentifier()
        if c.peekLeftParen("alias") {
            c.position += 2
            let target = try aliasTarget()
            try c.expectRightParen()
            try c.expectRightParen()
            try emit(.alias(Alias(sort: .core(sort), target: target)), name: id, at: at)
            return
        }
        guard sort == .function, c.takeLeftParen("canon") else { throw c.unexpected() }
        let canon = try canonBody(lift: nil)
        try c.expectRightParen()
        try c.expectRightParen()
        try emit(.canon(canon), name: id, at: at)
    }

    // MARK: Component definitions

    /// A nested `(component $id? field*)`.
    mutating func parseNestedComponent() throws {
        let at = c.location
        c.position += 2
        let id = c.takeIdentifier()
        let exports = try inlineExports()
        if try parseInlineImport(.component, id: id, exports: exports, at: at) { return }
        guard scopes.count < Self.maximumDepth else { throw WasmError(.malformed, "nesting too deep", at: at) }
        scopes.append(TextScope(kind: .component, label: id))
        try parseComponentFields()
        let inner = scopes.removeLast()
        try c.expectRightParen()
        let i = try emit(.component(Component(definitions: inner.definitions)), name: id, at: at)
        try emitInlineExports(exports, .component, i, at: at)
    }

    /// Whether `(import "name")` (with nothing but attributes after the name) comes next.
    var peekInlineImport: Bool {
        c.peekLeftParen("import") && isNameOnly(from: 2)
    }

    /// A definition written as an inline import, `(sort $id? (export "n")* (import "name") externtype)`,
    /// from the inline import on; returns false (consuming nothing) when no inline import comes next.
    mutating func parseInlineImport(_ sort: Sort, id: String?, exports: [ExternName], at: SourceLocation) throws -> Bool {
        guard peekInlineImport else { return false }
        let ext = try inlineImportName()
        let t = try externTypeBody(sort)
        try c.expectRightParen()
        let i = try emit(.import(ComponentImport(name: ext, type: t)), name: id, at: at)
        try emitInlineExports(exports, sort, i, at: at)
        return true
    }

    /// A definition written as an inline alias, `(sort $id? (export "n")* (alias target))`, from the
    /// alias on; returns false (consuming nothing) when no alias comes next.
    mutating func parseInlineAlias(_ sort: Sort, id: String?, exports: [ExternName], at: SourceLocation) throws -> Bool {
        guard c.peekLeftParen("alias") else { return false }
        c.position += 2
        let target = try aliasTarget()
        try c.expectRightParen()
        try c.expectRightParen()
        let i = try emit(.alias(Alias(sort: sort, target: target)), name: id, at: at)
        try emitInlineExports(exports, sort, i, at: at)
        return true
    }

    /// `(import "name")` written inline on a definition.
    mutating func inlineImportName() throws -> ExternName {
        try c.expectLeftParen("import")
        let n = try externName()
        try c.expectRightParen()
        return n
    }

    /// `(instance $id? (instantiate $c (with "n" ...)*))`, `(instance $id? (export ...)*)`, or an inline import.
    mutating func parseInstance() throws {
        let at = c.location
        c.position += 2
        let id = c.takeIdentifier()
        let exports = try inlineExports()
        if try parseInlineAlias(.instance, id: id, exports: exports, at: at) { return }
        if try parseInlineImport(.instance, id: id, exports: exports, at: at) { return }
        let instance: Instance
        if c.takeLeftParen("instantiate") {
            let component: UInt32
            if c.takeLeftParen("component") {
                component = try referenceBody(.component)
                try c.expectRightParen()
            } else {
                component = try index(.component)
            }
            var args: [InstantiateArgument] = []
            while c.takeLeftParen("with") {
                let name = try c.expectName()
                let item: SortIndex
                if c.peekLeftParen("instance") && c.peekLeftParen("instance") && c.peek(2)?.kind == .leftParen {
                    let argAt = c.location
                    c.position += 2
                    let items = try instanceExportItems()
                    try c.expectRightParen()
                    item = SortIndex(.instance, try emit(.instance(.exports(items)), at: argAt))
                } else {
                    item = try sortReference()
                }
                try c.expectRightParen()
                args.append(InstantiateArgument(name: name, item: item))
            }
            try c.expectRightParen()
            instance = .instantiate(component: component, arguments: args)
        } else {
            instance = .exports(try instanceExportItems())
        }
        try c.expectRightParen()
        let i = try emit(.instance(instance), name: id, at: at)
        try emitInlineExports(exports, .instance, i, at: at)
    }

    /// `(export "n" (sort idx))*` of an instance built from exports.
    mutating func instanceExportItems() throws -> [InlineExport] {
        var items: [InlineExport] = []
        while c.takeLeftParen("export") {
            let name = try externName()
            let item = try sortReference()
            try c.expectRightParen()
            items.append(InlineExport(name: name, item: item))
        }
        return items
    }

    /// The target of an alias: `export $i "n"`, `core export $i "n"`, `outer $c $idx` (the sort known).
    mutating func aliasTarget(sort: Sort? = nil) throws -> Alias.Target {
        if c.takeKeyword("export") {
            let i = try index(.instance)
            return .export(instance: i, name: try c.expectName())
        }
        if c.takeKeyword("core") {
            try c.expectKeyword("export")
            let i = try index(.core(.instance))
            return .coreExport(instance: i, name: try c.expectName())
        }
        try c.expectKeyword("outer")
        let count = try outerCount()
        guard let sort else { throw c.unexpected() }
        return .outer(count: count, index: try outerIndex(sort, count: count))
    }

    /// `(alias export $i "n" (sort $id?))`, `(alias core export ...)`, `(alias outer $c $idx (sort $id?))`.
    mutating func parseAliasField() throws {
        let at = c.location
        c.position += 2
        var target: Alias.Target
        var outer: (count: UInt32, token: Int)?
        if c.peekKeyword("outer") {
            c.position += 1
            let count = try outerCount()
            outer = (count, c.position)
            try c.skipSExpressionOrToken()
            target = .outer(count: count, index: 0)
        } else {
            target = try aliasTarget()
        }
        try c.expectLeftParen()
        let sort = try parseSort()
        let id = c.takeIdentifier()
        try c.expectRightParen()
        try c.expectRightParen()
        if let outer {
            let end = c.position
            c.position = outer.token
            target = .outer(count: outer.count, index: try outerIndex(sort, count: outer.count))
            c.position = end
        }
        try addAlias(Alias(sort: sort, target: target), name: id, at: at)
    }

    /// `(type $id? (export "n")* deftype)`.
    mutating func parseTypeField() throws {
        let at = c.location
        c.position += 2
        let id = c.takeIdentifier()
        let exports = try inlineExports()
        if c.peekLeftParen("alias") {
            c.position += 2
            let target = try aliasTarget(sort: .type)
            try c.expectRightParen()
            try c.expectRightParen()
            let i = try addAlias(Alias(sort: .type, target: target), name: id, at: at)
            try emitInlineExports(exports, .type, i, at: at)
            return
        }
        let t = try typeDefinition(label: id)
        try c.expectRightParen()
        let i = try addType(t, name: id, at: at)
        try emitInlineExports(exports, .type, i, at: at)
    }

    /// `(func $id? (export "n")* typeuse (canon lift ...))`, `(func $id? (alias export ...))`, or an inline import.
    mutating func parseFuncField() throws {
        let at = c.location
        c.position += 2
        let id = c.takeIdentifier()
        let exports = try inlineExports()
        if try parseInlineAlias(.function, id: id, exports: exports, at: at) { return }
        if try parseInlineImport(.function, id: id, exports: exports, at: at) { return }
        let type = try functionTypeUse()
        try c.expectLeftParen("canon")
        guard c.peekKeyword("lift") else { throw c.unexpected() }
        let canon = try canonBody(lift: type)
        try c.expectRightParen()
        try c.expectRightParen()
        let i = try emit(.canon(canon), name: id, at: at)
        try emitInlineExports(exports, .function, i, at: at)
    }

    /// A function type use: `(type $t)` or an inline `async? (param ...)* (result ...)?`, which adds a type.
    mutating func functionTypeUse() throws -> UInt32 {
        let at = c.location
        if c.takeLeftParen("type") {
            let i = try index(.type)
            try c.expectRightParen()
            return i
        }
        let f = try functionTypeFields()
        return try addType(.function(f), at: at)
    }

    /// `(start $f (value $v)* (result (value $id?))*)`.
    mutating func parseStart() throws {
        let at = c.location
        if scopes[top].definitions.contains(where: { if case .start = $0 { return true } else { return false } }) {
            throw WasmError(.malformed, "component cannot have more than one start function", at: at)
        }
        c.position += 2
        let f = try index(.function)
        var args: [UInt32] = []
        while c.peekLeftParen("value") {
            c.position += 2
            args.append(try index(.value))
            try c.expectRightParen()
        }
        var names: [String?] = []
        while c.takeLeftParen("result") {
            try c.expectLeftParen("value")
            names.append(c.takeIdentifier())
            try c.expectRightParen()
            try c.expectRightParen()
        }
        try c.expectRightParen()
        scopes[top].definitions.append(.start(Start(function: f, arguments: args, resultCount: UInt32(names.count))))
        for n in names { _ = try scopes[top].define(.value, n, at: at) }
    }

    /// `(import "name" externdesc)`.
    mutating func parseImport() throws {
        let at = c.location
        c.position += 2
        let name = try externName()
        let (sort, id, type) = try externDescriptor()
        try c.expectRightParen()
        let imp = ComponentImport(name: name, type: type)
        _ = sort
        if inComponent {
            try emit(.import(imp), name: id, at: at)
        } else {
            try declare(.import(imp), name: id, at: at)
        }
    }

    /// `(export $id? "name" (sort idx) externdesc?)`.
    mutating func parseExport() throws {
        let at = c.location
        c.position += 2
        let id = c.takeIdentifier()
        let name = try externName()
        if !inComponent {
            let (_, declId, type) = try externDescriptor()
            try c.expectRightParen()
            try declare(.export(name: name, type: type), name: declId ?? id, at: at)
            return
        }
        let item = try sortReference()
        var type: ExternType?
        if c.peek?.kind == .leftParen {
            type = try externDescriptor().type
        }
        try c.expectRightParen()
        try emit(.export(ComponentExport(name: name, item: item, type: type)), name: id, at: at)
    }
}

extension TextCursor {
    /// Skips one token, or one whole S-expression.
    mutating func skipSExpressionOrToken() throws {
        if peek?.kind == .leftParen { try skipSExpression() } else { _ = try next() }
    }
}
