/// Spec: core/text/modules — parses a module in the text format.
///
/// The text may be a whole `(module $id? field*)` or just the fields (the body of a `module quote`).
public func parseModule(_ text: String, features: Features = .wasm2) throws -> Module {
    var cursor = try TextCursor(text)
    if cursor.peekLeftParen("module") {
        let module = try cursor.parseModuleSExpression(features: features).module
        guard cursor.isAtEnd else { throw cursor.unexpected() }
        return module
    }
    var parser = ModuleTextParser(cursor: cursor, features: features)
    let module = try parser.parseFields()
    guard parser.c.isAtEnd else { throw parser.c.unexpected() }
    return module
}

extension TextCursor {
    /// Spec: core/text/modules — reads `(module $id? field*)` at the cursor, returning the module and its name.
    ///
    /// The `binary` and `quote` forms of scripts are not modules in the text format; they are the
    /// script parser's to read (this reports them as "unexpected token").
    public mutating func parseModuleSExpression(features: Features = .wasm2) throws -> (name: String?, module: Module) {
        try expectLeftParen("module")
        let name = takeIdentifier()
        let module = try parseModuleFields(features: features)
        try expectRightParen()
        return (name, module)
    }

    /// Spec: core/text/modules — reads module fields up to (not including) a closing `)` or the end of input.
    public mutating func parseModuleFields(features: Features = .wasm2) throws -> Module {
        var parser = ModuleTextParser(cursor: self, features: features)
        let module = try parser.parseFields()
        self.position = parser.c.position
        return module
    }
}
