/// Spec: core/valid/matching — subtyping of value types.
///
/// WebAssembly 2.0 has no subtyping: a type matches only itself. Typed function references add
/// `(ref ht) <: (ref null ht)` and `(ref $t) <: (ref func)` for a function type `$t`; GC adds the
/// hierarchy of abstract heap types and declared subtyping of defined types, which `types` (the
/// module's defined types) answers. Without `types`, a concrete type index counts as a function type.
func matches(_ actual: ValueType, _ expected: ValueType, in types: TypeHierarchy = .empty) -> Bool {
    if actual == expected { return true }
    guard case .reference(let a) = actual, case .reference(let e) = expected else { return false }
    return matches(a, e, in: types)
}

/// Spec: core/valid/matching — reference types: nullability may only be added, heap types must match.
func matches(_ actual: ReferenceType, _ expected: ReferenceType, in types: TypeHierarchy = .empty) -> Bool {
    if actual.isNullable && !expected.isNullable { return false }
    return matches(actual.heapType, expected.heapType, in: types)
}

/// Spec: core/valid/matching — heap types, as GC orders them: `i31`, `struct` and `array` below
/// `eq` below `any`, with `none` at the bottom; `noextern` below `extern`; `nofunc` below `func`;
/// `noexn` below `exn`. A defined type sits below the abstract type of its kind (`func`, or
/// `struct`/`array` and so `eq` and `any`) and above that hierarchy's bottom, and below its
/// declared supertypes.
func matches(_ actual: HeapType, _ expected: HeapType, in types: TypeHierarchy = .empty) -> Bool {
    if actual == expected { return true }
    switch (actual, expected) {
    case (.concrete(let a), .concrete(let e)):
        return types.isSubtype(a, of: e)
    case (.concrete(let a), _):
        switch types.composite(a) {
        case .function?, nil: return expected == .func
        case .struct?: return matches(.struct, expected)
        case .array?: return matches(.array, expected)
        }
    case (.nofunc, .concrete(let e)):
        if case .function? = types.composite(e) { return true }
        return types.composite(e) == nil
    case (.none, .concrete(let e)):
        switch types.composite(e) {
        case .struct?, .array?: return true
        default: return false
        }
    case (.nofunc, .func): return true
    case (.eq, .any), (.i31, .any), (.struct, .any), (.array, .any), (.none, .any): return true
    case (.i31, .eq), (.struct, .eq), (.array, .eq), (.none, .eq): return true
    case (.none, .i31), (.none, .struct), (.none, .array): return true
    case (.noextern, .extern), (.noexn, .exn): return true
    default: return false
    }
}

/// Whether every type in `actual` matches the type at the same place in `expected`.
func matches(_ actual: [ValueType], _ expected: [ValueType], in types: TypeHierarchy = .empty) -> Bool {
    actual.count == expected.count && zip(actual, expected).allSatisfy { matches($0, $1, in: types) }
}

extension TypeHierarchy {
    /// No defined types: every concrete type index counts as a function type.
    static let empty = TypeHierarchy()
}
