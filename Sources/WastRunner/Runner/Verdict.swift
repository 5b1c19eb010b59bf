/// The verdict on one command: what the runner (or an execution engine) decided about it.
public enum Verdict: Hashable, Sendable {
    case passed
    /// The command did not do what it asserts; the message says what was expected and what happened.
    case failed(String)
    /// The command was not checked (for instance an action in static mode); the message says why.
    case skipped(String)
}

/// The final outcome of one command, after the expected-failures list is applied.
public enum Outcome: String, Hashable, Sendable, Codable {
    case passed
    case failed
    case skipped
    /// The command failed and is listed in the expected-failures file.
    case expectedFailure = "expected-failure"
}

/// What the run reports about one command: where it is, what it is, its outcome and message.
public struct CommandRecord: Hashable, Sendable, Codable {
    public var file: String
    public var line: Int
    /// The command's keyword (`module`, `assert_return`, ...), or `script` for a script that did not parse.
    public var command: String
    public var outcome: Outcome
    /// For a failure, `expected ..., got ...`; for a skip or expected failure, the reason; else empty.
    public var message: String
    /// For an expected failure, the reason as the expected-failures list gives it.
    public var listedReason: String?

    public init(file: String, line: Int, command: String, outcome: Outcome, message: String, listedReason: String? = nil) {
        self.file = file
        self.line = line
        self.command = command
        self.outcome = outcome
        self.message = message
        self.listedReason = listedReason
    }
}

/// The counts of a run.
public struct Tally: Hashable, Sendable {
    public var passed = 0
    public var failed = 0
    public var skipped = 0
    public var expectedFailures = 0

    public init() {}

    public init<S: Sequence>(_ records: S) where S.Element == CommandRecord {
        for r in records { add(r.outcome) }
    }

    public mutating func add(_ outcome: Outcome) {
        switch outcome {
        case .passed: passed += 1
        case .failed: failed += 1
        case .skipped: skipped += 1
        case .expectedFailure: expectedFailures += 1
        }
    }

    /// The closing line of a run, in the format CI reads: `N passed, N failed, N skipped`.
    public var summary: String { "\(passed) passed, \(failed) failed, \(skipped) skipped" }
}
