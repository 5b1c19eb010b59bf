// Spec: CanonicalABI.md#loading
import Foundation

/// Reads a value of type `t` from memory at `ptr` (aligned and in range: the caller checked).
/// Spec: CanonicalABI.md#loading — def load
public func load(_ cx: LiftLowerContext, _ ptr: UInt64, _ t: ValType) throws -> Value {
  cx.trace("load(ptr=\(ptr), \(t))")
  let mem = try cx.memory
  let pt = mem.ptrType()
  assert(ptr == alignTo(ptr, alignment(t, pt)))
  assert(satAdd(ptr, elemSize(t, pt)) <= mem.byteCount)
  switch despecialize(t) {
  case .bool: return .bool(convertIntToBool(try loadInt(cx, ptr, 1)))
  case .u8: return .u8(UInt8(truncatingIfNeeded: try loadInt(cx, ptr, 1)))
  case .u16: return .u16(UInt16(truncatingIfNeeded: try loadInt(cx, ptr, 2)))
  case .u32: return .u32(UInt32(truncatingIfNeeded: try loadInt(cx, ptr, 4)))
  case .u64: return .u64(try loadInt(cx, ptr, 8))
  case .s8: return .s8(Int8(truncatingIfNeeded: try loadInt(cx, ptr, 1)))
  case .s16: return .s16(Int16(truncatingIfNeeded: try loadInt(cx, ptr, 2)))
  case .s32: return .s32(Int32(truncatingIfNeeded: try loadInt(cx, ptr, 4)))
  case .s64: return .s64(Int64(bitPattern: try loadInt(cx, ptr, 8)))
  case .f32: return .f32(decodeI32AsFloat(UInt32(truncatingIfNeeded: try loadInt(cx, ptr, 4))))
  case .f64: return .f64(decodeI64AsFloat(try loadInt(cx, ptr, 8)))
  case .char: return .char(try convertI32ToChar(cx, UInt32(truncatingIfNeeded: try loadInt(cx, ptr, 4))))
  case .string: return .string(try loadString(cx, ptr))
  case .errorContext: return .errorContext(try liftErrorContext(cx, UInt32(truncatingIfNeeded: try loadInt(cx, ptr, 4))))
  case .list(let t, let l): return try loadList(cx, ptr, t, l)
  case .record(let fields): return try loadRecord(cx, ptr, fields)
  case .variant(let cases): return try loadVariant(cx, ptr, cases)
  case .flags(let labels): return try loadFlags(cx, ptr, labels)
  case .own(let rt): return .handle(try liftOwn(cx, UInt32(truncatingIfNeeded: try loadInt(cx, ptr, 4)), rt))
  case .borrow(let rt): return .handle(try liftBorrow(cx, UInt32(truncatingIfNeeded: try loadInt(cx, ptr, 4)), rt))
  case .stream(let t): return .stream(try liftStream(cx, UInt32(truncatingIfNeeded: try loadInt(cx, ptr, 4)), t))
  case .future(let t): return .future(try liftFuture(cx, UInt32(truncatingIfNeeded: try loadInt(cx, ptr, 4)), t))
  case .tuple, .enum_, .option, .result, .map: throw CanonicalABIMisuse("load: not despecialized")
  }
}

/// Reads an unsigned little-endian integer of `nbytes` (the signed reading is done by the caller's Swift type).
/// Spec: CanonicalABI.md#loading — def load_int
@inline(__always)
public func loadInt(_ cx: LiftLowerContext, _ ptr: UInt64, _ nbytes: Int) throws -> UInt64 {
  try cx.memory.readInt(ptr, nbytes)
}

/// Spec: CanonicalABI.md#loading — def convert_int_to_bool
@inline(__always)
public func convertIntToBool(_ i: UInt64) -> Bool { i != 0 }

/// Spec: CanonicalABI.md#loading — CANONICAL_FLOAT32_NAN
public let CANONICAL_FLOAT32_NAN: UInt32 = 0x7fc0_0000
/// Spec: CanonicalABI.md#loading — CANONICAL_FLOAT64_NAN
public let CANONICAL_FLOAT64_NAN: UInt64 = 0x7ff8_0000_0000_0000

/// Spec: CanonicalABI.md#loading — def canonicalize_nan32
@inline(__always)
public func canonicalizeNan32(_ f: Float) -> Float {
  f.isNaN ? coreF32ReinterpretI32(CANONICAL_FLOAT32_NAN) : f
}

/// Spec: CanonicalABI.md#loading — def canonicalize_nan64
@inline(__always)
public func canonicalizeNan64(_ f: Double) -> Double {
  f.isNaN ? coreF64ReinterpretI64(CANONICAL_FLOAT64_NAN) : f
}

/// Spec: CanonicalABI.md#loading — def decode_i32_as_float
@inline(__always)
public func decodeI32AsFloat(_ i: UInt32) -> Float { canonicalizeNan32(coreF32ReinterpretI32(i)) }

/// Spec: CanonicalABI.md#loading — def decode_i64_as_float
@inline(__always)
public func decodeI64AsFloat(_ i: UInt64) -> Double { canonicalizeNan64(coreF64ReinterpretI64(i)) }

/// Spec: CanonicalABI.md#loading — def core_f32_reinterpret_i32
@inline(__always)
public func coreF32ReinterpretI32(_ i: UInt32) -> Float { Float(bitPattern: i) }

/// Spec: CanonicalABI.md#loading — def core_f64_reinterpret_i64
@inline(__always)
public func coreF64ReinterpretI64(_ i: UInt64) -> Double { Double(bitPattern: i) }

/// Spec: CanonicalABI.md#loading — def convert_i32_to_char
public func convertI32ToChar(_ cx: LiftLowerContext?, _ i: UInt32) throws -> Unicode.Scalar {
  try trapIf(i >= 0x110000, "convert_i32_to_char", "i >= 0x110000")
  try trapIf(0xD800 <= i && i <= 0xDFFF, "convert_i32_to_char", "0xD800 <= i <= 0xDFFF")
  guard let c = Unicode.Scalar(i) else { throw trap("convert_i32_to_char", "not a Unicode scalar value") }
  return c
}

/// Spec: CanonicalABI.md#loading — def load_string
public func loadString(_ cx: LiftLowerContext, _ ptr: UInt64) throws -> ABIString {
  let mem = try cx.memory
  let n = Int(mem.ptrSize())
  let begin = try loadInt(cx, ptr, n)
  let taggedCodeUnits = try loadInt(cx, ptr + UInt64(n), n)
  return try loadStringFromRange(cx, begin, taggedCodeUnits)
}

/// The bit that tags a latin1+utf16 length as UTF-16.
/// Spec: CanonicalABI.md#loading — def utf16_tag
@inline(__always)
public func utf16Tag(_ ptrType: CoreValType) -> UInt64 { 1 << (ptrSize(ptrType) * 8 - 1) }

/// Spec: CanonicalABI.md#loading — REALLOC_I32_MAX
public let REALLOC_I32_MAX: UInt64 = (1 << 32) - 1
/// Spec: CanonicalABI.md#loading — MAX_STRING_BYTE_LENGTH
public let MAX_STRING_BYTE_LENGTH: UInt64 = (1 << 28) - 1

/// Decodes a string of the options' encoding from `[ptr, ptr + byte length)`.
/// Spec: CanonicalABI.md#loading — def load_string_from_range
public func loadStringFromRange(_ cx: LiftLowerContext, _ ptr: UInt64, _ taggedCodeUnits: UInt64) throws -> ABIString {
  cx.trace("load_string_from_range(ptr=\(ptr), tagged_code_units=\(taggedCodeUnits))")
  let mem = try cx.memory
  let tag = utf16Tag(mem.ptrType())
  let alignment: UInt64
  let byteLength: UInt64
  enum Decoding { case utf8, utf16le, latin1 }
  let encoding: Decoding
  switch cx.opts.stringEncoding {
  case .utf8:
    alignment = 1
    byteLength = taggedCodeUnits
    encoding = .utf8
  case .utf16:
    alignment = 2
    byteLength = satMul(2, taggedCodeUnits)
    encoding = .utf16le
  case .latin1Utf16:
    alignment = 2
    if taggedCodeUnits & tag != 0 {
      byteLength = satMul(2, taggedCodeUnits ^ tag)
      encoding = .utf16le
    } else {
      byteLength = taggedCodeUnits
      encoding = .latin1
    }
  }
  try trapIf(byteLength > MAX_STRING_BYTE_LENGTH, "load_string_from_range", "byte_length > MAX_STRING_BYTE_LENGTH")
  try trapIf(ptr != alignTo(ptr, alignment), "load_string_from_range", "ptr != align_to(ptr, alignment)")
  try trapIf(satAdd(ptr, byteLength) > mem.byteCount, "load_string_from_range", "ptr + byte_length > len(cx.opts.memory)")
  let s: String? = mem.withUnsafeMutableBytes { b in
    let bytes = UnsafeRawBufferPointer(rebasing: b[Int(ptr)..<Int(ptr + byteLength)])
    switch encoding {
    case .utf8: return decodeUTF8(bytes)
    case .utf16le: return decodeUTF16LE(bytes)
    case .latin1: return decodeLatin1(bytes)
    }
  }
  guard let s else { throw trap("load_string_from_range", "UnicodeError in decode") }
  return ABIString(s, cx.opts.stringEncoding, taggedCodeUnits)
}

/// Strict UTF-8 decoding (nil on any ill-formed sequence, as Python's `bytes.decode('utf-8')` raises).
func decodeUTF8(_ bytes: UnsafeRawBufferPointer) -> String? {
  if !bytes.contains(where: { $0 >= 0x80 }) { return String(decoding: bytes, as: UTF8.self) }
  var it = bytes.makeIterator()
  var codec = UTF8()
  loop: while true {
    switch codec.decode(&it) {
    case .scalarValue: continue
    case .emptyInput: break loop
    case .error: return nil
    }
  }
  return String(decoding: bytes, as: UTF8.self)
}

/// Strict UTF-16LE decoding (nil on unpaired surrogates).
func decodeUTF16LE(_ bytes: UnsafeRawBufferPointer) -> String? {
  var units = [UInt16]()
  units.reserveCapacity(bytes.count / 2)
  var i = 0
  while i + 1 < bytes.count { units.append(UInt16(bytes[i]) | UInt16(bytes[i + 1]) << 8); i += 2 }
  var it = units.makeIterator()
  var codec = UTF16()
  var out = String.UnicodeScalarView()
  loop: while true {
    switch codec.decode(&it) {
    case .scalarValue(let s): out.append(s)
    case .emptyInput: break loop
    case .error: return nil
    }
  }
  return String(out)
}

/// Latin-1 decoding: each byte is the scalar of the same value.
func decodeLatin1(_ bytes: UnsafeRawBufferPointer) -> String {
  var out = String.UnicodeScalarView()
  for b in bytes { out.append(Unicode.Scalar(b)) }
  return String(out)
}

/// Spec: CanonicalABI.md#loading — def lift_error_context
public func liftErrorContext(_ cx: LiftLowerContext, _ i: UInt32) throws -> ErrorContext {
  let e = try cx.inst.handles.get(i)
  guard let errctx = e as? ErrorContext else { throw trap("lift_error_context", "not isinstance(errctx, ErrorContext)") }
  return errctx
}

/// Spec: CanonicalABI.md#loading — MAX_LIST_BYTE_LENGTH
public let MAX_LIST_BYTE_LENGTH: UInt64 = (1 << 28) - 1

/// Spec: CanonicalABI.md#loading — def load_list
public func loadList(_ cx: LiftLowerContext, _ ptr: UInt64, _ elemType: ValType, _ maybeLength: Int?) throws -> Value {
  if let l = maybeLength {
    return try loadListFromValidRange(cx, ptr, UInt64(l), elemType)
  }
  let n = Int(try cx.memory.ptrSize())
  let begin = try loadInt(cx, ptr, n)
  let length = try loadInt(cx, ptr + UInt64(n), n)
  return try loadListFromRange(cx, begin, length, elemType)
}

/// Spec: CanonicalABI.md#loading — def load_list_from_range
public func loadListFromRange(_ cx: LiftLowerContext, _ ptr: UInt64, _ length: UInt64, _ elemType: ValType) throws -> Value {
  cx.trace("load_list_from_range(ptr=\(ptr), length=\(length), \(elemType))")
  let mem = try cx.memory
  let pt = mem.ptrType()
  let size = satMul(length, elemSize(elemType, pt))
  try trapIf(size > MAX_LIST_BYTE_LENGTH, "load_list_from_range", "length * elem_size(elem_type) > MAX_LIST_BYTE_LENGTH")
  try trapIf(ptr != alignTo(ptr, alignment(elemType, pt)), "load_list_from_range", "ptr != align_to(ptr, alignment(elem_type))")
  try trapIf(satAdd(ptr, size) > mem.byteCount, "load_list_from_range", "ptr + length * elem_size(elem_type) > len(cx.opts.memory)")
  return try loadListFromValidRange(cx, ptr, length, elemType)
}

/// Spec: CanonicalABI.md#loading — def load_list_from_valid_range
/// Swift differs: lists of numbers are read in bulk into a compact `NumberList` (tested against the literal loop).
public func loadListFromValidRange(_ cx: LiftLowerContext, _ ptr: UInt64, _ length: UInt64, _ elemType: ValType) throws -> Value {
  if let compact = try loadNumberList(cx, ptr, length, elemType) { return .numbers(compact) }
  return try loadListFromValidRangeLiteral(cx, ptr, length, elemType)
}

/// The literal per-element loop of `load_list_from_valid_range`.
/// Spec: CanonicalABI.md#loading — def load_list_from_valid_range
public func loadListFromValidRangeLiteral(_ cx: LiftLowerContext, _ ptr: UInt64, _ length: UInt64, _ elemType: ValType) throws -> Value {
  let size = elemSize(elemType, cx.ptrType)
  var a = [Value]()
  a.reserveCapacity(Int(min(length, 1 << 20)))
  for i in 0..<length {
    a.append(try load(cx, ptr + i * size, elemType))
  }
  return .list(a)
}

/// Bulk read of a list of numbers (the fast path of `load_list_from_valid_range`), or nil for other element types.
func loadNumberList(_ cx: LiftLowerContext, _ ptr: UInt64, _ length: UInt64, _ elemType: ValType) throws -> NumberList? {
  let mem = try cx.memory
  func bulk<T: FixedWidthInteger>(_: T.Type) throws -> [T] {
    let n = Int(length)
    let bytes = UInt64(n * MemoryLayout<T>.size)
    try mem.checkRange(ptr, bytes)
    return mem.withUnsafeMutableBytes { b in
      [T](unsafeUninitializedCapacity: n) { buf, c in
        if n > 0, let base = b.baseAddress, let dst = buf.baseAddress {
          UnsafeMutableRawPointer(dst).copyMemory(from: base + Int(ptr), byteCount: Int(bytes))
        }
        #if _endian(big)
        for k in 0..<n { buf[k] = T(littleEndian: buf[k]) }
        #endif
        c = n
      }
    }
  }
  switch elemType {
  case .u8: return .u8(try bulk(UInt8.self))
  case .s8: return .s8(try bulk(Int8.self))
  case .u16: return .u16(try bulk(UInt16.self))
  case .s16: return .s16(try bulk(Int16.self))
  case .u32: return .u32(try bulk(UInt32.self))
  case .s32: return .s32(try bulk(Int32.self))
  case .u64: return .u64(try bulk(UInt64.self))
  case .s64: return .s64(try bulk(Int64.self))
  case .f32: return .f32(try bulk(UInt32.self).map { decodeI32AsFloat($0) })
  case .f64: return .f64(try bulk(UInt64.self).map { decodeI64AsFloat($0) })
  default: return nil
  }
}

/// Spec: CanonicalABI.md#loading — def load_record
public func loadRecord(_ cx: LiftLowerContext, _ ptr: UInt64, _ fields: [FieldType]) throws -> Value {
  let pt = cx.ptrType
  var ptr = ptr
  var record = [FieldValue]()
  record.reserveCapacity(fields.count)
  for field in fields {
    ptr = alignTo(ptr, alignment(field.t, pt))
    record.append(FieldValue(field.label, try load(cx, ptr, field.t)))
    ptr += elemSize(field.t, pt)
  }
  return .record(record)
}

/// Spec: CanonicalABI.md#loading — def load_variant
public func loadVariant(_ cx: LiftLowerContext, _ ptr: UInt64, _ cases: [CaseType]) throws -> Value {
  let pt = cx.ptrType
  let discSize = elemSize(discriminantType(cases), pt)
  let caseIndex = try loadInt(cx, ptr, Int(discSize))
  var ptr = ptr + discSize
  try trapIf(caseIndex >= UInt64(cases.count), "load_variant", "case_index >= len(cases)")
  let c = cases[Int(caseIndex)]
  ptr = alignTo(ptr, maxCaseAlignment(cases, pt))
  guard let t = c.t else { return .variant(c.label, nil) }
  return .variant(c.label, try load(cx, ptr, t))
}

/// Spec: CanonicalABI.md#loading — def load_flags
public func loadFlags(_ cx: LiftLowerContext, _ ptr: UInt64, _ labels: [String]) throws -> Value {
  let i = try loadInt(cx, ptr, Int(elemSizeFlags(labels)))
  return unpackFlagsFromInt(i, labels)
}

/// Spec: CanonicalABI.md#loading — def unpack_flags_from_int
public func unpackFlagsFromInt(_ i: UInt64, _ labels: [String]) -> Value {
  var i = i
  var record = Set<String>()
  for l in labels {
    if i & 1 != 0 { record.insert(l) }
    i >>= 1
  }
  return .flags(record)
}

/// Takes an owned handle out of the table, returning its rep.
/// Spec: CanonicalABI.md#loading — def lift_own
public func liftOwn(_ cx: LiftLowerContext, _ i: UInt32, _ rt: ResourceType) throws -> UInt32 {
  cx.trace("lift_own(\(i), \(rt))")
  let e = try cx.inst.handles.remove(i)
  guard let h = e as? ResourceHandle else { throw trap("lift_own", "not isinstance(h, ResourceHandle)") }
  try trapIf(h.rt !== rt, "lift_own", "h.rt is not t.rt")
  try trapIf(h.numLends != 0, "lift_own", "h.num_lends != 0")
  try trapIf(!h.own, "lift_own", "not h.own")
  return h.rep
}

/// Lends a handle for the duration of a subtask, returning its rep.
/// Spec: CanonicalABI.md#loading — def lift_borrow
public func liftBorrow(_ cx: LiftLowerContext, _ i: UInt32, _ rt: ResourceType) throws -> UInt32 {
  cx.trace("lift_borrow(\(i), \(rt))")
  guard let scope = cx.borrowScope as? Subtask else { throw CanonicalABIMisuse("lift_borrow: borrow scope is not a Subtask") }
  let e = try cx.inst.handles.get(i)
  guard let h = e as? ResourceHandle else { throw trap("lift_borrow", "not isinstance(h, ResourceHandle)") }
  try trapIf(h.rt !== rt, "lift_borrow", "h.rt is not t.rt")
  scope.addLender(h)
  return h.rep
}

/// Spec: CanonicalABI.md#loading — def lift_stream
public func liftStream(_ cx: LiftLowerContext, _ i: UInt32, _ t: ValType?) throws -> ReadableStream {
  let e: ReadableStreamEnd = try liftAsyncValue(cx, i, t, "lift_stream")
  return e.stream
}

/// Spec: CanonicalABI.md#loading — def lift_future
public func liftFuture(_ cx: LiftLowerContext, _ i: UInt32, _ t: ValType?) throws -> ReadableFuture {
  let e: ReadableFutureEnd = try liftAsyncValue(cx, i, t, "lift_future")
  return e.future
}

/// Takes an idle readable end out of the table (the caller returns its shared state).
/// Spec: CanonicalABI.md#loading — def lift_async_value
func liftAsyncValue<ReadableEndT: CopyEnd>(_ cx: LiftLowerContext, _ i: UInt32, _ t: ValType?, _ via: StaticString) throws -> ReadableEndT {
  assert(!containsBorrow(t))
  let x = try cx.inst.handles.remove(i)
  guard let e = x as? ReadableEndT else { throw trap("lift_async_value", "not isinstance(e, ReadableEndT)") }
  try trapIf(e.shared.t != t, "lift_async_value", "e.shared.t != t")
  try trapIf(e.state != .idle, "lift_async_value", "e.state != CopyState.IDLE")
  try trapIf(e.inWaitableSet(), "lift_async_value", "e.in_waitable_set()")
  return e
}
