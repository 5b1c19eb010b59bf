import CanonicalABI
import ComponentModel
import WasmCore

// The runner's component value conversion, result comparison and trap wording live in
// Sources/WastRunner/Component (ComponentValues.swift, ComponentValueComparison.swift, TrapWording.swift);
// these names forward to them.

/// A script literal as a Canonical ABI value of type `t`.
func scriptValue(_ v: ComponentValueLiteral, _ t: CanonicalABI.ValType) throws -> CanonicalABI.Value {
    try componentValue(v, t)
}

/// Whether a result equals an expected value: structurally, strings by scalars, floats by bits with one NaN.
func resultMatches(_ actual: CanonicalABI.Value, _ expected: CanonicalABI.Value) -> Bool {
    componentValuesEqual(actual, expected)
}

/// Whether a trap's site maps to the wording an `assert_trap` expects (Docs/traps.md).
func trapWordingMatches(_ trap: ComponentTrap, _ failure: String) -> Bool { trapMatches(trap, expected: failure) }
