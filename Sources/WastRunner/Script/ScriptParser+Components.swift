import ComponentModel
import WasmCore

/// The component commands of a script (see `ComponentCommand`).
extension ScriptParser {
    /// Whether an action names, or (naming nothing) falls on, a component instance: then its
    /// arguments are component value literals, else core constants.
    func actionTargetsComponent(offset: Int) -> Bool {
        if let t = cursor.peek(offset), t.kind == .identifier {
            let name = String(decoding: t.bytes, as: UTF8.self)
            if componentNames.contains(name) { return true }
            if moduleNames.contains(name) { return false }
        }
        return inComponentScript
    }

    /// `(component ...)`, `(component definition ...)`, `(component instance ...)` at the top level.
    mutating func componentCommand() throws -> ComponentCommand {
        if cursor.peekKeyword("instance", offset: 2) {
            try cursor.expectLeftParen("component")
            try cursor.expectKeyword("instance")
            let first = cursor.takeIdentifier()
            let second = cursor.takeIdentifier()
            try cursor.expectRightParen()
            // With one name, it names the definition (the instance is then anonymous).
            let (name, definition) = second == nil ? (nil, first) : (first, second)
            if let name { componentNames.insert(name); moduleNames.remove(name) }
            return .instance(name: name, definition: definition)
        }
        let component = try scriptComponent()
        if let name = component.name { componentNames.insert(name); moduleNames.remove(name) }
        return .component(component)
    }

    /// `(component definition? $id? binary string*)`, `(component definition? $id? quote string*)`,
    /// or a text component `(component definition? $id? field*)`. A text component is parsed here,
    /// its error (if any) kept for the command to report.
    mutating func scriptComponent() throws -> ScriptComponent {
        guard cursor.peekLeftParen("component"), let line = cursor.peek(1)?.line else {
            throw cursor.error("expected a component, `(component ...)`")
        }
        let head = formHead()
        if let (form, strings) = try binaryOrQuote(head) {
            let source: ComponentSource = form == "binary"
                ? .binary(strings.flatMap { $0 })
                : .quote(Array(strings.joined(separator: [UInt8(ascii: " ")])))
            return ScriptComponent(name: head.name, isDefinition: head.isDefinition, source: source, line: line)
        }
        let features = features
        let legacyIndices = legacyIndices
        let parsed = try parseInPlace { text -> Component in
            let form = try text.parseScriptComponent(features: features, legacyIndices: legacyIndices).form
            guard case .text(let component) = form else { throw text.error("expected a component in the text format") }
            return component
        }
        return ScriptComponent(name: head.name, isDefinition: head.isDefinition, source: .text(parsed), line: line)
    }

    /// `(invoke $id? "name" value*)` over a component instance. `(get ...)` has no component form.
    mutating func componentAction() throws -> ComponentAction {
        guard cursor.takeLeftParen("invoke") else {
            throw cursor.error("expected a component action, `(invoke ...)`")
        }
        let instance = cursor.takeIdentifier()
        let name = try cursor.expectName()
        var arguments: [ComponentValueLiteral] = []
        while !cursor.takeRightParen() { arguments.append(try componentValue(patterns: false)) }
        return ComponentAction(instance: instance, name: name, arguments: arguments)
    }

    /// `(assert_return (invoke ...) value*)`, `(assert_trap (invoke ...) "failure")`,
    /// `(assert_trap (component ...) "failure")` over components.
    mutating func componentActionAssertion(_ keyword: String) throws -> ComponentCommand {
        let keywordToken = cursor.peek(1)
        try cursor.expectLeftParen(keyword)
        if keyword == "assert_trap" && cursor.peekLeftParen("component") {
            let (component, failure) = try assertedComponent()
            return .assertInstantiationTrap(component, failure: failure)
        }
        let action = try componentAction()
        switch keyword {
        case "assert_return":
            var results: [ComponentValueLiteral] = []
            while !cursor.takeRightParen() { results.append(try componentValue(patterns: true)) }
            return .assertReturn(action, results)
        case "assert_trap":
            let failure = try failureText()
            try cursor.expectRightParen()
            return .assertTrap(action, failure: failure)
        case "assert_exhaustion":
            let failure = try failureText()
            try cursor.expectRightParen()
            return .assertExhaustion(action, failure: failure)
        default:
            let error = "`\(keyword)` over a component action is not supported"
            if let keywordToken { throw cursor.error(error, at: keywordToken) }
            throw cursor.error(error)
        }
    }

    /// `(assert_malformed|assert_invalid|assert_unlinkable (component ...) "failure")`.
    mutating func componentAssertion(_ keyword: String) throws -> ComponentCommand {
        try cursor.expectLeftParen(keyword)
        let (component, failure) = try assertedComponent()
        switch keyword {
        case "assert_malformed": return .assertMalformed(component, failure: failure)
        case "assert_invalid": return .assertInvalid(component, failure: failure)
        default: return .assertUnlinkable(component, failure: failure)
        }
    }

    /// The rest of an assertion over a component: `(component ...) "failure")`.
    mutating func assertedComponent() throws -> (ScriptComponent, String) {
        let component = try scriptComponent()
        let failure = try failureText()
        try cursor.expectRightParen()
        return (component, failure)
    }
}
