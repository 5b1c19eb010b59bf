import WasmCore

/// Spec: interpreter/README.md, "Scripts" — reads the commands of a `.wast` script.
///
/// It runs over the text lexer's tokens with its `TextCursor`, and hands every text module to the
/// WAT parser where it stands, so errors in a module carry their place in the script file.
/// `binary` and `quote` modules are kept as bytes and decoded or parsed when their command runs.
/// Component commands are parsed into `ComponentCommand`s (text components where they stand, like
/// modules).
public struct ScriptParser {
    var cursor: TextCursor
    let features: Features
    /// Accept the legacy sugar of canon options in component text (wasm-tools'
    /// `WAST_STRICT_COMPONENT_INDICES=0`).
    let legacyIndices: Bool
    /// Whether the module most recently defined is a component (then actions are component actions).
    var inComponentScript = false
    /// The names of component instances and of core module instances defined so far: an action that
    /// names one is a component or a core action accordingly.
    var componentNames: Set<String> = []
    var moduleNames: Set<String> = []
    /// Keep going after a command that does not parse (it becomes `.unparsable`) instead of failing
    /// the whole script.
    var recovering = false

    init(cursor: TextCursor, features: Features, legacyIndices: Bool = false) {
        self.cursor = cursor
        self.features = features
        self.legacyIndices = legacyIndices
    }

    /// Parses a script's text; `file` names it in the script and in errors. `legacyIndices` accepts
    /// the legacy canon-option sugar in components. `recovering` turns a command that does not parse
    /// (an unknown directive or value form, a bad constant) into an `.unparsable` command and goes on
    /// with the next one; text that does not lex or whose parentheses do not balance still fails the
    /// whole script.
    public static func parse(_ source: [UInt8], file: String, features: Features = .wasm2, legacyIndices: Bool = false,
                             recovering: Bool = false) throws -> Script {
        do {
            var lexer = Lexer(source)
            let tokens = try lexer.tokenize()
            var parser = ScriptParser(cursor: TextCursor(source: source, tokens: tokens), features: features, legacyIndices: legacyIndices)
            parser.recovering = recovering
            return Script(file: file, commands: try parser.commands())
        } catch let error as WasmError {
            throw error.inFile(file)
        }
    }

    /// Parses a script given as a string (for tests and inline scripts).
    public static func parse(_ text: String, file: String = "<script>", features: Features = .wasm2, legacyIndices: Bool = false) throws -> Script {
        try parse(Array(text.utf8), file: file, features: features, legacyIndices: legacyIndices)
    }

    // MARK: Commands

    /// The keywords that start a script command.
    static let commandKeywords: Set<String> = [
        "module", "component", "register", "invoke", "get", "assert_return", "assert_trap",
        "assert_exhaustion", "assert_exception", "assert_malformed", "assert_invalid", "assert_unlinkable",
    ]

    /// `script: cmd*`, or a module's fields alone (an inline module, which makes a one-module script).
    mutating func commands() throws -> [Command] {
        if let first = cursor.peek, first.kind == .leftParen, let keyword = cursor.peekKeywordText(offset: 1),
            !Self.commandKeywords.contains(keyword)
        {
            let parsed = Result { try ModulePipeline(features: features).parse(cursor.source) }.mapError(ModulePipeline.asWasmError)
            return [Command(.module(ScriptModule(source: .text(parsed), line: first.line)), line: first.line, column: first.column)]
        }
        var commands: [Command] = []
        while let start = cursor.peek {
            guard start.kind == .leftParen else { throw cursor.unexpected() }
            let checkpoint = cursor.position
            do {
                commands.append(Command(try command(), line: start.line, column: start.column))
            } catch let error as WasmError where recovering {
                // A command we cannot read (an unknown directive or value form, a bad constant) fails on its
                // own; the script goes on after its balanced S-expression. Unbalanced text ends the script.
                cursor.position = checkpoint
                let keyword = cursor.peekKeywordText(offset: 1) ?? "command"
                guard (try? cursor.skipSExpression()) != nil else { throw error }
                commands.append(Command(.unparsable(keyword: keyword, error), line: start.line, column: start.column))
            }
        }
        return commands
    }

    /// One command, from its `(` to its `)`.
    mutating func command() throws -> CommandKind {
        guard let keywordToken = cursor.peek(1) else {
            try cursor.next()
            throw cursor.unexpected()
        }
        guard let keyword = cursor.peekKeywordText(offset: 1) else {
            throw cursor.error("expected a script command, got `\(cursor.text(of: keywordToken))`", at: keywordToken)
        }
        switch keyword {
        case "module":
            inComponentScript = false
            let command: CommandKind = cursor.peekKeyword("instance", offset: 2) ? try moduleInstance() : .module(try module())
            switch command {
            case .module(let m) where !m.isDefinition: if let name = m.name { moduleNames.insert(name); componentNames.remove(name) }
            case .instance(let name?, _): moduleNames.insert(name); componentNames.remove(name)
            default: break
            }
            return command
        case "component":
            inComponentScript = true
            return .component(try componentCommand())
        case "register":
            try cursor.expectLeftParen("register")
            let name = try cursor.expectName()
            let module = cursor.takeIdentifier()
            try cursor.expectRightParen()
            return .register(as: name, module: module)
        case "invoke", "get":
            if keyword == "invoke" && actionTargetsComponent(offset: 2) { return .component(.action(try componentAction())) }
            return .action(try action())
        case "assert_return", "assert_trap", "assert_exhaustion":
            if peekAssertedComponent() || (cursor.peek(2)?.kind == .leftParen && cursor.peekKeyword("invoke", offset: 3)
                && actionTargetsComponent(offset: 4)) {
                return .component(try componentActionAssertion(keyword))
            }
            return try actionAssertion(keyword)
        case "assert_exception":
            try cursor.expectLeftParen(keyword)
            let a = try action()
            try cursor.expectRightParen()
            return .assertException(a)
        case "assert_malformed", "assert_invalid", "assert_unlinkable":
            if peekAssertedComponent() { return .component(try componentAssertion(keyword)) }
            return try moduleAssertion(keyword)
        default:
            throw cursor.error("unknown script command `\(keyword)`", at: keywordToken)
        }
    }

    /// Whether the command at the cursor is an assertion whose first operand is a component.
    func peekAssertedComponent() -> Bool {
        cursor.peek(2)?.kind == .leftParen && cursor.peekKeyword("component", offset: 3)
    }

    /// `(assert_return action result*)`, `(assert_trap action|module "failure")`,
    /// `(assert_exhaustion action "failure")`.
    mutating func actionAssertion(_ keyword: String) throws -> CommandKind {
        try cursor.expectLeftParen(keyword)
        if keyword == "assert_trap" && cursor.peekLeftParen("module") {
            let m = try module()
            let failure = try failureText()
            try cursor.expectRightParen()
            return .assertModuleTrap(m, failure: failure)
        }
        let a = try action()
        switch keyword {
        case "assert_return":
            var results: [ResultPattern] = []
            while !cursor.takeRightParen() { results.append(try result()) }
            return .assertReturn(a, results)
        case "assert_trap":
            let failure = try failureText()
            try cursor.expectRightParen()
            return .assertTrap(a, failure: failure)
        default:
            let failure = try failureText()
            try cursor.expectRightParen()
            return .assertExhaustion(a, failure: failure)
        }
    }

    /// `(assert_malformed|assert_invalid|assert_unlinkable module "failure")`.
    mutating func moduleAssertion(_ keyword: String) throws -> CommandKind {
        try cursor.expectLeftParen(keyword)
        let m = try module()
        let failure = try failureText()
        try cursor.expectRightParen()
        switch keyword {
        case "assert_malformed": return .assertMalformed(m, failure: failure)
        case "assert_invalid": return .assertInvalid(m, failure: failure)
        default: return .assertUnlinkable(m, failure: failure)
        }
    }

    /// The failure string of an assertion.
    mutating func failureText() throws -> String {
        String(decoding: try cursor.expectString(), as: UTF8.self)
    }

    // MARK: Modules

    /// `(module definition? $id? binary string*)`, `(module definition? $id? quote string*)`, or a
    /// text module `(module definition? $id? field*)`.
    mutating func module() throws -> ScriptModule {
        guard cursor.peekLeftParen("module"), let line = cursor.peek(1)?.line else { throw cursor.unexpected() }
        let head = formHead()
        if let (form, strings) = try binaryOrQuote(head) {
            let bytes = strings.flatMap { $0 }
            return ScriptModule(name: head.name, isDefinition: head.isDefinition, source: form == "binary" ? .binary(bytes) : .quote(bytes), line: line)
        }
        // A text module: the WAT parser reads its fields where they stand.
        let features = features
        let parsed = try parseInPlace { text -> Module in
            text.position += head.formOffset
            let module = try text.parseModuleFields(features: features)
            try text.expectRightParen()
            return module
        }
        return ScriptModule(name: head.name, isDefinition: head.isDefinition, source: .text(parsed), line: line)
    }

    /// The head of `(module|component definition? $id? ...)` at the cursor (not consumed): whether
    /// it is a definition, its name, and the offset of the token after them.
    func formHead() -> (isDefinition: Bool, name: String?, formOffset: Int) {
        let isDefinition = cursor.peekKeyword("definition", offset: 2)
        let nameOffset = isDefinition ? 3 : 2
        let name = cursor.peek(nameOffset).flatMap { $0.kind == .identifier ? String(decoding: $0.bytes, as: UTF8.self) : nil }
        return (isDefinition, name, nameOffset + (name == nil ? 0 : 1))
    }

    /// A `binary` or `quote` form after `head`: consumes it to its `)` and returns the keyword and
    /// the strings; `nil` (consuming nothing) for a text form.
    mutating func binaryOrQuote(_ head: (isDefinition: Bool, name: String?, formOffset: Int)) throws -> (String, [[UInt8]])? {
        for form in ["binary", "quote"] where cursor.peekKeyword(form, offset: head.formOffset) {
            cursor.position += head.formOffset + 1
            var strings: [[UInt8]] = []
            while let s = cursor.takeString() { strings.append(s) }
            try cursor.expectRightParen()
            return (form, strings)
        }
        return nil
    }

    /// Parses the S-expression at the cursor with `parse` (on a copy of the cursor, at the same
    /// place, so errors carry their place in the script), keeping its error if it fails; the
    /// cursor then goes on after the S-expression's closing parenthesis either way.
    mutating func parseInPlace<T>(_ parse: (inout TextCursor) throws -> T) throws -> Result<T, WasmError> {
        let start = cursor.position
        var text = cursor
        let parsed = Result { try parse(&text) }.mapError(ModulePipeline.asWasmError)
        cursor.position = start
        try cursor.skipSExpression()
        return parsed
    }

    /// `(module instance $instance? $definition?)`.
    mutating func moduleInstance() throws -> CommandKind {
        try cursor.expectLeftParen("module")
        try cursor.expectKeyword("instance")
        let first = cursor.takeIdentifier()
        let second = cursor.takeIdentifier()
        try cursor.expectRightParen()
        // With one name, it names the definition (the instance is then anonymous).
        return second == nil ? .instance(name: nil, definition: first) : .instance(name: first, definition: second)
    }

    // MARK: Actions and values

    /// `(invoke $id? name const*)` or `(get $id? name)`.
    mutating func action() throws -> Action {
        if cursor.takeLeftParen("invoke") {
            let module = cursor.takeIdentifier()
            let name = try cursor.expectName()
            var arguments: [ScriptValue] = []
            while !cursor.takeRightParen() { arguments.append(try value()) }
            return .invoke(module: module, name: name, arguments: arguments)
        }
        if cursor.takeLeftParen("get") {
            let module = cursor.takeIdentifier()
            let name = try cursor.expectName()
            try cursor.expectRightParen()
            return .get(module: module, name: name)
        }
        throw cursor.unexpected()
    }
}
