/// Spec: core/text/modules — reads the fields of a module into its abstract syntax.
///
/// Two passes, as the spec's identifier context requires: the first binds every identifier of the
/// module-level index spaces (and reads the explicit type definitions), the second reads each field
/// with all names known. Inline type uses that match no type add one at the end of the type section.
struct ModuleTextParser {
    var c: TextCursor
    let features: Features
    var module = Module()
    var types = IndexSpace("type")
    var functions = IndexSpace("func", unknown: "function")
    var tables = IndexSpace("table")
    var memories = IndexSpace("memory")
    var globals = IndexSpace("global")
    var elements = IndexSpace("elem", unknown: "elem segment")
    var datas = IndexSpace("data", unknown: "data segment")
    var tags = IndexSpace("tag")
    /// How deeply the instruction being read is nested (plain blocks and folded instructions).
    var nesting = 0
    /// The deepest nesting accepted (the parser recurses once per level).
    static let maximumNesting = 1000
    /// Where each field starts, and the index it defines in its space.
    private var fields: [(start: Int, index: UInt32?)] = []
    /// Where each `type` and `rec` field starts: they are read after pass 1 has bound every type
    /// name (a type may refer to later ones) and before pass 2 adds implicit types.
    private var typeFields: [Int] = []

    init(cursor: TextCursor, features: Features) {
        self.c = cursor
        self.features = features
    }

    /// A resolver of type indices for concrete heap types.
    var typeResolver: (inout TextCursor) throws -> UInt32 {
        let space = types
        return { cursor in try cursor.parseIndex(space) }
    }

    /// Reads module fields up to a closing `)` (left in place) or the end of input.
    mutating func parseFields() throws -> Module {
        let begin = c.position
        var firstDefinition: String?
        while !c.isAtEnd && !c.peekRightParen { try scanField(&firstDefinition) }
        let end = c.position
        for start in typeFields {
            c.position = start
            try parseTypeField()
        }
        for field in fields {
            c.position = field.start
            try parseField(index: field.index)
        }
        c.position = end
        // The custom annotations between the tokens before and after the fields are this module's.
        let lower = begin > 0 && begin - 1 < c.tokens.count ? c.tokens[begin - 1].range.upperBound : 0
        let upper = end < c.tokens.count ? c.tokens[end].range.lowerBound : c.source.count
        for range in c.customAnnotations where range.lowerBound >= lower && range.upperBound <= upper {
            module.customSections.append(try CustomAnnotation.parse(c.source, range, features: features))
        }
        return module
    }

    // MARK: Pass 1

    /// Binds the identifier a field defines, and reads type definitions.
    private mutating func scanField(_ firstDefinition: inout String?) throws {
        let start = c.position
        try c.expectLeftParen()
        let keywordPosition = c.position
        guard let keyword = c.peekKeywordText() else { throw c.unexpected() }
        c.position += 1
        var index: UInt32?
        let location = c.location
        switch keyword {
        case "type":
            index = try types.define(c.takeIdentifier(), at: location)
            typeFields.append(start)
        case "rec":
            // Each member `(type $id? subtype)` defines the next type index.
            while c.takeLeftParen("type") {
                let at = c.location
                try types.define(c.takeIdentifier(), at: at)
                try c.skipToClosingParen()
            }
            typeFields.append(start)
        case "import":
            _ = try c.expectString()
            _ = try c.expectString()
            try c.expectLeftParen()
            let kindPosition = c.position
            let kind = try c.expectAnyKeyword()
            if let first = firstDefinition { throw c.error("import after \(first)", at: c.tokens[keywordPosition]) }
            let at = c.location
            let id = c.takeIdentifier()
            switch kind {
            case "func": index = try functions.define(id, at: at)
            case "table": index = try tables.define(id, at: at)
            case "memory": index = try memories.define(id, at: at)
            case "global": index = try globals.define(id, at: at)
            case "tag" where features.contains(.exceptions): index = try tags.define(id, at: at)
            default:
                c.position = kindPosition
                throw c.unexpected()
            }
        case "func", "table", "memory", "global":
            let id = c.takeIdentifier()
            switch keyword {
            case "func": index = try functions.define(id, at: location)
            case "table": index = try tables.define(id, at: location)
            case "memory": index = try memories.define(id, at: location)
            default: index = try globals.define(id, at: location)
            }
            while c.peekLeftParen("export") { try c.skipSExpression() }
            if c.peekLeftParen("import") {
                if let first = firstDefinition { throw c.error("import after \(first)", at: c.tokens[keywordPosition]) }
            } else {
                if firstDefinition == nil { firstDefinition = keyword == "func" ? "function" : keyword }
                if keyword == "table" && containsField("elem") { try elements.define(nil, at: location) }
                if keyword == "memory" && containsField("data") { try datas.define(nil, at: location) }
            }
        case "elem":
            index = try elements.define(c.takeIdentifier(), at: location)
        case "data":
            index = try datas.define(c.takeIdentifier(), at: location)
        case "tag" where features.contains(.exceptions):
            index = try tags.define(c.takeIdentifier(), at: location)
            if !c.peekLeftParen("import") && firstDefinition == nil { firstDefinition = "tag" }
        case "start", "export":
            break
        default:
            c.position = keywordPosition
            throw c.unexpected()
        }
        c.position = start
        try c.skipSExpression()
        fields.append((start, index))
    }

    /// Whether the rest of the current field has a direct `(keyword ...)` part; the cursor stays put.
    private mutating func containsField(_ keyword: String) -> Bool {
        let save = c.position
        defer { c.position = save }
        while !c.isAtEnd && !c.peekRightParen {
            if c.peekLeftParen(keyword) { return true }
            guard (try? c.skipSExpression()) != nil else { return false }
        }
        return false
    }

    /// Spec: core/text/modules — a type definition, `(type $id? subtype)`, one recursion group of
    /// its own; or (GC) `(rec (type $id? subtype)*)`, one group of all its members.
    private mutating func parseTypeField() throws {
        try c.expectLeftParen()
        let isRec = try c.expectAnyKeyword() == "rec"
        var members: [SubType] = []
        if isRec {
            while c.takeLeftParen("type") {
                _ = c.takeIdentifier()
                members.append(try c.parseSubType(features: features, typeIndex: typeResolver))
                try c.expectRightParen()
            }
        } else {
            _ = c.takeIdentifier()
            members.append(try c.parseSubType(features: features, typeIndex: typeResolver))
        }
        try c.expectRightParen()
        module.recursionGroups.append(RecursionGroup(members, isExplicit: isRec))
    }

    // MARK: Pass 2

    private mutating func parseField(index: UInt32?) throws {
        try c.expectLeftParen()
        let keyword = try c.expectAnyKeyword()
        switch keyword {
        case "type", "rec": try c.skipToClosingParen(); return
        case "import": try parseImport()
        case "func": try parseFunction(index: index ?? 0)
        case "table": try parseTable(index: index ?? 0)
        case "memory": try parseMemory(index: index ?? 0)
        case "global": try parseGlobal(index: index ?? 0)
        case "tag": try parseTag(index: index ?? 0)
        case "export": try parseExport()
        case "start": try parseStart()
        case "elem": try parseElementSegment()
        case "data": try parseDataSegment()
        default: throw c.unexpected()
        }
        try c.expectRightParen()
    }

    /// Spec: core/text/modules — a type use: `(type x)?` with optional inline `(param)`/`(result)`.
    ///
    /// With both, they must agree ("inline function type"). With only the inline form, the index is
    /// that of the first identical type, or of a type added at the end of the type section.
    mutating func parseTypeUse(allowNames: Bool) throws -> (index: UInt32, parameterNames: [String?]) {
        let location = c.location
        var explicit: UInt32?
        if c.takeLeftParen("type") {
            explicit = try c.parseIndex(types)
            try c.expectRightParen()
        }
        let hasInline = c.peekLeftParen("param") || c.peekLeftParen("result")
        let (inline, names) = try c.parseParametersAndResults(
            features: features, allowNames: allowNames, typeIndex: typeResolver)
        if let explicit {
            if hasInline {
                try checkInlineType(inline, matches: explicit, at: location)
                return (explicit, names)
            }
            return (explicit, [])
        }
        return (try implicitType(inline), names)
    }

    /// Spec: core/text/modules (abbreviations) — a type use with both `(type x)` and an inline
    /// signature: type `x` must be that function type.
    func checkInlineType(_ inline: FunctionType, matches explicit: UInt32, at location: SourceLocation) throws {
        guard Int(explicit) < module.definedTypes.count else {
            throw WasmError(.malformed, "unknown type", at: location)
        }
        guard module.definedTypes[Int(explicit)].functionType == inline else {
            throw WasmError(.malformed, "inline function type", at: location)
        }
    }

    /// Spec: core/text/modules (abbreviations) — the index of the first type equal to `type`, adding it if none is.
    /// As wasm-tools, only a function type defined outside `(rec ...)` is reused, final or not.
    mutating func implicitType(_ type: FunctionType) throws -> UInt32 {
        var index = 0
        for group in module.recursionGroups {
            if !group.isExplicit, group.members.count == 1, group.members[0].functionType == type { return UInt32(index) }
            index += group.members.count
        }
        guard index < Int(UInt32.max) else { throw c.error("too many types") }
        module.recursionGroups.append(RecursionGroup(single: SubType(type)))
        return UInt32(index)
    }

    /// The number of parameters of a function type index (0 when the index is out of range).
    func parameterCount(ofType index: UInt32) -> Int {
        Int(index) < module.definedTypes.count ? module.definedTypes[Int(index)].functionType?.parameters.count ?? 0 : 0
    }

    /// Spec: core/text/modules (abbreviations) — inline `(export "name")` parts of a definition.
    private mutating func parseInlineExports(_ descriptor: ExportDescriptor) throws {
        while c.takeLeftParen("export") {
            let name = try c.expectName()
            try c.expectRightParen()
            module.exports.append(Export(name: name, descriptor: descriptor))
        }
    }

    /// Spec: core/text/modules (abbreviations) — an inline `(import "module" "name")`, if present.
    private mutating func parseInlineImport() throws -> (module: String, name: String)? {
        guard c.takeLeftParen("import") else { return nil }
        let moduleName = try c.expectName()
        let name = try c.expectName()
        try c.expectRightParen()
        return (moduleName, name)
    }

    /// Spec: core/text/modules — imports.
    private mutating func parseImport() throws {
        let moduleName = try c.expectName()
        let name = try c.expectName()
        try c.expectLeftParen()
        let kind = try c.expectAnyKeyword()
        _ = c.takeIdentifier()
        let descriptor: ImportDescriptor
        switch kind {
        case "func": descriptor = .function(typeIndex: try parseTypeUse(allowNames: true).index)
        case "table": descriptor = .table(try c.parseTableType(features: features, typeIndex: typeResolver))
        case "memory": descriptor = .memory(try c.parseMemoryType(features: features))
        case "global": descriptor = .global(try c.parseGlobalType(features: features, typeIndex: typeResolver))
        case "tag": descriptor = .tag(typeIndex: try parseTypeUse(allowNames: true).index)
        default: throw c.unexpected()
        }
        try c.expectRightParen()
        module.imports.append(Import(module: moduleName, name: name, descriptor: descriptor))
    }

    /// Spec: core/text/modules — functions, with their locals and body.
    private mutating func parseFunction(index: UInt32) throws {
        _ = c.takeIdentifier()
        try parseInlineExports(.function(index))
        if let (moduleName, name) = try parseInlineImport() {
            let typeIndex = try parseTypeUse(allowNames: true).index
            module.imports.append(Import(module: moduleName, name: name, descriptor: .function(typeIndex: typeIndex)))
            return
        }
        let typeLocation = c.location
        let (typeIndex, names) = try parseTypeUse(allowNames: true)
        var context = FunctionContext()
        let count = names.isEmpty ? parameterCount(ofType: typeIndex) : names.count
        for i in 0..<count {
            try context.locals.define(i < names.count ? names[i] : nil, at: typeLocation)
        }
        var locals: [ValueType] = []
        while c.takeLeftParen("local") {
            if c.peekIdentifier {
                let at = c.location
                let name = c.takeIdentifier()
                locals.append(try c.parseValueType(features: features, typeIndex: typeResolver))
                try context.locals.define(name, at: at)
            } else {
                while !c.peekRightParen {
                    let at = c.location
                    locals.append(try c.parseValueType(features: features, typeIndex: typeResolver))
                    try context.locals.define(nil, at: at)
                }
            }
            try c.expectRightParen()
        }
        var body: [Instruction] = []
        try parseInstructions(&context, into: &body)
        module.functions.append(Function(typeIndex: typeIndex, locals: locals, body: body))
    }

    /// Spec: core/text/modules — tables, with the inline `(elem ...)` abbreviation.
    private mutating func parseTable(index: UInt32) throws {
        _ = c.takeIdentifier()
        try parseInlineExports(.table(index))
        if let (moduleName, name) = try parseInlineImport() {
            let type = try c.parseTableType(features: features, typeIndex: typeResolver)
            module.imports.append(Import(module: moduleName, name: name, descriptor: .table(type)))
            return
        }
        let save = c.position
        let addressType = c.parseAddressType(features: features)
        if c.peekReferenceType(features: features) {
            let elementType = try c.parseReferenceType(features: features, typeIndex: typeResolver)
            if c.takeLeftParen("elem") {
                let items = try parseElementList(type: elementType, allowBareIndices: true)
                try c.expectRightParen()
                let n = UInt64(items.count)
                module.tables.append(Table(type: TableType(
                    limits: Limits(min: n, max: n, addressType: addressType), elementType: elementType)))
                let offset: Instruction = addressType == .i64 ? Instruction(.i64Const, .i64(0)) : Instruction(.i32Const, .i32(0))
                module.elements.append(ElementSegment(
                    type: elementType, items: items, mode: .active(table: index, offset: [offset]), namesTable: true))
                return
            }
            // `(table reftype limits ...)` is not a table type.
            throw c.unexpected()
        }
        c.position = save
        let type = try c.parseTableType(features: features, typeIndex: typeResolver)
        var initializer: ConstantExpression?
        if !c.peekRightParen && features.contains(.functionReferences) {
            var context = FunctionContext()
            var expression: [Instruction] = []
            try parseInstructions(&context, into: &expression)
            initializer = expression
        }
        module.tables.append(Table(type: type, initializer: initializer))
    }

    /// Spec: core/text/modules — memories, with the inline `(data ...)` abbreviation.
    private mutating func parseMemory(index: UInt32) throws {
        _ = c.takeIdentifier()
        try parseInlineExports(.memory(index))
        if let (moduleName, name) = try parseInlineImport() {
            let type = try c.parseMemoryType(features: features)
            module.imports.append(Import(module: moduleName, name: name, descriptor: .memory(type)))
            return
        }
        let save = c.position
        let addressType = c.parseAddressType(features: features)
        if c.takeLeftParen("data") {
            var bytes: [UInt8] = []
            while let s = c.takeString() { bytes += s }
            try c.expectRightParen()
            let pages = (UInt64(bytes.count) + MemoryType.pageSize - 1) / MemoryType.pageSize
            module.memories.append(MemoryType(limits: Limits(min: pages, max: pages, addressType: addressType)))
            let offset: Instruction = addressType == .i64 ? Instruction(.i64Const, .i64(0)) : Instruction(.i32Const, .i32(0))
            module.data.append(DataSegment(bytes: bytes, mode: .active(memory: index, offset: [offset])))
            return
        }
        c.position = save
        module.memories.append(try c.parseMemoryType(features: features))
    }

    /// Spec: core/text/modules — globals.
    private mutating func parseGlobal(index: UInt32) throws {
        _ = c.takeIdentifier()
        try parseInlineExports(.global(index))
        if let (moduleName, name) = try parseInlineImport() {
            let type = try c.parseGlobalType(features: features, typeIndex: typeResolver)
            module.imports.append(Import(module: moduleName, name: name, descriptor: .global(type)))
            return
        }
        let type = try c.parseGlobalType(features: features, typeIndex: typeResolver)
        module.globals.append(Global(type: type, initializer: try parseConstantExpression()))
    }

    /// Exception tags (exception handling).
    private mutating func parseTag(index: UInt32) throws {
        _ = c.takeIdentifier()
        try parseInlineExports(.tag(index))
        if let (moduleName, name) = try parseInlineImport() {
            let typeIndex = try parseTypeUse(allowNames: true).index
            module.imports.append(Import(module: moduleName, name: name, descriptor: .tag(typeIndex: typeIndex)))
            return
        }
        module.tags.append(try parseTypeUse(allowNames: true).index)
    }

    /// Spec: core/text/modules — exports.
    private mutating func parseExport() throws {
        let name = try c.expectName()
        try c.expectLeftParen()
        let kind = try c.expectAnyKeyword()
        let descriptor: ExportDescriptor
        switch kind {
        case "func": descriptor = .function(try c.parseIndex(functions))
        case "table": descriptor = .table(try c.parseIndex(tables))
        case "memory": descriptor = .memory(try c.parseIndex(memories))
        case "global": descriptor = .global(try c.parseIndex(globals))
        case "tag" where features.contains(.exceptions): descriptor = .tag(try c.parseIndex(tags))
        default: throw c.unexpected()
        }
        try c.expectRightParen()
        module.exports.append(Export(name: name, descriptor: descriptor))
    }

    /// Spec: core/text/modules — the start function; a second one is "multiple start sections".
    private mutating func parseStart() throws {
        let location = c.location
        let index = try c.parseIndex(functions)
        guard module.start == nil else { throw WasmError(.malformed, "multiple start sections", at: location) }
        module.start = index
    }

    /// Spec: core/text/modules — a constant expression: instructions up to the closing `)`.
    mutating func parseConstantExpression() throws -> ConstantExpression {
        var context = FunctionContext()
        var expression: [Instruction] = []
        try parseInstructions(&context, into: &expression)
        return expression
    }

    /// Spec: core/text/modules — an offset: `(offset instr*)`, or one folded instruction.
    private mutating func parseOffset() throws -> ConstantExpression {
        if c.takeLeftParen("offset") {
            let expression = try parseConstantExpression()
            try c.expectRightParen()
            return expression
        }
        var context = FunctionContext()
        var expression: [Instruction] = []
        try parseFoldedInstruction(&context, into: &expression)
        return expression
    }

    /// Spec: core/text/modules — element segments, in all their forms.
    /// Passive and declarative segments need bulk memory.
    private mutating func parseElementSegment() throws {
        let location = c.location
        _ = c.takeIdentifier()
        var mode = ElementSegment.Mode.passive
        var namesTable = false
        if c.takeKeyword("declare") {
            mode = .declarative
        } else {
            var table: UInt32?
            if c.takeLeftParen("table") {
                table = try c.parseIndex(tables)
                try c.expectRightParen()
                namesTable = true
            }
            if c.peekLeftParen() && !c.peekLeftParen("ref") {
                mode = .active(table: table ?? 0, offset: try parseOffset())
            } else if table != nil {
                throw c.unexpected()
            }
        }
        var type = ReferenceType.funcRef
        let items: ElementSegment.Items
        if c.takeKeyword("func") {
            items = try parseElementList(type: type, allowBareIndices: true)
        } else if c.peekReferenceType(features: features) {
            type = try c.parseReferenceType(features: features, typeIndex: typeResolver)
            items = try parseElementList(type: type, allowBareIndices: false)
        } else {
            guard case .active = mode else { throw c.unexpected() }
            items = try parseElementList(type: type, allowBareIndices: true)
        }
        if case .active = mode {} else if !features.contains(.bulkMemory) { throw WasmError(.malformed, "unexpected token", at: location) }
        module.elements.append(ElementSegment(type: type, items: items, mode: mode, namesTable: namesTable))
    }

    /// Spec: core/text/modules — the items of an element segment: function indices, or element
    /// expressions `(item instr*)` / one folded instruction each.
    private mutating func parseElementList(type: ReferenceType, allowBareIndices: Bool) throws -> ElementSegment.Items {
        if allowBareIndices && !c.peekLeftParen() {
            var indices: [UInt32] = []
            while c.peekIndex { indices.append(try c.parseIndex(functions)) }
            return .functions(indices)
        }
        var expressions: [ConstantExpression] = []
        while c.peekLeftParen() {
            if c.takeLeftParen("item") {
                expressions.append(try parseConstantExpression())
                try c.expectRightParen()
            } else {
                var context = FunctionContext()
                var expression: [Instruction] = []
                try parseFoldedInstruction(&context, into: &expression)
                expressions.append(expression)
            }
        }
        return .expressions(expressions)
    }

    /// Spec: core/text/modules — data segments: passive, or active with a memory and an offset.
    /// Passive segments need bulk memory.
    private mutating func parseDataSegment() throws {
        let location = c.location
        _ = c.takeIdentifier()
        var mode = DataSegment.Mode.passive
        var memory: UInt32?
        if c.takeLeftParen("memory") {
            memory = try c.parseIndex(memories)
            try c.expectRightParen()
        }
        if c.peekLeftParen() {
            mode = .active(memory: memory ?? 0, offset: try parseOffset())
        } else if memory != nil {
            throw c.unexpected()
        }
        if case .passive = mode, !features.contains(.bulkMemory) {
            throw WasmError(.malformed, "unexpected token", at: location)
        }
        var bytes: [UInt8] = []
        while let s = c.takeString() { bytes += s }
        module.data.append(DataSegment(bytes: bytes, mode: mode))
    }
}

/// Spec: core/text/modules (identifier context) — what a function body's instructions can name:
/// its locals, and the labels of the blocks around them.
struct FunctionContext {
    var locals = IndexSpace("local")
    /// The labels of the enclosing blocks, innermost last (`nil` for an unnamed block).
    var labels: [String?] = []
}
