import WasmCore

/// Spec: Explainer.md#import-and-export-definitions — `label`: kebab-case fragments, the first
/// starting with a letter, each all-lowercase or all-uppercase.
func isKebabLabel(_ s: Substring) -> Bool {
    guard !s.isEmpty else { return false }
    var first = true
    for fragment in s.split(separator: "-", omittingEmptySubsequences: false) {
        guard let c = fragment.unicodeScalars.first else { return false }
        if first && !("a"..."z").contains(c) && !("A"..."Z").contains(c) { return false }
        first = false
        let lower = fragment.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) }
        let upper = fragment.unicodeScalars.allSatisfy { ("A"..."Z").contains($0) || ("0"..."9").contains($0) }
        guard lower || upper else { return false }
    }
    return true
}

/// What kind of name an import or export has.
enum ExternNameKind: Equatable {
    case label(String)
    case constructor(resource: String)
    case method(resource: String, name: String)
    case `static`(resource: String, name: String)
    case interface
    case other
}

/// Spec: Explainer.md#name-uniqueness — the canonical form two names are compared by.
func canonicalName(_ name: String) -> String {
    if name.contains("=<") { return name }
    let lower = name.lowercased()
    for prefix in ["[method]", "[static]"] where lower.hasPrefix(prefix) {
        let rest = lower.dropFirst(prefix.count)
        if let dot = rest.firstIndex(of: "."), rest[..<dot] == rest[rest.index(after: dot)...] {
            return String(rest[..<dot])
        }
        return String(rest)
    }
    if lower.hasPrefix("["), !lower.hasPrefix("[constructor]"), let close = lower.firstIndex(of: "]") {
        return String(lower[lower.index(after: close)...])
    }
    return lower
}

/// Spec: Explainer.md#name-uniqueness — a set of strongly-unique names.
struct NameSet {
    var canonical: [String: String] = [:]

    /// Adds `name`; returns the earlier name it conflicts with, if any.
    mutating func insert(_ name: String) -> String? {
        let key = canonicalName(name)
        if let previous = canonical[key] { return previous }
        canonical[key] = name
        return nil
    }
}
