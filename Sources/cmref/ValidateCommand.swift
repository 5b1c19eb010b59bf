import ArgumentParser
import WasmCore
import WastRunner

/// `cmref validate FILE`: decode or parse, then validate.
struct ValidateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Validate a module, binary (.wasm) or text (.wat).",
        discussion: "Prints nothing and exits 0 when the module is valid; otherwise prints the error and exits 1."
    )

    @Argument(help: "The module to validate (binary if it starts with the magic `\\0asm`, else text).")
    var file: String

    @OptionGroup var featureOptions: FeatureOptions

    func run() throws {
        let pipeline = ModulePipeline(features: try featureOptions.resolved())
        do {
            try pipeline.validate(try pipeline.read(file: file))
        } catch let error as WasmError {
            throw error.inFile(file)
        }
    }
}
