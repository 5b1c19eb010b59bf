// Spec: CanonicalABI.md#flat-lowering
import Foundation

/// Turns a value of type `t` into flat core values.
/// Spec: CanonicalABI.md#flat-lowering — def lower_flat
public func lowerFlat(_ cx: LiftLowerContext, _ v: Value, _ t: ValType) throws -> [CoreValue] {
  cx.trace("lower_flat(\(v), \(t))")
  switch despecialize(t) {
  case .bool: return [.i32(try boolOf(v) ? 1 : 0)]
  case .u8, .u16, .u32: return [.i32(UInt32(truncatingIfNeeded: try intBits(v)))]
  case .u64: return [.i64(try intBits(v))]
  case .s8, .s16, .s32: return lowerFlatSigned(Int64(bitPattern: try intBits(v)), 32)
  case .s64: return lowerFlatSigned(Int64(bitPattern: try intBits(v)), 64)
  case .f32: return [.f32(maybeScrambleNan32(try f32Of(v), cx.inst.store))]
  case .f64: return [.f64(maybeScrambleNan64(try f64Of(v), cx.inst.store))]
  case .char: return [.i32(try charToI32(v))]
  case .string: return try lowerFlatString(cx, try stringOf(v))
  case .errorContext: return [.i32(try lowerErrorContext(cx, v))]
  case .list(let t, let l): return try lowerFlatList(cx, v, t, l)
  case .record(let fields): return try lowerFlatRecord(cx, v, fields)
  case .variant(let cases): return try lowerFlatVariant(cx, v, cases)
  case .flags(let labels): return try lowerFlatFlags(v, labels)
  case .own(let rt): return [.i32(try lowerOwn(cx, v, rt))]
  case .borrow(let rt): return [.i32(try lowerBorrow(cx, v, rt))]
  case .stream(let t): return [.i32(try lowerStream(cx, v, t))]
  case .future(let t): return [.i32(try lowerFuture(cx, v, t))]
  case .tuple, .enum_, .option, .result, .map: throw CanonicalABIMisuse("lower_flat: not despecialized")
  }
}

/// Spec: CanonicalABI.md#flat-lowering — def lower_flat_signed
public func lowerFlatSigned(_ i: Int64, _ coreBits: Int) -> [CoreValue] {
  coreBits == 32 ? [.i32(UInt32(truncatingIfNeeded: i))] : [.i64(UInt64(bitPattern: i))]
}

/// Spec: CanonicalABI.md#flat-lowering — def lower_flat_string
public func lowerFlatString(_ cx: LiftLowerContext, _ v: ABIString) throws -> [CoreValue] {
  let (ptr, packedLength) = try storeStringIntoRange(cx, v)
  return [ptrValue(ptr, cx.ptrType), ptrValue(packedLength, cx.ptrType)]
}

/// Spec: CanonicalABI.md#flat-lowering — def lower_flat_list
public func lowerFlatList(_ cx: LiftLowerContext, _ v: Value, _ elemType: ValType, _ maybeLength: Int?) throws -> [CoreValue] {
  if let l = maybeLength {
    guard let elems = v.listElements, elems.count == l else { throw CanonicalABIMisuse("lower_flat_list: maybe_length == len(v)") }
    var flat = [CoreValue]()
    for e in elems { flat += try lowerFlat(cx, e, elemType) }
    return flat
  }
  let (ptr, length) = try storeListIntoRange(cx, v, elemType)
  return [ptrValue(ptr, cx.ptrType), ptrValue(length, cx.ptrType)]
}

/// Spec: CanonicalABI.md#flat-lowering — def lower_flat_record
public func lowerFlatRecord(_ cx: LiftLowerContext, _ v: Value, _ fields: [FieldType]) throws -> [CoreValue] {
  guard case .record(let entries) = v else { throw CanonicalABIMisuse("expected a record value, got \(v)") }
  var flat = [CoreValue]()
  for (k, f) in fields.enumerated() { flat += try lowerFlat(cx, try fieldValue(entries, k, f.label), f.t) }
  return flat
}

/// Spec: CanonicalABI.md#flat-lowering — def lower_flat_variant
public func lowerFlatVariant(_ cx: LiftLowerContext, _ v: Value, _ cases: [CaseType]) throws -> [CoreValue] {
  let (caseIndex, caseValue) = try matchCase(v, cases)
  var flatTypes = flattenVariant(cases, cx.opts)[...]
  assert(flatTypes.first == .i32)
  flatTypes = flatTypes.dropFirst()
  let c = cases[caseIndex]
  var payload: [CoreValue]
  if let t = c.t {
    guard let caseValue else { throw CanonicalABIMisuse("variant case \(c.label) needs a payload") }
    payload = try lowerFlat(cx, caseValue, t)
    let store = cx.inst.store
    for (i, (fv, have)) in zip(payload, flattenType(t, cx.opts)).enumerated() {
      guard let want = flatTypes.popFirst() else { throw CanonicalABIMisuse("lower_flat_variant: flat types") }
      switch (have, want, fv) {
      case (.f32, .i32, .f32(let f)): payload[i] = .i32(encodeFloatAsI32(f, store))
      case (.i32, .i64, .i32(let x)): payload[i] = .i64(UInt64(x))
      case (.f32, .i64, .f32(let f)): payload[i] = .i64(UInt64(encodeFloatAsI32(f, store)))
      case (.f64, .i64, .f64(let f)): payload[i] = .i64(encodeFloatAsI64(f, store))
      default: assert(have == want)
      }
    }
  } else {
    payload = []
  }
  for t in flatTypes { payload.append(zeroValue(t)) }
  return [.i32(UInt32(caseIndex))] + payload
}

/// The zero of a core type (Python appends the int 0 whatever the type).
func zeroValue(_ t: CoreValType) -> CoreValue {
  switch t {
  case .i32: return .i32(0)
  case .i64: return .i64(0)
  case .f32: return .f32(0)
  case .f64: return .f64(0)
  }
}

/// Spec: CanonicalABI.md#flat-lowering — def lower_flat_flags
public func lowerFlatFlags(_ v: Value, _ labels: [String]) throws -> [CoreValue] {
  assert(0 < labels.count && labels.count <= 32)
  return [.i32(UInt32(truncatingIfNeeded: try packFlagsIntoInt(v, labels)))]
}
