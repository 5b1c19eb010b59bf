import Foundation
import WasmCore

/// The list of commands known to fail, read from a file of lines `path:line  reason`.
///
/// A listed command that fails counts as an expected failure; a listed command that passes fails
/// the run, so the list shrinks as work lands. A listed path matches a script path that equals it
/// or ends with `/` followed by it, after both are normalised (so `core/foo.wast:12` matches
/// `../shared/testsuite/core/foo.wast`). Blank lines and lines starting with `#` are ignored.
///
/// A reason may start with a pin, `[fails with: TEXT]`: the command must then fail with a message
/// containing TEXT (a trap site, say); failing any other way fails the run, so a listed command
/// cannot silently change why it fails.
public struct ExpectedFailures: Sendable {
    /// One listed command.
    public struct Entry: Hashable, Sendable {
        public var path: String
        public var line: Int
        /// The reason as listed, pin included.
        public var reason: String

        /// The text the failure message must contain, from a leading `[fails with: TEXT]`.
        public var pinnedFailure: String? {
            guard reason.hasPrefix(ExpectedFailures.pinOpening), let close = reason.firstIndex(of: "]") else { return nil }
            let text = reason[reason.index(reason.startIndex, offsetBy: ExpectedFailures.pinOpening.count)..<close]
            return text.trimmingCharacters(in: .whitespaces)
        }

        /// Whether the entry's path names `file`.
        func matches(file: String) -> Bool {
            let path = ExpectedFailures.normalise(file)
            return path == self.path || path.hasSuffix("/" + self.path)
        }
    }

    public private(set) var entries: [Entry] = []

    public init(entries: [Entry] = []) { self.entries = entries }

    /// Reads the list from `file`; a malformed line is an error naming `file:line`.
    public init(contentsOf file: String) throws {
        try self.init(parsing: String(decoding: try InputFile.read(file), as: UTF8.self), file: file)
    }

    /// Parses the text of a list; `file` names it in errors.
    public init(parsing text: String, file: String) throws {
        for (index, rawLine) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = rawLine.trimmingCharacters(in: .whitespaces)
            if line.isEmpty || line.hasPrefix("#") { continue }
            let location = SourceLocation.text(line: index + 1, column: 1)
            let head = line.prefix { !$0.isWhitespace }
            let reason = line.dropFirst(head.count).trimmingCharacters(in: .whitespaces)
            guard let colon = head.lastIndex(of: ":"), let number = Int(head[head.index(after: colon)...]), number > 0 else {
                throw WasmError(.usage, "expected `path:line  reason`, got `\(line)`", at: location, file: file)
            }
            guard !reason.isEmpty else {
                throw WasmError(.usage, "expected a reason after `\(head)`", at: location, file: file)
            }
            let entry = Entry(path: Self.normalise(String(head[..<colon])), line: number, reason: reason)
            if reason.hasPrefix(Self.pinOpening), entry.pinnedFailure?.isEmpty != false {
                throw WasmError(.usage, "expected `\(Self.pinOpening) TEXT]` with a non-empty TEXT", at: location, file: file)
            }
            entries.append(entry)
        }
    }

    /// The entry listing the command at `file:line`, if any.
    public func entry(file: String, line: Int) -> Entry? {
        entries.first { $0.line == line && $0.matches(file: file) }
    }

    /// The entries naming a file the records cover but no command in it: stale lines of the list.
    public func unmatched(by records: [CommandRecord]) -> [Entry] {
        let files = Set(records.map(\.file))
        let listed = Set(records.compactMap { entry(file: $0.file, line: $0.line) })
        return entries.filter { entry in !listed.contains(entry) && files.contains { entry.matches(file: $0) } }
    }

    /// The opening of a reason's pin, `[fails with: TEXT]`.
    static let pinOpening = "[fails with:"

    /// Applies the list to a record: a listed failure becomes an expected failure, a listed pass a
    /// failure, and so does a listed failure whose message lacks the entry's pinned text.
    public func apply(to record: CommandRecord) -> CommandRecord {
        guard let entry = entry(file: record.file, line: record.line) else { return record }
        var result = record
        switch record.outcome {
        case .failed:
            if let pin = entry.pinnedFailure, !record.message.contains(pin) {
                result.message = "listed as failing with `\(pin)`, but failed otherwise: \(record.message)"
                return result
            }
            result.outcome = .expectedFailure
            result.message = "\(entry.reason) (\(record.message))"
            result.listedReason = entry.reason
        case .passed:
            result.outcome = .failed
            result.message = "expected a failure (listed: \(entry.reason)), got a pass; remove it from the expected-failures list"
        case .skipped, .expectedFailure:
            break
        }
        return result
    }

    /// A path with `.` components and repeated or trailing slashes removed.
    static func normalise(_ path: String) -> String {
        let parts = path.split(separator: "/").filter { $0 != "." }
        return (path.hasPrefix("/") ? "/" : "") + parts.joined(separator: "/")
    }
}
