import ArgumentParser
import WasmCore
import WastRunner

/// `cmref print FILE.wasm`: binary to text.
struct PrintCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "print",
        abstract: "Print a module in the text format.",
        discussion: "The module is decoded (or parsed), not validated."
    )

    @Argument(help: "The module to print (binary, or text).")
    var file: String

    @OptionGroup var featureOptions: FeatureOptions

    func run() throws {
        let pipeline = ModulePipeline(features: try featureOptions.resolved())
        let text = printModule(try pipeline.read(file: file))
        print(text, terminator: text.hasSuffix("\n") ? "" : "\n")
    }
}
