/// Where in its input an error was found.
public enum SourceLocation: Hashable, Sendable, CustomStringConvertible {
    /// A byte offset into a binary.
    case offset(Int)
    /// A 1-based line and column in a text file.
    case text(line: Int, column: Int)

    public var description: String {
        switch self {
        case .offset(let o): return "offset 0x\(String(o, radix: 16))"
        case .text(let line, let column): return "\(line):\(column)"
        }
    }
}

/// An error found in a module or script: its kind, the rule broken (in the wording of the spec and
/// its test suites, so assertions can match it), and where.
public struct WasmError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The stage that rejected the input, which is what script assertions distinguish.
    public enum Kind: String, Hashable, Sendable {
        /// The text or binary is not well-formed (`assert_malformed`).
        case malformed
        /// The module is well-formed but not valid (`assert_invalid`).
        case invalid
        /// Instantiation could not resolve an import (`assert_unlinkable`).
        case unlinkable
        /// A trap during execution (`assert_trap`).
        case trap
        /// A resource bound was exhausted (`assert_exhaustion`).
        case exhaustion
        /// A wasm exception no handler caught left the invocation (`assert_exception`).
        case exception
        /// A bad command-line or API use.
        case usage
    }

    public var kind: Kind
    public var message: String
    public var location: SourceLocation?
    /// The file the location refers to, when known.
    public var file: String?

    public init(_ kind: Kind, _ message: String, at location: SourceLocation? = nil, file: String? = nil) {
        self.kind = kind
        self.message = message
        self.location = location
        self.file = file
    }

    public static func malformed(_ message: String, at location: SourceLocation? = nil) -> WasmError {
        WasmError(.malformed, message, at: location)
    }

    public static func invalid(_ message: String, at location: SourceLocation? = nil) -> WasmError {
        WasmError(.invalid, message, at: location)
    }

    /// This error with the file name filled in.
    public func inFile(_ file: String) -> WasmError {
        var copy = self
        if copy.file == nil { copy.file = file }
        return copy
    }

    public var description: String {
        var prefix = ""
        if let file { prefix += file + ":" }
        if let location { prefix += location.description + ": " } else if !prefix.isEmpty { prefix += " " }
        return prefix + message
    }
}
