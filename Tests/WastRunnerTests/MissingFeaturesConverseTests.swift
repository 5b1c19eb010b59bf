import Foundation
import XCTest
import WasmCore
@testable import WastRunner

/// Bar 2's converse: every file of wasm-tools-missing-features checks that constructs of a feature
/// are rejected while the feature is off. Rerunning a file with its feature switched on must make
/// some command fail (its `assert_invalid`s then validate), which shows the gate is really read.
final class MissingFeaturesConverseTests: XCTestCase {
    static let suite = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("../shared/testsuite/wasm-tools-missing-features").standardizedFileURL

    static let expectedFailures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("spec-tests/expected-failures.txt")

    /// The features each file is about (switched off by its RUN line, or off by default): file name → features.
    static let featuresOfFile: [String: [Feature]] = [
        "async-builtins.wast": [.cmMoreAsyncBuiltins],
        "async-stackful.wast": [.cmAsyncStackful],
        "async.wast": [.cmAsync],
        "error-context.wast": [.cmErrorContext],
        "fixed-length-lists.wast": [.cmFixedLengthLists],
        "implements.wast": [.cmImplements],
        "map.wast": [.cmMap],
        "shared-everything-threads-builtins.wast": [.sharedEverythingThreads],
        "threading.wast": [.cmThreading],
        "types.wast": [.simd, .referenceTypes, .gc],
        "value-not-enabled.wast": [.cmValues],
    ]

    /// Runs `file` statically with its own conventions, changed by `adjust`.
    static func run(_ file: URL, adjust: (inout Features) -> Void = { _ in }) throws -> [CommandRecord] {
        let source = try InputFile.read(file.path)
        var conventions = try ScriptConventions.of(source, features: .wasm2, componentFeatures: .componentModelSuite)
        adjust(&conventions.features)
        let script = try ScriptParser.parse(source, file: file.path, features: conventions.features,
                                            legacyIndices: conventions.legacyIndices)
        return ScriptRunner().run(script, conventions: conventions)
    }

    func testEveryFeatureOfTheSuiteIsReadBothWays() throws {
        let files = try FileManager.default.contentsOfDirectory(atPath: Self.suite.path).filter { $0.hasSuffix(".wast") }.sorted()
        guard !files.isEmpty else { throw XCTSkip("\(Self.suite.path) not found") }
        XCTAssertEqual(files, Self.featuresOfFile.keys.sorted(), "every file of the suite has its features in the table")
        for name in files {
            let file = Self.suite.appendingPathComponent(name)
            let asWritten = try Self.run(file)
            let passing = Set(asWritten.filter { $0.outcome == .passed }.map(\.line))
            if passing.isEmpty {
                // Nothing holds yet, so nothing can break: every command must be a listed expected failure.
                let listed = try ExpectedFailures(contentsOf: Self.expectedFailures.path)
                for r in asWritten { XCTAssertNotNil(listed.entry(file: r.file, line: r.line), "\(name):\(r.line) fails unlisted") }
                print("\(name): no command holds yet (all listed as expected failures); converse not checkable")
                continue
            }
            for feature in Self.featuresOfFile[name] ?? [] {
                var on = try Self.run(file) { $0.insert(feature) }
                on = on.filter { passing.contains($0.line) }
                let broken = on.filter { $0.outcome == .failed }
                print("\(name) with \(feature.rawValue) on: \(broken.count) of \(on.count) passing commands now fail")
                XCTAssertFalse(broken.isEmpty, "\(name): switching \(feature.rawValue) on changes nothing, so its gate is not read")
            }
        }
    }
}
