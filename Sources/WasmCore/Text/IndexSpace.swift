/// Spec: core/text/modules (identifier context) — the symbolic names bound in one index space.
struct IndexSpace {
    /// The word used in "duplicate ..." errors (`func`, `local`, ...).
    let duplicateWord: String
    /// The word used in "unknown ..." errors (`function`, `local`, ...).
    let unknownWord: String
    private(set) var names: [String: UInt32] = [:]
    /// How many indices have been assigned.
    private(set) var count: UInt32 = 0

    init(_ duplicateWord: String, unknown: String? = nil) {
        self.duplicateWord = duplicateWord
        self.unknownWord = unknown ?? duplicateWord
    }

    /// Assigns the next index, binding `name` to it; a name bound twice is "duplicate ...".
    @discardableResult
    mutating func define(_ name: String?, at location: SourceLocation) throws -> UInt32 {
        let index = count
        if let name {
            guard names[name] == nil else {
                throw WasmError(.malformed, "duplicate \(duplicateWord) $\(name)", at: location)
            }
            names[name] = index
        }
        let (next, overflow) = count.addingReportingOverflow(1)
        guard !overflow else { throw WasmError(.malformed, "too many definitions", at: location) }
        count = next
        return index
    }

    /// The index bound to `name`, or "unknown ...".
    func resolve(_ name: String, at location: SourceLocation) throws -> UInt32 {
        guard let index = names[name] else {
            throw WasmError(.malformed, "unknown \(unknownWord) $\(name)", at: location)
        }
        return index
    }
}

extension TextCursor {
    /// Spec: core/text/modules — an index: a `u32`, or an identifier bound in `space`.
    mutating func parseIndex(_ space: IndexSpace) throws -> UInt32 {
        if let t = peek, t.kind == .identifier {
            position += 1
            return try space.resolve(String(decoding: t.bytes, as: UTF8.self), at: t.location)
        }
        return try expectU32()
    }

    /// Whether an index (a `u32` or an identifier) comes next.
    var peekIndex: Bool { peekUnsigned || peekIdentifier }
}
