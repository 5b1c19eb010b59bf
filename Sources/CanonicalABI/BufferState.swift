// Spec: CanonicalABI.md#buffer-state
import Foundation

/// A buffer of values of type `t` (nil: an element-less stream).
/// Spec: CanonicalABI.md#buffer-state — class Buffer
public protocol Buffer: AnyObject {
  var t: ValType? { get }
  func remain() -> UInt64
  func isZeroLength() -> Bool
  var progress: UInt64 { get }
}

/// Spec: CanonicalABI.md#buffer-state — Buffer.MAX_LENGTH
public let BUFFER_MAX_LENGTH: UInt64 = (1 << 28) - 1

/// A buffer values are read out of.
/// Spec: CanonicalABI.md#buffer-state — class ReadableBuffer
public protocol ReadableBuffer: Buffer {
  func read(_ n: UInt64) throws -> [Value]
}

/// A buffer values are written into.
/// Spec: CanonicalABI.md#buffer-state — class WritableBuffer
public protocol WritableBuffer: Buffer {
  func write(_ vs: [Value]) throws
}

/// A buffer in a guest's linear memory.
/// Spec: CanonicalABI.md#buffer-state — class BufferGuestImpl
public class BufferGuestImpl: Buffer {
  public let cx: LiftLowerContext
  public let t: ValType?
  public var ptr: UInt64
  public var progress: UInt64
  public let length: UInt64

  /// Spec: CanonicalABI.md#buffer-state — def BufferGuestImpl.__init__
  public init(_ t: ValType?, _ cx: LiftLowerContext, _ ptr: UInt64, _ length: UInt64) throws {
    try trapIf(length > BUFFER_MAX_LENGTH, "BufferGuestImpl.__init__", "length > Buffer.MAX_LENGTH")
    if let t, length > 0 {
      let pt = cx.ptrType
      try trapIf(ptr != alignTo(ptr, alignment(t, pt)), "BufferGuestImpl.__init__", "ptr != align_to(ptr, alignment(t, ptr_type))")
      try trapIf(satAdd(ptr, satMul(length, elemSize(t, pt))) > cx.memory.byteCount, "BufferGuestImpl.__init__", "ptr + length * elem_size(t) > len(memory)")
    }
    self.cx = cx
    self.t = t
    self.ptr = ptr
    self.progress = 0
    self.length = length
  }

  /// Spec: CanonicalABI.md#buffer-state — def BufferGuestImpl.remain
  public func remain() -> UInt64 { length - progress }

  /// Spec: CanonicalABI.md#buffer-state — def BufferGuestImpl.is_zero_length
  public func isZeroLength() -> Bool { length == 0 }
}

/// Spec: CanonicalABI.md#buffer-state — class ReadableBufferGuestImpl
public final class ReadableBufferGuestImpl: BufferGuestImpl, ReadableBuffer {
  /// Spec: CanonicalABI.md#buffer-state — def ReadableBufferGuestImpl.read
  public func read(_ n: UInt64) throws -> [Value] {
    assert(n <= remain())
    let vs: [Value]
    if let t {
      let l = try loadListFromValidRange(cx, ptr, n, t)
      vs = l.listElements ?? []
      ptr += n * elemSize(t, cx.ptrType)
    } else {
      vs = Array(repeating: .record([]), count: Int(n))
    }
    progress += n
    return vs
  }
}

/// Spec: CanonicalABI.md#buffer-state — class WritableBufferGuestImpl
public final class WritableBufferGuestImpl: BufferGuestImpl, WritableBuffer {
  /// Spec: CanonicalABI.md#buffer-state — def WritableBufferGuestImpl.write
  public func write(_ vs: [Value]) throws {
    assert(UInt64(vs.count) <= remain())
    if let t {
      try storeListIntoValidRange(cx, .list(vs), ptr, t)
      ptr += UInt64(vs.count) * elemSize(t, cx.ptrType)
    } else {
      assert(vs.allSatisfy { $0 == .record([]) })
    }
    progress += UInt64(vs.count)
  }
}
