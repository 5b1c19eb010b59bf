import CanonicalABI
import WasmCore

/// Spec: Binary.md — `type`/`deftype`: a component type definition.
public enum TypeDefinition: Hashable, Sendable {
    case value(DefinedValueType)
    case function(ComponentFunctionType)
    /// `(component cd*)`.
    case component([Declaration])
    /// `(instance id*)`.
    case instance([Declaration])
    case resource(ResourceTypeDefinition)
}

/// Spec: Binary.md — `primvaltype`, each with its opcode (the negative-SLEB128 scheme) and text name.
public enum PrimitiveValueType: UInt8, Hashable, Sendable, CaseIterable {
    case bool = 0x7F
    case s8 = 0x7E
    case u8 = 0x7D
    case s16 = 0x7C
    case u16 = 0x7B
    case s32 = 0x7A
    case u32 = 0x79
    case s64 = 0x78
    case u64 = 0x77
    case f32 = 0x76
    case f64 = 0x75
    case char = 0x74
    case string = 0x73
    /// 📝
    case errorContext = 0x64

    /// The Canonical ABI's value type for this primitive (definitions.py#boilerplate — PrimValType).
    public var abiType: CanonicalABI.ValType {
        switch self {
        case .bool: return .bool
        case .s8: return .s8
        case .u8: return .u8
        case .s16: return .s16
        case .u16: return .u16
        case .s32: return .s32
        case .u32: return .u32
        case .s64: return .s64
        case .u64: return .u64
        case .f32: return .f32
        case .f64: return .f64
        case .char: return .char
        case .string: return .string
        case .errorContext: return .errorContext
        }
    }

    /// The keyword of the text format: the Canonical ABI type's own name (one table of names).
    public var keyword: String { abiType.description }

    public init?(keyword: String) {
        switch keyword {
        case "float32": self = .f32
        case "float64": self = .f64
        default:
            guard let t = PrimitiveValueType.allCases.first(where: { $0.keyword == keyword }) else { return nil }
            self = t
        }
    }
}

/// Spec: Binary.md — `valtype`: a primitive value type or a type index.
public enum ComponentValueType: Hashable, Sendable {
    case primitive(PrimitiveValueType)
    case index(UInt32)
}

/// Spec: Binary.md — `defvaltype`, with the opcodes of its constructors.
public enum DefinedValueType: Hashable, Sendable {
    case primitive(PrimitiveValueType)
    /// 0x72
    case record([LabeledValueType])
    /// 0x71
    case variant([VariantCase])
    /// 0x70
    case list(ComponentValueType)
    /// 🔧 0x67
    case fixedLengthList(ComponentValueType, length: UInt32)
    /// 0x6f
    case tuple([ComponentValueType])
    /// 0x6e
    case flags([String])
    /// 0x6d
    case `enum`([String])
    /// 0x6b
    case option(ComponentValueType)
    /// 0x6a
    case result(ok: ComponentValueType?, error: ComponentValueType?)
    /// 0x69
    case own(UInt32)
    /// 0x68
    case borrow(UInt32)
    /// 🔀 0x66
    case stream(ComponentValueType?)
    /// 🔀 0x65
    case future(ComponentValueType?)
    /// 🗺️ 0x63
    case map(key: ComponentValueType, value: ComponentValueType)
}

/// Spec: Binary.md — the opcodes of the `defvaltype` constructors.
public enum DefinedValueTypeOpcode: UInt8, Sendable {
    case record = 0x72, variant = 0x71, list = 0x70, fixedLengthList = 0x67, tuple = 0x6F
    case flags = 0x6E, `enum` = 0x6D, option = 0x6B, result = 0x6A, own = 0x69, borrow = 0x68
    case stream = 0x66, future = 0x65, map = 0x63
}

/// Spec: Binary.md — `labelvaltype`: a record field or function parameter.
public struct LabeledValueType: Hashable, Sendable {
    public var label: String
    public var type: ComponentValueType

    public init(_ label: String, _ type: ComponentValueType) {
        self.label = label
        self.type = type
    }
}

/// Spec: Binary.md — `case`: a variant case with an optional payload.
public struct VariantCase: Hashable, Sendable {
    public var label: String
    public var type: ComponentValueType?

    public init(_ label: String, _ type: ComponentValueType?) {
        self.label = label
        self.type = type
    }
}

/// Spec: Binary.md — `functype`: `(func async? (param l t)* (result t)?)`; opcode 0x40, or 0x43 if async.
public struct ComponentFunctionType: Hashable, Sendable {
    public var isAsync: Bool
    public var parameters: [LabeledValueType]
    public var result: ComponentValueType?

    public init(isAsync: Bool = false, parameters: [LabeledValueType], result: ComponentValueType?) {
        self.isAsync = isAsync
        self.parameters = parameters
        self.result = result
    }
}

/// Spec: Binary.md — `resourcetype`: `(resource (rep t) (dtor f)?)`, opcode 0x3f.
public struct ResourceTypeDefinition: Hashable, Sendable {
    public var representation: WasmCore.ValueType
    public var destructor: UInt32?

    public init(representation: WasmCore.ValueType, destructor: UInt32? = nil) {
        self.representation = representation
        self.destructor = destructor
    }
}

/// Spec: Binary.md — `componentdecl` and `instancedecl`. Instance types hold all but `import`.
public enum Declaration: Hashable, Sendable {
    /// 0x00
    case coreType(CoreType)
    /// 0x01
    case type(TypeDefinition)
    /// 0x02
    case alias(Alias)
    /// 0x03 (component types only)
    case `import`(ComponentImport)
    /// 0x04
    case export(name: ExternName, type: ExternType)
}

/// Spec: Binary.md — `externtype`.
public enum ExternType: Hashable, Sendable {
    /// 0x00 0x11 `(core module (type i))`
    case coreModule(UInt32)
    /// 0x01 `(func (type i))`
    case function(UInt32)
    /// 🪙 0x02 `(value t)`. Binary.md has a `valuebound` (`0x00 (eq i)` | `0x01 t`); wasm-tools
    /// 1.262, whose binaries the suites compare against, writes the value type alone, so that is
    /// what this syntax holds.
    case value(ComponentValueType)
    /// 0x03 `(type b)`
    case type(TypeBound)
    /// 0x04 `(component (type i))`
    case component(UInt32)
    /// 0x05 `(instance (type i))`
    case instance(UInt32)
}

/// Spec: Binary.md — `typebound`.
public enum TypeBound: Hashable, Sendable {
    /// `(eq i)`
    case equal(UInt32)
    /// `(sub resource)`
    case subResource
}
