import WasmCore

/// Spec: Binary.md — `core:type` / `core:deftype`: a core function type or a core module type.
///
/// (GC rec groups and `sub` types are core WebAssembly 3.0; WasmCore's syntax has no GC types,
/// so the decoder rejects them as unsupported.)
public enum CoreType: Hashable, Sendable {
    /// `(func ...)`, a core function type.
    case function(FunctionType)
    /// `(module md*)`, a core module type.
    case module([CoreModuleDeclaration])
}

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
