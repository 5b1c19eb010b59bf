import Foundation
/// A language feature beyond WebAssembly 1.0 (MVP), named as wasm-tools names it.
///
/// Every stage (decoder, text parser, validator, interpreter, and the component stages) reads the
/// `Features` it is given and rejects a construct whose feature is off.
public enum Feature: String, CaseIterable, Hashable, Sendable, Comparable {
    // Core WebAssembly 2.0.
    case mutableGlobal = "mutable-global"
    case saturatingFloatToInt = "saturating-float-to-int"
    case signExtension = "sign-extension"
    case referenceTypes = "reference-types"
    case multiValue = "multi-value"
    case bulkMemory = "bulk-memory"
    case simd = "simd"
    // Core WebAssembly 3.0 and proposals.
    case relaxedSimd = "relaxed-simd"
    case threads = "threads"
    case sharedEverythingThreads = "shared-everything-threads"
    case tailCall = "tail-call"
    case multiMemory = "multi-memory"
    case exceptions = "exceptions"
    case legacyExceptions = "legacy-exceptions"
    case memory64 = "memory64"
    case extendedConst = "extended-const"
    case functionReferences = "function-references"
    case gc = "gc"
    case customPageSizes = "custom-page-sizes"
    case wideArithmetic = "wide-arithmetic"
    case stackSwitching = "stack-switching"
    // The Component Model and its gates.
    case componentModel = "component-model"
    case cmValues = "cm-values"
    case cmNestedNames = "cm-nested-names"
    case cmAsync = "cm-async"
    case cmAsyncStackful = "cm-async-stackful"
    case cmAsyncBuiltins = "cm-async-builtins"
    case cmMoreAsyncBuiltins = "cm-more-async-builtins"
    case cmThreading = "cm-threading"
    case cmErrorContext = "cm-error-context"
    case cmFixedLengthLists = "cm-fixed-length-lists"
    case cmMap = "cm-map"
    case cmImplements = "cm-implements"
    case cmCanonNames = "cm-canon-names"
    case cm64 = "cm64"
    case cmGC = "cm-gc"

    public static func < (a: Feature, b: Feature) -> Bool { a.rawValue < b.rawValue }
}

/// A set of enabled features.
public struct Features: Hashable, Sendable, CustomStringConvertible {
    public private(set) var enabled: Set<Feature>

    public init(_ enabled: Set<Feature> = []) { self.enabled = enabled }

    public func contains(_ feature: Feature) -> Bool { enabled.contains(feature) }

    public mutating func insert(_ feature: Feature) { enabled.insert(feature) }
    public mutating func remove(_ feature: Feature) { enabled.remove(feature) }

    public func with(_ features: Feature...) -> Features {
        var copy = self
        for f in features { copy.insert(f) }
        return copy
    }

    /// The MVP: no feature at all.
    public static let mvp = Features()

    /// WebAssembly 1.0 as the W3C recommendation has it (and wasm-tools' `wasm1`): the MVP with
    /// imported and exported mutable globals.
    public static let wasm1 = Features([.mutableGlobal])

    /// WebAssembly 2.0: the MVP and the seven proposals merged into it.
    public static let wasm2 = Features([
        .mutableGlobal, .saturatingFloatToInt, .signExtension, .referenceTypes, .multiValue,
        .bulkMemory, .simd,
    ])

    /// Every feature.
    public static let all = Features(Set(Feature.allCases))

    /// Parses a comma-separated list in wasm-tools' `--features` syntax: names, `all`, `wasm1`,
    /// `wasm2`, and `-name` to switch one off.
    public static func parse(_ list: String, base: Features = .wasm2) throws -> Features {
        var result = base
        for raw in list.split(separator: ",").map({ $0.trimmingCharacters(in: .whitespaces) }) where !raw.isEmpty {
            let off = raw.hasPrefix("-")
            let name = off ? String(raw.dropFirst()) : raw
            switch name {
            case "all": result = off ? .mvp : .all
            case "wasm1", "mvp": result = off ? result : .wasm1
            case "wasm2": result = off ? result : .wasm2
            default:
                guard let feature = Feature(rawValue: name) else {
                    throw WasmError(.usage, "unknown feature `\(name)`")
                }
                if off { result.remove(feature) } else { result.insert(feature) }
            }
        }
        return result
    }

    public var description: String { enabled.sorted().map(\.rawValue).joined(separator: ",") }
}
