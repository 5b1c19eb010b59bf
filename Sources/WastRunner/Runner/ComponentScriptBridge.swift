import CanonicalABI
import ComponentModel
import WasmCore

// Provisional: script literals to Canonical ABI values, result comparison and trap wording, until
// the runner's component value conversion (Sources/WastRunner/Component) lands; then these forward.

struct ScriptValueError: Error, CustomStringConvertible {
    var description: String
}

/// A script literal as a Canonical ABI value of type `t`.
func scriptValue(_ v: ComponentValueLiteral, _ t: CanonicalABI.ValType) throws -> CanonicalABI.Value {
    func bad() -> ScriptValueError { ScriptValueError(description: "value \(v) does not fit type \(t)") }
    switch (t, v) {
    case (.bool, .bool(let b)): return .bool(b)
    case (.u8, .u8(let x)): return .u8(x)
    case (.s8, .s8(let x)): return .s8(x)
    case (.u16, .u16(let x)): return .u16(x)
    case (.s16, .s16(let x)): return .s16(x)
    case (.u32, .u32(let x)): return .u32(x)
    case (.s32, .s32(let x)): return .s32(x)
    case (.u64, .u64(let x)): return .u64(x)
    case (.s64, .s64(let x)): return .s64(x)
    case (.f32, .f32(let p)):
        if case .bits(let b) = p { return .f32(Float(bitPattern: UInt32(truncatingIfNeeded: b))) }
        return .f32(.nan)
    case (.f64, .f64(let p)):
        if case .bits(let b) = p { return .f64(Double(bitPattern: b)) }
        return .f64(.nan)
    case (.char, .char(let c)): return .char(c)
    case (.string, .string(let s)): return .str(s)
    case (.list(let e, _), .list(let xs)): return .list(try xs.map { try scriptValue($0, e) })
    case (.map(let k, let u), .list(let xs)): return .list(try xs.map { try scriptValue($0, .tuple([k, u])) })
    case (.tuple(let ts), .tuple(let xs)) where ts.count == xs.count:
        return .tuple(try zip(xs, ts).map { try scriptValue($0, $1) })
    case (.record(let fs), .record(let xs)) where fs.count == xs.count:
        return .record(try zip(xs, fs).map { x, f in
            guard x.name == f.label else { throw bad() }
            return FieldValue(f.label, try scriptValue(x.value, f.t))
        })
    case (.variant(let cs), .variant(let name, let payload)):
        guard let c = cs.first(where: { $0.label == name }) else { throw bad() }
        switch (c.t, payload) {
        case (nil, nil): return .variant(name, nil)
        case (let ct?, let p?): return .variant(name, try scriptValue(p, ct))
        default: throw bad()
        }
    case (.enum_(let labels), .enumCase(let name)):
        guard labels.contains(name) else { throw bad() }
        return .variant(name, nil)
    case (.flags(let labels), .flags(let names)):
        guard names.allSatisfy(labels.contains) else { throw bad() }
        return .flags(Set(names))
    case (.option, .optionNone): return .variant("none", nil)
    case (.option(let u), .optionSome(let x)): return .variant("some", try scriptValue(x, u))
    case (.result(let ok, _), .resultOk(let x)):
        switch (ok, x) {
        case (nil, nil): return .variant("ok", nil)
        case (let o?, let x?): return .variant("ok", try scriptValue(x, o))
        default: throw bad()
        }
    case (.result(_, let err), .resultErr(let x)):
        switch (err, x) {
        case (nil, nil): return .variant("error", nil)
        case (let e?, let x?): return .variant("error", try scriptValue(x, e))
        default: throw bad()
        }
    default: throw bad()
    }
}

/// Whether a result equals an expected value: strings by scalars, NaN equals NaN.
func resultMatches(_ actual: CanonicalABI.Value, _ expected: CanonicalABI.Value) -> Bool {
    actual.equalModuloStringEncoding(expected)
}

/// Whether a trap's site maps to the wording an `assert_trap` expects (provisional: any trap).
func trapWordingMatches(_ trap: ComponentTrap, _ failure: String) -> Bool { true }
