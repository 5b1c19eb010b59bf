import WasmCore

/// wasm-tools' dependency names (`unlocked-dep=<...>`, `locked-dep=<...>`, `url=<...>`,
/// `integrity=<...>`), which its suite still exercises; Explainer.md at the pinned commit no longer
/// lists them. Imports only.
func checkDependencyName(_ name: String, features: Features) throws {
    func bad(_ why: String) -> WasmError { WasmError(.invalid, why) }
    var rest = Substring(name)
    func bracketed(_ prefix: String) throws -> Substring {
        rest = rest.dropFirst(prefix.count)
        guard rest.hasPrefix("<") else { throw bad("expected `<` at `\(rest)`") }
        rest = rest.dropFirst()
        guard let close = prefix == "unlocked-dep=" ? rest.lastIndex(of: ">") : rest.firstIndex(of: ">") else {
            if prefix == "url=" { throw bad("failed to find `>`") }
            throw bad("expected `>` at ``")
        }
        let inside = rest[..<close]
        rest = rest[rest.index(after: close)...]
        return inside
    }
    func packageName(_ s: Substring) throws {
        if features.contains(.cmNestedNames), s.contains("/") || s.split(separator: ":").count > 2 {
            return try checkInterfaceName(String(s), features: features)
        }
        let parts = s.split(separator: ":", maxSplits: 1, omittingEmptySubsequences: false)
        for p in parts where !isKebabLabel(p) { throw bad("`\(p)` is not in kebab case") }
        if parts.count < 2 { throw bad("`` is not in kebab case") }
    }
    func integrity() throws {
        guard !rest.isEmpty else { return }
        guard rest.hasPrefix(",integrity=<") else {
            if rest.hasPrefix(",") { throw bad("expected `integrity=<`") }
            throw bad("trailing characters found: `\(rest)`")
        }
        rest = rest.dropFirst()
        try hashes(try bracketed("integrity="))
        if !rest.isEmpty { throw bad("trailing characters found: `\(rest)`") }
    }
    func hashes(_ s: Substring) throws {
        let items = s.split(whereSeparator: { $0 == " " })
        if items.isEmpty { throw bad("integrity hash cannot be empty") }
        for item in items {
            guard let dash = item.firstIndex(of: "-") else { throw bad("expected `-` after hash algorithm") }
            let alg = item[..<dash]
            guard ["sha256", "sha384", "sha512"].contains(alg) else { throw bad("unrecognized hash algorithm: `\(alg)`") }
            var digest = item[item.index(after: dash)...]
            if let q = digest.firstIndex(of: "?") { digest = digest[..<q] }
            let body = digest.drop(while: { $0 != "=" })
            let chars = digest.prefix(while: { $0 != "=" })
            let ok = !chars.isEmpty && body.allSatisfy { $0 == "=" } && body.count <= 2
                && chars.allSatisfy { ($0.isASCII && ($0.isLetter || $0.isNumber)) || $0 == "+" || $0 == "/" }
            if !ok { throw bad("`\(digest)` is not valid base64") }
        }
    }
    if name.hasPrefix("unlocked-dep=") {
        let inside = try bracketed("unlocked-dep=")
        if let at = inside.firstIndex(of: "@") {
            try packageName(inside[..<at])
            let v = inside[inside.index(after: at)...]
            if v != "*" {
                guard v.hasPrefix("{"), v.hasSuffix("}") else { throw bad("expected `{` at `\(v.isEmpty ? ">" : v)`") }
                var range = v.dropFirst().dropLast()
                var any = false
                if range.hasPrefix(">=") {
                    range = range.dropFirst(2)
                    let end = range.firstIndex(of: " ") ?? range.endIndex
                    guard isValidSemver(range[..<end]) else { throw bad("`\(range[..<end])` is not a valid semver") }
                    range = range[end...].drop(while: { $0 == " " })
                    any = true
                }
                if range.hasPrefix("<") {
                    range = range.dropFirst()
                    guard isValidSemver(range) else { throw bad("`\(range)` is not a valid semver") }
                    any = true
                } else if !range.isEmpty || !any {
                    throw bad("expected `>=` or `<` at start of version range")
                }
            }
        } else {
            try packageName(inside)
        }
        if !rest.isEmpty { throw bad("trailing characters found: `\(rest)`") }
    } else if name.hasPrefix("locked-dep=") {
        let inside = try bracketed("locked-dep=")
        if let at = inside.firstIndex(of: "@") {
            try packageName(inside[..<at])
            let v = inside[inside.index(after: at)...]
            guard isValidSemver(v) else { throw bad("`\(v)` is not a valid semver") }
        } else {
            try packageName(inside)
        }
        try integrity()
    } else if name.hasPrefix("url=") {
        let inside = try bracketed("url=")
        if inside.contains("<") { throw bad("url cannot contain `<`") }
        try integrity()
    } else if name.hasPrefix("integrity=") {
        try hashes(try bracketed("integrity="))
        if !rest.isEmpty { throw bad("trailing characters found: `\(rest)`") }
    }
}
