// Spec: CanonicalABI.md#type-predicates
import Foundation

/// Spec: CanonicalABI.md#type-predicates — def contains_borrow
public func containsBorrow(_ t: ValType?) -> Bool {
  contains(t) { if case .borrow = $0 { return true } else { return false } }
}

/// Spec: CanonicalABI.md#type-predicates — def contains_async_value
public func containsAsyncValue(_ t: ValType?) -> Bool {
  contains(t) {
    switch $0 {
    case .stream, .future: return true
    default: return false
    }
  }
}

/// Whether `t` or a type inside it satisfies `p`.
/// Spec: CanonicalABI.md#type-predicates — def contains
public func contains(_ t: ValType?, _ p: (ValType) -> Bool) -> Bool {
  guard let t0 = t else { return false }
  let t = despecialize(t0)
  switch t {
  case .bool, .s8, .u8, .s16, .u16, .s32, .u32, .s64, .u64, .f32, .f64, .char, .string, .own, .borrow:
    return p(t)
  case .errorContext:
    return p(t) // Swift differs: Python's `case _: assert(False)` would reject error-context; it contains nothing.
  case .list(let u, _):
    return p(t) || contains(u, p)
  case .stream(let u), .future(let u):
    return p(t) || contains(u, p)
  case .record(let fields):
    return p(t) || fields.contains { contains($0.t, p) }
  case .variant(let cases):
    return p(t) || cases.contains { contains($0.t, p) }
  case .flags:
    return p(t) // Swift differs: Python asserts on flags (no case); flags contain nothing.
  case .tuple, .enum_, .option, .result, .map:
    return false // unreachable after despecialize
  }
}

/// `contains` applied to a function type: any parameter or result type satisfying `p`.
/// Spec: CanonicalABI.md#type-predicates — def contains (case FuncType)
public func contains(_ ft: FuncType, _ p: (ValType) -> Bool) -> Bool {
  (ft.paramTypes() + ft.resultType()).contains { p($0) }
}
