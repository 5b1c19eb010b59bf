import WasmCore

/// How a script's expected failure text is compared with the error the implementation reports.
enum Expectation {
    /// Spec: interpreter/README.md, "Scripts" — the failure string of an assertion must be a prefix of
    /// the actual error message.
    static func matches(expected: String, actual: String) -> Bool {
        actual.hasPrefix(expected)
    }

    /// An error as a failure message quotes it: its kind, its message, and where.
    static func describe(_ error: WasmError) -> String {
        var text = "\(error.kind.rawValue) \"\(error.message)\""
        if let location = error.location { text += " at \(location)" }
        return text
    }
}
