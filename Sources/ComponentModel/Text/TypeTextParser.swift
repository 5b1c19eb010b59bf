import WasmCore

/// Spec: Explainer.md — Type Definitions in the text format, with inline types expanded.
extension ComponentTextParser {
    /// A `deftype` in parentheses (or a primitive value type keyword).
    mutating func typeDefinition(label: String?) throws -> TypeDefinition {
        if let k = c.peekKeywordText(), let p = PrimitiveValueType(keyword: k) {
            c.position += 1
            return .value(.primitive(p))
        }
        let at = c.location
        try c.expectLeftParen()
        let k = try c.expectAnyKeyword()
        let t: TypeDefinition
        switch k {
        case "func":
            t = .function(try functionTypeFields())
        case "component":
            t = .component(try declarations(.componentType, label: label))
        case "instance":
            t = .instance(try declarations(.instanceType, label: label))
        case "resource":
            try c.expectLeftParen("rep")
            let rep = try c.parseValueType(features: features)
            try c.expectRightParen()
            var dtor: UInt32?
            if c.takeLeftParen("dtor") {
                dtor = try coreReference(.function)
                try c.expectRightParen()
            }
            t = .resource(ResourceTypeDefinition(representation: rep, destructor: dtor))
        default:
            c.position -= 1
            t = .value(try definedValueTypeBody(at: at))
        }
        try c.expectRightParen()
        return t
    }

    /// `async? (param "l" t)* (result t)?`.
    mutating func functionTypeFields() throws -> ComponentFunctionType {
        let isAsync = c.takeKeyword("async")
        var params: [LabeledValueType] = []
        while c.takeLeftParen("param") {
            let l = try c.expectName()
            params.append(LabeledValueType(l, try valueType()))
            try c.expectRightParen()
        }
        var result: ComponentValueType?
        if c.takeLeftParen("result") {
            result = try valueType()
            try c.expectRightParen()
        }
        return ComponentFunctionType(isAsync: isAsync, parameters: params, result: result)
    }

    /// `valtype`: a primitive keyword, a type index, or an inline defined value type (which adds a type).
    mutating func valueType() throws -> ComponentValueType {
        if let k = c.peekKeywordText(), let p = PrimitiveValueType(keyword: k) {
            c.position += 1
            return .primitive(p)
        }
        if c.peek?.kind == .leftParen {
            let at = c.location
            guard valueTypeNesting < Self.maximumDepth else { throw WasmError(.malformed, "nesting too deep", at: at) }
            valueTypeNesting += 1
            defer { valueTypeNesting -= 1 }
            c.position += 1
            let d = try definedValueTypeBody(at: at)
            try c.expectRightParen()
            return .index(try addType(.value(d), at: at))
        }
        return .index(try index(.type))
    }

    mutating func optionalValueType() throws -> ComponentValueType? {
        c.peek?.kind == .rightParen ? nil : try valueType()
    }

    /// The inside of a `defvaltype` after its opening parenthesis.
    mutating func definedValueTypeBody(at: SourceLocation) throws -> DefinedValueType {
        let k = try c.expectAnyKeyword()
        switch k {
        case "record":
            var fields: [LabeledValueType] = []
            while c.takeLeftParen("field") {
                let l = try c.expectName()
                fields.append(LabeledValueType(l, try valueType()))
                try c.expectRightParen()
            }
            return .record(fields)
        case "variant":
            var cases: [VariantCase] = []
            var ids = Set<String>()
            while c.takeLeftParen("case") {
                let at = c.location
                if let id = c.takeIdentifier(), !ids.insert(id).inserted {
                    throw WasmError(.malformed, "duplicate variant case identifier", at: at)
                }
                let l = try c.expectName()
                let t = try optionalValueType()
                try c.expectRightParen()
                cases.append(VariantCase(l, t))
            }
            return .variant(cases)
        case "list":
            let t = try valueType()
            if c.peekUnsigned { return .fixedLengthList(t, length: try c.expectU32()) }
            return .list(t)
        case "tuple":
            var ts: [ComponentValueType] = []
            while c.peek?.kind != .rightParen { ts.append(try valueType()) }
            return .tuple(ts)
        case "flags", "enum":
            var ls: [String] = []
            while c.peek?.kind == .string { ls.append(try c.expectName()) }
            return k == "flags" ? .flags(ls) : .enum(ls)
        case "option": return .option(try valueType())
        case "result":
            var ok: ComponentValueType?
            if c.peek?.kind != .rightParen && !c.peekLeftParen("error") { ok = try valueType() }
            var err: ComponentValueType?
            if c.takeLeftParen("error") {
                err = try valueType()
                try c.expectRightParen()
            }
            return .result(ok: ok, error: err)
        case "own": return .own(try index(.type))
        case "borrow": return .borrow(try index(.type))
        case "stream": return .stream(try optionalValueType())
        case "future": return .future(try optionalValueType())
        case "map":
            let key = try valueType()
            return .map(key: key, value: try valueType())
        default:
            if let p = PrimitiveValueType(keyword: k) { return .primitive(p) }
            throw WasmError(.malformed, "unexpected token, expected a defined value type", at: at)
        }
    }

    /// The declarations of a component or instance type, in a fresh scope labelled `label`.
    mutating func declarations(_ kind: TextScope.Kind, label: String?) throws -> [Declaration] {
        let at = c.location
        guard scopes.count < Self.maximumDepth else { throw WasmError(.malformed, "nesting too deep", at: at) }
        scopes.append(TextScope(kind: kind, label: label))
        while c.peek?.kind == .leftParen {
            let declAt = c.location
            switch c.peekKeywordText(offset: 1) {
            case "core":
                guard c.peekKeywordText(offset: 2) == "type" else { throw c.unexpected() }
                try parseCoreTypeField()
            case "type": try parseTypeField()
            case "alias": try parseAliasField()
            case "import" where kind == .componentType: try parseImport()
            case "export": try parseExport()
            default:
                throw WasmError(.malformed, "unexpected token, expected a type declaration", at: declAt)
            }
        }
        return scopes.removeLast().declarations
    }

    /// `externdesc`: `(sort $id? ...)`, returning the sort, the identifier and the type.
    mutating func externDescriptor() throws -> (sort: Sort, id: String?, type: ExternType) {
        try c.expectLeftParen()
        let sort = try parseSort()
        let id = c.takeIdentifier()
        let t = try externTypeBody(sort)
        try c.expectRightParen()
        return (sort, id, t)
    }

    /// The body of an `externdesc` of `sort`, after its identifier.
    mutating func externTypeBody(_ sort: Sort) throws -> ExternType {
        let at = c.location
        func typeRef(_ p: inout ComponentTextParser, _ s: Sort) throws -> UInt32? {
            guard p.c.peekLeftParen("type"), let k = p.c.peek(2)?.kind, k == .identifier || k == .unsigned,
                  p.c.peek(3)?.kind == .rightParen else { return nil }
            p.c.position += 2
            let i = try p.index(s)
            try p.c.expectRightParen()
            return i
        }
        switch sort {
        case .core(.module):
            if let i = try typeRef(&self, .core(.type)) { return .coreModule(i) }
            let decls = try coreModuleDeclarationList()
            return .coreModule(try addCoreType(.module(decls), at: at))
        case .function:
            if let i = try typeRef(&self, .type) { return .function(i) }
            return .function(try addType(.function(try functionTypeFields()), at: at))
        case .component:
            if let i = try typeRef(&self, .type) { return .component(i) }
            let decls = try declarations(.componentType, label: nil)
            return .component(try addType(.component(decls), at: at))
        case .instance:
            if let i = try typeRef(&self, .type) { return .instance(i) }
            let decls = try declarations(.instanceType, label: nil)
            return .instance(try addType(.instance(decls), at: at))
        case .value:
            if let i = try typeRef(&self, .type) { return .value(.index(i)) }
            return .value(try valueType())
        case .type:
            try c.expectLeftParen()
            if c.takeKeyword("eq") {
                let i = try index(.type)
                try c.expectRightParen()
                return .type(.equal(i))
            }
            try c.expectKeyword("sub")
            try c.expectKeyword("resource")
            try c.expectRightParen()
            return .type(.subResource)
        default:
            throw WasmError(.malformed, "unexpected token, expected an extern type", at: at)
        }
    }

}
