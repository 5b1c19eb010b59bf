import WasmCore

/// Spec: Explainer.md — parses a component in the text format, reusing WasmCore's lexer, cursor and
/// module parser.
public func parseComponent(_ text: String, features: Features = .all, legacyIndices: Bool = false) throws -> Component {
    var cursor = try TextCursor(text)
    let component: Component
    if cursor.peekLeftParen("component") {
        component = try cursor.parseComponentSExpression(features: features, legacyIndices: legacyIndices).component
    } else {
        var parser = ComponentTextParser(cursor: cursor, features: features, legacyIndices: legacyIndices)
        parser.scopes = [TextScope(kind: .component, label: nil)]
        try parser.parseComponentFields()
        cursor = parser.c
        component = Component(definitions: parser.scopes[0].definitions)
    }
    guard cursor.isAtEnd else { throw cursor.unexpected() }
    return component
}

/// What a script's `(component ...)` form holds: a component in the text format, a binary, or quoted text.
public enum ComponentScriptForm: Hashable, Sendable {
    case text(Component)
    case binary([UInt8])
    case quote(String)
}

extension TextCursor {
    /// Spec: Explainer.md — reads `(component $id? field*)` at the cursor.
    public mutating func parseComponentSExpression(features: Features = .all, legacyIndices: Bool = false) throws -> (name: String?, component: Component) {
        try expectLeftParen("component")
        let name = takeIdentifier()
        var parser = ComponentTextParser(cursor: self, features: features, legacyIndices: legacyIndices)
        parser.scopes = [TextScope(kind: .component, label: name)]
        try parser.parseComponentFields()
        self = parser.c
        try expectRightParen()
        return (name, Component(definitions: parser.scopes[0].definitions))
    }

    /// The script forms: `(component definition? $id? binary "..."*)`, `(component definition? $id? quote "..."*)`,
    /// or a component in the text format. Returns the name, whether it is a `definition`, and the form.
    public mutating func parseScriptComponent(features: Features = .all, legacyIndices: Bool = false) throws -> (name: String?, isDefinition: Bool, form: ComponentScriptForm) {
        let start = position
        try expectLeftParen("component")
        let isDefinition = takeKeyword("definition")
        let name = takeIdentifier()
        if takeKeyword("binary") {
            var bytes: [UInt8] = []
            while let s = takeString() { bytes += s }
            try expectRightParen()
            return (name, isDefinition, .binary(bytes))
        }
        if takeKeyword("quote") {
            var text: [UInt8] = []
            while let s = takeString() { text += s + [0x20] }
            try expectRightParen()
            return (name, isDefinition, .quote(String(decoding: text, as: UTF8.self)))
        }
        if isDefinition {
            var parser = ComponentTextParser(cursor: self, features: features, legacyIndices: legacyIndices)
            parser.scopes = [TextScope(kind: .component, label: name)]
            try parser.parseComponentFields()
            self = parser.c
            try expectRightParen()
            return (name, true, .text(Component(definitions: parser.scopes[0].definitions)))
        }
        position = start
        let (n, c) = try parseComponentSExpression(features: features, legacyIndices: legacyIndices)
        return (n, false, .text(c))
    }
}

/// The component text parser: one pass, resolving identifiers as they are defined (components
/// are ordered), expanding the sugar (inline types, inline aliases, inline exports, inline
/// instances) into definitions placed as wasm-tools places them.
struct ComponentTextParser {
    var c: TextCursor
    let features: Features
    /// Accept the legacy sugar of canon options (`(memory $i "mem")`, `(realloc (func ...))`).
    let legacyIndices: Bool
    var scopes: [TextScope] = []
    /// How many inline value types enclose the one being parsed (bounded by `maximumDepth`).
    var valueTypeNesting = 0

    init(cursor: TextCursor, features: Features, legacyIndices: Bool) {
        self.c = cursor
        self.features = features
        self.legacyIndices = legacyIndices
    }

    static let maximumDepth = 100

    var top: Int { scopes.count - 1 }

    // MARK: Emitting items

    /// Appends a definition to the current component, assigning the index it defines.
    @discardableResult
    mutating func emit(_ d: Definition, name: String? = nil, at location: SourceLocation) throws -> UInt32 {
        let sort = d.definedSort
        scopes[top].definitions.append(d)
        if case .start(let s) = d {
            scopes[top].defineMany(.value, s.resultCount)
            return 0
        }
        guard let sort else { return 0 }
        return try scopes[top].define(sort, name, at: location)
    }

    /// Appends a declaration to the current type scope.
    @discardableResult
    mutating func declare(_ d: Declaration, name: String? = nil, at location: SourceLocation) throws -> UInt32 {
        scopes[top].declarations.append(d)
        guard let sort = d.definedSort else { return 0 }
        return try scopes[top].define(sort, name, at: location)
    }

    var inComponent: Bool { scopes[top].kind == .component }

    /// Adds a type definition in whichever kind of scope is current.
    mutating func addType(_ t: TypeDefinition, name: String? = nil, at location: SourceLocation) throws -> UInt32 {
        inComponent ? try emit(.type(t), name: name, at: location) : try declare(.type(t), name: name, at: location)
    }

    mutating func addCoreType(_ t: CoreType, name: String? = nil, at location: SourceLocation) throws -> UInt32 {
        inComponent ? try emit(.coreType(t), name: name, at: location) : try declare(.coreType(t), name: name, at: location)
    }

    mutating func addAlias(_ a: Alias, name: String? = nil, at location: SourceLocation) throws -> UInt32 {
        inComponent ? try emit(.alias(a), name: name, at: location) : try declare(.alias(a), name: name, at: location)
    }

    // MARK: Identifiers

    /// An index of `sort`: a `u32`, or an identifier bound in this scope (or, for types, modules
    /// and components, in an enclosing one, which inserts an outer alias as wasm-tools does).
    mutating func index(_ sort: Sort) throws -> UInt32 {
        guard let t = c.peek, t.kind == .identifier else { return try c.expectU32() }
        c.position += 1
        let name = String(decoding: t.bytes, as: UTF8.self)
        if let i = scopes[top].names[sort]?[name] { return i }
        let outerable: Bool
        switch sort {
        case .type, .component, .core(.type), .core(.module): outerable = true
        default: outerable = false
        }
        if outerable {
            var depth = 1
            while depth <= top {
                if let i = scopes[top - depth].names[sort]?[name] {
                    let alias = Alias(sort: sort, target: .outer(count: UInt32(depth), index: i))
                    // Each use adds its own alias (as wasm-tools does); the name stays unbound here.
                    return try addAlias(alias, at: t.location)
                }
                depth += 1
            }
        } else if (1 ... max(top, 1)).contains(where: { top - $0 >= 0 && scopes[top - $0].names[sort]?[name] != nil }) {
            // Bound in an enclosing component, but only these sorts may be aliased from there.
            throw WasmError(.malformed, "unknown \(sort.keyword) `$\(name)` here: outer item `\(name)` is not a module, type, or component", at: t.location)
        }
        throw WasmError(.malformed, "unknown \(sort.keyword): failed to find name `$\(name)`", at: t.location)
    }

    /// The number of scopes out to the one labelled `name`, or a `u32` count.
    /// `extra` counts scopes inside the current one that the text parser does not track (a core module type).
    mutating func outerCount(extra: Int = 0) throws -> UInt32 {
        guard let t = c.peek, t.kind == .identifier else { return try c.expectU32() }
        c.position += 1
        let name = String(decoding: t.bytes, as: UTF8.self)
        var depth = 0
        while depth <= top {
            if scopes[top - depth].label == name { return UInt32(depth + extra) }
            depth += 1
        }
        throw WasmError(.malformed, "outer component `\(name)` not found", at: t.location)
    }

    /// An index into an outer scope `count` levels up.
    mutating func outerIndex(_ sort: Sort, count: UInt32) throws -> UInt32 {
        guard let t = c.peek, t.kind == .identifier else { return try c.expectU32() }
        let target = top - Int(count)
        guard target >= 0 else {
            throw WasmError(.malformed, "outer count of `\(count)` is too large", at: t.location)
        }
        c.position += 1
        let name = String(decoding: t.bytes, as: UTF8.self)
        guard target >= 0, let i = scopes[target].names[sort]?[name] else {
            throw WasmError(.malformed, "unknown \(sort.keyword): failed to find name `$\(name)`", at: t.location)
        }
        return i
    }

    // MARK: Sorts and references

    /// A sort keyword: `core func`, `func`, `type`, ... (`core` already read when `core` is true).
    mutating func parseSort() throws -> Sort {
        let at = c.location
        if c.takeKeyword("core") {
            let k = try c.expectAnyKeyword()
            guard let s = CoreSort(keyword: k) else { throw WasmError(.malformed, "unknown core sort `\(k)`", at: at) }
            return .core(s)
        }
        let k = try c.expectAnyKeyword()
        guard let s = Sort(keyword: k) else { throw WasmError(.malformed, "unexpected token, expected a sort", at: at) }
        return s
    }

    var peekSortKeyword: Bool {
        guard let k = c.peekKeywordText(offset: 1) else { return false }
        return k == "core" || Sort(keyword: k) != nil
    }

    /// The inside of a sort reference after its sort: `idx "name"*`; export names insert aliases
    /// (`(func $i "f")` is `(alias export $i "f" (func))`).
    mutating func referenceBody(_ sort: Sort) throws -> UInt32 {
        let at = c.location
        guard c.peek(1)?.kind == .string else { return try index(sort) }
        // Core instances export core functions, tables, memories, globals and tags; a core module
        // (or core type) is exported by a component instance.
        var isCore = false
        if case .core(let cs) = sort, cs != .module, cs != .type { isCore = true }
        var instance = try index(isCore ? .core(.instance) : .instance)
        var names: [String] = []
        while c.peek?.kind == .string { names.append(try c.expectName()) }
        for (n, name) in names.enumerated() {
            let last = n == names.count - 1
            let s: Sort = last ? sort : (isCore ? .core(.instance) : .instance)
            let target: Alias.Target = isCore ? .coreExport(instance: instance, name: name) : .export(instance: instance, name: name)
            instance = try addAlias(Alias(sort: s, target: target), at: at)
        }
        return instance
    }

    /// `(sort idx "name"*)`: a sort index, possibly through alias sugar.
    mutating func sortReference() throws -> SortIndex {
        try c.expectLeftParen()
        let sort = try parseSort()
        let i = try referenceBody(sort)
        try c.expectRightParen()
        return SortIndex(sort, i)
    }

    /// A reference to a core item as canon options and built-ins write it: a bare index, or
    /// `(core sort idx "name"*)`; the legacy forms `idx "name"` and `(sort idx "name"*)` only under `legacyIndices`.
    mutating func coreReference(_ sort: CoreSort) throws -> UInt32 {
        if c.peekLeftParen("core") {
            c.position += 2
            let at = c.location
            try c.expectKeyword(sort.keyword)
            _ = at
            let i = try referenceBody(.core(sort))
            try c.expectRightParen()
            return i
        }
        if c.peekLeftParen(sort.keyword) {
            guard legacyIndices else {
                throw c.error("the `core` keyword is required in this reference: `(\(sort.keyword) ...)` should be written `(core \(sort.keyword) ...)`")
            }
            c.position += 2
            let i = try referenceBody(.core(sort))
            try c.expectRightParen()
            return i
        }
        if c.peek(1)?.kind == .string {
            guard legacyIndices else {
                throw c.error("an export name must be written inside a nested reference: `(\(sort.keyword) $i \"name\")` should be written `(\(sort.keyword) (core \(sort.keyword) $i \"name\"))`")
            }
            return try referenceBody(.core(sort))
        }
        return try index(.core(sort))
    }

    // MARK: Names

    /// An import or export name with its attributes: `"name" (implements "i")? (versionsuffix "s")? (external-id "x")?`.
    mutating func externName() throws -> ExternName {
        let name: String
        if c.takeLeftParen("interface") {
            name = try c.expectName()
            try c.expectRightParen()
        } else {
            name = try c.expectName()
        }
        var attributes: [NameAttribute] = []
        var seen = Set<String>()
        while true {
            if (c.peekLeftParen("implements") || c.peekLeftParen("external-id")) && !features.contains(.cmImplements) {
                throw c.error("the `cm-implements` feature is not active")
            }
            // At most one attribute of each kind: a second one is an unexpected token.
            if let kind = c.peekKeywordText(offset: 1), c.peekLeftParen(kind), !seen.insert(kind).inserted {
                c.position += 1
                throw c.unexpected()
            }
            if c.peekLeftParen("implements") {
                c.position += 2
                attributes.append(.implements(try c.expectName()))
            } else if c.peekLeftParen("versionsuffix") {
                c.position += 2
                attributes.append(.versionSuffix(try c.expectName()))
            } else if c.peekLeftParen("external-id") {
                c.position += 2
                attributes.append(.externalID(try c.expectName()))
            } else {
                break
            }
            try c.expectRightParen()
        }
        return ExternName(name, attributes: attributes)
    }

    /// Whether tokens from `offset` on are a name (or `(interface "name")`), its attributes, then `)`.
    func isNameOnly(from offset: Int) -> Bool {
        var p = offset
        if c.peek(p)?.kind == .string {
            p += 1
        } else if c.peek(p)?.kind == .leftParen, c.peekKeywordText(offset: p + 1) == "interface" {
            p += 4
        } else {
            return false
        }
        while c.peek(p)?.kind == .leftParen, ["implements", "versionsuffix", "external-id"].contains(c.peekKeywordText(offset: p + 1) ?? "") {
            p += 4
        }
        return c.peek(p)?.kind == .rightParen
    }

    /// Inline `(export "name")*` after a definition's identifier.
    mutating func inlineExports() throws -> [ExternName] {
        var names: [ExternName] = []
        while c.peekLeftParen("export") && isNameOnly(from: 2) {
            c.position += 2
            names.append(try externName())
            try c.expectRightParen()
        }
        return names
    }

    /// Emits the exports written inline on a definition of `sort` at `index`.
    mutating func emitInlineExports(_ names: [ExternName], _ sort: Sort, _ index: UInt32, at location: SourceLocation) throws {
        for n in names {
            if inComponent {
                scopes[top].inlineExports.append((ComponentExport(name: n, item: SortIndex(sort, index)), location))
            } else {
                throw WasmError(.malformed, "unexpected token: inline exports are not allowed here", at: location)
            }
        }
    }
}
