import WasmCore

/// The static stages of a module: decode (binary) or parse (text), then validate, under one feature set.
///
/// The script runner uses it for the module of every command, and the CLI for module files. An
/// error's kind says which stage rejected the input (`.malformed` for decode and parse, `.invalid`
/// for validation).
public struct ModulePipeline {
    public var features: Features
    /// Called with every module that decodes or parses, before it is validated.
    public var onDecoded: ((ScriptModule, Module) -> Void)?

    public init(features: Features = .wasm2) { self.features = features }

    /// Decodes or parses a script module, then validates it.
    public func load(_ module: ScriptModule) -> Result<Module, WasmError> {
        Result {
            let syntax = try decode(module.source)
            onDecoded?(module, syntax)
            try validate(syntax)
            return syntax
        }.mapError(Self.asWasmError)
    }

    /// Decodes or parses a script module without validating it.
    public func decode(_ source: ModuleSource) throws -> Module {
        switch source {
        case .text(let parsed):
            return try parsed.get()
        case .binary(let bytes):
            return try decode(bytes)
        case .quote(let text):
            return try parse(text)
        }
    }

    /// Spec: core/binary — decodes a binary module.
    public func decode(_ bytes: [UInt8]) throws -> Module {
        try decodeModule(bytes, features: features)
    }

    /// Spec: core/text — parses a text module: `(module ...)` or its fields alone. The text must be
    /// UTF-8 (spec: core/text/conventions), else it is malformed.
    public func parse(_ text: [UInt8]) throws -> Module {
        guard TextUTF8.isValid(text) else { throw WasmError.malformed("malformed UTF-8 encoding") }
        return try parseModule(String(decoding: text, as: UTF8.self), features: features)
    }

    /// Spec: core/valid — validates a module.
    public func validate(_ module: Module) throws {
        _ = try validateModule(module, features: features)
    }

    /// Reads a module file, text (`.wat`, or any file not starting with the binary magic) or binary,
    /// and decodes or parses it. Errors carry the file name.
    public func read(file: String) throws -> Module {
        let bytes = try InputFile.read(file)
        do {
            if bytes.starts(with: [0x00, 0x61, 0x73, 0x6D]) { return try decode(bytes) }
            return try parse(bytes)
        } catch {
            throw Self.asWasmError(error).inFile(file)
        }
    }

    /// Any error as a `WasmError` (the stages throw nothing else; anything else is reported as malformed input).
    static func asWasmError(_ error: Error) -> WasmError {
        if let e = error as? WasmException { return WasmError(.exception, e.description) }
        return (error as? WasmError) ?? WasmError(.malformed, String(describing: error))
    }
}
