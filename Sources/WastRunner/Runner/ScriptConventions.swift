import WasmCore

/// How one script file is run: the features it is checked with, whether its component text may use
/// the legacy canon-option sugar, and how an assertion's failure text is matched.
///
/// Three kinds of scripts, told apart by their text:
/// - **wasm-tools' scripts** have a `;; RUN: wast ...` line: features are wasm-tools'
///   defaults with the line's `-f` lists applied (`-f=-x` switches a default off), legacy sugar when
///   the line sets `WAST_STRICT_COMPONENT_INDICES=0`, the expected text must occur in our message
///   (as wasm-tools' own runner matches it), and the file is only validated, never executed (as
///   `wasm-tools wast` does: many of its components import what no runner provides).
/// - **Component scripts** without a `wast` RUN line (the component-model suite; the project's
///   scripts may add features with `;; RUN: --features=LIST`): `componentFeatures`
///   (default `Features.componentModelSuite`), and any rejection of the asserted kind passes (the
///   suite's texts are wasmtime's, which upstream runners match loosely or not at all).
///   A script needing a gate beyond those declares it as wasmtime's scripts do,
///   `;;! component_model_error_context = true` (`FeatureDirectives`; core scripts may too).
/// - **Core scripts** (the spec's suite): the run's features, and the expected text must be a prefix
///   of ours (interpreter/README.md, "Scripts").
public struct ScriptConventions: Hashable, Sendable {
    /// How an assertion's expected failure text is compared with the error reported.
    public enum MessageMatching: String, Hashable, Sendable {
        /// The expected text starts our message (the core spec's rule).
        case prefix
        /// The expected text occurs in our message (wasm-tools' rule); a trailing `(at offset 0x..)` of
        /// wasm-tools' binary may be our own place (`(at definition N)`).
        case substring
        /// Any message: the kind of rejection (malformed, invalid, ...) alone decides.
        case anyMessage

        /// Whether `actual` satisfies an assertion expecting `expected`.
        public func matches(expected: String, actual: String) -> Bool {
            switch self {
            case .prefix: return actual.hasPrefix(expected)
            case .substring:
                if expected.isEmpty || actual.contains(expected) { return true }
                // wasm-tools ends some messages with `(at offset 0x..)`, a place in the binary its own text
                // parser writes (with name sections ours does not write). The rule's text must match, and
                // ours must name its own place right after it (`(at definition N)`, or our binary's offset).
                if expected.hasSuffix(")"), let place = expected.range(of: " (at offset 0x", options: .backwards) {
                    return actual.contains(expected[..<place.lowerBound] + " (at ")
                }
                return false
            case .anyMessage: return true
            }
        }
    }

    public var features: Features
    public var legacyIndices: Bool
    public var messageMatching: MessageMatching
    /// Run the file statically even when an engine is given (wasm-tools' scripts).
    public var validateOnly: Bool

    public init(features: Features, legacyIndices: Bool = false, messageMatching: MessageMatching = .prefix,
                validateOnly: Bool = false) {
        self.features = features
        self.legacyIndices = legacyIndices
        self.messageMatching = messageMatching
        self.validateOnly = validateOnly
    }

    /// The conventions of the script whose text is `source`.
    ///
    /// - Parameters:
    ///   - features: the run's features, for core scripts.
    ///   - componentFeatures: the features of component scripts without a RUN line.
    public static func of(_ source: [UInt8], features: Features, componentFeatures: Features) throws -> ScriptConventions {
        let command = RunLine.commandLine(in: source)
        if command.split(separator: " ").contains("wast") {
            return ScriptConventions(
                features: try RunLine.features(in: source, base: .wasmToolsDefaults),
                legacyIndices: command.contains("WAST_STRICT_COMPONENT_INDICES=0"),
                messageMatching: .substring, validateOnly: true)
        }
        if containsComponent(source) {
            // The project's component scripts may add features with a RUN line without `wast`, and
            // with wasmtime's `;;!` directives.
            return ScriptConventions(features: FeatureDirectives.features(
                in: source, base: try RunLine.features(in: source, base: componentFeatures)),
                messageMatching: .anyMessage)
        }
        if !command.isEmpty {
            return ScriptConventions(features: FeatureDirectives.features(
                in: source, base: try RunLine.features(in: source, base: features)))
        }
        return ScriptConventions(features: FeatureDirectives.features(in: source, base: features))
    }

    /// Whether the text holds `(component` outside comments (line and nested block comments) and
    /// strings (cheaply: the first such form decides, and a core script has none).
    static func containsComponent(_ source: [UInt8]) -> Bool {
        let needle = Array("(component".utf8)
        guard source.count >= needle.count else { return false }
        var i = 0
        while i + needle.count <= source.count {
            switch source[i] {
            case UInt8(ascii: ";") where i + 1 < source.count && source[i + 1] == UInt8(ascii: ";"):
                while i < source.count && source[i] != 0x0A { i += 1 }
            case UInt8(ascii: "\""):
                i += 1
                while i < source.count && source[i] != UInt8(ascii: "\"") {
                    i += source[i] == UInt8(ascii: "\\") ? 2 : 1
                }
                i += 1
            case UInt8(ascii: "(") where i + 1 < source.count && source[i + 1] == UInt8(ascii: ";"):
                var depth = 0
                while i + 1 < source.count {
                    if source[i] == UInt8(ascii: "(") && source[i + 1] == UInt8(ascii: ";") { depth += 1; i += 2; continue }
                    if source[i] == UInt8(ascii: ";") && source[i + 1] == UInt8(ascii: ")") {
                        depth -= 1
                        i += 2
                        if depth == 0 { break }
                        continue
                    }
                    i += 1
                }
            case UInt8(ascii: "("):
                if source[i..<(i + needle.count)].elementsEqual(needle) {
                    let next = i + needle.count < source.count ? source[i + needle.count] : 0x20
                    if next == 0x20 || next == 0x0A || next == 0x09 || next == 0x0D || next == UInt8(ascii: ")") { return true }
                }
                i += 1
            default:
                i += 1
            }
        }
        return false
    }
}

extension Features {
    /// The default features of wasm-tools at the commit the suites were taken from (a7ef4778,
    /// `wasmparser::WasmFeatures::default()` in crates/wasmparser/src/features.rs): the core
    /// proposals at phase 4 or later (WebAssembly 3.0: exceptions, GC, memory64, tail calls, wide
    /// arithmetic, ...), the component model and `cm-async`. Every other `cm-*` gate is off. A
    /// wasm-tools file's RUN line applies its `-f` lists on top of these. (The wasm-tools 1.262
    /// oracle is newer and differs: it also enables `cm-map`.)
    public static let wasmToolsDefaults = Features([
        .mutableGlobal, .saturatingFloatToInt, .signExtension, .referenceTypes, .multiValue, .bulkMemory, .simd,
        .relaxedSimd, .threads, .tailCall, .multiMemory, .exceptions, .memory64, .extendedConst,
        .functionReferences, .gc, .wideArithmetic, .componentModel, .cmAsync,
    ])

    /// The features the component-model suite (../shared/testsuite/component-model) runs with: its
    /// README runs it with `wasmtime wast -W component-model-more-async-builtins -W
    /// component-model-threading -W component-model-async-stackful -W component-model-implements -W
    /// component-model-fixed-length-lists -W component-model-map`, so wasm-tools' defaults and those
    /// six gates. (Measured: switching any one of them off makes some command of the suite fail.)
    public static let componentModelSuite = Features.wasmToolsDefaults.with(
        .cmMoreAsyncBuiltins, .cmThreading, .cmAsyncStackful, .cmImplements, .cmFixedLengthLists, .cmMap)
}
