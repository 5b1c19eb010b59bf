/// Spec: core/valid/conventions (defined types), core/valid/matching — a module's defined types
/// with their identities and declared supertypes, which subtyping of concrete heap types reads.
///
/// Types are compared iso-recursively (Spec: core/valid/conventions — "rolling and unrolling",
/// core/valid/matching — "defined types"): two defined types are the same when their recursion
/// groups are the same after every reference to a type outside the group is replaced by that
/// type's identity and every reference inside it by its place in the group, and they are the same
/// member of it. Each group's canonical form is interned; a type's identity is its group's number
/// plus its place in the group.
struct TypeHierarchy: Sendable {
    /// The sub type of every type index defined so far.
    private(set) var subTypes: [SubType] = []
    /// The identity of every type index: equal exactly for equal (equivalent) types.
    private(set) var identities: [Int] = []
    /// The canonical forms of the groups seen, each with the identity of its first member.
    private var groups: [[SubType]: Int] = [:]
    private var nextIdentity = 0

    /// The composite type of type `x`, `nil` when `x` is not (yet) defined.
    func composite(_ x: UInt32) -> CompositeType? {
        Int(x) < subTypes.count ? subTypes[Int(x)].composite : nil
    }

    /// Spec: core/valid/types — rolls a recursion group whose indices lie below the end of the
    /// group (checked by the caller) into the type index space: the members get their identities.
    mutating func append(_ group: [SubType]) {
        let start = UInt32(subTypes.count)
        let count = UInt32(group.count)
        // References inside the group become their place in it (with the top bit set, which no
        // identity has); references to earlier types become those types' identities.
        let canonical = group.map { member in
            member.mapTypeIndices { x in
                x >= start ? 0x8000_0000 | (x - start) : UInt32(truncatingIfNeeded: identities[Int(x)])
            }
        }
        let base: Int
        if let known = groups[canonical] {
            base = known
        } else {
            base = nextIdentity
            groups[canonical] = base
            nextIdentity += group.count
        }
        subTypes += group
        identities += (0..<Int(count)).map { base + $0 }
    }

    /// Spec: core/valid/matching — defined types: `a` matches `b` when they are the same type, or a
    /// declared supertype of `a` (transitively) is `b`.
    func isSubtype(_ a: UInt32, of b: UInt32) -> Bool {
        guard Int(b) < identities.count else { return a == b }
        var current = a
        while Int(current) < identities.count {
            if identities[Int(current)] == identities[Int(b)] { return true }
            guard let next = subTypes[Int(current)].supertypes.first, next < current else { return false }
            current = next
        }
        return false
    }

    /// Spec: core/valid/matching — composite types: a function type's parameters contravariant and
    /// results covariant; a struct type may add fields after matching ones; fields of arrays and
    /// structs match.
    func matches(_ actual: CompositeType, _ expected: CompositeType) -> Bool {
        switch (actual, expected) {
        case (.function(let a), .function(let e)):
            return WasmCore.matches(e.parameters, a.parameters, in: self) && WasmCore.matches(a.results, e.results, in: self)
        case (.struct(let a), .struct(let e)):
            return a.count >= e.count && zip(a, e).allSatisfy { matches($0, $1) }
        case (.array(let a), .array(let e)):
            return matches(a, e)
        default:
            return false
        }
    }

    /// Spec: core/valid/matching — field types: the same mutability; an immutable field's storage
    /// type covariant, a mutable one's the same (matching both ways).
    func matches(_ actual: CompositeType.Field, _ expected: CompositeType.Field) -> Bool {
        guard actual.isMutable == expected.isMutable else { return false }
        switch (actual.storage, expected.storage) {
        case (.i8, .i8), (.i16, .i16): return true
        case (.value(let a), .value(let e)):
            return WasmCore.matches(a, e, in: self) && (!actual.isMutable || WasmCore.matches(e, a, in: self))
        default: return false
        }
    }
}

extension SubType {
    /// The sub type with every type index in it (supertypes and concrete heap types) replaced by `f` of it.
    func mapTypeIndices(_ f: (UInt32) -> UInt32) -> SubType {
        func value(_ t: ValueType) -> ValueType {
            guard case .reference(var r) = t, case .concrete(let x) = r.heapType else { return t }
            r.heapType = .concrete(f(x))
            return .reference(r)
        }
        func field(_ t: CompositeType.Field) -> CompositeType.Field {
            guard case .value(let v) = t.storage else { return t }
            return CompositeType.Field(.value(value(v)), isMutable: t.isMutable)
        }
        let composite: CompositeType
        switch self.composite {
        case .function(let t):
            composite = .function(FunctionType(parameters: t.parameters.map(value), results: t.results.map(value)))
        case .struct(let fields): composite = .struct(fields.map(field))
        case .array(let t): composite = .array(field(t))
        }
        return SubType(isFinal: isFinal, supertypes: supertypes.map(f), composite: composite)
    }

    /// The value types the sub type mentions (parameters, results, fields that are not packed).
    var valueTypes: [ValueType] {
        switch composite {
        case .function(let t): return t.parameters + t.results
        case .struct(let fields): return fields.compactMap { if case .value(let v) = $0.storage { return v } else { return nil } }
        case .array(let t): if case .value(let v) = t.storage { return [v] } else { return [] }
        }
    }
}
