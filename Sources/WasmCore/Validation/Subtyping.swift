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

/// Spec: core/valid/matching — heap types: equal, or a function type index below `func`.
func matches(_ actual: HeapType, _ expected: HeapType) -> Bool {
    switch (actual, expected) {
    case (.func, .func), (.extern, .extern): return true
    case (.concrete(let a), .concrete(let b)): return a == b
    case (.concrete, .func): return true  // every defined type is a function type
    default: return false
    }
}

/// Whether every type in `actual` matches the type at the same place in `expected`.
func matches(_ actual: [ValueType], _ expected: [ValueType]) -> Bool {
    actual.count == expected.count && zip(actual, expected).allSatisfy { matches($0, $1) }
}
