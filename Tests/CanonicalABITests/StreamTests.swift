// Counterparts of run_tests.py's stream and future tests that need no host OS threads:
// test_stream_forward, test_receive_own_stream, test_wasm_to_wasm_stream, test_wasm_to_wasm_stream_empty, test_futures.
import XCTest
@testable import CanonicalABI

/// run_tests.py — class HostSource. Swift differs: block_cancel defers the cancel until unblock_cancel
/// runs it (Python runs it on a helper OS thread that unblock_cancel waits for: the same order).
final class HostSource: ReadableStream {
  let t: ValType?
  var cancelBlocked = false
  var deferredCancel = false
  var remaining: [Value]
  var destroyIfEmpty: Bool
  let chunk: Int
  var pendingDst: WritableBuffer?
  var pendingOnCopy: OnCopy?
  var pendingOnCopyDone: OnCopyDone?
  init(_ t: ValType?, _ contents: [Value], chunk: Int, destroyIfEmpty: Bool = true) {
    self.t = t; remaining = contents; self.destroyIfEmpty = destroyIfEmpty; self.chunk = chunk
  }
  func resetPending() { pendingDst = nil; pendingOnCopy = nil; pendingOnCopyDone = nil }
  func closed() -> Bool { remaining.isEmpty && destroyIfEmpty }
  func drop() throws {
    remaining = []
    destroyIfEmpty = true
    if pendingDst != nil {
      try pendingOnCopyDone?(.dropped)
      resetPending()
    }
  }
  func destroyOnceEmpty() throws {
    destroyIfEmpty = true
    if remaining.isEmpty { try drop() }
  }
  func read(_ inst: ComponentInstance?, _ dst: WritableBuffer, _ onCopy: @escaping OnCopy, _ onCopyDone: @escaping OnCopyDone) throws {
    if closed() {
      try onCopyDone(.dropped)
    } else if !remaining.isEmpty {
      try actuallyCopy(dst)
      try onCopyDone(closed() ? .dropped : .completed)
    } else {
      pendingDst = dst; pendingOnCopy = onCopy; pendingOnCopyDone = onCopyDone
    }
  }
  func actuallyCopy(_ dst: WritableBuffer) throws {
    let n = min(Int(dst.remain()), remaining.count, chunk)
    try dst.write(Array(remaining[..<n]))
    remaining.removeFirst(n)
  }
  func blockCancel() { cancelBlocked = true }
  func unblockCancel() throws {
    cancelBlocked = false
    if deferredCancel { deferredCancel = false; try actuallyCancel() }
  }
  func cancel() throws {
    if cancelBlocked { deferredCancel = true } else { try actuallyCancel() }
  }
  func actuallyCancel() throws {
    try pendingOnCopyDone?(.cancelled)
    resetPending()
  }
  func write(_ vs: [Value]) throws {
    XCTAssertTrue(!vs.isEmpty && !closed())
    remaining += vs
    if let dst = pendingDst {
      try actuallyCopy(dst)
      if dst.remain() > 0 {
        try pendingOnCopy?({ [unowned self] in self.resetPending() })
      } else {
        try pendingOnCopyDone?(.completed)
        resetPending()
      }
    }
  }
}

/// Blocks the current thread until `cond` holds, without blocking when it already does (as Python's
/// free-running helper OS threads would proceed at once).
func waitIfNeeded(_ cond: @escaping () -> Bool) throws {
  if cond() { return }
  _ = try currentThread().waitUntil(cond)
}

/// Starts `body` as a host thread of the store (a Thread of a fresh host instance), running it until it first blocks.
/// Swift differs: run_tests.py starts a Python OS thread; here it is a component-model thread the store schedules.
@discardableResult
func startHostThread(_ store: Store, _ body: @escaping () throws -> Void) throws -> CanonicalABI.Thread {
  let inst = ComponentInstance(store)
  let task = CanonicalABI.Task(FuncType([], []), CanonicalOptions(), inst, { [] }, { _ in })
  let thread = CanonicalABI.Thread(task, body)
  try thread.resume()
  return thread
}

/// run_tests.py — class HostSink: reads everything from a readable stream, `remain` values at a time.
final class HostSink: WritableBuffer {
  let shared: ReadableStream
  let t: ValType?
  var received: [Value] = []
  let chunk: Int
  var writeRemain: UInt64
  var writeEvent: Bool
  var closed = false
  init(_ store: Store, _ shared: ReadableStream, chunk: Int, remain: UInt64 = UInt64.max) throws {
    self.shared = shared
    self.t = shared.t
    self.chunk = chunk
    self.writeRemain = remain
    self.writeEvent = remain > 0
    try startHostThread(store) { [self] in
      while true {
        try waitIfNeeded { self.writeEvent }
        var copyEvent = false
        try self.shared.read(nil, self, { reclaimBuffer in
          try reclaimBuffer()
          copyEvent = true
        }, { result in
          if result == .dropped { self.closed = true }
          copyEvent = true
        })
        try waitIfNeeded { copyEvent }
        if self.closed { break }
      }
    }
  }
  func setRemain(_ n: UInt64) {
    writeRemain = n
    if writeRemain > 0 { writeEvent = true }
  }
  var progress: UInt64 { UInt64(received.count) }
  func remain() -> UInt64 { writeRemain }
  func isZeroLength() -> Bool { false }
  func write(_ vs: [Value]) throws {
    received += vs
    writeRemain -= UInt64(vs.count)
    if writeRemain == 0 { writeEvent = false }
  }
  /// Waits (on the current thread) for `n` values; nil once the stream is closed with fewer.
  func consume(_ n: Int) throws -> [Value]? {
    try waitIfNeeded { [unowned self] in self.received.count >= n || self.closed }
    if received.count < n { return nil }
    let ret = Array(received[..<n])
    received.removeFirst(n)
    return ret
  }
}

/// run_tests.py — class HostFutureSink
final class HostFutureSink: WritableBuffer {
  let t: ValType?
  var v: Value? = nil
  let hasV = RacyBool(false)
  init(_ t: ValType?) { self.t = t }
  var progress: UInt64 { v == nil ? 0 : 1 }
  func remain() -> UInt64 { v == nil ? 1 : 0 }
  func isZeroLength() -> Bool { false }
  func write(_ vs: [Value]) throws {
    XCTAssertNil(v)
    XCTAssertEqual(vs.count, 1)
    v = vs.first
    hasV.set()
  }
}

/// run_tests.py — class HostFutureSource
final class HostFutureSource: ReadableFuture {
  let t: ValType?
  var v: Value? = nil
  var pendingBuffer: WritableBuffer?
  var pendingOnCopyDone: OnCopyDone?
  init(_ t: ValType?) { self.t = t }
  func resetPending() { pendingBuffer = nil; pendingOnCopyDone = nil }
  func read(_ inst: ComponentInstance?, _ buffer: WritableBuffer, _ onCopyDone: @escaping OnCopyDone) throws {
    if let v {
      try buffer.write([v])
      try onCopyDone(.completed)
    } else {
      pendingBuffer = buffer; pendingOnCopyDone = onCopyDone
    }
  }
  func cancel() throws {
    try pendingOnCopyDone?(.cancelled)
    resetPending()
  }
  func drop() throws {}
  func setResult(_ v: Value) throws {
    if let b = pendingBuffer {
      try b.write([v])
      try pendingOnCopyDone?(.completed)
      resetPending()
    } else {
      self.v = v
    }
  }
}

func unpackCopy(_ r: [CoreValue], file: StaticString = #filePath, line: UInt = #line) -> (UInt32, UInt32) {
  unpackResult(r, file: file, line: line)
}
func unpackCopy(_ x: UInt32) -> (UInt32, UInt32) { (x & 0xf, x >> 4) }
extension MemInst {
  func u32(at p: Int) -> UInt32 { UInt32(bytes[p]) | UInt32(bytes[p + 1]) << 8 | UInt32(bytes[p + 2]) << 16 | UInt32(bytes[p + 3]) << 24 }
}

let COMPLETED = CopyResult.completed.rawValue
let DROPPED = CopyResult.dropped.rawValue
let CANCELLED = CopyResult.cancelled.rawValue

final class StreamTests: XCTestCase {
  let u8s = ValType.u8

  /// run_tests.py — test_stream_forward
  func testStreamForward() throws {
    let srcStream = HostSource(.u8, [.u8(1), .u8(2), .u8(3), .u8(4)], chunk: 4)
    var dstStream: ReadableStream? = nil
    let inst = ComponentInstance(Store())
    let ft = FuncType([.stream(.u8)], [.stream(.u8)])
    try liftAndRun(mkOpts(), inst, ft, { args in
      XCTAssertEqual(args, i32s(1))
      return args
    }, { [.stream(srcStream)] }, { results in
      guard case .stream(let s)? = results?.first else { return XCTFail("no stream") }
      dstStream = s
    })
    XCTAssertTrue(dstStream === srcStream)
  }

  /// run_tests.py — test_receive_own_stream
  func testReceiveOwnStream() throws {
    let store = Store()
    let inst = ComponentInstance(store)
    let mem = MemInst([UInt8](repeating: 0, count: 20))
    let opts = mkOpts(mem, async_: true)
    let hostFt = FuncType([.stream(.u8)], [.stream(.u8)])
    let hostFuncInst = mkHostFunc(store, { _, onStart, onResolve, _ in
      let args = try onStart()
      XCTAssertEqual(args.count, 1)
      guard case .stream? = args.first else { return XCTFail("not a stream") }
      try onResolve(args)
    }, hostFt)
    let coreFunc: CoreFuncInst = { args in
      XCTAssertEqual(args.count, 0)
      let (rsi, wsi) = unpackNewEnds(try canonStreamNew(.u8))
      XCTAssertEqual(rsi, 1)
      XCTAssertEqual(wsi, 2)
      XCTAssertEqual(one(try canonStreamWrite(.u8, opts, wsi, 0, 4)), BLOCKED)
      XCTAssertEqual(one(try store.lower(hostFuncInst, hostFt, opts, inst)(i32s(rsi, 8))), RETURNED)
      XCTAssertEqual(mem.u32(at: 8), 1)
      let (result, n) = unpackCopy(try canonStreamCancelWrite(.u8, false, wsi))
      XCTAssertEqual(result, CANCELLED)
      XCTAssertEqual(n, 0)
      _ = try canonStreamDropWritable(.u8, wsi)
      return []
    }
    try liftAndRun(mkOpts(), inst, FuncType([], [], async_: true), coreFunc, { [] }, { XCTAssertEqual($0?.count, 0) })
  }

  /// run_tests.py — test_wasm_to_wasm_stream
  func testWasmToWasmStream() throws {
    let store = Store()
    let rootInst = ComponentInstance(store)
    let fut1 = RacyBool(false), fut2 = RacyBool(false), fut3 = RacyBool(false), fut4 = RacyBool(false)
    let inst1 = ComponentInstance(store, parent: rootInst)
    let mem1 = MemInst([UInt8](repeating: 0, count: 24))
    let opts1 = mkOpts(mem1, async_: true)
    let ft1 = FuncType([], [.stream(.u8)])
    let coreFunc1: CoreFuncInst = { args in
      let thread = try currentThread()
      XCTAssertTrue(args.isEmpty)
      let (rsi, wsi) = unpackNewEnds(try canonStreamNew(.u8))
      _ = try canonTaskReturn([.stream(.u8)], opts1, i32s(rsi))
      _ = try thread.waitUntil(fut1.isSet)
      mem1.bytes.replaceSubrange(0..<4, with: [1, 2, 3, 4])
      var (result, n) = unpackCopy(try canonStreamWrite(.u8, opts1, wsi, 0, 4))
      XCTAssertEqual([n, result], [4, COMPLETED])
      (result, n) = unpackCopy(try canonStreamWrite(.u8, opts1, wsi, 0, 4))
      XCTAssertEqual([n, result], [4, COMPLETED])
      XCTAssertEqual(one(try canonStreamWrite(.u8, opts1, wsi, 0, 0)), BLOCKED)
      (result, n) = unpackCopy(try canonStreamCancelWrite(.u8, true, wsi))
      XCTAssertEqual([n, result], [0, CANCELLED])
      _ = try thread.waitUntil(fut2.isSet)
      mem1.bytes.replaceSubrange(0..<8, with: [5, 6, 7, 8, 9, 10, 11, 12])
      XCTAssertEqual(one(try canonStreamWrite(.u8, opts1, wsi, 0, 8)), BLOCKED)
      fut3.set()
      let retp: UInt32 = 16
      let seti = one(try canonWaitableSetNew())
      _ = try canonWaitableJoin(wsi, seti)
      XCTAssertEqual(one(try canonWaitableSetWait(true, mem1, seti, UInt64(retp))), EventCode.streamWrite.rawValue)
      XCTAssertEqual(UInt32(mem1[retp]), wsi)
      (result, n) = unpackCopy(mem1.u32(at: Int(retp) + 4))
      XCTAssertEqual([n, result], [4, COMPLETED])
      XCTAssertEqual(one(try canonStreamWrite(.u8, opts1, wsi, 12345, 0)), BLOCKED)
      fut4.set()
      XCTAssertEqual(one(try canonWaitableSetWait(true, mem1, seti, UInt64(retp))), EventCode.streamWrite.rawValue)
      XCTAssertEqual(UInt32(mem1[retp]), wsi)
      XCTAssertEqual(mem1[retp + 4], 0)
      XCTAssertEqual(one(try canonStreamWrite(.u8, opts1, wsi, 12345, 0)), 0)
      let errctxi = one(try canonErrorContextNew(opts1, 0, 0))
      _ = try canonStreamDropWritable(.u8, wsi)
      _ = try canonWaitableSetDrop(seti)
      _ = try canonErrorContextDrop(errctxi)
      return []
    }
    let func1 = store.lift(coreFunc1, ft1, opts1, inst1)

    let inst2 = ComponentInstance(store, parent: rootInst)
    let heap2 = Heap(24)
    let mem2 = heap2.memory
    let opts2 = mkOpts(mem2, realloc: heap2.reallocFunc, async_: true)
    let ft2 = FuncType([], [])
    let coreFunc2: CoreFuncInst = { args in
      let thread = try currentThread()
      _ = try canonTaskReturn([], opts2, [])
      let retp: UInt32 = 16
      XCTAssertEqual(one(try store.lower(func1, ft1, opts2, inst2)(i32s(retp))), RETURNED)
      let rsi = UInt32(mem2[retp])
      XCTAssertEqual(rsi, 1)
      XCTAssertEqual(one(try canonStreamRead(.u8, opts2, rsi, 0, 8)), BLOCKED)
      fut1.set()
      let seti = one(try canonWaitableSetNew())
      _ = try canonWaitableJoin(rsi, seti)
      XCTAssertEqual(one(try canonWaitableSetWait(true, mem2, seti, UInt64(retp))), EventCode.streamRead.rawValue)
      XCTAssertEqual(UInt32(mem2[retp]), rsi)
      var (result, n) = unpackCopy(mem2.u32(at: Int(retp) + 4))
      XCTAssertEqual([n, result], [8, COMPLETED])
      XCTAssertEqual(Array(mem2.bytes[0..<8]), [1, 2, 3, 4, 1, 2, 3, 4])
      fut2.set()
      _ = try thread.waitUntil(fut3.isSet)
      XCTAssertEqual(one(try canonStreamRead(.u8, opts2, rsi, 12345, 0)), 0)
      mem2.bytes.replaceSubrange(0..<8, with: [UInt8](repeating: 0, count: 8))
      (result, n) = unpackCopy(try canonStreamRead(.u8, opts2, rsi, 0, 2))
      XCTAssertEqual([n, result], [2, COMPLETED])
      XCTAssertEqual(Array(mem2.bytes[0..<6]), [5, 6, 0, 0, 0, 0])
      (result, n) = unpackCopy(try canonStreamRead(.u8, opts2, rsi, 2, 2))
      XCTAssertEqual([n, result], [2, COMPLETED])
      XCTAssertEqual(Array(mem2.bytes[0..<6]), [5, 6, 7, 8, 0, 0])
      _ = try thread.waitUntil(fut4.isSet)
      XCTAssertEqual(one(try canonStreamRead(.u8, opts2, rsi, 12345, 0)), BLOCKED)
      XCTAssertEqual(one(try canonWaitableSetWait(true, mem2, seti, UInt64(retp))), EventCode.streamRead.rawValue)
      XCTAssertEqual(UInt32(mem2[retp]), rsi)
      XCTAssertEqual(mem2.u32(at: Int(retp) + 4), DROPPED | 1)
      _ = try canonStreamDropReadable(.u8, rsi)
      _ = try canonWaitableSetDrop(seti)
      return []
    }
    try liftAndRun(opts2, inst2, ft2, coreFunc2, { [] }, { _ in })
  }

  /// run_tests.py — test_wasm_to_wasm_stream_empty
  func testWasmToWasmStreamEmpty() throws {
    let store = Store()
    let rootInst = ComponentInstance(store)
    let fut1 = RacyBool(false), fut2 = RacyBool(false), fut3 = RacyBool(false), fut4 = RacyBool(false)
    let inst1 = ComponentInstance(store, parent: rootInst)
    let mem1 = MemInst([UInt8](repeating: 0, count: 24))
    let opts1 = mkOpts(mem1, async_: true)
    let ft1 = FuncType([], [.stream(nil)])
    let coreFunc1: CoreFuncInst = { args in
      let thread = try currentThread()
      let (rsi, wsi) = unpackNewEnds(try canonStreamNew(nil))
      _ = try canonTaskReturn([.stream(nil)], opts1, i32s(rsi))
      _ = try thread.waitUntil(fut1.isSet)
      var (result, n) = unpackCopy(try canonStreamWrite(nil, opts1, wsi, 10000, 2))
      XCTAssertEqual([n, result], [2, COMPLETED])
      (result, n) = unpackCopy(try canonStreamWrite(nil, opts1, wsi, 10000, 2))
      XCTAssertEqual([n, result], [2, COMPLETED])
      _ = try thread.waitUntil(fut2.isSet)
      XCTAssertEqual(one(try canonStreamWrite(nil, opts1, wsi, 0, 8)), BLOCKED)
      fut3.set()
      let retp: UInt32 = 16
      let seti = one(try canonWaitableSetNew())
      _ = try canonWaitableJoin(wsi, seti)
      XCTAssertEqual(one(try canonWaitableSetWait(true, mem1, seti, UInt64(retp))), EventCode.streamWrite.rawValue)
      XCTAssertEqual(UInt32(mem1[retp]), wsi)
      (result, n) = unpackCopy(mem1.u32(at: Int(retp) + 4))
      XCTAssertEqual([n, result], [4, COMPLETED])
      fut4.set()
      let errctxi = one(try canonErrorContextNew(opts1, 0, 0))
      _ = try canonStreamDropWritable(nil, wsi)
      _ = try canonErrorContextDrop(errctxi)
      return []
    }
    let func1 = store.lift(coreFunc1, ft1, opts1, inst1)
    let inst2 = ComponentInstance(store, parent: rootInst)
    let heap2 = Heap(10)
    let mem2 = heap2.memory
    let opts2 = mkOpts(mem2, realloc: heap2.reallocFunc, async_: true)
    let coreFunc2: CoreFuncInst = { args in
      let thread = try currentThread()
      _ = try canonTaskReturn([], opts2, [])
      let retp: UInt32 = 0
      XCTAssertEqual(one(try store.lower(func1, ft1, opts2, inst2)(i32s(retp))), RETURNED)
      let rsi = UInt32(mem2[0])
      XCTAssertEqual(rsi, 1)
      XCTAssertEqual(one(try canonStreamRead(nil, opts2, rsi, 0, 8)), BLOCKED)
      fut1.set()
      let seti = one(try canonWaitableSetNew())
      _ = try canonWaitableJoin(rsi, seti)
      XCTAssertEqual(one(try canonWaitableSetWait(true, mem2, seti, UInt64(retp))), EventCode.streamRead.rawValue)
      XCTAssertEqual(UInt32(mem2[retp]), rsi)
      var (result, n) = unpackCopy(mem2.u32(at: Int(retp) + 4))
      XCTAssertEqual([n, result], [4, COMPLETED])
      fut2.set()
      _ = try thread.waitUntil(fut3.isSet)
      (result, n) = unpackCopy(try canonStreamRead(nil, opts2, rsi, 1000000, 2))
      XCTAssertEqual([n, result], [2, COMPLETED])
      (result, n) = unpackCopy(try canonStreamRead(nil, opts2, rsi, 1000000, 2))
      XCTAssertEqual([n, result], [2, COMPLETED])
      _ = try thread.waitUntil(fut4.isSet)
      (result, n) = unpackCopy(try canonStreamRead(nil, opts2, rsi, 1000000, 2))
      XCTAssertEqual([n, result], [0, DROPPED])
      _ = try canonStreamDropReadable(nil, rsi)
      return []
    }
    try liftAndRun(opts2, inst2, FuncType([], []), coreFunc2, { [] }, { _ in })
  }

  /// run_tests.py — test_futures
  func testFutures() throws {
    let store = Store()
    let inst = ComponentInstance(store)
    let mem = MemInst([UInt8](repeating: 0, count: 24))
    let lowerOpts = mkOpts(mem, async_: true)
    let hostFt1 = FuncType([.future(.u8)], [.future(.u8)], async_: true)
    let hostFuncInst = mkHostFunc(store, { _, onStart, onResolve, waitUntil in
      guard case .future(let future)? = try onStart().first else { return XCTFail("not a future") }
      let outgoing = HostFutureSource(.u8)
      try onResolve([.future(outgoing)])
      let incoming = HostFutureSink(.u8)
      try future.read(nil, incoming, { _ in })
      _ = try waitUntil(incoming.hasV.isSet)
      XCTAssertEqual(incoming.v, .u8(42))
      try outgoing.setResult(.u8(43))
    }, hostFt1)
    let coreFunc: CoreFuncInst = { args in
      let thread = try currentThread()
      var (rfi, wfi) = unpackNewEnds(try canonFutureNew(.u8))
      let retp: UInt32 = 16
      XCTAssertEqual(one(try store.lower(hostFuncInst, hostFt1, lowerOpts, inst)(i32s(rfi, retp))), RETURNED)
      rfi = UInt32(mem[retp])
      let readp: UInt32 = 0
      XCTAssertEqual(one(try canonFutureRead(.u8, lowerOpts, rfi, UInt64(readp))), BLOCKED)
      let writep: UInt32 = 8
      mem[writep] = 42
      XCTAssertEqual(one(try canonFutureWrite(.u8, lowerOpts, wfi, UInt64(writep))), COMPLETED)
      let seti = one(try canonWaitableSetNew())
      _ = try canonWaitableJoin(rfi, seti)
      XCTAssertEqual(one(try canonWaitableSetWait(true, mem, seti, UInt64(retp))), EventCode.futureRead.rawValue)
      XCTAssertEqual(UInt32(mem[retp]), rfi)
      XCTAssertEqual(UInt32(mem[retp + 4]), COMPLETED)
      XCTAssertEqual(mem[readp], 43)
      _ = try canonFutureDropWritable(.u8, wfi)
      _ = try canonFutureDropReadable(.u8, rfi)
      _ = try canonWaitableSetDrop(seti)

      (rfi, wfi) = unpackNewEnds(try canonFutureNew(.u8))
      XCTAssertEqual(one(try store.lower(hostFuncInst, hostFt1, lowerOpts, inst)(i32s(rfi, retp))), RETURNED)
      rfi = UInt32(mem[retp])
      XCTAssertEqual(one(try canonFutureRead(.u8, lowerOpts, rfi, UInt64(readp))), BLOCKED)
      mem[writep] = 42
      XCTAssertEqual(one(try canonFutureWrite(.u8, lowerOpts, wfi, UInt64(writep))), COMPLETED)
      while !((try thread.task.inst.handles.get(rfi) as? Waitable)?.hasPendingEvent() ?? true) {
        _ = try canonThreadYield(true)
      }
      XCTAssertEqual(one(try canonFutureCancelRead(.u8, false, rfi)), COMPLETED)
      XCTAssertEqual(mem[readp], 43)
      _ = try canonFutureDropWritable(.u8, wfi)
      _ = try canonFutureDropReadable(.u8, rfi)

      (rfi, wfi) = unpackNewEnds(try canonFutureNew(.u8))
      XCTAssertTraps(try canonFutureDropWritable(.u8, wfi), "WritableFutureEnd.drop")
      return []
    }
    try liftAndRun(mkOpts(), inst, FuncType([], [], async_: true), coreFunc, { [] }, { _ in })
  }
}
