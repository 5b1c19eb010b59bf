import WasmCore

// The stages the runner calls, wired to WasmCore's decoder and text parser; the encoder and printer
// are still stand-ins for the stages other branches are writing.

func parseQuotedModule(_ text: [UInt8], features: Features) throws -> Module {
    try parseModule(try TextUTF8.decode(text), features: features)
}

func encodeModule(_ module: Module) throws -> [UInt8] {
    throw WasmError(.usage, "the binary encoder is not available yet")
}

func printModule(_ module: Module) throws -> String {
    throw WasmError(.usage, "the printer is not available yet")
}

/// Parses `(module $id? field*)` at the cursor.
func parseModule(_ cursor: inout TextCursor, features: Features) throws -> Module {
    try cursor.parseModuleSExpression(features: features).module
}
