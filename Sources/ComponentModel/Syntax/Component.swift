import WasmCore

/// Spec: Explainer.md — component definitions: a component is a sequence of definitions, each
/// adding to one of the index spaces, in the order written (Binary.md flattens the sections).
///
/// The syntax is index-based: every reference is an index into an index space of the enclosing
/// component (or, for outer aliases, of an enclosing scope). Validation resolves it.
public struct Component: Hashable, Sendable {
    public var definitions: [Definition]
    /// Where each definition starts in the binary it was decoded from (absolute byte offsets, one
    /// per definition; empty for text and built components). Validation errors cite them as
    /// wasmparser does, `(at offset 0x54)`. Not part of the syntax: `==` and hashing ignore it.
    public var definitionOffsets: [Int]

    public init(definitions: [Definition] = [], definitionOffsets: [Int] = []) {
        self.definitions = definitions
        self.definitionOffsets = definitionOffsets
    }

    public static func == (a: Component, b: Component) -> Bool { a.definitions == b.definitions }
    public func hash(into hasher: inout Hasher) { hasher.combine(definitions) }
}

/// Spec: Explainer.md — `definition`; Binary.md — `section`. One entry of a component.
public enum Definition: Hashable, Sendable {
    /// `(core module ...)`: section 1.
    case coreModule(Module)
    /// `(core instance ...)`: section 2.
    case coreInstance(CoreInstance)
    /// `(core type ...)`: section 3.
    case coreType(CoreType)
    /// A nested `(component ...)`: section 4.
    case component(Component)
    /// `(instance ...)`: section 5.
    case instance(Instance)
    /// `(alias ...)`: section 6.
    case alias(Alias)
    /// `(type ...)`: section 7.
    case type(TypeDefinition)
    /// `(canon ...)`: section 8.
    case canon(Canon)
    /// 🪙 `(start ...)`: section 9.
    case start(Start)
    /// `(import ...)`: section 10.
    case `import`(ComponentImport)
    /// `(export ...)`: section 11.
    case export(ComponentExport)
    /// 🪙 `(value ...)`: section 12.
    case value(ValueDefinition)
    /// A custom section (section 0), kept so a decoded binary re-encodes faithfully.
    case custom(name: String, bytes: [UInt8])

    /// The binary section that holds this definition.
    public var sectionID: ComponentSectionID {
        switch self {
        case .coreModule: return .coreModule
        case .coreInstance: return .coreInstance
        case .coreType: return .coreType
        case .component: return .component
        case .instance: return .instance
        case .alias: return .alias
        case .type: return .type
        case .canon: return .canon
        case .start: return .start
        case .import: return .import
        case .export: return .export
        case .value: return .value
        case .custom: return .custom
        }
    }
}

/// Spec: Binary.md — `section`: the section ids of a component binary.
public enum ComponentSectionID: UInt8, Hashable, Sendable, CaseIterable {
    case custom = 0
    case coreModule = 1
    case coreInstance = 2
    case coreType = 3
    case component = 4
    case instance = 5
    case alias = 6
    case type = 7
    case canon = 8
    case start = 9
    case `import` = 10
    case export = 11
    case value = 12

    /// Whether the section holds a vector of definitions (rather than exactly one).
    public var isVector: Bool {
        switch self {
        case .custom, .coreModule, .component, .start: return false
        default: return true
        }
    }
}

/// Spec: Binary.md — `preamble`: magic, version `0x0d 0x00`, layer `0x01 0x00`.
public enum ComponentPreamble {
    public static let magic: [UInt8] = [0x00, 0x61, 0x73, 0x6D]
    public static let version: [UInt8] = [0x0D, 0x00]
    public static let layer: [UInt8] = [0x01, 0x00]
    public static let bytes: [UInt8] = magic + version + layer
}
