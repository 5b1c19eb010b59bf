// Spec: CanonicalABI.md#flat-lifting
import Foundation

/// Something that hands out flat values one at a time by expected core type.
public protocol ValueIter: AnyObject {
  func next(_ t: CoreValType) throws -> CoreValue
}

/// Iterates over a list of flat core values, checking each has the expected type.
/// Spec: CanonicalABI.md#flat-lifting — class CoreValueIter
public final class CoreValueIter: ValueIter {
  public var values: [CoreValue]
  public var i: Int

  /// Spec: CanonicalABI.md#flat-lifting — def CoreValueIter.__init__
  public init(_ vs: [CoreValue]) {
    values = vs
    i = 0
  }

  /// Spec: CanonicalABI.md#flat-lifting — def CoreValueIter.next
  public func next(_ t: CoreValType) throws -> CoreValue {
    guard i < values.count else { throw CanonicalABIMisuse("CoreValueIter.next: no more values") }
    let v = values[i]
    i += 1
    switch (t, v) {
    case (.i32, .i32), (.i64, .i64), (.f32, .f32), (.f64, .f64): return v
    // Python accepts an int where a float is expected (assert(isinstance(v, (int,float))))
    case (.f32, .i32(let x)): return .f32(Float(x))
    case (.f64, .i32(let x)): return .f64(Double(x))
    case (.f64, .i64(let x)): return .f64(Double(x))
    default: throw CanonicalABIMisuse("CoreValueIter.next: expected \(t), got \(v)")
    }
  }

  /// Spec: CanonicalABI.md#flat-lifting — def CoreValueIter.done
  public func done() -> Bool { i == values.count }
}

/// Reads a value of type `t` from flat values.
/// Spec: CanonicalABI.md#flat-lifting — def lift_flat
public func liftFlat(_ cx: LiftLowerContext, _ vi: ValueIter, _ t: ValType) throws -> Value {
  cx.trace("lift_flat(\(t))")
  switch despecialize(t) {
  case .bool: return .bool(convertIntToBool(try vi.next(.i32).int()))
  case .u8: return .u8(UInt8(truncatingIfNeeded: try liftFlatUnsigned(vi, 32, 8)))
  case .u16: return .u16(UInt16(truncatingIfNeeded: try liftFlatUnsigned(vi, 32, 16)))
  case .u32: return .u32(UInt32(truncatingIfNeeded: try liftFlatUnsigned(vi, 32, 32)))
  case .u64: return .u64(try liftFlatUnsigned(vi, 64, 64))
  case .s8: return .s8(Int8(truncatingIfNeeded: try liftFlatSigned(vi, 32, 8)))
  case .s16: return .s16(Int16(truncatingIfNeeded: try liftFlatSigned(vi, 32, 16)))
  case .s32: return .s32(Int32(truncatingIfNeeded: try liftFlatSigned(vi, 32, 32)))
  case .s64: return .s64(try liftFlatSigned(vi, 64, 64))
  case .f32:
    guard case .f32(let f) = try vi.next(.f32) else { throw CanonicalABIMisuse("lift_flat: expected f32") }
    return .f32(canonicalizeNan32(f))
  case .f64:
    guard case .f64(let f) = try vi.next(.f64) else { throw CanonicalABIMisuse("lift_flat: expected f64") }
    return .f64(canonicalizeNan64(f))
  case .char: return .char(try convertI32ToChar(cx, UInt32(truncatingIfNeeded: try vi.next(.i32).int())))
  case .string: return .string(try liftFlatString(cx, vi))
  case .errorContext: return .errorContext(try liftErrorContext(cx, UInt32(truncatingIfNeeded: try vi.next(.i32).int())))
  case .list(let t, let l): return try liftFlatList(cx, vi, t, l)
  case .record(let fields): return try liftFlatRecord(cx, vi, fields)
  case .variant(let cases): return try liftFlatVariant(cx, vi, cases)
  case .flags(let labels): return try liftFlatFlags(vi, labels)
  case .own(let rt): return .handle(try liftOwn(cx, UInt32(truncatingIfNeeded: try vi.next(.i32).int()), rt))
  case .borrow(let rt): return .handle(try liftBorrow(cx, UInt32(truncatingIfNeeded: try vi.next(.i32).int()), rt))
  case .stream(let t): return .stream(try liftStream(cx, UInt32(truncatingIfNeeded: try vi.next(.i32).int()), t))
  case .future(let t): return .future(try liftFuture(cx, UInt32(truncatingIfNeeded: try vi.next(.i32).int()), t))
  case .tuple, .enum_, .option, .result, .map: throw CanonicalABIMisuse("lift_flat: not despecialized")
  }
}

/// Spec: CanonicalABI.md#flat-lifting — def lift_flat_unsigned
public func liftFlatUnsigned(_ vi: ValueIter, _ coreWidth: Int, _ tWidth: Int) throws -> UInt64 {
  let i = try vi.next(coreWidth == 32 ? .i32 : .i64).int()
  return tWidth == 64 ? i : i % (1 << UInt64(tWidth))
}

/// Spec: CanonicalABI.md#flat-lifting — def lift_flat_signed
public func liftFlatSigned(_ vi: ValueIter, _ coreWidth: Int, _ tWidth: Int) throws -> Int64 {
  var i = try vi.next(coreWidth == 32 ? .i32 : .i64).int()
  if tWidth == 64 { return Int64(bitPattern: i) }
  i %= (1 << UInt64(tWidth))
  if i >= (1 << UInt64(tWidth - 1)) {
    return Int64(i) - (1 << Int64(tWidth))
  }
  return Int64(i)
}

/// Spec: CanonicalABI.md#flat-lifting — def lift_flat_string
public func liftFlatString(_ cx: LiftLowerContext, _ vi: ValueIter) throws -> ABIString {
  let ptr = try vi.next(cx.ptrType).int()
  let packedLength = try vi.next(cx.ptrType).int()
  return try loadStringFromRange(cx, ptr, packedLength)
}

/// Spec: CanonicalABI.md#flat-lifting — def lift_flat_list
public func liftFlatList(_ cx: LiftLowerContext, _ vi: ValueIter, _ elemType: ValType, _ maybeLength: Int?) throws -> Value {
  if let l = maybeLength {
    var a = [Value]()
    for _ in 0..<l { a.append(try liftFlat(cx, vi, elemType)) }
    return .list(a)
  }
  let ptr = try vi.next(cx.ptrType).int()
  let length = try vi.next(cx.ptrType).int()
  return try loadListFromRange(cx, ptr, length, elemType)
}

/// Spec: CanonicalABI.md#flat-lifting — def lift_flat_record
public func liftFlatRecord(_ cx: LiftLowerContext, _ vi: ValueIter, _ fields: [FieldType]) throws -> Value {
  var record = [FieldValue]()
  for f in fields { record.append(FieldValue(f.label, try liftFlat(cx, vi, f.t))) }
  return .record(record)
}

/// Reads the payload's flat values as the case's own types, coercing from the joined types.
/// Spec: CanonicalABI.md#flat-lifting — class CoerceValueIter (inside lift_flat_variant)
final class CoerceValueIter: ValueIter {
  let vi: ValueIter
  var flatTypes: ArraySlice<CoreValType>
  init(_ vi: ValueIter, _ flatTypes: ArraySlice<CoreValType>) { self.vi = vi; self.flatTypes = flatTypes }
  func next(_ want: CoreValType) throws -> CoreValue {
    guard let have = flatTypes.popFirst() else { throw CanonicalABIMisuse("CoerceValueIter: no more flat types") }
    let x = try vi.next(have)
    switch (have, want) {
    case (.i32, .f32): return .f32(decodeI32AsFloat(UInt32(truncatingIfNeeded: try x.int())))
    case (.i64, .i32): return .i32(wrapI64ToI32(try x.int()))
    case (.i64, .f32): return .f32(decodeI32AsFloat(wrapI64ToI32(try x.int())))
    case (.i64, .f64): return .f64(decodeI64AsFloat(try x.int()))
    default:
      assert(have == want)
      return x
    }
  }
}

/// Spec: CanonicalABI.md#flat-lifting — def lift_flat_variant
public func liftFlatVariant(_ cx: LiftLowerContext, _ vi: ValueIter, _ cases: [CaseType]) throws -> Value {
  let flatTypes = flattenVariant(cases, cx.opts)
  assert(flatTypes.first == .i32)
  let caseIndex = try vi.next(.i32).int()
  try trapIf(caseIndex >= UInt64(cases.count), "lift_flat_variant", "case_index >= len(cases)")
  let coerce = CoerceValueIter(vi, flatTypes.dropFirst())
  let c = cases[Int(caseIndex)]
  let v: Value?
  if let t = c.t {
    v = try liftFlat(cx, coerce, t)
  } else {
    v = nil
  }
  for have in coerce.flatTypes { _ = try vi.next(have) }
  return .variant(c.label, v)
}

/// Spec: CanonicalABI.md#flat-lifting — def wrap_i64_to_i32
@inline(__always)
public func wrapI64ToI32(_ i: UInt64) -> UInt32 { UInt32(truncatingIfNeeded: i) }

/// Spec: CanonicalABI.md#flat-lifting — def lift_flat_flags
public func liftFlatFlags(_ vi: ValueIter, _ labels: [String]) throws -> Value {
  assert(0 < labels.count && labels.count <= 32)
  let i = try vi.next(.i32).int()
  return unpackFlagsFromInt(i, labels)
}
