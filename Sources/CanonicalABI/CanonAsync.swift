// Spec: CanonicalABI.md — the 🔀 built-ins: context.{get,set}, backpressure.{inc,dec}, task.{return,cancel},
// waitable-set.{new,wait,poll,drop}, waitable.join, subtask.{cancel,drop}, {stream,future}.{new,read,write,
// cancel-read,cancel-write,drop-readable,drop-writable}, thread.yield.
import Foundation

/// Spec: CanonicalABI.md#-canon-contextget — def canon_context_get
public func canonContextGet(_ t: CoreValType, _ i: Int) throws -> [CoreValue] {
  let thread = try currentThread()
  assert(t == .i32 || t == .i64)
  try check(i < thread.storage.count, "context.get: i < len(thread.storage)")
  let result = thread.storage[i]
  assert(t == .i64 || result < 1 << 32)
  return [ptrValue(result, t)]
}

/// Spec: CanonicalABI.md#-canon-contextset — def canon_context_set
public func canonContextSet(_ t: CoreValType, _ i: Int, _ v: UInt64) throws -> [CoreValue] {
  let thread = try currentThread()
  assert(t == .i32 || t == .i64)
  try check(i < thread.storage.count, "context.set: i < len(thread.storage)")
  assert(t == .i64 || v < 1 << 32)
  thread.storage[i] = v
  return []
}

/// Spec: CanonicalABI.md#-canon-backpressureincdec — def canon_backpressure_inc
public func canonBackpressureInc() throws -> [CoreValue] {
  let inst = try currentInstance()
  assert(0 <= inst.backpressure && inst.backpressure < 1 << 16)
  inst.backpressure += 1
  try trapIf(inst.backpressure == 1 << 16, "canon_backpressure_inc", "inst.backpressure == 2**16")
  return []
}

/// Spec: CanonicalABI.md#-canon-backpressureincdec — def canon_backpressure_dec
public func canonBackpressureDec() throws -> [CoreValue] {
  let inst = try currentInstance()
  assert(0 <= inst.backpressure && inst.backpressure < 1 << 16)
  inst.backpressure -= 1
  try trapIf(inst.backpressure < 0, "canon_backpressure_dec", "inst.backpressure < 0")
  return []
}

/// Spec: CanonicalABI.md#-canon-taskreturn — def canon_task_return
public func canonTaskReturn(_ resultType: [ValType], _ opts: LiftOptions, _ flatArgs: [CoreValue]) throws -> [CoreValue] {
  let task = try currentTask()
  try trapIf(!task.inst.mayLeave, "canon_task_return", "not task.inst.may_leave")
  try trapIf(!task.opts.async_, "canon_task_return", "not task.opts.async_")
  try trapIf(resultType != task.ft.result, "canon_task_return", "result_type != task.ft.result")
  try trapIf(!LiftOptions.equal(opts, task.opts), "canon_task_return", "not LiftOptions.equal(opts, task.opts)")
  let cx = LiftLowerContext(LiftLowerOptions(stringEncoding: opts.stringEncoding, memory: opts.memory), task.inst, task)
  let result = try liftFlatValues(cx, task.inst.store.flatLimits.maxFlatParams, CoreValueIter(flatArgs), task.ft.resultType())
  try task.return_(result)
  return []
}

/// Spec: CanonicalABI.md#-canon-taskcancel — def canon_task_cancel
public func canonTaskCancel() throws -> [CoreValue] {
  let task = try currentTask()
  try trapIf(!task.inst.mayLeave, "canon_task_cancel", "not task.inst.may_leave")
  try trapIf(!task.opts.async_, "canon_task_cancel", "not task.opts.async_")
  try task.cancel()
  return []
}

/// Spec: CanonicalABI.md#-canon-waitable-setnew — def canon_waitable_set_new
public func canonWaitableSetNew() throws -> [CoreValue] {
  let inst = try currentInstance()
  try trapIf(!inst.mayLeave, "canon_waitable_set_new", "not inst.may_leave")
  let i = try inst.handles.add(WaitableSet())
  return [.i32(i)]
}

/// Spec: CanonicalABI.md#-canon-waitable-setwait — def canon_waitable_set_wait
public func canonWaitableSetWait(_ cancellable: Bool, _ mem: ABIMemory, _ si: UInt32, _ ptr: UInt64) throws -> [CoreValue] {
  let inst = try currentInstance()
  try trapIf(!inst.mayLeave, "canon_waitable_set_wait", "not inst.may_leave")
  let w = try inst.handles.get(si)
  guard let wset = w as? WaitableSet else { throw trap("canon_waitable_set_wait", "not isinstance(wset, WaitableSet)") }
  let event = try wset.waitForEvent(cancellable: cancellable)
  return try unpackEvent(mem, inst, ptr, event)
}

/// Stores an event's payload words at `ptr` and returns its code.
/// Spec: CanonicalABI.md#-canon-waitable-setwait — def unpack_event
public func unpackEvent(_ mem: ABIMemory, _ inst: ComponentInstance, _ ptr: UInt64, _ e: EventTuple) throws -> [CoreValue] {
  let (event, p1, p2) = e
  let cx = LiftLowerContext(LiftLowerOptions(memory: mem), inst)
  try trapIf(ptr % 4 != 0 || satAdd(ptr, 8) > mem.byteCount, "unpack_event", "ptr out of bounds (store asserts)")
  try store(cx, .u32(p1), .u32, ptr)
  try store(cx, .u32(p2), .u32, ptr + 4)
  return [.i32(event.rawValue)]
}

/// Spec: CanonicalABI.md#-canon-waitable-setpoll — def canon_waitable_set_poll
public func canonWaitableSetPoll(_ cancellable: Bool, _ mem: ABIMemory, _ si: UInt32, _ ptr: UInt64) throws -> [CoreValue] {
  let inst = try currentInstance()
  try trapIf(!inst.mayLeave, "canon_waitable_set_poll", "not inst.may_leave")
  let w = try inst.handles.get(si)
  guard let wset = w as? WaitableSet else { throw trap("canon_waitable_set_poll", "not isinstance(wset, WaitableSet)") }
  let event = try wset.poll(cancellable: cancellable)
  return try unpackEvent(mem, inst, ptr, event)
}

/// Spec: CanonicalABI.md#-canon-waitable-setdrop — def canon_waitable_set_drop
public func canonWaitableSetDrop(_ i: UInt32) throws -> [CoreValue] {
  let inst = try currentInstance()
  try trapIf(!inst.mayLeave, "canon_waitable_set_drop", "not inst.may_leave")
  let w = try inst.handles.remove(i)
  guard let wset = w as? WaitableSet else { throw trap("canon_waitable_set_drop", "not isinstance(wset, WaitableSet)") }
  try wset.drop()
  return []
}

/// Spec: CanonicalABI.md#-canon-waitablejoin — def canon_waitable_join
public func canonWaitableJoin(_ wi: UInt32, _ si: UInt32) throws -> [CoreValue] {
  let inst = try currentInstance()
  try trapIf(!inst.mayLeave, "canon_waitable_join", "not inst.may_leave")
  let x = try inst.handles.get(wi)
  guard let w = x as? Waitable else { throw trap("canon_waitable_join", "not isinstance(w, Waitable)") }
  try trapIf(w.hasSyncWaiter, "canon_waitable_join", "w.has_sync_waiter")
  if si == 0 {
    w.join(nil)
  } else {
    let y = try inst.handles.get(si)
    guard let wset = y as? WaitableSet else { throw trap("canon_waitable_join", "not isinstance(wset, WaitableSet)") }
    w.join(wset)
  }
  return []
}

/// Spec: CanonicalABI.md#-canon-subtaskcancel — BLOCKED
public let BLOCKED: UInt32 = 0xffff_ffff

/// Spec: CanonicalABI.md#-canon-subtaskcancel — def canon_subtask_cancel
public func canonSubtaskCancel(_ async_: Bool, _ i: UInt32) throws -> [CoreValue] {
  let thread = try currentThread()
  try trapIf(!thread.task.inst.mayLeave, "canon_subtask_cancel", "not thread.task.inst.may_leave")
  let x = try thread.task.inst.handles.get(i)
  guard let subtask = x as? Subtask else { throw trap("canon_subtask_cancel", "not isinstance(subtask, Subtask)") }
  try trapIf(subtask.resolveDelivered(), "canon_subtask_cancel", "subtask.resolve_delivered()")
  try trapIf(subtask.cancellationRequested, "canon_subtask_cancel", "subtask.cancellation_requested")
  try trapIf(subtask.inWaitableSet() && !async_, "canon_subtask_cancel", "subtask.in_waitable_set() and not async_")
  if subtask.resolved() {
    assert(subtask.hasPendingEvent())
  } else {
    subtask.cancellationRequested = true
    try subtask.onCancel?(thread.task.inst)
    if !subtask.resolved() {
      if !async_ {
        try subtask.waitForPendingEvent()
      } else {
        return [.i32(BLOCKED)]
      }
    }
  }
  let (code, index, payload) = try subtask.getPendingEvent()
  assert(code == .subtask && index == i && payload == subtask.state.rawValue)
  assert(subtask.resolveDelivered())
  return [.i32(subtask.state.rawValue)]
}

/// Spec: CanonicalABI.md#-canon-subtaskdrop — def canon_subtask_drop
public func canonSubtaskDrop(_ i: UInt32) throws -> [CoreValue] {
  let inst = try currentInstance()
  try trapIf(!inst.mayLeave, "canon_subtask_drop", "not inst.may_leave")
  let x = try inst.handles.remove(i)
  guard let s = x as? Subtask else { throw trap("canon_subtask_drop", "not isinstance(s, Subtask)") }
  try s.drop()
  return []
}

/// Spec: CanonicalABI.md#-canon-streamfuturenew — def canon_stream_new
/// Swift differs: takes the element type of `stream_t` (`stream_t.t`).
public func canonStreamNew(_ streamT: ValType?) throws -> [CoreValue] {
  let inst = try currentInstance()
  try trapIf(!inst.mayLeave, "canon_stream_new", "not inst.may_leave")
  let shared = SharedStreamImpl(streamT)
  let ri = try inst.handles.add(ReadableStreamEnd(shared))
  let wi = try inst.handles.add(WritableStreamEnd(shared))
  return [.i64(UInt64(ri) | (UInt64(wi) << 32))]
}

/// Spec: CanonicalABI.md#-canon-streamfuturenew — def canon_future_new
public func canonFutureNew(_ futureT: ValType?) throws -> [CoreValue] {
  let inst = try currentInstance()
  try trapIf(!inst.mayLeave, "canon_future_new", "not inst.may_leave")
  let shared = SharedFutureImpl(futureT)
  let ri = try inst.handles.add(ReadableFutureEnd(shared))
  let wi = try inst.handles.add(WritableFutureEnd(shared))
  return [.i64(UInt64(ri) | (UInt64(wi) << 32))]
}

/// Spec: CanonicalABI.md#-canon-streamreadwrite — def canon_stream_read
public func canonStreamRead(_ streamT: ValType?, _ opts: CanonicalOptions, _ i: UInt32, _ ptr: UInt64, _ n: UInt64) throws -> [CoreValue] {
  try streamCopy(ReadableStreamEnd.self, .streamRead, streamT, opts, i, ptr, n)
}

/// Spec: CanonicalABI.md#-canon-streamreadwrite — def canon_stream_write
public func canonStreamWrite(_ streamT: ValType?, _ opts: CanonicalOptions, _ i: UInt32, _ ptr: UInt64, _ n: UInt64) throws -> [CoreValue] {
  try streamCopy(WritableStreamEnd.self, .streamWrite, streamT, opts, i, ptr, n)
}

/// Starts a stream copy between this end and the other's pending buffer; returns the packed result or BLOCKED.
/// Spec: CanonicalABI.md#-canon-streamreadwrite — def stream_copy
/// Swift differs: the buffer class follows from the end type (ReadableStreamEnd writes into a WritableBufferGuestImpl).
func streamCopy<EndT: CopyEnd>(_: EndT.Type, _ eventCode: EventCode, _ streamT: ValType?, _ opts: CanonicalOptions, _ i: UInt32, _ ptr: UInt64, _ n: UInt64) throws -> [CoreValue] {
  let thread = try currentThread()
  try trapIf(!thread.task.inst.mayLeave, "stream_copy", "not thread.task.inst.may_leave")
  let x = try thread.task.inst.handles.get(i)
  guard let e = x as? EndT else { throw trap("stream_copy", "not isinstance(e, EndT)") }
  try trapIf(e.shared.t != streamT, "stream_copy", "e.shared.t != stream_t.t")
  try trapIf(e.state != .idle, "stream_copy", "e.state != CopyState.IDLE")
  try trapIf(e.inWaitableSet() && !opts.async_, "stream_copy", "e.in_waitable_set() and not opts.async_")

  assert(!containsBorrow(streamT))
  let cx = LiftLowerContext(opts, thread.task.inst, nil)
  let buffer: BufferGuestImpl = e is ReadableStreamEnd
    ? try WritableBufferGuestImpl(streamT, cx, ptr, n)
    : try ReadableBufferGuestImpl(streamT, cx, ptr, n)

  let streamEvent: (CopyResult, ReclaimBuffer) throws -> EventTuple = { result, reclaimBuffer in
    try reclaimBuffer()
    assert(e.copying())
    if result == .dropped {
      e.state = .done
    } else {
      e.state = .idle
    }
    assert(buffer.progress <= BUFFER_MAX_LENGTH)
    let packedResult = result.rawValue | (UInt32(buffer.progress) << 4)
    return (eventCode, i, packedResult)
  }
  let onCopy: OnCopy = { reclaimBuffer in
    e.setPendingEvent { try streamEvent(.completed, reclaimBuffer) }
  }
  let onCopyDone: OnCopyDone = { result in
    e.setPendingEvent { try streamEvent(result, {}) }
  }

  e.state = .copying
  if let r = e as? ReadableStreamEnd, let b = buffer as? WritableBufferGuestImpl {
    try r.copy(thread.task.inst, b, onCopy, onCopyDone)
  } else if let w = e as? WritableStreamEnd, let b = buffer as? ReadableBufferGuestImpl {
    try w.copy(thread.task.inst, b, onCopy, onCopyDone)
  }

  if !e.hasPendingEvent() {
    if !opts.async_ {
      try e.waitForPendingEvent()
    } else {
      return [.i32(BLOCKED)]
    }
  }
  let (code, index, payload) = try e.getPendingEvent()
  assert(code == eventCode && index == i && payload != BLOCKED)
  return [.i32(payload)]
}

/// Spec: CanonicalABI.md#-canon-futurereadwrite — def canon_future_read
public func canonFutureRead(_ futureT: ValType?, _ opts: CanonicalOptions, _ i: UInt32, _ ptr: UInt64) throws -> [CoreValue] {
  try futureCopy(ReadableFutureEnd.self, .futureRead, futureT, opts, i, ptr)
}

/// Spec: CanonicalABI.md#-canon-futurereadwrite — def canon_future_write
public func canonFutureWrite(_ futureT: ValType?, _ opts: CanonicalOptions, _ i: UInt32, _ ptr: UInt64) throws -> [CoreValue] {
  try futureCopy(WritableFutureEnd.self, .futureWrite, futureT, opts, i, ptr)
}

/// Spec: CanonicalABI.md#-canon-futurereadwrite — def future_copy
func futureCopy<EndT: CopyEnd>(_: EndT.Type, _ eventCode: EventCode, _ futureT: ValType?, _ opts: CanonicalOptions, _ i: UInt32, _ ptr: UInt64) throws -> [CoreValue] {
  let thread = try currentThread()
  try trapIf(!thread.task.inst.mayLeave, "future_copy", "not thread.task.inst.may_leave")
  let x = try thread.task.inst.handles.get(i)
  guard let e = x as? EndT else { throw trap("future_copy", "not isinstance(e, EndT)") }
  try trapIf(e.shared.t != futureT, "future_copy", "e.shared.t != future_t.t")
  try trapIf(e.state != .idle, "future_copy", "e.state != CopyState.IDLE")
  try trapIf(e.inWaitableSet() && !opts.async_, "future_copy", "e.in_waitable_set() and not opts.async_")

  assert(!containsBorrow(futureT))
  let cx = LiftLowerContext(opts, thread.task.inst, nil)
  let buffer: BufferGuestImpl = e is ReadableFutureEnd
    ? try WritableBufferGuestImpl(futureT, cx, ptr, 1)
    : try ReadableBufferGuestImpl(futureT, cx, ptr, 1)

  let futureEvent: (CopyResult) -> EventTuple = { result in
    assert((buffer.remain() == 0) == (result == .completed))
    assert(e.copying())
    if result == .dropped || result == .completed {
      e.state = .done
    } else {
      e.state = .idle
    }
    return (eventCode, i, result.rawValue)
  }
  let onCopyDone: OnCopyDone = { result in
    assert(result != .dropped || eventCode == .futureWrite)
    e.setPendingEvent { futureEvent(result) }
  }

  e.state = .copying
  if let r = e as? ReadableFutureEnd, let b = buffer as? WritableBufferGuestImpl {
    try r.copy(thread.task.inst, b, onCopyDone)
  } else if let w = e as? WritableFutureEnd, let b = buffer as? ReadableBufferGuestImpl {
    try w.copy(thread.task.inst, b, onCopyDone)
  }

  if !e.hasPendingEvent() {
    if !opts.async_ {
      try e.waitForPendingEvent()
    } else {
      return [.i32(BLOCKED)]
    }
  }
  let (code, index, payload) = try e.getPendingEvent()
  assert(code == eventCode && index == i)
  return [.i32(payload)]
}

/// Spec: CanonicalABI.md#-canon-streamfuturecancel-readwrite — def canon_stream_cancel_read
public func canonStreamCancelRead(_ streamT: ValType?, _ async_: Bool, _ i: UInt32) throws -> [CoreValue] {
  try cancelCopy(ReadableStreamEnd.self, .streamRead, streamT, async_, i)
}

/// Spec: CanonicalABI.md#-canon-streamfuturecancel-readwrite — def canon_stream_cancel_write
public func canonStreamCancelWrite(_ streamT: ValType?, _ async_: Bool, _ i: UInt32) throws -> [CoreValue] {
  try cancelCopy(WritableStreamEnd.self, .streamWrite, streamT, async_, i)
}

/// Spec: CanonicalABI.md#-canon-streamfuturecancel-readwrite — def canon_future_cancel_read
public func canonFutureCancelRead(_ futureT: ValType?, _ async_: Bool, _ i: UInt32) throws -> [CoreValue] {
  try cancelCopy(ReadableFutureEnd.self, .futureRead, futureT, async_, i)
}

/// Spec: CanonicalABI.md#-canon-streamfuturecancel-readwrite — def canon_future_cancel_write
public func canonFutureCancelWrite(_ futureT: ValType?, _ async_: Bool, _ i: UInt32) throws -> [CoreValue] {
  try cancelCopy(WritableFutureEnd.self, .futureWrite, futureT, async_, i)
}

/// Spec: CanonicalABI.md#-canon-streamfuturecancel-readwrite — def cancel_copy
func cancelCopy<EndT: CopyEnd>(_: EndT.Type, _ eventCode: EventCode, _ streamOrFutureT: ValType?, _ async_: Bool, _ i: UInt32) throws -> [CoreValue] {
  let thread = try currentThread()
  try trapIf(!thread.task.inst.mayLeave, "cancel_copy", "not thread.task.inst.may_leave")
  let x = try thread.task.inst.handles.get(i)
  guard let e = x as? EndT else { throw trap("cancel_copy", "not isinstance(e, EndT)") }
  try trapIf(e.shared.t != streamOrFutureT, "cancel_copy", "e.shared.t != stream_or_future_t.t")
  try trapIf(e.state != .copying || e.hasSyncWaiter, "cancel_copy", "e.state != CopyState.COPYING or e.has_sync_waiter")
  try trapIf(e.inWaitableSet() && !async_, "cancel_copy", "e.in_waitable_set() and not async_")
  e.state = .cancellingCopy
  if !e.hasPendingEvent() {
    try e.shared.cancel()
    if !e.hasPendingEvent() {
      if !async_ {
        try e.waitForPendingEvent()
      } else {
        return [.i32(BLOCKED)]
      }
    }
  }
  let (code, index, payload) = try e.getPendingEvent()
  assert(!e.copying() && code == eventCode && index == i)
  return [.i32(payload)]
}

/// Spec: CanonicalABI.md#-canon-streamfuturedrop-readablewritable — def canon_stream_drop_readable
public func canonStreamDropReadable(_ streamT: ValType?, _ i: UInt32) throws -> [CoreValue] {
  try drop(ReadableStreamEnd.self, streamT, i)
}

/// Spec: CanonicalABI.md#-canon-streamfuturedrop-readablewritable — def canon_stream_drop_writable
public func canonStreamDropWritable(_ streamT: ValType?, _ hi: UInt32) throws -> [CoreValue] {
  try drop(WritableStreamEnd.self, streamT, hi)
}

/// Spec: CanonicalABI.md#-canon-streamfuturedrop-readablewritable — def canon_future_drop_readable
public func canonFutureDropReadable(_ futureT: ValType?, _ i: UInt32) throws -> [CoreValue] {
  try drop(ReadableFutureEnd.self, futureT, i)
}

/// Spec: CanonicalABI.md#-canon-streamfuturedrop-readablewritable — def canon_future_drop_writable
public func canonFutureDropWritable(_ futureT: ValType?, _ hi: UInt32) throws -> [CoreValue] {
  try drop(WritableFutureEnd.self, futureT, hi)
}

/// Spec: CanonicalABI.md#-canon-streamfuturedrop-readablewritable — def drop
func drop<EndT: CopyEnd>(_: EndT.Type, _ streamOrFutureT: ValType?, _ hi: UInt32) throws -> [CoreValue] {
  let inst = try currentInstance()
  try trapIf(!inst.mayLeave, "drop", "not inst.may_leave")
  let x = try inst.handles.remove(hi)
  guard let e = x as? EndT else { throw trap("drop", "not isinstance(e, EndT)") }
  try trapIf(e.shared.t != streamOrFutureT, "drop", "e.shared.t != stream_or_future_t.t")
  try e.drop()
  return []
}
