import WasmCore

/// The features a script declares with `;;! NAME = true` lines, the form wasmtime's own test scripts use
/// (`;;! component_model_error_context = true`).
///
/// The lines sit in the leading comments, before the first command. `NAME` is a wasmtime configuration
/// name: `component_model_X` is our gate `cm-X` (`component_model_async_stackful` → `cm-async-stackful`),
/// any other name is the feature of that name with `-` for `_` (`multi_memory` → `multi-memory`).
/// `= true` switches the feature on and `= false` off, on top of the script's other features. Names that
/// are no feature of ours (runtime settings such as `hogs_memory`) and values other than `true` / `false`
/// are ignored: they configure a runtime, not the language.
enum FeatureDirectives {
    /// `base` with the script's `;;!` directives applied.
    static func features(in source: [UInt8], base: Features) -> Features {
        var result = base
        for (name, on) in directives(in: source) {
            guard let feature = feature(named: name) else { continue }
            if on { result.insert(feature) } else { result.remove(feature) }
        }
        return result
    }

    /// The `(name, value)` of each `;;! name = true|false` line among the leading comments.
    static func directives(in source: [UInt8]) -> [(String, Bool)] {
        var found: [(String, Bool)] = []
        var start = 0
        while start < source.count {
            let end = source[start...].firstIndex(of: 0x0A) ?? source.count
            let line = String(decoding: source[start..<end], as: UTF8.self).trimmingSpaces
            start = end + 1
            if line.isEmpty { continue }
            guard line.hasPrefix(";;") else { break }
            guard line.hasPrefix(";;!") else { continue }
            let parts = line.dropFirst(3).split(separator: "=", maxSplits: 1).map { String($0).trimmingSpaces }
            guard parts.count == 2, !parts[0].isEmpty else { continue }
            switch parts[1] {
            case "true": found.append((parts[0], true))
            case "false": found.append((parts[0], false))
            default: continue
            }
        }
        return found
    }

    /// Our feature for a wasmtime configuration name, if there is one.
    static func feature(named name: String) -> Feature? {
        let words = name.replacingOccurrences(of: "_", with: "-")
        if words == "component-model" { return .componentModel }
        if words == "component-model-memory64" { return .cm64 }  // wasmtime's name for wasm-tools' `cm64`
        if words.hasPrefix("component-model-") {
            let gate = "cm-" + words.dropFirst("component-model-".count)
            return Feature(rawValue: gate) ?? Feature(rawValue: gate.replacingOccurrences(of: "cm-", with: "cm"))
        }
        return Feature(rawValue: words)
    }
}
