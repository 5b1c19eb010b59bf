// Spec: CanonicalABI.md#stream-state
import Foundation

/// The result of a stream or future copy.
/// Spec: CanonicalABI.md#stream-state — class CopyResult
public enum CopyResult: UInt32 { case completed = 0, dropped = 1, cancelled = 2 }

/// Spec: CanonicalABI.md#stream-state — ReclaimBuffer
public typealias ReclaimBuffer = () throws -> Void
/// Spec: CanonicalABI.md#stream-state — OnCopy
public typealias OnCopy = (@escaping ReclaimBuffer) throws -> Void
/// Spec: CanonicalABI.md#stream-state — OnCopyDone
public typealias OnCopyDone = (CopyResult) throws -> Void

/// The state shared by both ends of a stream or future.
/// Spec: CanonicalABI.md#stream-state — class SharedBase
public protocol SharedBase: AnyObject {
  var t: ValType? { get }
  func cancel() throws
  func drop() throws
}

/// The readable side of a stream (what a `stream<T>` value is).
/// Spec: CanonicalABI.md#stream-state — class ReadableStream
public protocol ReadableStream: SharedBase {
  func read(_ inst: ComponentInstance?, _ dst: WritableBuffer, _ onCopy: @escaping OnCopy, _ onCopyDone: @escaping OnCopyDone) throws
}

/// The writable side of a stream.
/// Spec: CanonicalABI.md#stream-state — class WritableStream
public protocol WritableStream: SharedBase {
  func write(_ inst: ComponentInstance?, _ src: ReadableBuffer, _ onCopy: @escaping OnCopy, _ onCopyDone: @escaping OnCopyDone) throws
}

/// A stream between two guest ends: at most one pending read or write.
/// Spec: CanonicalABI.md#stream-state — class SharedStreamImpl
public final class SharedStreamImpl: ReadableStream, WritableStream {
  public let t: ValType?
  public var dropped: Bool
  var pendingInst: ComponentInstance?
  var pendingBuffer: Buffer?
  var pendingOnCopy: OnCopy?
  var pendingOnCopyDone: OnCopyDone?

  /// Spec: CanonicalABI.md#stream-state — def SharedStreamImpl.__init__
  public init(_ t: ValType?) {
    self.t = t
    self.dropped = false
    resetPending()
  }

  /// Spec: CanonicalABI.md#stream-state — def SharedStreamImpl.reset_pending
  func resetPending() { setPending(nil, nil, nil, nil) }

  /// Spec: CanonicalABI.md#stream-state — def SharedStreamImpl.set_pending
  func setPending(_ inst: ComponentInstance?, _ buffer: Buffer?, _ onCopy: OnCopy?, _ onCopyDone: OnCopyDone?) {
    pendingInst = inst
    pendingBuffer = buffer
    pendingOnCopy = onCopy
    pendingOnCopyDone = onCopyDone
  }

  /// Spec: CanonicalABI.md#stream-state — def SharedStreamImpl.reset_and_notify_pending
  func resetAndNotifyPending(_ result: CopyResult) throws {
    let pendingOnCopyDone = self.pendingOnCopyDone
    resetPending()
    try pendingOnCopyDone?(result)
  }

  /// Spec: CanonicalABI.md#stream-state — def SharedStreamImpl.cancel
  public func cancel() throws { try resetAndNotifyPending(.cancelled) }

  /// Spec: CanonicalABI.md#stream-state — def SharedStreamImpl.drop
  public func drop() throws {
    if !dropped {
      dropped = true
      if pendingBuffer != nil { try resetAndNotifyPending(.dropped) }
    }
  }

  /// Spec: CanonicalABI.md#stream-state — def SharedStreamImpl.read
  public func read(_ inst: ComponentInstance?, _ dstBuffer: WritableBuffer, _ onCopy: @escaping OnCopy, _ onCopyDone: @escaping OnCopyDone) throws {
    if dropped {
      try onCopyDone(.dropped)
    } else if pendingBuffer == nil {
      setPending(inst, dstBuffer, onCopy, onCopyDone)
    } else {
      guard let pending = pendingBuffer as? ReadableBuffer else { throw CanonicalABIMisuse("stream: pending buffer is not readable") }
      assert(t == dstBuffer.t && dstBuffer.t == pending.t)
      try trapIf(inst === pendingInst && !noneOrNumberType(t), "SharedStreamImpl.read", "inst is self.pending_inst and not none_or_number_type(self.t)")
      if pending.remain() > 0 {
        if dstBuffer.remain() > 0 {
          let n = min(dstBuffer.remain(), pending.remain())
          try dstBuffer.write(try pending.read(n))
          try pendingOnCopy?({ [unowned self] in self.resetPending() })
        }
        try onCopyDone(.completed)
      } else {
        try resetAndNotifyPending(.completed)
        setPending(inst, dstBuffer, onCopy, onCopyDone)
      }
    }
  }

  /// Spec: CanonicalABI.md#stream-state — def SharedStreamImpl.write
  public func write(_ inst: ComponentInstance?, _ srcBuffer: ReadableBuffer, _ onCopy: @escaping OnCopy, _ onCopyDone: @escaping OnCopyDone) throws {
    if dropped {
      try onCopyDone(.dropped)
    } else if pendingBuffer == nil {
      setPending(inst, srcBuffer, onCopy, onCopyDone)
    } else {
      guard let pending = pendingBuffer as? WritableBuffer else { throw CanonicalABIMisuse("stream: pending buffer is not writable") }
      assert(t == srcBuffer.t && srcBuffer.t == pending.t)
      try trapIf(inst === pendingInst && !noneOrNumberType(t), "SharedStreamImpl.write", "inst is self.pending_inst and not none_or_number_type(self.t)")
      if pending.remain() > 0 {
        if srcBuffer.remain() > 0 {
          let n = min(srcBuffer.remain(), pending.remain())
          try pending.write(try srcBuffer.read(n))
          try pendingOnCopy?({ [unowned self] in self.resetPending() })
        }
        try onCopyDone(.completed)
      } else if srcBuffer.isZeroLength() && pending.isZeroLength() {
        try onCopyDone(.completed)
      } else {
        try resetAndNotifyPending(.completed)
        setPending(inst, srcBuffer, onCopy, onCopyDone)
      }
    }
  }
}

/// Whether `t` is absent or a number type (the types a same-instance copy may use for now).
/// Spec: CanonicalABI.md#stream-state — def none_or_number_type
public func noneOrNumberType(_ t: ValType?) -> Bool {
  guard let t else { return true }
  switch t {
  case .u8, .u16, .u32, .u64, .s8, .s16, .s32, .s64, .f32, .f64: return true
  default: return false
  }
}

/// The state of one end's copy.
/// Spec: CanonicalABI.md#stream-state — class CopyState
public enum CopyState: Int { case idle = 1, copying, cancellingCopy, done }

/// One end of a stream or future in a handles table.
/// Spec: CanonicalABI.md#stream-state — class CopyEnd
public class CopyEnd: Waitable {
  public var state: CopyState
  public let shared: SharedBase

  /// Spec: CanonicalABI.md#stream-state — def CopyEnd.__init__
  public init(_ shared: SharedBase) {
    self.state = .idle
    self.shared = shared
    super.init()
  }

  /// Spec: CanonicalABI.md#stream-state — def CopyEnd.copying
  public func copying() -> Bool {
    switch state {
    case .idle, .done: return false
    case .copying, .cancellingCopy: return true
    }
  }

  /// Spec: CanonicalABI.md#stream-state — def CopyEnd.drop
  public override func drop() throws {
    try trapIf(copying(), "CopyEnd.drop", "self.copying()")
    try shared.drop()
    try super.drop()
  }
}

/// Spec: CanonicalABI.md#stream-state — class ReadableStreamEnd
public final class ReadableStreamEnd: CopyEnd {
  let stream: ReadableStream
  public init(_ shared: ReadableStream) { stream = shared; super.init(shared) }
  /// Spec: CanonicalABI.md#stream-state — def ReadableStreamEnd.copy
  public func copy(_ inst: ComponentInstance?, _ dst: WritableBuffer, _ onCopy: @escaping OnCopy, _ onCopyDone: @escaping OnCopyDone) throws {
    try stream.read(inst, dst, onCopy, onCopyDone)
  }
}

/// Spec: CanonicalABI.md#stream-state — class WritableStreamEnd
public final class WritableStreamEnd: CopyEnd {
  let stream: WritableStream
  public init(_ shared: WritableStream) { stream = shared; super.init(shared) }
  /// Spec: CanonicalABI.md#stream-state — def WritableStreamEnd.copy
  public func copy(_ inst: ComponentInstance?, _ src: ReadableBuffer, _ onCopy: @escaping OnCopy, _ onCopyDone: @escaping OnCopyDone) throws {
    try stream.write(inst, src, onCopy, onCopyDone)
  }
}
