// Spec: CanonicalABI.md#element-size
import Foundation

/// The size in bytes of a value of type `t` in memory.
/// Spec: CanonicalABI.md#element-size — def elem_size
public func elemSize(_ t: ValType, _ ptrType: CoreValType) -> UInt64 {
  switch despecialize(t) {
  case .bool: return 1
  case .s8, .u8: return 1
  case .s16, .u16: return 2
  case .s32, .u32: return 4
  case .s64, .u64: return 8
  case .f32: return 4
  case .f64: return 8
  case .char: return 4
  case .string: return 2 * ptrSize(ptrType)
  case .errorContext: return 4
  case .list(let t, let l): return elemSizeList(t, l, ptrType)
  case .record(let fields): return elemSizeRecord(fields, ptrType)
  case .variant(let cases): return elemSizeVariant(cases, ptrType)
  case .flags(let labels): return elemSizeFlags(labels)
  case .own, .borrow: return 4
  case .stream, .future: return 4
  case .tuple, .enum_, .option, .result, .map: return 0 // unreachable after despecialize
  }
}

/// Spec: CanonicalABI.md#element-size — def elem_size_list
public func elemSizeList(_ elemType: ValType, _ maybeLength: Int?, _ ptrType: CoreValType) -> UInt64 {
  if let l = maybeLength { return satMul(UInt64(l), elemSize(elemType, ptrType)) }
  return 2 * ptrSize(ptrType)
}

/// Spec: CanonicalABI.md#element-size — def elem_size_record
public func elemSizeRecord(_ fields: [FieldType], _ ptrType: CoreValType) -> UInt64 {
  var s: UInt64 = 0
  for f in fields {
    s = alignTo(s, alignment(f.t, ptrType))
    s = satAdd(s, elemSize(f.t, ptrType))
  }
  assert(s > 0)
  return alignTo(s, alignmentRecord(fields, ptrType))
}

/// Rounds `ptr` up to a multiple of `alignment` (saturating at UInt64.max, which is never aligned memory).
/// Spec: CanonicalABI.md#element-size — def align_to
@inline(__always)
public func alignTo(_ ptr: UInt64, _ alignment: UInt64) -> UInt64 {
  let r = ptr % alignment
  if r == 0 { return ptr }
  return satAdd(ptr, alignment - r)
}

/// Spec: CanonicalABI.md#element-size — def elem_size_variant
public func elemSizeVariant(_ cases: [CaseType], _ ptrType: CoreValType) -> UInt64 {
  var s = elemSize(discriminantType(cases), ptrType)
  s = alignTo(s, maxCaseAlignment(cases, ptrType))
  var cs: UInt64 = 0
  for c in cases { if let t = c.t { cs = max(cs, elemSize(t, ptrType)) } }
  s = satAdd(s, cs)
  return alignTo(s, alignmentVariant(cases, ptrType))
}

/// Spec: CanonicalABI.md#element-size — def elem_size_flags
public func elemSizeFlags(_ labels: [String]) -> UInt64 {
  let n = labels.count
  assert(0 < n && n <= 32)
  if n <= 8 { return 1 }
  if n <= 16 { return 2 }
  return 4
}

/// Saturating addition: Python's unbounded ints never wrap, and every comparison against a memory
/// length stays true when the sum saturates.
@inline(__always) func satAdd(_ a: UInt64, _ b: UInt64) -> UInt64 {
  let (r, o) = a.addingReportingOverflow(b); return o ? .max : r
}
/// Saturating multiplication (see `satAdd`).
@inline(__always) func satMul(_ a: UInt64, _ b: UInt64) -> UInt64 {
  let (r, o) = a.multipliedReportingOverflow(by: b); return o ? .max : r
}
