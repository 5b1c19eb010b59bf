// Spec: CanonicalABI.md#storing
import Foundation

/// Writes a value of type `t` to memory at `ptr` (aligned and in range: the caller checked).
/// Spec: CanonicalABI.md#storing — def store
public func store(_ cx: LiftLowerContext, _ v: Value, _ t: ValType, _ ptr: UInt64) throws {
  cx.trace("store(\(v), \(t), ptr=\(ptr))")
  let mem = try cx.memory
  let pt = mem.ptrType()
  assert(ptr == alignTo(ptr, alignment(t, pt)))
  assert(satAdd(ptr, elemSize(t, pt)) <= mem.byteCount)
  switch despecialize(t) {
  case .bool: try storeInt(cx, try boolOf(v) ? 1 : 0, ptr, 1)
  case .u8: try storeInt(cx, try intBits(v), ptr, 1)
  case .u16: try storeInt(cx, try intBits(v), ptr, 2)
  case .u32: try storeInt(cx, try intBits(v), ptr, 4)
  case .u64: try storeInt(cx, try intBits(v), ptr, 8)
  case .s8: try storeInt(cx, try intBits(v), ptr, 1)
  case .s16: try storeInt(cx, try intBits(v), ptr, 2)
  case .s32: try storeInt(cx, try intBits(v), ptr, 4)
  case .s64: try storeInt(cx, try intBits(v), ptr, 8)
  case .f32: try storeInt(cx, UInt64(encodeFloatAsI32(try f32Of(v), cx.inst.store)), ptr, 4)
  case .f64: try storeInt(cx, encodeFloatAsI64(try f64Of(v), cx.inst.store), ptr, 8)
  case .char: try storeInt(cx, UInt64(try charToI32(v)), ptr, 4)
  case .string: try storeString(cx, try stringOf(v), ptr)
  case .errorContext: try storeInt(cx, UInt64(try lowerErrorContext(cx, v)), ptr, 4)
  case .list(let t, let l): try storeList(cx, v, ptr, t, l)
  case .record(let fields): try storeRecord(cx, v, ptr, fields)
  case .variant(let cases): try storeVariant(cx, v, ptr, cases)
  case .flags(let labels): try storeFlags(cx, v, ptr, labels)
  case .own(let rt): try storeInt(cx, UInt64(try lowerOwn(cx, v, rt)), ptr, 4)
  case .borrow(let rt): try storeInt(cx, UInt64(try lowerBorrow(cx, v, rt)), ptr, 4)
  case .stream(let t): try storeInt(cx, UInt64(try lowerStream(cx, v, t)), ptr, 4)
  case .future(let t): try storeInt(cx, UInt64(try lowerFuture(cx, v, t)), ptr, 4)
  case .tuple, .enum_, .option, .result, .map: throw CanonicalABIMisuse("store: not despecialized")
  }
}

/// The two's-complement bits of an integer value (any integer case; Python's ints have no width).
func intBits(_ v: Value) throws -> UInt64 {
  switch v {
  case .u8(let x): return UInt64(x)
  case .u16(let x): return UInt64(x)
  case .u32(let x): return UInt64(x)
  case .u64(let x): return x
  case .s8(let x): return UInt64(bitPattern: Int64(x))
  case .s16(let x): return UInt64(bitPattern: Int64(x))
  case .s32(let x): return UInt64(bitPattern: Int64(x))
  case .s64(let x): return UInt64(bitPattern: x)
  case .handle(let x): return UInt64(x)
  default: throw CanonicalABIMisuse("expected an integer value, got \(v)")
  }
}
func boolOf(_ v: Value) throws -> Bool {
  if case .bool(let b) = v { return b }
  throw CanonicalABIMisuse("expected a bool value, got \(v)")
}
func f32Of(_ v: Value) throws -> Float {
  switch v {
  case .f32(let f): return f
  case .f64(let f): return Float(f)
  default: throw CanonicalABIMisuse("expected a float value, got \(v)")
  }
}
func f64Of(_ v: Value) throws -> Double {
  switch v {
  case .f64(let f): return f
  case .f32(let f): return Double(f)
  default: throw CanonicalABIMisuse("expected a float value, got \(v)")
  }
}
func stringOf(_ v: Value) throws -> ABIString {
  if case .string(let s) = v { return s }
  throw CanonicalABIMisuse("expected a string value, got \(v)")
}

/// Writes the low `nbytes` bytes of `v`, little-endian (signed values arrive as their two's-complement bits).
/// Spec: CanonicalABI.md#storing — def store_int
@inline(__always)
public func storeInt(_ cx: LiftLowerContext, _ v: UInt64, _ ptr: UInt64, _ nbytes: Int) throws {
  try cx.memory.writeInt(v, ptr, nbytes)
}

/// Spec: CanonicalABI.md#storing — def maybe_scramble_nan32
/// Swift differs: the profile and the random source come from the store.
public func maybeScrambleNan32(_ f: Float, _ store: Store) -> Float {
  if f.isNaN {
    if store.deterministicProfile {
      return coreF32ReinterpretI32(CANONICAL_FLOAT32_NAN)
    } else {
      return coreF32ReinterpretI32(UInt32(truncatingIfNeeded: randomNanBits(32, 8, store)))
    }
  }
  return f
}

/// Spec: CanonicalABI.md#storing — def maybe_scramble_nan64
public func maybeScrambleNan64(_ f: Double, _ store: Store) -> Double {
  if f.isNaN {
    if store.deterministicProfile {
      return coreF64ReinterpretI64(CANONICAL_FLOAT64_NAN)
    } else {
      return coreF64ReinterpretI64(randomNanBits(64, 11, store))
    }
  }
  return f
}

/// Spec: CanonicalABI.md#storing — def random_nan_bits
public func randomNanBits(_ totalBits: UInt64, _ exponentBits: UInt64, _ store: Store) -> UInt64 {
  let fractionBits = totalBits - exponentBits - 1
  var bits = store.rng.next()
  if totalBits < 64 { bits &= (1 << totalBits) - 1 }
  bits |= ((1 << exponentBits) - 1) << fractionBits
  bits |= 1 << (store.rng.next() % (fractionBits - 1))
  return bits
}

/// Spec: CanonicalABI.md#storing — def encode_float_as_i32
@inline(__always)
public func encodeFloatAsI32(_ f: Float, _ store: Store) -> UInt32 { coreI32ReinterpretF32(maybeScrambleNan32(f, store)) }

/// Spec: CanonicalABI.md#storing — def encode_float_as_i64
@inline(__always)
public func encodeFloatAsI64(_ f: Double, _ store: Store) -> UInt64 { coreI64ReinterpretF64(maybeScrambleNan64(f, store)) }

/// Spec: CanonicalABI.md#storing — def core_i32_reinterpret_f32
@inline(__always)
public func coreI32ReinterpretF32(_ f: Float) -> UInt32 { f.bitPattern }

/// Spec: CanonicalABI.md#storing — def core_i64_reinterpret_f64
@inline(__always)
public func coreI64ReinterpretF64(_ f: Double) -> UInt64 { f.bitPattern }

/// Spec: CanonicalABI.md#storing — def char_to_i32
public func charToI32(_ c: Value) throws -> UInt32 {
  guard case .char(let s) = c else { throw CanonicalABIMisuse("expected a char value, got \(c)") }
  return s.value
}

/// Spec: CanonicalABI.md#storing — def store_string
public func storeString(_ cx: LiftLowerContext, _ v: ABIString, _ ptr: UInt64) throws {
  let (begin, taggedCodeUnits) = try storeStringIntoRange(cx, v)
  let n = Int(try cx.memory.ptrSize())
  try storeInt(cx, begin, ptr, n)
  try storeInt(cx, taggedCodeUnits, ptr + UInt64(n), n)
}

/// The encodings a source string can be in once the latin1+utf16 tag is read.
enum SimpleEncoding { case utf8, utf16, latin1 }

/// Allocates and writes `v` in the options' encoding, transcoding as needed; returns (ptr, tagged code units).
/// Spec: CanonicalABI.md#storing — def store_string_into_range
public func storeStringIntoRange(_ cx: LiftLowerContext, _ v: ABIString) throws -> (UInt64, UInt64) {
  cx.trace("store_string_into_range(\(v), \(v.encoding.rawValue) -> \(cx.opts.stringEncoding.rawValue))")
  let src = v.text
  let srcEncoding = v.encoding
  let srcTaggedCodeUnits = v.taggedCodeUnits
  let tag = utf16Tag(cx.ptrType)

  let srcSimpleEncoding: SimpleEncoding
  let srcCodeUnits: UInt64
  if srcEncoding == .latin1Utf16 {
    if srcTaggedCodeUnits & tag != 0 {
      srcSimpleEncoding = .utf16
      srcCodeUnits = srcTaggedCodeUnits ^ tag
    } else {
      srcSimpleEncoding = .latin1
      srcCodeUnits = srcTaggedCodeUnits
    }
  } else {
    srcSimpleEncoding = srcEncoding == .utf8 ? .utf8 : .utf16
    srcCodeUnits = srcTaggedCodeUnits
  }

  switch cx.opts.stringEncoding {
  case .utf8:
    switch srcSimpleEncoding {
    case .utf8: return try storeStringCopy(cx, src, srcCodeUnits, 1, 1, .utf8)
    case .utf16: return try storeUtf16ToUtf8(cx, src, srcCodeUnits)
    case .latin1: return try storeLatin1ToUtf8(cx, src, srcCodeUnits)
    }
  case .utf16:
    switch srcSimpleEncoding {
    case .utf8: return try storeUtf8ToUtf16(cx, src, srcCodeUnits)
    case .utf16: return try storeStringCopy(cx, src, srcCodeUnits, 2, 2, .utf16)
    case .latin1: return try storeStringCopy(cx, src, srcCodeUnits, 2, 2, .utf16)
    }
  case .latin1Utf16:
    switch srcEncoding {
    case .utf8: return try storeStringToLatin1OrUtf16(cx, src, srcCodeUnits)
    case .utf16: return try storeStringToLatin1OrUtf16(cx, src, srcCodeUnits)
    case .latin1Utf16:
      switch srcSimpleEncoding {
      case .latin1: return try storeStringCopy(cx, src, srcCodeUnits, 1, 2, .latin1)
      default: return try storeProbablyUtf16ToLatin1OrUtf16(cx, src, srcCodeUnits)
      }
    }
  }
}

/// `src.encode(encoding)` as bytes (UTF-16 little-endian; Latin-1 requires every scalar < 256).
func encode(_ src: String, _ encoding: SimpleEncoding) throws -> [UInt8] {
  switch encoding {
  case .utf8: return Array(src.utf8)
  case .utf16:
    var out = [UInt8]()
    out.reserveCapacity(src.utf16.count * 2)
    for u in src.utf16 { out.append(UInt8(truncatingIfNeeded: u)); out.append(UInt8(truncatingIfNeeded: u >> 8)) }
    return out
  case .latin1:
    var out = [UInt8]()
    for s in src.unicodeScalars {
      guard s.value < 256 else { throw CanonicalABIMisuse("string is not Latin-1") }
      out.append(UInt8(s.value))
    }
    return out
  }
}

/// Copies a string whose code units carry over one for one.
/// Spec: CanonicalABI.md#storing — def store_string_copy
func storeStringCopy(_ cx: LiftLowerContext, _ src: String, _ srcCodeUnits: UInt64, _ dstCodeUnitSize: UInt64, _ dstAlignment: UInt64, _ dstEncoding: SimpleEncoding) throws -> (UInt64, UInt64) {
  let dstByteLength = satMul(dstCodeUnitSize, srcCodeUnits)
  try check(dstByteLength <= REALLOC_I32_MAX, "store_string_copy: dst_byte_length <= REALLOC_I32_MAX")
  let ptr = try cx.allocate(dstAlignment, dstByteLength)
  try trapIf(ptr != alignTo(ptr, dstAlignment), "store_string_copy", "ptr != align_to(ptr, dst_alignment)")
  try trapIf(satAdd(ptr, dstByteLength) > cx.memory.byteCount, "store_string_copy", "ptr + dst_byte_length > len(cx.opts.memory)")
  if dstEncoding == .utf8 {
    // Swift differs: UTF-8 is written straight from the string's own storage (no intermediate array).
    try check(dstByteLength == UInt64(src.utf8.count), "store_string_copy: dst_byte_length == len(encoded)")
    try cx.memory.writeBytes(ptr, src.utf8)
    return (ptr, srcCodeUnits)
  }
  let encoded = try encode(src, dstEncoding)
  try check(dstByteLength == UInt64(encoded.count), "store_string_copy: dst_byte_length == len(encoded)")
  try cx.memory.writeBytes(ptr, encoded)
  return (ptr, srcCodeUnits)
}

/// Spec: CanonicalABI.md#storing — def store_utf16_to_utf8
func storeUtf16ToUtf8(_ cx: LiftLowerContext, _ src: String, _ srcCodeUnits: UInt64) throws -> (UInt64, UInt64) {
  let worstCaseSize = satMul(srcCodeUnits, 3)
  return try storeStringToUtf8(cx, src, srcCodeUnits, worstCaseSize)
}

/// Spec: CanonicalABI.md#storing — def store_latin1_to_utf8
func storeLatin1ToUtf8(_ cx: LiftLowerContext, _ src: String, _ srcCodeUnits: UInt64) throws -> (UInt64, UInt64) {
  let worstCaseSize = satMul(srcCodeUnits, 2)
  return try storeStringToUtf8(cx, src, srcCodeUnits, worstCaseSize)
}

/// Writes ASCII optimistically, growing to the worst case at the first non-ASCII scalar.
/// Spec: CanonicalABI.md#storing — def store_string_to_utf8
func storeStringToUtf8(_ cx: LiftLowerContext, _ src: String, _ srcCodeUnits: UInt64, _ worstCaseSize: UInt64) throws -> (UInt64, UInt64) {
  try check(srcCodeUnits <= REALLOC_I32_MAX, "store_string_to_utf8: src_code_units <= REALLOC_I32_MAX")
  var ptr = try cx.allocate(1, srcCodeUnits)
  try trapIf(satAdd(ptr, srcCodeUnits) > cx.memory.byteCount, "store_string_to_utf8", "ptr + src_code_units > len(cx.opts.memory)")
  for (i, codePoint) in src.unicodeScalars.enumerated() {
    if codePoint.value < 1 << 7 {
      try cx.memory.setByte(ptr + UInt64(i), UInt8(codePoint.value))
    } else {
      try check(worstCaseSize <= REALLOC_I32_MAX, "store_string_to_utf8: worst_case_size <= REALLOC_I32_MAX")
      ptr = try cx.reallocate(ptr, srcCodeUnits, 1, worstCaseSize)
      try trapIf(satAdd(ptr, worstCaseSize) > cx.memory.byteCount, "store_string_to_utf8", "ptr + worst_case_size > len(cx.opts.memory)")
      let encoded = Array(src.utf8)
      try cx.memory.writeBytes(ptr + UInt64(i), encoded[i...])
      if worstCaseSize > UInt64(encoded.count) {
        ptr = try cx.reallocate(ptr, worstCaseSize, 1, UInt64(encoded.count))
        try trapIf(satAdd(ptr, UInt64(encoded.count)) > cx.memory.byteCount, "store_string_to_utf8", "ptr + len(encoded) > len(cx.opts.memory)")
      }
      return (ptr, UInt64(encoded.count))
    }
  }
  return (ptr, srcCodeUnits)
}

/// Spec: CanonicalABI.md#storing — def store_utf8_to_utf16
func storeUtf8ToUtf16(_ cx: LiftLowerContext, _ src: String, _ srcCodeUnits: UInt64) throws -> (UInt64, UInt64) {
  let worstCaseSize = satMul(2, srcCodeUnits)
  try check(worstCaseSize <= REALLOC_I32_MAX, "store_utf8_to_utf16: worst_case_size <= REALLOC_I32_MAX")
  var ptr = try cx.allocate(2, worstCaseSize)
  try trapIf(ptr != alignTo(ptr, 2), "store_utf8_to_utf16", "ptr != align_to(ptr, 2)")
  try trapIf(satAdd(ptr, worstCaseSize) > cx.memory.byteCount, "store_utf8_to_utf16", "ptr + worst_case_size > len(cx.opts.memory)")
  let encoded = try encode(src, .utf16)
  try cx.memory.writeBytes(ptr, encoded)
  if UInt64(encoded.count) < worstCaseSize {
    ptr = try cx.reallocate(ptr, worstCaseSize, 2, UInt64(encoded.count))
    try trapIf(ptr != alignTo(ptr, 2), "store_utf8_to_utf16", "ptr != align_to(ptr, 2) after shrink")
    try trapIf(satAdd(ptr, UInt64(encoded.count)) > cx.memory.byteCount, "store_utf8_to_utf16", "ptr + len(encoded) > len(cx.opts.memory)")
  }
  let codeUnits = UInt64(encoded.count / 2)
  return (ptr, codeUnits)
}

/// Writes Latin-1 optimistically, inflating to UTF-16 at the first scalar >= 256.
/// Spec: CanonicalABI.md#storing — def store_string_to_latin1_or_utf16
func storeStringToLatin1OrUtf16(_ cx: LiftLowerContext, _ src: String, _ srcCodeUnits: UInt64) throws -> (UInt64, UInt64) {
  try check(srcCodeUnits <= REALLOC_I32_MAX, "store_string_to_latin1_or_utf16: src_code_units <= REALLOC_I32_MAX")
  var ptr = try cx.allocate(2, srcCodeUnits)
  try trapIf(ptr != alignTo(ptr, 2), "store_string_to_latin1_or_utf16", "ptr != align_to(ptr, 2)")
  try trapIf(satAdd(ptr, srcCodeUnits) > cx.memory.byteCount, "store_string_to_latin1_or_utf16", "ptr + src_code_units > len(cx.opts.memory)")
  var dstByteLength: UInt64 = 0
  for usv in src.unicodeScalars {
    if usv.value < 1 << 8 {
      try cx.memory.setByte(ptr + dstByteLength, UInt8(usv.value))
      dstByteLength += 1
    } else {
      let worstCaseSize = satMul(2, srcCodeUnits)
      try check(worstCaseSize <= REALLOC_I32_MAX, "store_string_to_latin1_or_utf16: worst_case_size <= REALLOC_I32_MAX")
      ptr = try cx.reallocate(ptr, srcCodeUnits, 2, worstCaseSize)
      try trapIf(ptr != alignTo(ptr, 2), "store_string_to_latin1_or_utf16", "ptr != align_to(ptr, 2) after inflate")
      try trapIf(satAdd(ptr, worstCaseSize) > cx.memory.byteCount, "store_string_to_latin1_or_utf16", "ptr + worst_case_size > len(cx.opts.memory)")
      var j = Int64(dstByteLength) - 1
      while j >= 0 {
        let u = UInt64(j)
        try cx.memory.setByte(ptr + 2 * u, try cx.memory.byte(ptr + u))
        try cx.memory.setByte(ptr + 2 * u + 1, 0)
        j -= 1
      }
      let encoded = try encode(src, .utf16)
      try cx.memory.writeBytes(ptr + 2 * dstByteLength, encoded[Int(2 * dstByteLength)...])
      if worstCaseSize > UInt64(encoded.count) {
        ptr = try cx.reallocate(ptr, worstCaseSize, 2, UInt64(encoded.count))
        try trapIf(ptr != alignTo(ptr, 2), "store_string_to_latin1_or_utf16", "ptr != align_to(ptr, 2) after shrink")
        try trapIf(satAdd(ptr, UInt64(encoded.count)) > cx.memory.byteCount, "store_string_to_latin1_or_utf16", "ptr + len(encoded) > len(cx.opts.memory)")
      }
      let taggedCodeUnits = UInt64(encoded.count / 2) | utf16Tag(cx.ptrType)
      return (ptr, taggedCodeUnits)
    }
  }
  if dstByteLength < srcCodeUnits {
    ptr = try cx.reallocate(ptr, srcCodeUnits, 2, dstByteLength)
    try trapIf(ptr != alignTo(ptr, 2), "store_string_to_latin1_or_utf16", "ptr != align_to(ptr, 2) after latin1 shrink")
    try trapIf(satAdd(ptr, dstByteLength) > cx.memory.byteCount, "store_string_to_latin1_or_utf16", "ptr + dst_byte_length > len(cx.opts.memory)")
  }
  return (ptr, dstByteLength)
}

/// Copies UTF-16, then deflates to Latin-1 if every scalar fits.
/// Spec: CanonicalABI.md#storing — def store_probably_utf16_to_latin1_or_utf16
func storeProbablyUtf16ToLatin1OrUtf16(_ cx: LiftLowerContext, _ src: String, _ srcCodeUnits: UInt64) throws -> (UInt64, UInt64) {
  let srcByteLength = satMul(2, srcCodeUnits)
  try check(srcByteLength <= REALLOC_I32_MAX, "store_probably_utf16_to_latin1_or_utf16: src_byte_length <= REALLOC_I32_MAX")
  var ptr = try cx.allocate(2, srcByteLength)
  try trapIf(ptr != alignTo(ptr, 2), "store_probably_utf16_to_latin1_or_utf16", "ptr != align_to(ptr, 2)")
  try trapIf(satAdd(ptr, srcByteLength) > cx.memory.byteCount, "store_probably_utf16_to_latin1_or_utf16", "ptr + src_byte_length > len(cx.opts.memory)")
  let encoded = try encode(src, .utf16)
  try cx.memory.writeBytes(ptr, encoded)
  if src.unicodeScalars.contains(where: { $0.value >= 1 << 8 }) {
    let taggedCodeUnits = UInt64(encoded.count / 2) | utf16Tag(cx.ptrType)
    return (ptr, taggedCodeUnits)
  }
  let latin1Size = UInt64(encoded.count / 2)
  for i in 0..<latin1Size {
    try cx.memory.setByte(ptr + i, try cx.memory.byte(ptr + 2 * i))
  }
  ptr = try cx.reallocate(ptr, srcByteLength, 1, latin1Size)
  try trapIf(satAdd(ptr, latin1Size) > cx.memory.byteCount, "store_probably_utf16_to_latin1_or_utf16", "ptr + latin1_size > len(cx.opts.memory)")
  return (ptr, latin1Size)
}

/// Spec: CanonicalABI.md#storing — def lower_error_context
public func lowerErrorContext(_ cx: LiftLowerContext, _ v: Value) throws -> UInt32 {
  guard case .errorContext(let e) = v else { throw CanonicalABIMisuse("expected an error-context value, got \(v)") }
  return try cx.inst.handles.add(e)
}

/// Spec: CanonicalABI.md#storing — def store_list
public func storeList(_ cx: LiftLowerContext, _ v: Value, _ ptr: UInt64, _ elemType: ValType, _ maybeLength: Int?) throws {
  if let l = maybeLength {
    try check(v.listCount == l, "store_list: maybe_length == len(v)")
    try storeListIntoValidRange(cx, v, ptr, elemType)
    return
  }
  let (begin, length) = try storeListIntoRange(cx, v, elemType)
  let n = Int(try cx.memory.ptrSize())
  try storeInt(cx, begin, ptr, n)
  try storeInt(cx, length, ptr + UInt64(n), n)
}

/// Spec: CanonicalABI.md#storing — def store_list_into_range
public func storeListIntoRange(_ cx: LiftLowerContext, _ v: Value, _ elemType: ValType) throws -> (UInt64, UInt64) {
  cx.trace("store_list_into_range(\(elemType))")
  guard let count = v.listCount else { throw CanonicalABIMisuse("expected a list value, got \(v)") }
  let pt = cx.ptrType
  let byteLength = satMul(UInt64(count), elemSize(elemType, pt))
  try check(byteLength <= REALLOC_I32_MAX, "store_list_into_range: byte_length <= REALLOC_I32_MAX")
  let a = alignment(elemType, pt)
  let ptr = try cx.allocate(a, byteLength)
  try trapIf(ptr != alignTo(ptr, a), "store_list_into_range", "ptr != align_to(ptr, alignment(elem_type))")
  try trapIf(satAdd(ptr, byteLength) > cx.memory.byteCount, "store_list_into_range", "ptr + byte_length > len(cx.opts.memory)")
  try storeListIntoValidRange(cx, v, ptr, elemType)
  return (ptr, UInt64(count))
}

/// Spec: CanonicalABI.md#storing — def store_list_into_valid_range
/// Swift differs: a compact `NumberList` of the element's type is written in bulk (tested against the literal loop).
public func storeListIntoValidRange(_ cx: LiftLowerContext, _ v: Value, _ ptr: UInt64, _ elemType: ValType) throws {
  if case .numbers(let n) = v, try storeNumberList(cx, n, ptr, elemType) { return }
  try storeListIntoValidRangeLiteral(cx, v, ptr, elemType)
}

/// The literal per-element loop of `store_list_into_valid_range`.
/// Spec: CanonicalABI.md#storing — def store_list_into_valid_range
public func storeListIntoValidRangeLiteral(_ cx: LiftLowerContext, _ v: Value, _ ptr: UInt64, _ elemType: ValType) throws {
  let size = elemSize(elemType, cx.ptrType)
  switch v {
  case .list(let a):
    for (i, e) in a.enumerated() { try store(cx, e, elemType, ptr + UInt64(i) * size) }
  case .numbers(let n):
    for (i, e) in n.values.enumerated() { try store(cx, e, elemType, ptr + UInt64(i) * size) }
  default:
    throw CanonicalABIMisuse("expected a list value, got \(v)")
  }
}

/// Bulk write of a compact list whose element kind matches `elemType`; false if it does not apply.
func storeNumberList(_ cx: LiftLowerContext, _ n: NumberList, _ ptr: UInt64, _ elemType: ValType) throws -> Bool {
  let mem = try cx.memory
  func bulk<T: FixedWidthInteger>(_ a: [T]) throws -> Bool {
    let bytes = UInt64(a.count * MemoryLayout<T>.size)
    try mem.checkRange(ptr, bytes)
    mem.withUnsafeMutableBytes { b in
      guard let base = b.baseAddress else { return }
      let dst = base + Int(ptr)
      #if _endian(little)
      a.withUnsafeBytes { src in if let s = src.baseAddress { dst.copyMemory(from: s, byteCount: Int(bytes)) } }
      #else
      for (k, x) in a.enumerated() { dst.storeBytes(of: x.littleEndian, toByteOffset: k * MemoryLayout<T>.size, as: T.self) }
      #endif
    }
    return true
  }
  switch (n, elemType) {
  case (.u8(let a), .u8): return try bulk(a)
  case (.s8(let a), .s8): return try bulk(a)
  case (.u16(let a), .u16): return try bulk(a)
  case (.s16(let a), .s16): return try bulk(a)
  case (.u32(let a), .u32): return try bulk(a)
  case (.s32(let a), .s32): return try bulk(a)
  case (.u64(let a), .u64): return try bulk(a)
  case (.s64(let a), .s64): return try bulk(a)
  case (.f32(let a), .f32): let s = cx.inst.store; return try bulk(a.map { encodeFloatAsI32($0, s) })
  case (.f64(let a), .f64): let s = cx.inst.store; return try bulk(a.map { encodeFloatAsI64($0, s) })
  default: return false
  }
}

/// Spec: CanonicalABI.md#storing — def store_record
public func storeRecord(_ cx: LiftLowerContext, _ v: Value, _ ptr: UInt64, _ fields: [FieldType]) throws {
  guard case .record(let entries) = v else { throw CanonicalABIMisuse("expected a record value, got \(v)") }
  let pt = cx.ptrType
  var ptr = ptr
  for (k, f) in fields.enumerated() {
    ptr = alignTo(ptr, alignment(f.t, pt))
    try store(cx, try fieldValue(entries, k, f.label), f.t, ptr)
    ptr += elemSize(f.t, pt)
  }
}

/// `v[label]` for a record value (positional fast path, then by label).
@inline(__always)
func fieldValue(_ entries: [FieldValue], _ k: Int, _ label: String) throws -> Value {
  if k < entries.count && entries[k].label == label { return entries[k].value }
  guard let e = entries.first(where: { $0.label == label }) else { throw CanonicalABIMisuse("record value has no field \(label)") }
  return e.value
}

/// Spec: CanonicalABI.md#storing — def store_variant
public func storeVariant(_ cx: LiftLowerContext, _ v: Value, _ ptr: UInt64, _ cases: [CaseType]) throws {
  let (caseIndex, caseValue) = try matchCase(v, cases)
  let pt = cx.ptrType
  let discSize = elemSize(discriminantType(cases), pt)
  try storeInt(cx, UInt64(caseIndex), ptr, Int(discSize))
  var ptr = ptr + discSize
  ptr = alignTo(ptr, maxCaseAlignment(cases, pt))
  let c = cases[caseIndex]
  if let t = c.t {
    guard let caseValue else { throw CanonicalABIMisuse("variant case \(c.label) needs a payload") }
    try store(cx, caseValue, t, ptr)
  }
}

/// The index and payload of a variant value.
/// Spec: CanonicalABI.md#storing — def match_case
public func matchCase(_ v: Value, _ cases: [CaseType]) throws -> (Int, Value?) {
  guard case .variant(let label, let value) = v else { throw CanonicalABIMisuse("expected a variant value, got \(v)") }
  guard let index = cases.firstIndex(where: { $0.label == label }) else { throw CanonicalABIMisuse("no case \(label)") }
  return (index, value)
}

/// Spec: CanonicalABI.md#storing — def store_flags
public func storeFlags(_ cx: LiftLowerContext, _ v: Value, _ ptr: UInt64, _ labels: [String]) throws {
  let i = try packFlagsIntoInt(v, labels)
  try storeInt(cx, i, ptr, Int(elemSizeFlags(labels)))
}

/// Spec: CanonicalABI.md#storing — def pack_flags_into_int
public func packFlagsIntoInt(_ v: Value, _ labels: [String]) throws -> UInt64 {
  guard case .flags(let set) = v else { throw CanonicalABIMisuse("expected a flags value, got \(v)") }
  var i: UInt64 = 0
  var shift: UInt64 = 0
  for l in labels {
    i |= (set.contains(l) ? 1 : 0) << shift
    shift += 1
  }
  return i
}

/// Spec: CanonicalABI.md#storing — def lower_own
public func lowerOwn(_ cx: LiftLowerContext, _ rep: Value, _ rt: ResourceType) throws -> UInt32 {
  cx.trace("lower_own(\(rep), \(rt))")
  let h = ResourceHandle(rt, UInt32(truncatingIfNeeded: try intBits(rep)), own: true)
  return try cx.inst.handles.add(h)
}

/// Spec: CanonicalABI.md#storing — def lower_borrow
public func lowerBorrow(_ cx: LiftLowerContext, _ rep: Value, _ rt: ResourceType) throws -> UInt32 {
  cx.trace("lower_borrow(\(rep), \(rt))")
  guard let scope = cx.borrowScope as? Task else { throw CanonicalABIMisuse("lower_borrow: borrow scope is not a Task") }
  let r = UInt32(truncatingIfNeeded: try intBits(rep))
  if cx.inst === rt.impl { return r }
  let h = ResourceHandle(rt, r, own: false, borrowScope: scope)
  scope.numBorrows += 1
  return try cx.inst.handles.add(h)
}

/// Spec: CanonicalABI.md#storing — def lower_stream
public func lowerStream(_ cx: LiftLowerContext, _ v: Value, _ t: ValType?) throws -> UInt32 {
  guard case .stream(let s) = v else { throw CanonicalABIMisuse("expected a stream value, got \(v)") }
  assert(!containsBorrow(t))
  return try cx.inst.handles.add(ReadableStreamEnd(s))
}

/// Spec: CanonicalABI.md#storing — def lower_future
public func lowerFuture(_ cx: LiftLowerContext, _ v: Value, _ t: ValType?) throws -> UInt32 {
  guard case .future(let f) = v else { throw CanonicalABIMisuse("expected a future value, got \(v)") }
  assert(!containsBorrow(t))
  return try cx.inst.handles.add(ReadableFutureEnd(f))
}
