import ArgumentParser
import WasmCore

struct CMRef: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "cmref", abstract: "An executable reference implementation of the WebAssembly Component Model.")
}
CMRef.main()
