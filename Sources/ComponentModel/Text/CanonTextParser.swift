import WasmCore

/// Spec: Explainer.md — Canonical Definitions in the text format, read by the immediates of
/// `CanonBuiltin`'s table.
extension ComponentTextParser {
    /// The inside of `(canon ...)` after `canon`, up to the closing `)`. For `lift` written as
    /// `(func ... (canon lift ...))`, `lift` carries the function type already read; otherwise
    /// the trailing `(func $id? typeuse)` / `(core func $id?)` is read here and its identifier is
    /// returned through `boundName`.
    mutating func canonBody(lift: UInt32?, boundName: inout String?, trailer: Bool) throws -> Canon {
        let at = c.location
        let name = try c.expectAnyKeyword()
        let builtin: CanonBuiltin
        switch name {
        case "thread.available_parallelism": builtin = .threadAvailableParallelism
        default:
            guard let b = CanonBuiltin(rawValue: name) else {
                throw WasmError(.malformed, "unexpected token: unknown canonical built-in `\(name)`", at: at)
            }
            builtin = b
        }
        var canon = Canon(builtin)
        let firstAdded = scopes[top].definitions.count
        for immediate in builtin.immediates {
            switch immediate {
            case .coreFunction:
                canon.function = try coreReference(.function)
            case .function:
                if c.peek?.kind == .leftParen {
                    try c.expectLeftParen("func")
                    canon.function = try referenceBody(.function)
                    try c.expectRightParen()
                } else {
                    canon.function = try index(.function)
                }
            case .type:
                if builtin == .lift { continue }
                if c.takeLeftParen("type") {
                    canon.type = try referenceBody(.type)
                    try c.expectRightParen()
                } else {
                    canon.type = try index(.type)
                }
            case .coreType: canon.type = try coreReference(.type)
            case .table: canon.table = try coreReference(.table)
            case .memory:
                try c.expectLeftParen("memory")
                canon.memory = try coreReference(.memory)
                try c.expectRightParen()
            case .options: canon.options = try canonOptions()
            case .resultList:
                if c.takeLeftParen("result") {
                    canon.result = try valueType()
                    try c.expectRightParen()
                }
            case .contextSlot:
                canon.contextType = try c.parseValueType(features: features)
                canon.contextIndex = try c.expectU32()
            case .async: canon.isAsync = c.takeKeyword("async")
            case .cancel: canon.isCancellable = c.takeKeyword("cancellable")
            case .shared: canon.isShared = c.takeKeyword("shared")
            }
        }
        if builtin == .lift {
            if let lift {
                canon.type = lift
            } else {
                guard trailer else { throw c.unexpected() }
                try c.expectLeftParen("func")
                boundName = c.takeIdentifier()
                let beforeType = scopes[top].definitions.count
                canon.type = try functionTypeUse()
                try c.expectRightParen()
                // wasm-tools expands the function type before the aliases of the references
                // written ahead of it; the two add to different index spaces, so only order moves.
                let typeDefinitions = scopes[top].definitions[beforeType...]
                scopes[top].definitions.removeSubrange(beforeType...)
                scopes[top].definitions.insert(contentsOf: typeDefinitions, at: firstAdded)
            }
        } else if trailer {
            try c.expectLeftParen("core")
            try c.expectKeyword("func")
            boundName = c.takeIdentifier()
            try c.expectRightParen()
        }
        return canon
    }

    mutating func canonBody(lift: UInt32?) throws -> Canon {
        var unused: String?
        return try canonBody(lift: lift, boundName: &unused, trailer: false)
    }

    /// `canonopt*`.
    mutating func canonOptions() throws -> [CanonOption] {
        var options: [CanonOption] = []
        while true {
            if c.takeKeyword("string-encoding=utf8") { options.append(.utf8); continue }
            if c.takeKeyword("string-encoding=utf16") { options.append(.utf16); continue }
            if c.takeKeyword("string-encoding=latin1+utf16") { options.append(.latin1UTF16); continue }
            if c.takeKeyword("async") { options.append(.async); continue }
            if c.takeKeyword("gc") { options.append(.gc); continue }
            if c.takeLeftParen("memory") {
                options.append(.memory(try coreReference(.memory)))
            } else if c.takeLeftParen("realloc") {
                options.append(.realloc(try coreReference(.function)))
            } else if c.takeLeftParen("post-return") {
                options.append(.postReturn(try coreReference(.function)))
            } else if c.takeLeftParen("callback") {
                options.append(.callback(try coreReference(.function)))
            } else if c.takeLeftParen("core-type") {
                options.append(.coreType(try coreReference(.type)))
            } else {
                return options
            }
            try c.expectRightParen()
        }
    }

    /// `(canon ...)` as a field: the built-in, then `(core func $id?)` (or `(func $id? typeuse)` for `lift`).
    mutating func parseCanonField() throws {
        let at = c.location
        c.position += 2
        var id: String?
        let canon = try canonBody(lift: nil, boundName: &id, trailer: true)
        try c.expectRightParen()
        try emit(.canon(canon), name: id, at: at)
    }
}
