import WasmCore

// Stand-ins for the stages other branches are writing; each is removed when its branch is merged.

func decodeModule(_ bytes: [UInt8], features: Features) throws -> Module {
    throw WasmError(.usage, "the binary decoder is not available yet")
}

func parseQuotedModule(_ text: [UInt8], features: Features) throws -> Module {
    throw WasmError(.usage, "the text parser is not available yet")
}

func encodeModule(_ module: Module) throws -> [UInt8] {
    throw WasmError(.usage, "the binary encoder is not available yet")
}

func printModule(_ module: Module) throws -> String {
    throw WasmError(.usage, "the printer is not available yet")
}

/// Parses `(module $id? field*)` at the cursor.
func parseModule(_ cursor: inout TextCursor, features: Features) throws -> Module {
    throw WasmError(.usage, "the text parser is not available yet")
}
