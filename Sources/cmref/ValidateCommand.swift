import ArgumentParser
import ComponentModel
import WasmCore
import WastRunner

/// `cmref validate FILE`: decode or parse, then validate.
struct ValidateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Validate a module or a component, binary (.wasm) or text (.wat).",
        discussion: """
            Prints nothing and exits 0 when the module or component is valid; otherwise prints the \
            error and exits 1. A component is validated with wasm-tools' default features, and \
            --features applies on top of those (as `wasm-tools validate -f` does); a core module \
            with WebAssembly 2.0 and --features on top.
            """
    )

    @Argument(help: "The module or component to validate (binary if it starts with the magic `\\0asm`, else text).")
    var file: String

    @OptionGroup var featureOptions: FeatureOptions

    func run() throws {
        if ComponentPipeline.isComponent(try InputFile.read(file)) {
            let features: Features
            do {
                features = try Features.parse(featureOptions.features ?? "", base: .wasmToolsDefaults)
            } catch let error as WasmError {
                throw WasmError(.usage, "--features: \(error.message)")
            }
            try ComponentPipeline(features: features).validate(file: file)
            return
        }
        let pipeline = ModulePipeline(features: try featureOptions.resolved())
        do {
            try pipeline.validate(try pipeline.read(file: file))
        } catch let error as WasmError {
            throw error.inFile(file)
        }
    }
}
