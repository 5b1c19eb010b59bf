import WasmCore

/// Spec: Binary.md — `core:type` / `core:deftype`: a core function type, a core module type, or
/// (core GC, for `cm-gc`) a struct, array or `sub` type or a rec group of them.
///
/// GC types reach only as far as WasmCore's value types do: fields and parameters may refer to
/// defined types (`(ref $t)`), `funcref` and `externref`, but not to the abstract GC heap types
/// (`any`, `eq`, `i31`, `struct`, `array`, `none`, ...), which WasmCore has no syntax for.
public enum CoreType: Hashable, Sendable {
    /// `(func ...)`, a core function type (final, without supertypes).
    case function(FunctionType)
    /// `(module md*)`, a core module type.
    case module([CoreModuleDeclaration])
    /// A struct or array type, or any type written with `sub` (non-final or with a supertype).
    case sub(CoreSubType)
    /// `(rec st*)`: a rec group, one type index per member.
    case rec([CoreSubType])

    /// One type for a sub type: `.function` for a final function type without supertypes (the
    /// binary and text formats write them the same way), `.sub` otherwise.
    public static func single(_ s: CoreSubType) -> CoreType {
        if s.isFinal, s.supertypes.isEmpty, case .function(let f) = s.composite { return .function(f) }
        return .sub(s)
    }

    /// How many core type indices the type defines.
    public var count: Int {
        if case .rec(let members) = self { return members.count }
        return 1
    }
}

/// Spec: core/syntax/types (GC) — `subtype`, `comptype`, `fieldtype`, `storagetype`: WasmCore's.
public typealias CoreSubType = WasmCore.SubType
public typealias CoreCompositeType = WasmCore.CompositeType
public typealias CoreFieldType = WasmCore.CompositeType.Field
public typealias CoreStorageType = WasmCore.StorageType

/// Spec: Binary.md — `core:moduledecl`.
public enum CoreModuleDeclaration: Hashable, Sendable {
    /// 0x00 `(import "m" "n" desc)`.
    case `import`(WasmCore.Import)
    /// 0x01 `(type dt)`.
    case type(CoreType)
    /// 0x02 `(alias outer ct idx (type))`: `core:alias`, whose sort is always `type`.
    case outerTypeAlias(count: UInt32, index: UInt32)
    /// 0x03 `(export n desc)`.
    case export(name: String, type: ImportDescriptor)
}
