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

    public init(features: Features, legacyIndices: Bool = false) {
        self.features = features
        self.legacyIndices = legacyIndices
    }

    /// Decodes or parses a script component, then validates it.
    public func load(_ component: ScriptComponent) -> Result<LoadedComponent, WasmError> {
        Result {
            let syntax = try decode(component.source)
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
}
