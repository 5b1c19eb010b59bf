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

/// Spec: Explainer.md#import-and-export-definitions — checks `externname` and classifies it.
func classifyExternName(_ name: String, features: Features, isExport: Bool = false) throws -> ExternNameKind {
    func bad(_ why: String) -> WasmError { WasmError(.invalid, why) }
    if name.isEmpty { throw bad("name cannot be empty") }
    for (prefix, make) in [("[constructor]", 0), ("[method]", 1), ("[static]", 2)] where name.hasPrefix(prefix) {
        let rest = name.dropFirst(prefix.count)
        if make == 0 {
            guard isKebabLabel(rest) else { throw bad("`\(rest)` is not in kebab case") }
            return .constructor(resource: String(rest))
        }
        guard let dot = rest.firstIndex(of: ".") else { throw bad("failed to find `.` character") }
        let r = rest[..<dot], m = rest[rest.index(after: dot)...]
        guard isKebabLabel(r) else { throw bad("`\(r)` is not in kebab case") }
        guard isKebabLabel(m) else { throw bad("`\(m)` is not in kebab case") }
        return make == 1 ? .method(resource: String(r), name: String(m)) : .static(resource: String(r), name: String(m))
    }
    if name.hasPrefix("[") {
        throw bad("`\(name)` is not a valid extern name")
    }
    if name.hasPrefix("relative-url=") { throw bad("`\(name)` is not a valid extern name") }
    for prefix in ["unlocked-dep=", "locked-dep=", "url=", "integrity="] where name.hasPrefix(prefix) {
        if isExport { throw bad("`\(name)` is not a valid export name") }
        try checkDependencyName(name, features: features)
        return .other
    }
    if name.contains(":") {
        try checkInterfaceName(name, features: features)
        return .interface
    }
    guard isKebabLabel(name[...]) else { throw bad("`\(name)` is not in kebab case") }
    return .label(name)
}

/// Spec: Explainer.md#import-and-export-definitions — `interfacename`: `ns:pkg/iface@version`.
func checkInterfaceName(_ name: String, features: Features) throws {
    func bad(_ why: String) -> WasmError { WasmError(.invalid, why) }
    var body = Substring(name)
    if let at = body.firstIndex(of: "@") {
        let version = body[body.index(after: at)...]
        body = body[..<at]
        guard isValidSemver(version) else { throw bad("`\(version)` is not a valid semver: invalid interface version") }
    }
    let parts = body.split(separator: "/", omittingEmptySubsequences: false)
    guard parts.count >= 2 else { throw bad("`\(name)` is not a valid extern name: failed to find `/` character") }
    if parts.count > 2 && !features.contains(.cmNestedNames) { throw bad("trailing characters found: `/\(parts[2...].joined(separator: "/"))`") }
    let namespaces = parts[0].split(separator: ":", omittingEmptySubsequences: false)
    guard namespaces.count >= 2 else { throw bad("expected `:` in `\(name)`") }
    if namespaces.count > 2 && !features.contains(.cmNestedNames) { throw bad("`\(name)` is not a valid extern name: nested namespaces") }
    for n in namespaces {
        if n.isEmpty { throw bad("empty identifier segment") }
        guard isKebabLabel(n) else { throw bad("`\(n)` is not in kebab case") }
        if let upper = n.first(where: { $0.isUppercase }) {
            throw bad("`\(name)` is not a valid extern name: character `\(upper)` is not lowercase in package name/namespace")
        }
    }
    for p in parts.dropFirst() {
        if p.isEmpty { throw bad("empty identifier segment") }
        guard isKebabLabel(p) else { throw bad("`\(p)` is not in kebab case") }
    }
}

/// A semantic version `major.minor.patch(-pre)?(+build)?`.
func isValidSemver(_ v: Substring) -> Bool {
    var core = v
    if let plus = core.firstIndex(of: "+") {
        let build = core[core.index(after: plus)...]
        if build.isEmpty || build.split(separator: ".", omittingEmptySubsequences: false).contains(where: { $0.isEmpty || !$0.allSatisfy { $0.isLetter || $0.isNumber || $0 == "-" } }) { return false }
        core = core[..<plus]
    }
    if let dash = core.firstIndex(of: "-") {
        let pre = core[core.index(after: dash)...]
        if pre.isEmpty || pre.split(separator: ".", omittingEmptySubsequences: false).contains(where: { $0.isEmpty || !$0.allSatisfy { $0.isLetter || $0.isNumber || $0 == "-" } }) { return false }
        core = core[..<dash]
    }
    let nums = core.split(separator: ".", omittingEmptySubsequences: false)
    guard nums.count == 3 else { return false }
    for n in nums {
        guard !n.isEmpty, n.allSatisfy({ $0.isASCII && $0.isNumber }) else { return false }
        if n.count > 1 && n.first == "0" { return false }
    }
    return true
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
