/// Spec: core/valid/types — "Import Subtyping": whether an external value of type `actual` may be
/// supplied for an import of type `expected`.
///
/// Functions and globals must have the same type (with typed references: a function's type must
/// match; an immutable global's value type may be a subtype), tables and memories must have
/// matching limits and the same element and address types.
public func matches(_ actual: ExternalType, _ expected: ExternalType) -> Bool {
    switch (actual, expected) {
    case (.function(let a), .function(let e)):
        return a == e
    case (.table(let a), .table(let e)):
        return matches(a.limits, e.limits) && a.elementType == e.elementType
    case (.memory(let a), .memory(let e)):
        return matches(a.limits, e.limits) && a.bytesPerPage == e.bytesPerPage
    case (.global(let a), .global(let e)):
        guard a.mutability == e.mutability else { return false }
        return a.mutability == .variable ? a.valueType == e.valueType : matches(a.valueType, e.valueType)
    case (.tag(let a), .tag(let e)):
        return a == e
    default:
        return false
    }
}

/// Spec: core/valid/types — matching limits: the actual minimum is at least the expected one, and
/// if a maximum is expected, the actual one exists and is at most it. Address types and sharing
/// (memory64, threads) must agree.
public func matches(_ actual: Limits, _ expected: Limits) -> Bool {
    guard actual.addressType == expected.addressType, actual.isShared == expected.isShared else { return false }
    guard actual.min >= expected.min else { return false }
    guard let expectedMax = expected.max else { return true }
    guard let actualMax = actual.max else { return false }
    return actualMax <= expectedMax
}

/// Why `actual` does not match `expected`, in the wording of the test suites' `assert_unlinkable`
/// ("incompatible import type"), or `nil` when it matches.
public func mismatch(_ actual: ExternalType, _ expected: ExternalType) -> String? {
    matches(actual, expected) ? nil : "incompatible import type"
}
