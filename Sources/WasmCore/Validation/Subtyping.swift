/// Spec: core/valid/matching — subtyping of value types.
///
/// WebAssembly 2.0 has no subtyping: a type matches only itself. Typed function references add
/// `(ref ht) <: (ref null ht)` and `(ref $t) <: (ref func)` for a function type `$t`; those rules
/// are here so that later features extend one place.
func matches(_ actual: ValueType, _ expected: ValueType) -> Bool {
    if actual == expected { return true }
    guard case .reference(let a) = actual, case .reference(let e) = expected else { return false }
    return matches(a, e)
}

/// Spec: core/valid/matching — reference types: nullability may only be added, heap types must match.
func matches(_ actual: ReferenceType, _ expected: ReferenceType) -> Bool {
    if actual.isNullable && !expected.isNullable { return false }
    return matches(actual.heapType, expected.heapType)
}

/// Spec: core/valid/matching — heap types, as the GC proposal orders them: `i31`, `struct` and
/// `array` below `eq` below `any`, with `none` at the bottom; a defined type below `func` with
/// `nofunc` at the bottom; `noextern` below `extern`; `noexn` below `exn`. (A module's defined
/// types are function types, so a concrete type index sits in the `func` hierarchy.)
func matches(_ actual: HeapType, _ expected: HeapType) -> Bool {
    if actual == expected { return true }
    switch (actual, expected) {
    case (.concrete, .func), (.nofunc, .func), (.nofunc, .concrete): return true
    case (.eq, .any), (.i31, .any), (.struct, .any), (.array, .any), (.none, .any): return true
    case (.i31, .eq), (.struct, .eq), (.array, .eq), (.none, .eq): return true
    case (.none, .i31), (.none, .struct), (.none, .array): return true
    case (.noextern, .extern), (.noexn, .exn): return true
    default: return false
    }
}

/// Whether every type in `actual` matches the type at the same place in `expected`.
func matches(_ actual: [ValueType], _ expected: [ValueType]) -> Bool {
    actual.count == expected.count && zip(actual, expected).allSatisfy { matches($0, $1) }
}
