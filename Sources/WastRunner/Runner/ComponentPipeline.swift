import ComponentModel
import WasmCore

/// A component that decoded or parsed and validated: its syntax and the types validation found.
public struct LoadedComponent: Sendable {
    public var component: Component
    /// The component's imports and exports, as validation resolved them.
    public var types: ComponentTypes
}

/// The static stages of a component: decode (binary) or parse (text), then validate, under one
/// feature set. Errors say which stage rejected the input by their kind (`.malformed` for decoding
/// and parsing, `.invalid` for validation).
public struct ComponentPipeline {
    public var features: Features
    /// Accept the legacy canon-option sugar in `(component quote ...)` text.
    public var legacyIndices: Bool
    /// Called with every component that decodes or parses, before it is validated.
    public var onDecoded: ((ScriptComponent, Component) -> Void)?

    public init(features: Features, legacyIndices: Bool = false) {
        self.features = features
        self.legacyIndices = legacyIndices
    }

    /// Decodes or parses a script component, then validates it.
    public func load(_ component: ScriptComponent) -> Result<LoadedComponent, WasmError> {
        Result {
            let syntax = try decode(component.source)
            onDecoded?(component, syntax)
            return LoadedComponent(component: syntax, types: try validateComponent(syntax, features: features))
        }.mapError(ModulePipeline.asWasmError)
    }

    /// Decodes or parses a script component without validating it.
    public func decode(_ source: ComponentSource) throws -> Component {
        switch source {
        case .text(let parsed):
            return try parsed.get()
        case .binary(let bytes):
            return try decodeComponent(bytes, features: features)
        case .quote(let text):
            guard TextUTF8.isValid(text) else { throw WasmError.malformed("malformed UTF-8 encoding") }
            return try parseComponent(String(decoding: text, as: UTF8.self), features: features, legacyIndices: legacyIndices)
        }
    }

    /// Reads a component file, binary (starting with the component preamble's magic and layer) or
    /// text, and decodes or parses it. Errors carry the file name.
    public func read(file: String) throws -> Component {
        let bytes = try InputFile.read(file)
        do {
            if bytes.starts(with: [0x00, 0x61, 0x73, 0x6D]) { return try decodeComponent(bytes, features: features) }
            guard TextUTF8.isValid(bytes) else { throw WasmError.malformed("malformed UTF-8 encoding") }
            return try parseComponent(String(decoding: bytes, as: UTF8.self), features: features, legacyIndices: legacyIndices)
        } catch {
            throw ModulePipeline.asWasmError(error).inFile(file)
        }
    }

    /// Reads and validates a component file; errors carry the file name.
    public func validate(file: String) throws {
        let component = try read(file: file)
        do {
            _ = try validateComponent(component, features: features)
        } catch {
            throw ModulePipeline.asWasmError(error).inFile(file)
        }
    }

    /// Whether a file holds a component rather than a core module: a binary whose layer field says
    /// component, or text whose first form is `(component`.
    public static func isComponent(_ bytes: [UInt8]) -> Bool {
        if bytes.starts(with: [0x00, 0x61, 0x73, 0x6D]) { return isComponentBinary(bytes) }
        guard let cursor = try? TextCursor(String(decoding: bytes, as: UTF8.self)) else { return false }
        return cursor.peekLeftParen("component")
    }
}
