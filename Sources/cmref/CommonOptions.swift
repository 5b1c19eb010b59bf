import ArgumentParser
import Foundation
import WasmCore

/// `--features LIST`, shared by the subcommands that decode, parse or validate.
struct FeatureOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp(
        "Features, comma-separated, in wasm-tools' syntax: names (simd, gc, ...), `wasm1`, `wasm2`, `all`, and `-name` to switch one off.",
        valueName: "list"))
    var features: String?

    /// The features asked for, on top of WebAssembly 2.0.
    func resolved() throws -> Features {
        guard let features else { return .wasm2 }
        do {
            return try Features.parse(features)
        } catch let error as WasmError {
            throw WasmError(.usage, "--features: \(error.message)")
        }
    }
}

/// Writes `bytes` to `path`, as a usage error naming the file when it cannot be written.
func write(_ bytes: Data, to path: String) throws {
    guard FileManager.default.createFile(atPath: path, contents: bytes) else {
        throw WasmError(.usage, "cannot write file", file: path)
    }
}
