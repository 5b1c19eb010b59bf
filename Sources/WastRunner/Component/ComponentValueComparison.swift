// How `assert_return` compares component values (issue 6; CanonicalABI.md#loading for floats).
import CanonicalABI
import Foundation

/// Whether a result equals the expected value, structurally:
/// - strings by Unicode scalars (never Swift's canonical equivalence; the encoding and tagged length a
///   string was lifted with are not part of the component-level value);
/// - floats by bits, except that every NaN is the one component-level NaN: lifting canonicalizes NaNs
///   (Spec: CanonicalABI.md#loading — def canonicalize_nan32 / canonicalize_nan64), so an expected `nan`
///   (and the scripts' `nan:canonical` / `nan:arithmetic`) matches a NaN result of any payload, and
///   `0.0` and `-0.0` differ;
/// - lists element by element (compact numeric lists and plain lists alike), records field by field in order,
///   variants by case label then payload, flags as sets, handles by rep.
public func componentValuesEqual(_ actual: CanonicalABI.Value, _ expected: CanonicalABI.Value) -> Bool {
  switch (actual, expected) {
  case let (.f32(x), .f32(y)): return (x.isNaN && y.isNaN) || x.bitPattern == y.bitPattern
  case let (.f64(x), .f64(y)): return (x.isNaN && y.isNaN) || x.bitPattern == y.bitPattern
  case let (.string(x), .string(y)): return x.sameText(y)
  case (.list, _), (.numbers, _):
    guard let xs = actual.listElements, let ys = expected.listElements, xs.count == ys.count else { return false }
    return zip(xs, ys).allSatisfy { componentValuesEqual($0, $1) }
  case let (.record(x), .record(y)):
    return x.count == y.count && zip(x, y).allSatisfy { $0.label == $1.label && componentValuesEqual($0.value, $1.value) }
  case let (.variant(l1, v1), .variant(l2, v2)):
    guard l1 == l2 else { return false }
    switch (v1, v2) {
    case (nil, nil): return true
    case let (x?, y?): return componentValuesEqual(x, y)
    default: return false
    }
  default: return actual == expected
  }
}

/// Whether a call's results equal the expected values (same count, each structurally equal).
public func componentResultsEqual(_ actual: [CanonicalABI.Value], _ expected: [CanonicalABI.Value]) -> Bool {
  actual.count == expected.count && zip(actual, expected).allSatisfy { componentValuesEqual($0, $1) }
}
