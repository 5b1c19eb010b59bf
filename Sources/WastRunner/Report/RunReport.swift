import Foundation
import WasmCore

extension CommandRecord {
    /// The record as a failure line: `file:line: expected ..., got ...`.
    public var failureLine: String { "\(file):\(line): \(message)" }
}

/// The records of a run over many scripts, and the ways it is reported.
public struct RunReport: Sendable {
    public private(set) var records: [CommandRecord] = []

    public init() {}

    public mutating func append<S: Sequence>(contentsOf more: S) where S.Element == CommandRecord {
        records.append(contentsOf: more)
    }

    public var tally: Tally { Tally(records) }

    /// The closing lines: the counts (`N passed, N failed, N skipped`), then, on a line of its own,
    /// the expected failures if there are any.
    public var closingLines: [String] {
        let t = tally
        var lines = [t.summary]
        if t.expectedFailures > 0 { lines.append("\(t.expectedFailures) expected failures") }
        let wording = records.filter { $0.outcome == .failed && $0.message.hasPrefix(StaticChecker.differentMessage) }.count
        if wording > 0 { lines.append("\(wording) of the failures: \(StaticChecker.differentMessage)") }
        return lines
    }

    /// The records as a JSON array of objects with `file`, `line`, `command`, `outcome`, `message`,
    /// one record per line.
    public func json() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        var out = Data("[".utf8)
        for (i, record) in records.enumerated() {
            out.append(contentsOf: Array((i == 0 ? "\n" : ",\n").utf8))
            out.append(try encoder.encode(record))
        }
        out.append(contentsOf: Array("\n]\n".utf8))
        return out
    }
}
