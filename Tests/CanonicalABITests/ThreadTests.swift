// Counterparts of run_tests.py's test_cancel_subtask, test_self_copy, test_async_flat_params, test_threads,
// test_sync_threads, test_thread_cancel_callback.
import XCTest
@testable import CanonicalABI

final class ThreadTests: XCTestCase {
  /// run_tests.py — test_cancel_subtask
  func testCancelSubtask() throws {
    let store = Store()
    let rootInst = ComponentInstance(store)
    let ft = FuncType([.u8], [.u8], async_: true)
    let calleeHeap = Heap(10)
    let calleeOpts = mkOpts(calleeHeap.memory, async_: true)
    let syncCalleeOpts = mkOpts(calleeHeap.memory, async_: false)
    let calleeInst = ComponentInstance(store, parent: rootInst)

    let callee1 = store.lift({ _ in XCTFail("callee1 must not run"); return [] }, ft, calleeOpts, calleeInst)

    let callee2 = store.lift({ args in
      let x = one(args)
      let si = one(try canonWaitableSetNew())
      XCTAssertEqual(one(try canonWaitableSetWait(true, calleeHeap.memory, si, 0)), EventCode.taskCancelled.rawValue)
      switch x {
      case 1: _ = try canonTaskReturn([.u8], calleeOpts, i32s(42))
      case 2: _ = try canonTaskCancel()
      case 3:
        _ = try canonThreadYield(true)
        _ = try canonTaskReturn([.u8], calleeOpts, i32s(43))
      case 4:
        _ = try canonThreadYield(true)
        _ = try canonTaskCancel()
      default: XCTFail("x = \(x)")
      }
      return []
    }, ft, calleeOpts, calleeInst)

    let callee3 = store.lift({ _ in
      if one(try canonThreadYield(true)) != 0 {
        _ = try canonTaskCancel()
      } else {
        _ = try canonTaskReturn([.u8], calleeOpts, i32s(83))
      }
      return []
    }, ft, calleeOpts, calleeInst)

    let hostFut4 = RacyBool(false)
    let hostFunc4Inst = mkHostFunc(store, { _, onStart, onResolve, waitUntil in
      XCTAssertEqual(try onStart(), [.u8(42)])
      _ = try waitUntil(hostFut4.isSet)
      try onResolve([.u8(43)])
    }, ft)
    let callee4 = store.lift({ _ in
      XCTAssertEqual(one(try store.lower(hostFunc4Inst, ft, syncCalleeOpts, calleeInst)(i32s(42))), 43)
      XCTAssertTraps(try canonTaskCancel(), "Task.cancel")
      let seti = one(try canonWaitableSetNew())
      XCTAssertEqual(one(try canonWaitableSetWait(true, calleeHeap.memory, seti, 0)), EventCode.taskCancelled.rawValue)
      XCTAssertEqual(one(try canonWaitableSetPoll(true, calleeHeap.memory, seti, 0)), EventCode.none.rawValue)
      _ = try canonTaskCancel()
      return []
    }, ft, calleeOpts, calleeInst)

    let hostFut5 = RacyBool(false)
    let hostFunc5Inst = mkHostFunc(store, { _, onStart, onResolve, waitUntil in
      XCTAssertEqual(try onStart(), [.u8(42)])
      _ = try waitUntil(hostFut5.isSet)
      _ = try waitUntil(hostFut5.isSet)
      try onResolve([.u8(43)])
    }, ft)
    let callee5 = store.lift({ args in
      XCTAssertEqual(one(args), 13)
      let (state, subi) = unpackResult(try store.lower(hostFunc5Inst, ft, calleeOpts, calleeInst)(i32s(42, 0)))
      XCTAssertEqual(state, STARTED)
      XCTAssertEqual(one(try canonSubtaskCancel(false, subi)), RETURNED)
      _ = try canonTaskReturn([.u8], calleeOpts, i32s(44))
      return []
    }, ft, calleeOpts, calleeInst)

    let coreFtbl = Table<CoreFuncRef>()
    let coreFt = CoreFuncType([.i32], [])
    func threadFunc(_ cancellable: Bool) -> CoreFuncInst {
      return { args in
        let mainthreadi = one(args)
        if cancellable {
          XCTAssertEqual(one(try canonThreadSuspendThenResume(true, mainthreadi)), Cancelled.true.rawValue)
          XCTAssertEqual(one(try canonThreadSuspendThenResume(true, mainthreadi)), Cancelled.false.rawValue)
          _ = try canonTaskReturn([.u8], calleeOpts, i32s(45))
        } else {
          XCTAssertEqual(one(try canonThreadSuspendThenResume(false, mainthreadi)), Cancelled.false.rawValue)
        }
        return []
      }
    }
    let cfi = try coreFtbl.add(CoreFuncRef(coreFt, threadFunc(true)))
    let ncfi = try coreFtbl.add(CoreFuncRef(coreFt, threadFunc(false)))
    let callee6 = store.lift({ args in
      XCTAssertEqual(one(args), 14)
      let mainthreadi = one(try canonThreadIndex())
      let threadi1 = one(try canonThreadNewIndirect(coreFt, coreFtbl, ncfi, .i32(mainthreadi)))
      XCTAssertEqual(one(try canonThreadSuspendThenResume(true, threadi1)), 0)
      let threadi2 = one(try canonThreadNewIndirect(coreFt, coreFtbl, cfi, .i32(mainthreadi)))
      XCTAssertEqual(one(try canonThreadSuspendThenResume(true, threadi2)), 0)
      let threadi3 = one(try canonThreadNewIndirect(coreFt, coreFtbl, ncfi, .i32(mainthreadi)))
      XCTAssertEqual(one(try canonThreadSuspendThenResume(true, threadi3)), 0)
      XCTAssertEqual(one(try canonThreadSuspend(false)), 0)
      _ = try canonThreadResumeLater(threadi1)
      _ = try canonThreadResumeLater(threadi2)
      _ = try canonThreadResumeLater(threadi3)
      return []
    }, ft, calleeOpts, calleeInst)

    let callerHeap = Heap(20)
    let callerOpts = mkOpts(callerHeap.memory, async_: true)
    let callerInst = ComponentInstance(store, parent: rootInst)
    let m = callerHeap.memory
    let coreCaller: CoreFuncInst = { args in
      XCTAssertEqual(one(args), 1)
      let seti = one(try canonWaitableSetNew())
      func call(_ f: @escaping FuncInst, _ a: UInt32) throws -> (UInt32, UInt32) {
        unpackResult(try store.lower(f, ft, callerOpts, callerInst)(i32s(a, 0)))
      }
      calleeInst.backpressure = 1
      var (state, subi1) = try call(callee1, 13)
      XCTAssertEqual(state, STARTING)
      var subi2: UInt32
      (state, subi2) = try call(callee1, 13)
      XCTAssertEqual(state, STARTING)
      XCTAssertEqual(one(try canonSubtaskCancel(false, subi2)), CANCELLED_BEFORE_STARTED)
      XCTAssertEqual(one(try canonSubtaskCancel(true, subi1)), CANCELLED_BEFORE_STARTED)
      calleeInst.backpressure = 0

      (state, subi1) = try call(callee2, 1); XCTAssertEqual(state, STARTED)
      (state, subi2) = try call(callee2, 2); XCTAssertEqual(state, STARTED)
      let subi3: UInt32, subi3_2: UInt32, subi4: UInt32, subi4_2: UInt32
      (state, subi3) = try call(callee2, 3); XCTAssertEqual(state, STARTED)
      (state, subi3_2) = try call(callee2, 3); XCTAssertEqual(state, STARTED)
      (state, subi4) = try call(callee2, 4); XCTAssertEqual(state, STARTED)
      (state, subi4_2) = try call(callee2, 4); XCTAssertEqual(state, STARTED)

      m[0] = 13
      XCTAssertEqual(one(try canonSubtaskCancel(false, subi1)), RETURNED)
      XCTAssertEqual(m[0], 42)
      _ = try canonSubtaskDrop(subi1)

      m[0] = 13
      XCTAssertEqual(one(try canonSubtaskCancel(true, subi2)), CANCELLED_BEFORE_RETURNED)
      XCTAssertEqual(m[0], 13)
      _ = try canonSubtaskDrop(subi2)

      m[0] = 13
      XCTAssertEqual(one(try canonSubtaskCancel(true, subi3)), BLOCKED)
      XCTAssertEqual(m[0], 13)
      _ = try canonWaitableJoin(subi3, seti)
      XCTAssertEqual(one(try canonWaitableSetWait(true, m, seti, 8)), EventCode.subtask.rawValue)
      XCTAssertEqual(UInt32(m[8]), subi3)
      XCTAssertEqual(UInt32(m[12]), RETURNED)
      XCTAssertEqual(m[0], 43)
      _ = try canonSubtaskDrop(subi3)

      m[0] = 13
      XCTAssertEqual(one(try canonSubtaskCancel(false, subi3_2)), RETURNED)
      XCTAssertEqual(m[0], 43)
      _ = try canonSubtaskDrop(subi3_2)

      m[0] = 13
      XCTAssertEqual(one(try canonSubtaskCancel(true, subi4)), BLOCKED)
      XCTAssertEqual(m[0], 13)
      _ = try canonWaitableJoin(subi4, seti)
      XCTAssertEqual(one(try canonWaitableSetWait(true, m, seti, 8)), EventCode.subtask.rawValue)
      XCTAssertEqual(UInt32(m[8]), subi4)
      XCTAssertEqual(UInt32(m[12]), CANCELLED_BEFORE_RETURNED)
      _ = try canonSubtaskDrop(subi4)

      m[0] = 13
      XCTAssertEqual(one(try canonSubtaskCancel(false, subi4_2)), CANCELLED_BEFORE_RETURNED)
      XCTAssertEqual(m[0], 13)
      _ = try canonSubtaskDrop(subi4_2)

      m[0] = 13
      var subi: UInt32
      (state, subi) = try call(callee3, 0)
      XCTAssertEqual(state, STARTED)
      while (try callerInst.handles.get(subi) as? Subtask)?.state == .started {
        _ = try canonThreadYield(true)
      }
      XCTAssertEqual(one(try canonSubtaskCancel(true, subi)), RETURNED)
      XCTAssertEqual(m[0], 83)
      _ = try canonSubtaskDrop(subi)

      m[0] = 13
      (state, subi) = try call(callee3, 0)
      XCTAssertEqual(state, STARTED)
      XCTAssertEqual(one(try canonSubtaskCancel(true, subi)), CANCELLED_BEFORE_RETURNED)
      XCTAssertEqual(m[0], 13)
      _ = try canonSubtaskDrop(subi)

      m[0] = 13
      (state, subi) = try call(callee4, 0)
      XCTAssertEqual(state, STARTED)
      XCTAssertEqual(one(try canonSubtaskCancel(true, subi)), BLOCKED)
      XCTAssertEqual(m[0], 13)
      hostFut4.set()
      _ = try canonWaitableJoin(subi, seti)
      XCTAssertEqual(one(try canonWaitableSetWait(true, m, seti, 4)), EventCode.subtask.rawValue)
      XCTAssertEqual(UInt32(m[4]), subi)
      XCTAssertEqual(UInt32(m[8]), CANCELLED_BEFORE_RETURNED)
      XCTAssertEqual(m[0], 13)
      _ = try canonSubtaskDrop(subi)

      (state, subi) = try call(callee5, 13)
      XCTAssertEqual(state, STARTED)
      XCTAssertEqual(one(try canonSubtaskCancel(true, subi)), BLOCKED)
      XCTAssertEqual(m[0], 13)
      hostFut5.set()
      _ = try canonWaitableJoin(subi, seti)
      XCTAssertEqual(one(try canonWaitableSetWait(true, m, seti, 4)), EventCode.subtask.rawValue)
      XCTAssertEqual(UInt32(m[4]), subi)
      XCTAssertEqual(UInt32(m[8]), RETURNED)
      XCTAssertEqual(m[0], 44)
      _ = try canonSubtaskDrop(subi)

      (state, subi) = try call(callee6, 14)
      XCTAssertEqual(state, STARTED)
      XCTAssertEqual(one(try canonSubtaskCancel(true, subi)), BLOCKED)
      _ = try canonWaitableJoin(subi, seti)
      XCTAssertEqual(one(try canonWaitableSetWait(true, m, seti, 4)), EventCode.subtask.rawValue)
      XCTAssertEqual(m[0], 45)
      XCTAssertEqual(UInt32(m[4]), subi)
      XCTAssertEqual(UInt32(m[8]), RETURNED)
      _ = try canonSubtaskDrop(subi)

      _ = try canonWaitableSetDrop(seti)
      _ = try canonTaskReturn([.u8], callerOpts, i32s(42))
      return []
    }
    var got: [Value]? = nil
    try liftAndRun(callerOpts, callerInst, ft, coreCaller, { [.u8(1)] }, { got = $0 })
    XCTAssertEqual(got, [.u8(42)])
  }

  /// run_tests.py — test_self_copy(None), test_self_copy(U8Type()), test_self_copy(F64Type())
  func testSelfCopy() throws {
    for elemt in [nil, ValType.u8, .f64] {
      let store = Store()
      let inst = ComponentInstance(store)
      let mem = MemInst([UInt8](repeating: 0, count: 40))
      let syncOpts = mkOpts(mem, async_: false)
      let asyncOpts = mkOpts(mem, async_: true)
      let ft = FuncType([], [], async_: true)
      let coreFunc: CoreFuncInst = { _ in
        let seti = one(try canonWaitableSetNew())
        let (rfi, wfi) = unpackNewEnds(try canonFutureNew(elemt))
        XCTAssertEqual(one(try canonFutureWrite(elemt, asyncOpts, wfi, 0)), BLOCKED)
        XCTAssertEqual(one(try canonFutureRead(elemt, asyncOpts, rfi, 0)), COMPLETED)
        _ = try canonFutureDropReadable(elemt, rfi)
        _ = try canonWaitableJoin(wfi, seti)
        XCTAssertEqual(one(try canonWaitableSetWait(true, mem, seti, 0)), EventCode.futureWrite.rawValue)
        XCTAssertEqual(UInt32(mem[0]), wfi)
        XCTAssertEqual(UInt32(mem[4]), COMPLETED)
        _ = try canonFutureDropWritable(elemt, wfi)

        let (rsi, wsi) = unpackNewEnds(try canonStreamNew(elemt))
        XCTAssertEqual(one(try canonStreamWrite(elemt, asyncOpts, wsi, 0, 3)), BLOCKED)
        var (result, n) = unpackCopy(try canonStreamRead(elemt, asyncOpts, rsi, 0, 1))
        XCTAssertEqual([n, result], [1, COMPLETED])
        (result, n) = unpackCopy(try canonStreamRead(elemt, asyncOpts, rsi, 0, 4))
        XCTAssertEqual([n, result], [2, COMPLETED])
        _ = try canonStreamDropReadable(elemt, rsi)
        _ = try canonWaitableJoin(wsi, seti)
        XCTAssertEqual(one(try canonWaitableSetWait(true, mem, seti, 0)), EventCode.streamWrite.rawValue)
        XCTAssertEqual(UInt32(mem[0]), wsi)
        (result, n) = unpackCopy(UInt32(mem[4]))
        XCTAssertEqual(result, DROPPED)
        XCTAssertEqual(n, 3)
        _ = try canonStreamDropWritable(elemt, wsi)
        _ = try canonWaitableSetDrop(seti)
        return []
      }
      try liftAndRun(syncOpts, inst, ft, coreFunc, { [] }, { _ in })
    }
  }

  /// Self-copies of a non-number type trap ("temporary" trap_if in SharedStreamImpl/SharedFutureImpl).
  func testSelfCopyOfStringsTraps() throws {
    let store = Store()
    let inst = ComponentInstance(store)
    let mem = MemInst([UInt8](repeating: 0, count: 40))
    let asyncOpts = mkOpts(mem, async_: true)
    var futureTrap: CanonicalABITrap? = nil
    var streamTrap: CanonicalABITrap? = nil
    let coreFunc: CoreFuncInst = { _ in
      let (rfi, wfi) = unpackNewEnds(try canonFutureNew(.string))
      XCTAssertEqual(one(try canonFutureWrite(.string, asyncOpts, wfi, 0)), BLOCKED)
      do { _ = try canonFutureRead(.string, asyncOpts, rfi, 0) } catch let t as CanonicalABITrap { futureTrap = t }
      let (rsi, wsi) = unpackNewEnds(try canonStreamNew(.string))
      XCTAssertEqual(one(try canonStreamRead(.string, asyncOpts, rsi, 0, 1)), BLOCKED)
      do { _ = try canonStreamWrite(.string, asyncOpts, wsi, 0, 1) } catch let t as CanonicalABITrap { streamTrap = t }
      _ = try canonTaskReturn([], asyncOpts, [])
      return []
    }
    try liftAndRun(asyncOpts, inst, FuncType([], [], async_: true), coreFunc, { [] }, { _ in })
    XCTAssertEqual(futureTrap?.definition, "SharedFutureImpl.read")
    XCTAssertEqual(streamTrap?.definition, "SharedStreamImpl.write")
  }

  /// run_tests.py — test_async_flat_params
  func testAsyncFlatParams() throws {
    let store = Store()
    let heap = Heap(1000)
    let opts = mkOpts(heap.memory, .utf8, realloc: heap.reallocFunc, async_: true)
    let inst = ComponentInstance(store)
    let ft1 = FuncType([.f32, .f64, .u32, .s64], [])
    let f1 = mkHostFunc(store, { _, onStart, onResolve, _ in
      XCTAssertEqual(try onStart(), [.f32(1.1), .f64(2.2), .u32(3), .s64(4)])
      try onResolve([])
    }, ft1)
    let ft2 = FuncType([.u32, .u8, .u8, .u8], [])
    let f2 = mkHostFunc(store, { _, onStart, onResolve, _ in
      XCTAssertEqual(try onStart(), [.u32(1), .u8(2), .u8(3), .u8(4)])
      try onResolve([])
    }, ft2)
    let ft3 = FuncType([.u32, .u8, .u8, .u8, .u8], [])
    let f3 = mkHostFunc(store, { _, onStart, onResolve, _ in
      XCTAssertEqual(try onStart(), [.u32(1), .u8(2), .u8(3), .u8(4), .u8(5)])
      try onResolve([])
    }, ft3)
    let coreFunc: CoreFuncInst = { _ in
      XCTAssertEqual(one(try store.lower(f1, ft1, opts, inst)([.f32(1.1), .f64(2.2), .i32(3), .i64(4)])), RETURNED)
      XCTAssertEqual(one(try store.lower(f2, ft2, opts, inst)(i32s(1, 2, 3, 4))), RETURNED)
      heap.memory.bytes.replaceSubrange(12..<20, with: [1, 0, 0, 0, 2, 3, 4, 5])
      XCTAssertEqual(one(try store.lower(f3, ft3, opts, inst)(i32s(12))), RETURNED)
      _ = try canonTaskReturn([], opts, [])
      return []
    }
    try liftAndRun(opts, inst, FuncType([], []), coreFunc, { [] }, { _ in })
  }

  /// run_tests.py — test_threads
  func testThreads() throws {
    let store = Store()
    let inst = ComponentInstance(store)
    let mem = MemInst([UInt8](repeating: 0, count: 8))
    let opts = mkOpts(mem)
    let ftbl = Table<CoreFuncRef>()
    let ft = CoreFuncType([.i32], [])
    let fi1 = try ftbl.add(CoreFuncRef(ft, { args in XCTAssertEqual(args, i32s(13)); return [] }))
    let fi2 = try ftbl.add(CoreFuncRef(ft, { args in
      XCTAssertEqual(one(try canonThreadYieldThenResume(true, one(args))), 0)
      return []
    }))
    let fi3 = try ftbl.add(CoreFuncRef(ft, { args in
      _ = try canonThreadResumeLater(one(args))
      return []
    }))
    let fi4 = try ftbl.add(CoreFuncRef(ft, { args in
      let ptr = one(args)
      XCTAssertEqual(one(try canonThreadYield(false)), 0)
      mem[ptr] = mem[ptr] + 1
      XCTAssertEqual(one(try canonThreadYield(false)), 0)
      mem[ptr] = mem[ptr] + 1
      return []
    }))
    let coreFunc: CoreFuncInst = { args in
      XCTAssertTrue(args.isEmpty)
      let mainthreadi = one(try canonThreadIndex())
      var threadi = one(try canonThreadNewIndirect(ft, ftbl, fi1, .i32(13)))
      XCTAssertEqual(one(try canonThreadYieldThenResume(true, threadi)), 0)
      threadi = one(try canonThreadNewIndirect(ft, ftbl, fi2, .i32(mainthreadi)))
      XCTAssertEqual(one(try canonThreadSuspendThenResume(true, threadi)), 0)
      threadi = one(try canonThreadNewIndirect(ft, ftbl, fi3, .i32(mainthreadi)))
      _ = try canonThreadResumeLater(threadi)
      XCTAssertEqual(one(try canonThreadSuspend(true)), 0)
      let ptr: UInt32 = 4
      mem[ptr] = 0
      for _ in 0..<5 {
        threadi = one(try canonThreadNewIndirect(ft, ftbl, fi4, .i32(ptr)))
        _ = try canonThreadResumeLater(threadi)
      }
      while mem[ptr] != 10 { _ = try canonThreadYield(false) }
      return i32s(42)
    }
    var result: Value? = nil
    try liftAndRun(opts, inst, FuncType([], [.u8], async_: true), coreFunc, { [] }, { result = $0?.first })
    XCTAssertEqual(result, .u8(42))
  }

  /// run_tests.py — test_sync_threads
  func testSyncThreads() throws {
    let store = Store()
    let inst = ComponentInstance(store)
    let mem = MemInst([UInt8](repeating: 0, count: 8))
    let opts = mkOpts(mem, async_: true)
    let ftbl = Table<CoreFuncRef>()
    let ft = CoreFuncType([.i32], [])
    var pingCount1 = 0, pongCount1 = 0
    var threadi2: UInt32 = 0, threadi3: UInt32 = 0, threadi4_1: UInt32 = 0, threadi4_2: UInt32 = 0
    var pingCount5 = 0, pongCount5 = 0
    var threadi5_1: UInt32 = 0, threadi5_2: UInt32 = 0
    var wsi: UInt32 = 0

    let fi1_1 = try ftbl.add(CoreFuncRef(ft, { args in
      XCTAssertEqual(args, i32s(131))
      while pingCount1 < 3 || pongCount1 < 3 {
        pingCount1 += 1
        _ = try canonThreadYield(false)
      }
      _ = try canonThreadResumeLater(threadi2)
      return []
    }))
    let fi1_2 = try ftbl.add(CoreFuncRef(ft, { args in
      XCTAssertEqual(args, i32s(132))
      while pingCount1 < 3 || pongCount1 < 3 {
        pongCount1 += 1
        _ = try canonThreadYield(false)
      }
      return []
    }))
    let fi2 = try ftbl.add(CoreFuncRef(ft, { args in
      XCTAssertEqual(args, i32s(14))
      _ = try canonThreadResumeLater(threadi3)
      return []
    }))
    let fi3 = try ftbl.add(CoreFuncRef(ft, { args in
      XCTAssertEqual(args, i32s(15))
      _ = try canonThreadResumeLater(threadi4_1)
      _ = try canonThreadSuspend(false)
      return []
    }))
    let fi4_1 = try ftbl.add(CoreFuncRef(ft, { args in
      XCTAssertEqual(args, i32s(161))
      _ = try canonThreadResumeLater(threadi3)
      _ = try canonThreadResumeLater(threadi4_2)
      wsi = one(try canonWaitableSetNew())
      XCTAssertEqual(one(try canonWaitableSetWait(true, mem, wsi, 0)), EventCode.futureRead.rawValue)
      _ = try canonThreadResumeLater(threadi5_1)
      return []
    }))
    let fi4_2 = try ftbl.add(CoreFuncRef(ft, { args in
      XCTAssertEqual(args, i32s(162))
      let (futr, futw) = unpackNewEnds(try canonFutureNew(nil))
      XCTAssertEqual(one(try canonFutureRead(nil, opts, futr, 0xdeadbeef)), BLOCKED)
      _ = try canonWaitableJoin(futr, wsi)
      XCTAssertEqual(one(try canonFutureWrite(nil, opts, futw, 0xdeadbeef)), COMPLETED)
      return []
    }))
    let fi5_1 = try ftbl.add(CoreFuncRef(ft, { args in
      XCTAssertEqual(args, i32s(171))
      while pingCount5 < 3 {
        XCTAssertEqual(pingCount5, pongCount5)
        _ = try canonThreadYieldThenPromote(false, threadi5_2)
        XCTAssertEqual(pingCount5, pongCount5)
        _ = try canonThreadResumeLater(threadi5_2)
        _ = try canonThreadYieldThenPromote(false, threadi5_2)
        XCTAssertEqual(pingCount5, pongCount5 - 1)
        pingCount5 += 1
      }
      _ = try canonTaskReturn([.u8], opts, i32s(42))
      _ = try canonThreadResumeLater(threadi5_2)
      return []
    }))
    let fi5_2 = try ftbl.add(CoreFuncRef(ft, { args in
      XCTAssertEqual(args, i32s(172))
      while pongCount5 < 3 {
        pongCount5 += 1
        _ = try canonThreadSuspendThenPromote(false, threadi5_1)
      }
      return []
    }))
    let coreFunc: CoreFuncInst = { args in
      XCTAssertTrue(args.isEmpty)
      let threadi1_1 = one(try canonThreadNewIndirect(ft, ftbl, fi1_1, .i32(131)))
      let threadi1_2 = one(try canonThreadNewIndirect(ft, ftbl, fi1_2, .i32(132)))
      threadi2 = one(try canonThreadNewIndirect(ft, ftbl, fi2, .i32(14)))
      threadi3 = one(try canonThreadNewIndirect(ft, ftbl, fi3, .i32(15)))
      threadi4_1 = one(try canonThreadNewIndirect(ft, ftbl, fi4_1, .i32(161)))
      threadi4_2 = one(try canonThreadNewIndirect(ft, ftbl, fi4_2, .i32(162)))
      threadi5_1 = one(try canonThreadNewIndirect(ft, ftbl, fi5_1, .i32(171)))
      threadi5_2 = one(try canonThreadNewIndirect(ft, ftbl, fi5_2, .i32(172)))
      _ = try canonThreadResumeLater(threadi1_1)
      _ = try canonThreadResumeLater(threadi1_2)
      return []
    }

    let readyBit = RacyBool(false)
    var okToRunAsync = false
    let asyncFt = FuncType([], [.u32], async_: true)
    var otherResult: Value? = nil
    let fi = store.lift({ args in
      XCTAssertTrue(args.isEmpty)
      _ = try currentThread().waitUntil(readyBit.isSet)
      XCTAssertTrue(okToRunAsync)
      return i32s(43)
    }, asyncFt, CanonicalOptions(), inst)
    _ = try store.invoke(fi, { [] }, { otherResult = $0?.first })
    XCTAssertNil(otherResult)
    readyBit.set()

    var result: Value? = nil
    try liftAndRun(opts, inst, FuncType([], [.u8]), coreFunc, { [] }, { v in
      result = v?.first
      okToRunAsync = true
    })
    XCTAssertEqual(result, .u8(42))
    XCTAssertEqual(otherResult, .u32(43))
  }

  /// run_tests.py — test_thread_cancel_callback
  func testThreadCancelCallback() throws {
    let store = Store()
    let rootInst = ComponentInstance(store)
    let producerInst = ComponentInstance(store, parent: rootInst)
    let producerFt = FuncType([], [.u32], async_: true)
    let producerOpts1 = mkOpts(async_: true)
    producerOpts1.callback = { args in
      XCTAssertEqual(args, i32s(EventCode.none.rawValue, 0, 0))
      _ = try canonTaskReturn([.u32], producerOpts1, i32s(42))
      return i32s(CallbackCode.exit.rawValue)
    }
    let producerCallee1 = store.lift({ _ in i32s(CallbackCode.yield.rawValue) }, producerFt, producerOpts1, producerInst)
    let producerOpts2 = mkOpts(async_: true)
    producerOpts2.callback = { _ in XCTFail("callback2 must not run"); return i32s(0) }
    let producerCallee2 = store.lift({ _ in
      XCTAssertEqual(one(try canonThreadYield(false)), 0)
      _ = try canonTaskReturn([.u32], producerOpts2, i32s(43))
      return i32s(CallbackCode.exit.rawValue)
    }, producerFt, producerOpts2, producerInst)

    let consumerInst = ComponentInstance(store, parent: rootInst)
    let consumerMem = MemInst([UInt8](repeating: 0, count: 24))
    let consumerOpts = mkOpts(consumerMem, async_: true)
    let coreConsumer: CoreFuncInst = { _ in
      var (state, subi1) = unpackResult(try store.lower(producerCallee1, producerFt, consumerOpts, consumerInst)(i32s(8)))
      XCTAssertEqual(state, STARTED)
      let subi2: UInt32
      (state, subi2) = unpackResult(try store.lower(producerCallee2, producerFt, consumerOpts, consumerInst)(i32s(12)))
      XCTAssertEqual(state, STARTED)
      XCTAssertEqual(one(try canonSubtaskCancel(true, subi1)), BLOCKED)
      let seti = one(try canonWaitableSetNew())
      _ = try canonWaitableJoin(subi1, seti)
      XCTAssertEqual(one(try canonWaitableSetWait(true, consumerMem, seti, 16)), EventCode.subtask.rawValue)
      XCTAssertEqual(UInt32(consumerMem[16]), subi1)
      XCTAssertEqual(UInt32(consumerMem[20]), RETURNED)
      XCTAssertEqual(consumerMem[8], 42)
      _ = try canonWaitableJoin(subi2, seti)
      XCTAssertEqual(one(try canonWaitableSetWait(true, consumerMem, seti, 16)), EventCode.subtask.rawValue)
      XCTAssertEqual(UInt32(consumerMem[16]), subi2)
      XCTAssertEqual(UInt32(consumerMem[20]), RETURNED)
      XCTAssertEqual(consumerMem[12], 43)
      return []
    }
    try liftAndRun(mkOpts(), consumerInst, FuncType([], [], async_: true), coreConsumer, { [] }, { _ in })
  }
}
