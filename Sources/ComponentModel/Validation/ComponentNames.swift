import WasmCore

/// Spec: Explainer.md#import-and-export-definitions — an `externname` read left to right: a label,
/// `[constructor]r`, `[method]r.m`, `[static]r.m`, an interface name `ns:pkg/iface@version`, or one
/// of wasm-tools' dependency names (`unlocked-dep=<...>`, `locked-dep=<...>`, `url=<...>`,
/// `integrity=<...>`, which its suite still exercises). The grammar and the wording of its errors
/// follow wasmparser's name parser, whose messages the suites expect.
struct ComponentNameParser {
    var next: Substring
    let features: Features

    func bad(_ why: String) -> WasmError { WasmError(.invalid, why) }

    /// The kind of the whole name; the interface version is checked separately (`interfaceVersion`).
    mutating func parse() throws -> ExternNameKind {
        if eat("[constructor]") { return .constructor(resource: String(try expectKebab())) }
        for (prefix, isMethod) in [("[method]", true), ("[static]", false)] where eat(prefix) {
            let resource = try takeUntil(".")
            try kebab(resource)
            let name = String(try expectKebab())
            return isMethod ? .method(resource: String(resource), name: name) : .static(resource: String(resource), name: name)
        }
        if eat("unlocked-dep=") {
            try expect("<")
            try packagePath(requireProjection: false)
            if eat("@") && !eat("*") {
                try expect("{")
                let range = try takeUpTo("}")
                try expect("}")
                try semverRange(range)
            }
            try expect(">")
            return .other
        }
        if eat("locked-dep=") {
            try expect("<")
            try packageName(isInterface: false)
            try expect(">")
            try optionalHash()
            return .other
        }
        if eat("url=") {
            try expect("<")
            let url = try takeUpTo(">")
            if url.contains("<") { throw bad("url cannot contain `<`") }
            try expect(">")
            try optionalHash()
            return .other
        }
        if eat("integrity=") {
            try expect("<")
            try hash()
            try expect(">")
            return .other
        }
        if next.contains(":") {
            try packageName(isInterface: true)
            return .interface
        }
        return .label(String(try expectKebab()))
    }

    /// `pkgname ::= pkgpath ('@' version)?` (an interface name's version is checked later).
    mutating func packageName(isInterface: Bool) throws {
        try packagePath(requireProjection: isInterface)
        if eat("@") {
            let version: Substring
            if let v = eatUpTo(">") { version = v } else { version = next; next = "" }
            if !isInterface { try semver(version) }
        }
    }

    /// `pkgpath ::= namespace+ label projection*` (one namespace and projection without
    /// cm-nested-names).
    mutating func packagePath(requireProjection: Bool) throws {
        try takeLowercaseKebab()
        try expect(":")
        try takeLowercaseKebab()
        if features.contains(.cmNestedNames) {
            while next.hasPrefix(":") {
                try expect(":")
                try takeLowercaseKebab()
            }
        }
        if next.hasPrefix("/") {
            try expect("/")
            try takeKebab()
            if features.contains(.cmNestedNames) {
                while next.hasPrefix("/") {
                    try expect("/")
                    try takeKebab()
                }
            }
        } else if requireProjection {
            throw bad("expected `/` after package name")
        }
    }

    /// `*`, `>=v`, `<v` or `>=v <w`.
    func semverRange(_ range: Substring) throws {
        if range == "*" { return }
        if range.hasPrefix(">=") {
            let r = range.dropFirst(2)
            if let space = r.firstIndex(of: " ") {
                try semver(r[..<space])
                let upper = r[r.index(after: space)...]
                guard upper.hasPrefix("<") else { throw bad("expected `<` at start of version range upper bounds") }
                try semver(upper.dropFirst())
            } else {
                try semver(r)
            }
        } else if range.hasPrefix("<") {
            try semver(range.dropFirst())
        } else {
            throw bad("expected `>=` or `<` at start of version range")
        }
    }

    mutating func optionalHash() throws {
        guard eat(",") else { return }
        try expect("integrity=<")
        try hash()
        try expect(">")
    }

    /// Integrity metadata: space-separated `sha256-`/`sha384-`/`sha512-` base64 digests.
    mutating func hash() throws {
        let integrity = try takeUpTo(">")
        var any = false
        for h in integrity.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\n" }) {
            any = true
            guard let alg = ["sha256", "sha384", "sha512"].first(where: { h.hasPrefix($0) }) else {
                throw bad("unrecognized hash algorithm: `\(h)`")
            }
            let rest = h.dropFirst(alg.count)
            guard rest.hasPrefix("-") else { throw bad("expected `-` after hash algorithm: \(h)") }
            let digest = rest.dropFirst().prefix(while: { $0 != "?" })
            guard isBase64(digest) else { throw bad("not valid base64: `\(digest)`") }
        }
        if !any { throw bad("integrity hash cannot be empty") }
    }

    func isBase64(_ s: Substring) -> Bool {
        guard !s.isEmpty else { return false }
        var equals = 0
        for (i, c) in s.unicodeScalars.enumerated() {
            if equals == 0 && (("0"..."9").contains(c) || ("a"..."z").contains(c) || ("A"..."Z").contains(c) || c == "+" || c == "/") { continue }
            if c == "=" && i > 0 && equals < 2 { equals += 1; continue }
            return false
        }
        return true
    }

    func semver(_ s: Substring) throws {
        if let why = semverError(s) { throw bad("`\(s)` is not a valid semver: \(why)") }
    }

    // MARK: Cursor

    mutating func eat(_ prefix: String) -> Bool {
        guard next.hasPrefix(prefix) else { return false }
        next = next.dropFirst(prefix.count)
        return true
    }

    mutating func expect(_ prefix: String) throws {
        guard eat(prefix) else { throw bad("expected `\(prefix)` at `\(next)`") }
    }

    mutating func eatUpTo(_ c: Character) -> Substring? {
        guard let i = next.firstIndex(of: c) else { return nil }
        let taken = next[..<i]
        next = next[i...]
        return taken
    }

    mutating func takeUpTo(_ c: Character) throws -> Substring {
        guard let s = eatUpTo(c) else { throw bad("failed to find `\(c)` character") }
        return s
    }

    mutating func takeUntil(_ c: Character) throws -> Substring {
        let s = try takeUpTo(c)
        next = next.dropFirst()
        return s
    }

    func kebab(_ s: Substring) throws {
        guard isKebabLabel(s) else { throw bad("`\(s)` is not in kebab case") }
    }

    /// The rest of the name, which must be a label.
    mutating func expectKebab() throws -> Substring {
        let s = next
        next = ""
        try kebab(s)
        return s
    }

    /// A label up to the first character that cannot be in one.
    @discardableResult
    mutating func takeKebab() throws -> Substring {
        let isLabelChar = { (c: Character) in c.isASCII && (c.isLetter || c.isNumber || c == "-") }
        guard let i = next.firstIndex(where: { !isLabelChar($0) }) else { return try expectKebab() }
        let s = next[..<i]
        next = next[i...]
        try kebab(s)
        return s
    }

    mutating func takeLowercaseKebab() throws {
        let s = try takeKebab()
        if let c = s.first(where: { $0.isLetter && !$0.isLowercase }) {
            throw bad("character `\(c)` is not lowercase in package name/namespace")
        }
    }
}

/// Parses all of `name`; a failure is reported under `context` ("import name `x` is not a valid
/// extern name", then the reason on the next line, as wasmparser words it).
private func parseName(_ name: String, features: Features, context: String) throws -> ExternNameKind {
    var parser = ComponentNameParser(next: name[...], features: features)
    do {
        let kind = try parser.parse()
        if !parser.next.isEmpty { throw parser.bad("trailing characters found: `\(parser.next)`") }
        return kind
    } catch let e as WasmError {
        throw WasmError(.invalid, "\(context)\n\(e.message)")
    }
}

/// Spec: Explainer.md#import-and-export-definitions — checks `externname` and classifies it.
func classifyExternName(_ name: String, features: Features, isExport: Bool = false) throws -> ExternNameKind {
    let what = isExport ? "export" : "import"
    let kind = try parseName(name, features: features, context: "\(what) name `\(name)` is not a valid extern name")
    if isExport && kind == .other { throw WasmError(.invalid, "name `\(name)` is not a valid export name") }
    return kind
}

/// Spec: Explainer.md#import-and-export-definitions — an interface name's version: the one after
/// `@`, completed by a `versionsuffix` attribute, must be a semantic version.
func checkInterfaceVersion(_ name: String, suffix: String?, isExport: Bool) throws {
    guard let at = name.firstIndex(of: "@") else { return }
    if let why = semverError(Substring(String(name[name.index(after: at)...]) + (suffix ?? ""))) {
        throw WasmError(.invalid, "\(isExport ? "export" : "import") name `\(name)` is not valid\ninvalid interface version: \(why)")
    }
}

/// Spec: Explainer.md#import-and-export-definitions — `interfacename` (for `implements`).
func checkInterfaceName(_ name: String, features: Features) throws {
    guard try parseName(name, features: features, context: "`\(name)` is not a valid name") == .interface else {
        throw WasmError(.invalid, "name `\(name)` must be an interface")
    }
}

/// Why `s` is not a semantic version `major.minor.patch(-pre)?(+build)?`, in the words of the
/// `semver` crate wasm-tools uses, or nil.
func semverError(_ s: Substring) -> String? {
    enum Position: String {
        case major = "major version number", minor = "minor version number", patch = "patch version number"
        case pre = "pre-release identifier", build = "build metadata"
    }
    if s.isEmpty { return "empty string, expected a semver version" }
    let chars = Array(s.unicodeScalars)
    var i = 0
    func describe(_ c: Unicode.Scalar) -> String { "'\(Character(c))'" }
    func numeric(_ pos: Position) -> String? {
        var value: UInt64 = 0
        var len = 0
        while i + len < chars.count, ("0"..."9").contains(chars[i + len]) {
            if value == 0 && len > 0 { return "invalid leading zero in \(pos.rawValue)" }
            let (m, o1) = value.multipliedReportingOverflow(by: 10)
            let (a, o2) = m.addingReportingOverflow(UInt64(chars[i + len].value - 48))
            if o1 || o2 { return "value of \(pos.rawValue) exceeds u64::MAX" }
            value = a
            len += 1
        }
        if len > 0 { i += len; return nil }
        if i < chars.count { return "unexpected character \(describe(chars[i])) while parsing \(pos.rawValue)" }
        return "unexpected end of input while parsing \(pos.rawValue)"
    }
    func dot(_ pos: Position) -> String? {
        if i < chars.count, chars[i] == "." { i += 1; return nil }
        if i < chars.count { return "unexpected character \(describe(chars[i])) after \(pos.rawValue)" }
        return "unexpected end of input while parsing \(pos.rawValue)"
    }
    /// Dot-separated identifiers; returns an error, and whether any was read.
    func identifiers(_ pos: Position) -> (String?, Bool) {
        var accumulated = 0, segment = 0, nondigit = false
        while true {
            let at = i + accumulated + segment
            let c: Unicode.Scalar? = at < chars.count ? chars[at] : nil
            if let c, ("A"..."Z").contains(c) || ("a"..."z").contains(c) || c == "-" {
                segment += 1
                nondigit = true
            } else if let c, ("0"..."9").contains(c) {
                segment += 1
            } else {
                if segment == 0 {
                    if accumulated == 0 && c != "." { return (nil, false) }
                    return ("empty identifier segment in \(pos.rawValue)", false)
                }
                if pos == .pre && segment > 1 && !nondigit && chars[i + accumulated] == "0" {
                    return ("invalid leading zero in \(pos.rawValue)", false)
                }
                accumulated += segment
                if c == "." {
                    accumulated += 1
                    segment = 0
                    nondigit = false
                } else {
                    i += accumulated
                    return (nil, true)
                }
            }
        }
    }
    var pos = Position.major
    if let e = numeric(.major) { return e }
    if let e = dot(.major) { return e }
    pos = .minor
    if let e = numeric(.minor) { return e }
    if let e = dot(.minor) { return e }
    pos = .patch
    if let e = numeric(.patch) { return e }
    if i == chars.count { return nil }
    if chars[i] == "-" {
        i += 1
        pos = .pre
        let (e, any) = identifiers(.pre)
        if let e { return e }
        if !any { return "empty identifier segment in \(pos.rawValue)" }
    }
    if i < chars.count, chars[i] == "+" {
        i += 1
        pos = .build
        let (e, any) = identifiers(.build)
        if let e { return e }
        if !any { return "empty identifier segment in \(pos.rawValue)" }
    }
    if i < chars.count { return "unexpected character \(describe(chars[i])) after \(pos.rawValue)" }
    return nil
}
