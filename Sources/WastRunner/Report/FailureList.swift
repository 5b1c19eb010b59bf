/// The failing commands of a run as lines of an expected-failures list (`path:line  reason`), so the
/// list can be regenerated after a run (`cmref wast --list-failures`).
///
/// The path is the script's path from its suite folder on (after `testsuite/`, as
/// `wasm-tools/adapt.wast`), which `ExpectedFailures` matches as a path suffix from any working
/// directory. The reason says what went wrong in one line: the missing feature when one explains
/// it, else what the validator or parser did against what the script expects.
public enum FailureList {
    /// The list lines of the records that failed (or failed as expected: the list keeps them).
    public static func lines(_ records: [CommandRecord]) -> [String] {
        records.filter { $0.outcome == .failed || $0.outcome == .expectedFailure }.map { r in
            "\(listedPath(r.file)):\(r.line)  \(reason(r))"
        }
    }

    /// The path as the list writes it: from the suite folder on, or as given outside the suites.
    static func listedPath(_ file: String) -> String {
        let normalised = ExpectedFailures.normalise(file)
        if let range = normalised.range(of: "testsuite/", options: .backwards) { return String(normalised[range.upperBound...]) }
        if let range = normalised.range(of: "spec-tests/", options: .backwards) {
            return "spec-tests/" + normalised[range.upperBound...]
        }
        return normalised
    }

    /// One line saying why the command fails. For an expected failure the listed reason is kept.
    static func reason(_ r: CommandRecord) -> String {
        if r.outcome == .expectedFailure, let listed = r.listedReason { return listed }
        let message = r.message.replacingOccurrences(of: "\n", with: " ")
        if let missing = missingCoreFeature(r.file, message) { return missing }
        let expected = expectedText(message)
        if message.hasPrefix(StaticChecker.differentMessage) {
            let ours = ourText(message) ?? message
            return "rejected, but with a different message: expected `\(clip(expected ?? "", 70))`, ours `\(clip(ours, 90))`"
        }
        if message.contains("got a valid component") || message.contains("got a valid module") {
            let kind = message.hasPrefix("expected malformed") ? "decoder or parser accepts" : "validator accepts"
            return "\(kind): expected `\(clip(expected ?? ""))`"
        }
        if message.hasPrefix("expected a valid"), let got = ourText(message) {
            let stage = message.contains("got invalid") ? "validator rejects a valid component" : "parser or decoder rejects a valid component"
            return "\(stage): `\(clip(got))`"
        }
        if message.hasPrefix("expected invalid"), message.contains("got malformed"), let got = ourText(message) {
            return "rejected by the parser or decoder, not the validator: `\(clip(got))`"
        }
        if message.hasPrefix("expected malformed"), message.contains("got invalid"), let got = ourText(message) {
            return "decodes, then rejected by the validator (expected a decoding error): `\(clip(got))`"
        }
        return clip(message)
    }

    /// The core feature a failure needs that WasmCore does not have yet, if its file or message says so.
    static func missingCoreFeature(_ file: String, _ message: String) -> String? {
        if message.contains("GC instructions are not supported") { return "core GC instructions not supported" }
        if file.contains("shared-everything-threads") || message.contains("token shared") {
            return "core shared-everything threads not supported"
        }
        if file.contains("/gc/") {
            let ours = ourText(message).map { ": ours `\(clip($0, 90))`" } ?? ""
            return "the cm-gc feature (GC-typed canon options and values) is not supported" + ours
        }
        return nil
    }

    /// The expected text of a failure message `expected KIND "text", got ...`.
    static func expectedText(_ message: String) -> String? {
        guard let open = message.firstIndex(of: "\""), let close = message.range(of: "\", got ")?.lowerBound,
              open < close else { return nil }
        return String(message[message.index(after: open)..<close])
    }

    /// Our error's text in a failure message `expected ..., got KIND "text"( at PLACE)?`.
    static func ourText(_ message: String) -> String? {
        guard let got = message.range(of: "\", got ")?.upperBound ?? message.range(of: "got ")?.upperBound,
              let open = message[got...].firstIndex(of: "\""), let close = message.lastIndex(of: "\""), open < close else { return nil }
        return String(message[message.index(after: open)..<close])
    }

    static func clip(_ s: String, _ limit: Int = 140) -> String { s.count > limit ? String(s.prefix(limit - 3)) + "..." : s }
}
