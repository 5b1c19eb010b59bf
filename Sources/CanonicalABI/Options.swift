// Spec: CanonicalABI.md#canonical-abi-options
import Foundation

/// The size in bytes of a pointer of the given address type.
/// Spec: CanonicalABI.md#canonical-abi-options — def ptr_size
@inline(__always)
public func ptrSize(_ ptrType: CoreValType) -> UInt64 { ptrType == .i64 ? 8 : 4 }

/// A linear memory as the Canonical ABI sees it: bytes with 64-bit addresses and an address type.
/// WasmCore's linear memory implements this; `MemInst` is a plain byte buffer for tests.
/// Spec: CanonicalABI.md#canonical-abi-options — class MemInst (the interface)
public protocol ABIMemory: AnyObject {
  /// 'i32' or 'i64'.
  var addrtype: CoreValType { get }
  /// `len(memory)`.
  var byteCount: UInt64 { get }
  /// Direct access to the bytes (never hold the pointer across a call that may grow the memory).
  func withUnsafeMutableBytes<R>(_ body: (UnsafeMutableRawBufferPointer) throws -> R) rethrows -> R
}

extension ABIMemory {
  /// Spec: CanonicalABI.md#canonical-abi-options — def MemInst.ptr_type
  @inline(__always) public func ptrType() -> CoreValType { addrtype }
  /// Spec: CanonicalABI.md#canonical-abi-options — def MemInst.ptr_size
  @inline(__always) public func ptrSize() -> UInt64 { CanonicalABI.ptrSize(addrtype) }

  /// Checks that [ptr, ptr+n) is inside the memory (the spec's asserts; a misuse, never a crash, if broken).
  @inline(__always)
  func checkRange(_ ptr: UInt64, _ n: UInt64) throws {
    let (end, o) = ptr.addingReportingOverflow(n)
    if o || end > byteCount { throw CanonicalABIMisuse("memory access [\(ptr), +\(n)) out of bounds (\(byteCount))") }
  }
  /// Reads a little-endian integer of `nbytes` bytes.
  @inline(__always)
  func readInt(_ ptr: UInt64, _ nbytes: Int) throws -> UInt64 {
    try checkRange(ptr, UInt64(nbytes))
    return withUnsafeMutableBytes { b in
      var v: UInt64 = 0
      let p = Int(ptr)
      for k in 0..<nbytes { v |= UInt64(b[p + k]) << (8 * UInt64(k)) }
      return v
    }
  }
  /// Writes the low `nbytes` bytes of `v`, little-endian.
  @inline(__always)
  func writeInt(_ v: UInt64, _ ptr: UInt64, _ nbytes: Int) throws {
    try checkRange(ptr, UInt64(nbytes))
    withUnsafeMutableBytes { b in
      let p = Int(ptr)
      for k in 0..<nbytes { b[p + k] = UInt8(truncatingIfNeeded: v >> (8 * UInt64(k))) }
    }
  }
  /// `memory[ptr : ptr+n]`.
  public func readBytes(_ ptr: UInt64, _ n: UInt64) throws -> [UInt8] {
    try checkRange(ptr, n)
    return withUnsafeMutableBytes { b in Array(UnsafeRawBufferPointer(rebasing: b[Int(ptr)..<Int(ptr + n)])) }
  }
  /// `memory[ptr : ptr+len(bytes)] = bytes`.
  public func writeBytes<C: Collection>(_ ptr: UInt64, _ bytes: C) throws where C.Element == UInt8 {
    try checkRange(ptr, UInt64(bytes.count))
    withUnsafeMutableBytes { b in
      let done: Void? = bytes.withContiguousStorageIfAvailable { src in
        if let s = src.baseAddress, let d = b.baseAddress, src.count > 0 { (d + Int(ptr)).copyMemory(from: s, byteCount: src.count) }
      }
      if done == nil {
        var p = Int(ptr)
        for x in bytes { b[p] = x; p += 1 }
      }
    }
  }
  /// `memory[i]`.
  func byte(_ i: UInt64) throws -> UInt8 { UInt8(try readInt(i, 1)) }
  /// `memory[i] = v`.
  func setByte(_ i: UInt64, _ v: UInt8) throws { try writeInt(UInt64(v), i, 1) }
}

/// A memory instance backed by a plain byte array.
/// Spec: CanonicalABI.md#canonical-abi-options — class MemInst
public final class MemInst: ABIMemory {
  public var bytes: [UInt8]
  public let addrtype: CoreValType
  public init(_ bytes: [UInt8], _ addrtype: CoreValType = .i32) {
    self.bytes = bytes
    self.addrtype = addrtype
  }
  /// `memory[i]` and `memory[i] = v` (unchecked: callers index inside the buffer).
  /// Spec: CanonicalABI.md#canonical-abi-options — def MemInst.__getitem__, def MemInst.__setitem__
  public subscript<I: BinaryInteger>(_ i: I) -> UInt8 {
    get { bytes[Int(i)] }
    set { bytes[Int(i)] = newValue }
  }
  /// Spec: CanonicalABI.md#canonical-abi-options — def MemInst.__len__
  public var byteCount: UInt64 { UInt64(bytes.count) }
  public func withUnsafeMutableBytes<R>(_ body: (UnsafeMutableRawBufferPointer) throws -> R) rethrows -> R {
    try bytes.withUnsafeMutableBytes(body)
  }
}

/// The options that lifting needs.
/// Spec: CanonicalABI.md#canonical-abi-options — class LiftOptions
public class LiftOptions {
  public final var stringEncoding: StringEncoding
  public final var memory: ABIMemory?
  public init(stringEncoding: StringEncoding = .utf8, memory: ABIMemory? = nil) {
    self.stringEncoding = stringEncoding
    self.memory = memory
  }
  /// Spec: CanonicalABI.md#canonical-abi-options — def LiftOptions.equal
  public static func equal(_ lhs: LiftOptions, _ rhs: LiftOptions) -> Bool {
    lhs.stringEncoding == rhs.stringEncoding && lhs.memory === rhs.memory
  }
  /// `opts.memory.ptr_type()`; Swift differs: 'i32' when there is no memory (validation requires one where it matters).
  @inline(__always) public var ptrType: CoreValType { memory?.addrtype ?? .i32 }
}

/// Lifting and lowering options: adds `realloc`.
/// Spec: CanonicalABI.md#canonical-abi-options — class LiftLowerOptions
public class LiftLowerOptions: LiftOptions {
  public final var realloc: CoreFuncInst?
  public init(stringEncoding: StringEncoding = .utf8, memory: ABIMemory? = nil, realloc: CoreFuncInst? = nil) {
    self.realloc = realloc
    super.init(stringEncoding: stringEncoding, memory: memory)
  }
}

/// All canonical options of `canon lift`/`canon lower`.
/// Spec: CanonicalABI.md#canonical-abi-options — class CanonicalOptions
public final class CanonicalOptions: LiftLowerOptions {
  public var postReturn: CoreFuncInst?
  public var async_: Bool
  public var callback: CoreFuncInst?
  public init(stringEncoding: StringEncoding = .utf8, memory: ABIMemory? = nil, realloc: CoreFuncInst? = nil,
              postReturn: CoreFuncInst? = nil, async_: Bool = false, callback: CoreFuncInst? = nil) {
    self.postReturn = postReturn
    self.async_ = async_
    self.callback = callback
    super.init(stringEncoding: stringEncoding, memory: memory, realloc: realloc)
  }
}
