import ArgumentParser
import Foundation
import WasmCore
import WastRunner

/// `cmref parse FILE.wat [-o FILE.wasm]`: text to binary.
struct ParseCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "parse",
        abstract: "Parse a text module (.wat) and write its binary encoding.",
        discussion: "The module is parsed, not validated (use `cmref validate` for that)."
    )

    @Argument(help: "The text module to parse.")
    var file: String

    @Option(name: .shortAndLong, help: ArgumentHelp("Where to write the binary (default: FILE with extension .wasm).", valueName: "file"))
    var output: String?

    @OptionGroup var featureOptions: FeatureOptions

    func run() throws {
        let pipeline = ModulePipeline(features: try featureOptions.resolved())
        let target = output ?? (file.hasSuffix(".wat") ? String(file.dropLast(4)) : file) + ".wasm"
        let module = try pipeline.read(file: file)
        try write(Data(encodeModule(module)), to: target)
    }
}
