// Spec: CanonicalABI.md#future-state
import Foundation

/// The readable side of a future (what a `future<T>` value is).
/// Spec: CanonicalABI.md#future-state — class ReadableFuture
public protocol ReadableFuture: SharedBase {
  func read(_ inst: ComponentInstance?, _ dst: WritableBuffer, _ onCopyDone: @escaping OnCopyDone) throws
}

/// The writable side of a future.
/// Spec: CanonicalABI.md#future-state — class WritableFuture
public protocol WritableFuture: SharedBase {
  func write(_ inst: ComponentInstance?, _ src: ReadableBuffer, _ onCopyDone: @escaping OnCopyDone) throws
}

/// A future between two guest ends.
/// Spec: CanonicalABI.md#future-state — class SharedFutureImpl
public final class SharedFutureImpl: ReadableFuture, WritableFuture {
  public let t: ValType?
  public var dropped: Bool
  var pendingInst: ComponentInstance?
  var pendingBuffer: Buffer?
  var pendingOnCopyDone: OnCopyDone?

  /// Spec: CanonicalABI.md#future-state — def SharedFutureImpl.__init__
  public init(_ t: ValType?) {
    self.t = t
    self.dropped = false
    resetPending()
  }

  /// Spec: CanonicalABI.md#future-state — def SharedFutureImpl.reset_pending
  func resetPending() { setPending(nil, nil, nil) }

  /// Spec: CanonicalABI.md#future-state — def SharedFutureImpl.set_pending
  func setPending(_ inst: ComponentInstance?, _ buffer: Buffer?, _ onCopyDone: OnCopyDone?) {
    pendingInst = inst
    pendingBuffer = buffer
    pendingOnCopyDone = onCopyDone
  }

  /// Spec: CanonicalABI.md#future-state — def SharedFutureImpl.reset_and_notify_pending
  func resetAndNotifyPending(_ result: CopyResult) throws {
    let pendingOnCopyDone = self.pendingOnCopyDone
    resetPending()
    try pendingOnCopyDone?(result)
  }

  /// Spec: CanonicalABI.md#future-state — def SharedFutureImpl.cancel
  public func cancel() throws { try resetAndNotifyPending(.cancelled) }

  /// Spec: CanonicalABI.md#future-state — def SharedFutureImpl.drop
  public func drop() throws {
    if !dropped {
      dropped = true
      if pendingBuffer != nil {
        assert(pendingBuffer is WritableBuffer)
        try resetAndNotifyPending(.dropped)
      }
    }
  }

  /// Spec: CanonicalABI.md#future-state — def SharedFutureImpl.read
  public func read(_ inst: ComponentInstance?, _ dstBuffer: WritableBuffer, _ onCopyDone: @escaping OnCopyDone) throws {
    assert(!dropped && dstBuffer.remain() == 1)
    if pendingBuffer == nil {
      setPending(inst, dstBuffer, onCopyDone)
    } else {
      guard let pending = pendingBuffer as? ReadableBuffer else { throw CanonicalABIMisuse("future: pending buffer is not readable") }
      try trapIf(inst === pendingInst && !noneOrNumberType(t), "SharedFutureImpl.read", "inst is self.pending_inst and not none_or_number_type(self.t)")
      try dstBuffer.write(try pending.read(1))
      try resetAndNotifyPending(.completed)
      try onCopyDone(.completed)
    }
  }

  /// Spec: CanonicalABI.md#future-state — def SharedFutureImpl.write
  public func write(_ inst: ComponentInstance?, _ srcBuffer: ReadableBuffer, _ onCopyDone: @escaping OnCopyDone) throws {
    assert(srcBuffer.remain() == 1)
    if dropped {
      try onCopyDone(.dropped)
    } else if pendingBuffer == nil {
      setPending(inst, srcBuffer, onCopyDone)
    } else {
      guard let pending = pendingBuffer as? WritableBuffer else { throw CanonicalABIMisuse("future: pending buffer is not writable") }
      try trapIf(inst === pendingInst && !noneOrNumberType(t), "SharedFutureImpl.write", "inst is self.pending_inst and not none_or_number_type(self.t)")
      try pending.write(try srcBuffer.read(1))
      try resetAndNotifyPending(.completed)
      try onCopyDone(.completed)
    }
  }
}

/// Spec: CanonicalABI.md#future-state — class ReadableFutureEnd
public final class ReadableFutureEnd: CopyEnd {
  let future: ReadableFuture
  public init(_ shared: ReadableFuture) { future = shared; super.init(shared) }
  /// Spec: CanonicalABI.md#future-state — def ReadableFutureEnd.copy
  public func copy(_ inst: ComponentInstance?, _ dst: WritableBuffer, _ onCopyDone: @escaping OnCopyDone) throws {
    try future.read(inst, dst, onCopyDone)
  }
}

/// Spec: CanonicalABI.md#future-state — class WritableFutureEnd
public final class WritableFutureEnd: CopyEnd {
  let future: WritableFuture
  public init(_ shared: WritableFuture) { future = shared; super.init(shared) }
  /// Spec: CanonicalABI.md#future-state — def WritableFutureEnd.copy
  public func copy(_ inst: ComponentInstance?, _ src: ReadableBuffer, _ onCopyDone: @escaping OnCopyDone) throws {
    try future.write(inst, src, onCopyDone)
  }
  /// Spec: CanonicalABI.md#future-state — def WritableFutureEnd.drop
  public override func drop() throws {
    try trapIf(state != .done, "WritableFutureEnd.drop", "self.state != CopyState.DONE")
    try super.drop()
  }
}
