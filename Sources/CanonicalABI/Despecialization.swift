// Spec: CanonicalABI.md#despecialization
import Foundation

/// Rewrites tuple, enum, option, result and map into the general types they stand for.
/// Spec: CanonicalABI.md#despecialization — def despecialize
public func despecialize(_ t: ValType) -> ValType {
  switch t {
  case .tuple(let ts): return .record(ts.enumerated().map { FieldType(String($0.offset), $0.element) })
  case .enum_(let labels): return .variant(labels.map { CaseType($0, nil) })
  case .option(let t): return .variant([CaseType("none", nil), CaseType("some", t)])
  case .result(let ok, let err): return .variant([CaseType("ok", ok), CaseType("error", err)])
  case .map(let k, let v): return .list(despecialize(.tuple([k, v])), nil)
  default: return t
  }
}
