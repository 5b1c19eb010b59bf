import WasmCore

/// Spec: Explainer.md#type-definitions — a value type with every index resolved.
///
/// Resources are named by `ResourceID`s, which validation hands out fresh for every resource
/// definition, every `(sub resource)` bound and every instantiation (so two instances of one
/// component have distinct resource types). Mapping to CanonicalABI's value types is one to one
/// (record, variant, list, ..., own/borrow of a resource type). The nominal types (record,
/// variant, flags, enum) carry a `TypeTag`, which equality ignores.
public indirect enum ValType: Hashable, Sendable {
    case primitive(PrimitiveValueType)
    case record([ResolvedField], TypeTag)
    case variant([ResolvedCase], TypeTag)
    case list(ValType)
    case fixedLengthList(ValType, UInt32)
    case tuple([ValType])
    case flags([String], TypeTag)
    case `enum`([String], TypeTag)
    case option(ValType)
    case result(ok: ValType?, error: ValType?)
    case own(ResourceID)
    case borrow(ResourceID)
    case stream(ValType?)
    case future(ValType?)
    case map(ValType, ValType)
}

/// A record field (or function parameter) with its type resolved.
public struct ResolvedField: Hashable, Sendable {
    public var label: String
    public var type: ValType
}

/// A variant case with its payload type resolved.
public struct ResolvedCase: Hashable, Sendable {
    public var label: String
    public var type: ValType?
}

/// Spec: Explainer.md#type-definitions — a resource type: an identity, unique per definition or
/// per import bound, made fresh per instantiation. `alias` names the definition, import or export
/// this reference to the resource went through (external visibility); equality ignores it.
public struct ResourceID: Hashable, Sendable, CustomStringConvertible {
    public var raw: Int
    public var alias = TypeTag(0)
    public var description: String { "resource#\(raw)" }
}

/// Spec: Explainer.md#import-and-export-definitions — which definition, import or export a nominal
/// type (record, variant, flags, enum, or a resource reference) came through: every type definition
/// and every type import or export makes a new tag, and a type may only be imported or exported
/// when the tags it refers to were. Tags are not part of a type's structure: any two tags are
/// equal, so type equality and subtyping do not see them.
public struct TypeTag: Hashable, Sendable {
    public var raw: Int
    public init(_ raw: Int) { self.raw = raw }
    public static func == (a: TypeTag, b: TypeTag) -> Bool { true }
    public func hash(into hasher: inout Hasher) {}
}

/// Spec: Explainer.md#type-definitions — a component function type, resolved.
public struct FuncT: Hashable, Sendable {
    public var isAsync: Bool
    public var parameters: [ResolvedField]
    public var result: ValType?
}

/// Spec: Explainer.md#type-definitions — an instance type: its exports, in order.
public struct InstanceT: Hashable, Sendable {
    public var exports: [(name: String, type: EType)] {
        get { exportList.map { ($0.name, $0.type) } }
        set { exportList = newValue.map { NamedEType(name: $0.name, type: $0.type) } }
    }
    public var exportList: [NamedEType] = []
    /// Resources introduced by `(sub resource)` exports: fresh for each import of this type.
    public var definedResources: [ResourceID] = []

    public func export(_ name: String) -> EType? { exportList.first { $0.name == name }?.type }
}

/// A name with an extern type.
public struct NamedEType: Hashable, Sendable {
    public var name: String
    public var type: EType
}

/// Spec: Explainer.md#type-definitions — a component type: imports and exports.
public struct ComponentT: Hashable, Sendable {
    public var imports: [NamedEType] = []
    public var exports: [NamedEType] = []
    /// Resources bound by `(sub resource)` imports: instantiation substitutes the arguments' resources.
    public var importedResources: [ResourceID] = []
    /// Resources the component defines and exports (or `(sub resource)` exports of a type):
    /// fresh for each instantiation.
    public var definedResources: [ResourceID] = []

    public func export(_ name: String) -> EType? { exports.first { $0.name == name }?.type }
    public func `import`(_ name: String) -> EType? { imports.first { $0.name == name }?.type }
}

/// Spec: Explainer.md#type-definitions — a core module type: its imports and exports.
public struct CoreModuleT: Hashable, Sendable {
    public var imports: [ModuleTypes.ImportType]
    public var exports: [ModuleTypes.ExportType]
    /// A module's defined types (GC), which concrete heap types in `imports` and `exports` index.
    public var definedTypes: [SubType] = []
}

/// A core instance's type: its exports.
public struct CoreInstanceT: Hashable, Sendable {
    public var exports: [ModuleTypes.ExportType]
    /// The defined types of its module (GC), which concrete heap types in `exports` index.
    public var definedTypes: [SubType] = []
    public func export(_ name: String) -> ExternalType? { exports.first { $0.name == name }?.type }
}

/// An entry of the component type index space.
public indirect enum TypeEntry: Hashable, Sendable {
    case value(ValType)
    case function(FuncT)
    case component(ComponentT)
    case instance(InstanceT)
    case resource(ResourceID)
}

/// Spec: Explainer.md#type-definitions — an extern type (what an import, export or definition of a
/// sort has), resolved.
public indirect enum EType: Hashable, Sendable {
    case coreModule(CoreModuleT)
    case function(FuncT)
    case value(ValType)
    case type(TypeEntry)
    case component(ComponentT)
    case instance(InstanceT)

    /// The sort name wasm-tools uses in messages.
    public var kindName: String {
        switch self {
        case .coreModule: return "module"
        case .function: return "func"
        case .value: return "value"
        case .type: return "type"
        case .component: return "component"
        case .instance: return "instance"
        }
    }
}

/// What validating a component yields: its import and export types.
public struct ComponentTypes: Hashable, Sendable {
    public var imports: [NamedEType]
    public var exports: [NamedEType]
}
