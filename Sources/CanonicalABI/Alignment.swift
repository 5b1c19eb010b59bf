// Spec: CanonicalABI.md#alignment
import Foundation

/// The alignment in bytes of a value of type `t` in memory.
/// Spec: CanonicalABI.md#alignment — def alignment
public func alignment(_ t: ValType, _ ptrType: CoreValType) -> UInt64 {
  switch despecialize(t) {
  case .bool: return 1
  case .s8, .u8: return 1
  case .s16, .u16: return 2
  case .s32, .u32: return 4
  case .s64, .u64: return 8
  case .f32: return 4
  case .f64: return 8
  case .char: return 4
  case .string: return ptrSize(ptrType)
  case .errorContext: return 4
  case .list(let t, let l): return alignmentList(t, l, ptrType)
  case .record(let fields): return alignmentRecord(fields, ptrType)
  case .variant(let cases): return alignmentVariant(cases, ptrType)
  case .flags(let labels): return alignmentFlags(labels)
  case .own, .borrow: return 4
  case .stream, .future: return 4
  case .tuple, .enum_, .option, .result, .map: return 1 // unreachable after despecialize
  }
}

/// Spec: CanonicalABI.md#alignment — def alignment_list
public func alignmentList(_ elemType: ValType, _ maybeLength: Int?, _ ptrType: CoreValType) -> UInt64 {
  if maybeLength != nil { return alignment(elemType, ptrType) }
  return ptrSize(ptrType)
}

/// Spec: CanonicalABI.md#alignment — def alignment_record
public func alignmentRecord(_ fields: [FieldType], _ ptrType: CoreValType) -> UInt64 {
  var a: UInt64 = 1
  for f in fields { a = max(a, alignment(f.t, ptrType)) }
  return a
}

/// Spec: CanonicalABI.md#alignment — def alignment_variant
public func alignmentVariant(_ cases: [CaseType], _ ptrType: CoreValType) -> UInt64 {
  max(alignment(discriminantType(cases), ptrType), maxCaseAlignment(cases, ptrType))
}

/// The smallest unsigned integer type that holds a case index.
/// Spec: CanonicalABI.md#alignment — def discriminant_type
public func discriminantType(_ cases: [CaseType]) -> ValType {
  let n = cases.count
  assert(0 < n && UInt64(n) < (1 << 32))
  // ceil(log2(n)/8): 0 or 1 -> u8, 2 -> u16, 3 -> u32
  if n <= 1 << 8 { return .u8 }
  if n <= 1 << 16 { return .u16 }
  return .u32
}

/// Spec: CanonicalABI.md#alignment — def max_case_alignment
public func maxCaseAlignment(_ cases: [CaseType], _ ptrType: CoreValType) -> UInt64 {
  var a: UInt64 = 1
  for c in cases { if let t = c.t { a = max(a, alignment(t, ptrType)) } }
  return a
}

/// Spec: CanonicalABI.md#alignment — def alignment_flags
public func alignmentFlags(_ labels: [String]) -> UInt64 {
  let n = labels.count
  assert(0 < n && n <= 32)
  if n <= 8 { return 1 }
  if n <= 16 { return 2 }
  return 4
}
