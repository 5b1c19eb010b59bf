// Counterparts of run_tests.py's async call tests: test_async_to_async, test_async_callback,
// test_callback_interleaving, test_sync_ignores_backpressure, test_async_to_sync, test_async_backpressure,
// test_sync_using_wait.
import XCTest
@testable import CanonicalABI

final class AsyncTests: XCTestCase {
  /// run_tests.py — test_async_to_async
  func testAsyncToAsync() throws {
    let producerHeap = Heap(10)
    let producerOpts = mkOpts(producerHeap.memory, async_: true)
    let store = Store()
    let rootInst = ComponentInstance(store)
    let producerInst = ComponentInstance(store, parent: rootInst)

    let eagerFt = FuncType([], [.u8], async_: true)
    let eagerCallee = store.lift({ args in
      XCTAssertEqual(args.count, 0)
      XCTAssertEqual(try canonTaskReturn([.u8], producerOpts, i32s(43)), [])
      return []
    }, eagerFt, producerOpts, producerInst)

    let toggleFt = FuncType([], [], async_: true)
    let fut1_1 = RacyBool(false), fut1_2 = RacyBool(false)
    let toggleCallee = store.lift({ args in
      let thread = try currentThread()
      _ = try canonBackpressureInc()
      _ = try thread.waitUntil(fut1_1.isSet)
      _ = try canonTaskReturn([], producerOpts, [])
      _ = try thread.waitUntil(fut1_2.isSet)
      _ = try canonBackpressureDec()
      return []
    }, toggleFt, producerOpts, producerInst)

    let fut2 = RacyBool(false), fut3 = RacyBool(false), fut4 = RacyBool(false)
    let blockingFt = FuncType([.u8], [.u8], async_: true)
    let blockingCallee = store.lift({ args in
      let thread = try currentThread()
      XCTAssertEqual(args, i32s(83))
      _ = try thread.waitUntil(fut2.isSet)
      _ = try canonTaskReturn([.u8], producerOpts, i32s(44))
      _ = try thread.waitUntil(fut3.isSet)
      fut4.set()
      return []
    }, blockingFt, producerOpts, producerInst)

    let consumerHeap = Heap(20)
    let consumerOpts = mkOpts(consumerHeap.memory, async_: true)
    let consumerInst = ComponentInstance(store, parent: rootInst)
    let m = consumerHeap.memory
    let consumer: CoreFuncInst = { args in
      let seti = one(try canonWaitableSetNew())
      let ptr = one(try consumerHeap.realloc(i32s(0, 0, 1, 1)))
      XCTAssertEqual(one(try store.lower(eagerCallee, eagerFt, consumerOpts, consumerInst)(i32s(ptr))), RETURNED)
      XCTAssertEqual(m[ptr], 43)
      var (state, subi1) = unpackResult(try store.lower(toggleCallee, toggleFt, consumerOpts, consumerInst)([]))
      XCTAssertEqual(subi1, 2)
      XCTAssertEqual(state, STARTED)
      _ = try canonWaitableJoin(subi1, seti)
      let retp = ptr
      m[retp] = 13
      let subi2: UInt32
      (state, subi2) = unpackResult(try store.lower(blockingCallee, blockingFt, consumerOpts, consumerInst)(i32s(83, retp)))
      XCTAssertEqual(subi2, 3)
      XCTAssertEqual(state, STARTING)
      XCTAssertEqual(m[retp], 13)
      _ = try canonWaitableJoin(subi2, seti)
      fut1_1.set()

      let waitretp = one(try consumerHeap.realloc(i32s(0, 0, 8, 4)))
      var event = one(try canonWaitableSetWait(true, m, seti, UInt64(waitretp)))
      XCTAssertEqual(event, EventCode.subtask.rawValue)
      XCTAssertEqual(UInt32(m[waitretp]), subi1)
      XCTAssertEqual(UInt32(m[waitretp + 4]), RETURNED)
      _ = try canonSubtaskDrop(subi1)
      fut1_2.set()

      event = one(try canonWaitableSetWait(true, m, seti, UInt64(waitretp)))
      XCTAssertEqual(event, EventCode.subtask.rawValue)
      XCTAssertEqual(UInt32(m[waitretp]), subi2)
      XCTAssertEqual(UInt32(m[waitretp + 4]), STARTED)
      XCTAssertEqual(m[retp], 13)
      fut2.set()

      event = one(try canonWaitableSetWait(true, m, seti, UInt64(waitretp)))
      XCTAssertEqual(event, EventCode.subtask.rawValue)
      XCTAssertEqual(UInt32(m[waitretp]), subi2)
      XCTAssertEqual(UInt32(m[waitretp + 4]), RETURNED)
      XCTAssertEqual(m[retp], 44)
      _ = try canonSubtaskDrop(subi2)
      fut3.set()
      _ = try currentThread().waitUntil(fut4.isSet)

      _ = try canonTaskReturn([.u8], consumerOpts, i32s(42))
      return []
    }
    let ft = FuncType([.bool], [.u8], async_: true)
    var got: [Value]? = nil
    try liftAndRun(consumerOpts, consumerInst, ft, consumer, { [.bool(true)] }, { got = $0 })
    XCTAssertEqual(got, [.u8(42)])
  }

  /// run_tests.py — test_async_callback
  func testAsyncCallback() throws {
    let store = Store()
    let rootInst = ComponentInstance(store)
    let producerInst = ComponentInstance(store, parent: rootInst)
    let producerOpts = mkOpts(async_: true)
    let producerFt = FuncType([], [], async_: true)
    func coreProducerPre(_ fut: RacyBool) -> CoreFuncInst {
      return { args in
        XCTAssertEqual(args.count, 0)
        _ = try currentThread().waitUntil(fut.isSet)
        _ = try canonTaskReturn([], producerOpts, [])
        return []
      }
    }
    let fut1 = RacyBool(false), fut2 = RacyBool(false)
    let producer1 = store.lift(coreProducerPre(fut1), producerFt, producerOpts, producerInst)
    let producer2 = store.lift(coreProducerPre(fut2), producerFt, producerOpts, producerInst)

    let consumerFt = FuncType([], [.u32], async_: true)
    let consumerInst = ComponentInstance(store)
    var seti: UInt32 = 0
    let opts = mkOpts(async_: true)
    let consumer: CoreFuncInst = { args in
      XCTAssertEqual(args.count, 0)
      var (state, subi1) = unpackResult(try store.lower(producer1, producerFt, opts, consumerInst)([]))
      XCTAssertEqual(subi1, 1)
      XCTAssertEqual(state, STARTED)
      let subi2: UInt32
      (state, subi2) = unpackResult(try store.lower(producer2, producerFt, opts, consumerInst)([]))
      XCTAssertEqual(subi2, 2)
      XCTAssertEqual(state, STARTED)
      seti = one(try canonWaitableSetNew())
      XCTAssertEqual(seti, 3)
      _ = try canonWaitableJoin(subi1, seti)
      _ = try canonWaitableJoin(subi2, seti)
      fut1.set()
      _ = try canonContextSet(.i32, 0, 42)
      return i32s(CallbackCode.wait.rawValue | (seti << 4))
    }
    let callback: CoreFuncInst = { args in
      XCTAssertEqual(args.count, 3)
      let ctx = one(try canonContextGet(.i32, 0))
      switch ctx {
      case 42:
        XCTAssertEqual(args, i32s(EventCode.subtask.rawValue, 1, RETURNED))
        _ = try canonSubtaskDrop(1)
        _ = try canonContextSet(.i32, 0, 52)
        return i32s(CallbackCode.yield.rawValue)
      case 52:
        XCTAssertEqual(args, i32s(EventCode.none.rawValue, 0, 0))
        fut2.set()
        _ = try canonContextSet(.i32, 0, 62)
        return i32s(CallbackCode.wait.rawValue | (seti << 4))
      case 62:
        XCTAssertEqual(args, i32s(EventCode.subtask.rawValue, 2, RETURNED))
        _ = try canonSubtaskDrop(2)
        _ = try canonTaskReturn([.u32], opts, i32s(83))
        return i32s(CallbackCode.exit.rawValue)
      default:
        XCTFail("unexpected context \(ctx)")
        return i32s(CallbackCode.exit.rawValue)
      }
    }
    opts.callback = callback
    var got: [Value]? = nil
    try liftAndRun(opts, consumerInst, consumerFt, consumer, { [] }, { got = $0 })
    XCTAssertEqual(got, [.u32(83)])
  }

  /// run_tests.py — test_callback_interleaving
  func testCallbackInterleaving() throws {
    let store = Store()
    let rootInst = ComponentInstance(store)
    let producerInst = ComponentInstance(store, parent: rootInst)
    let producerFt = FuncType([.u32, .future(nil), .future(nil), .future(nil)], [.u32], async_: true)
    var fut3s: [UInt32] = [0, 0]
    let coreProducer: CoreFuncInst = { args in
      let a = try args.map { UInt32(try $0.int()) }
      let (i, fut1, fut2, fut3) = (a[0], a[1], a[2], a[3])
      fut3s[Int(i)] = fut3
      _ = try canonContextSet(.i32, 0, UInt64(i))
      XCTAssertEqual(one(try canonFutureRead(nil, mkOpts(), fut1, 0xdeadbeef)), CopyResult.completed.rawValue)
      let seti = one(try canonWaitableSetNew())
      XCTAssertEqual(one(try canonFutureRead(nil, mkOpts(async_: true), fut2, 0xdeadbeef)), BLOCKED)
      _ = try canonWaitableJoin(fut2, seti)
      return i32s(CallbackCode.wait.rawValue | (seti << 4))
    }
    let coreProducerCallback: CoreFuncInst = { args in
      XCTAssertEqual(args[0], .i32(EventCode.futureRead.rawValue))
      XCTAssertEqual(args[2], .i32(CopyResult.completed.rawValue))
      let i = one(try canonContextGet(.i32, 0))
      _ = try canonTaskReturn([.u32], mkOpts(), i32s(42 + i))
      XCTAssertEqual(one(try canonFutureRead(nil, mkOpts(), fut3s[Int(i)], 0xdeadbeef)), CopyResult.completed.rawValue)
      return i32s(CallbackCode.exit.rawValue)
    }
    let producerOpts = mkOpts(async_: true, callback: coreProducerCallback)
    let producerCallee = store.lift(coreProducer, producerFt, producerOpts, producerInst)

    let syncCalleeFt = FuncType([], [.u32], async_: true)
    let syncCallee = store.lift({ args in
      XCTAssertEqual(args.count, 0)
      return i32s(100)
    }, syncCalleeFt, mkOpts(), producerInst)

    let consumerInst = ComponentInstance(store, parent: rootInst)
    let consumerFt = FuncType([], [], async_: true)
    let consumerMem = MemInst([UInt8](repeating: 0, count: 24))
    let consumerOpts = mkOpts(consumerMem, async_: true)
    let coreConsumer: CoreFuncInst = { args in
      XCTAssertEqual(args.count, 0)
      let (rfut11, wfut11) = unpackNewEnds(try canonFutureNew(nil))
      let (rfut12, wfut12) = unpackNewEnds(try canonFutureNew(nil))
      let (rfut13, wfut13) = unpackNewEnds(try canonFutureNew(nil))
      let (rfut21, wfut21) = unpackNewEnds(try canonFutureNew(nil))
      let (rfut22, wfut22) = unpackNewEnds(try canonFutureNew(nil))
      let (rfut23, wfut23) = unpackNewEnds(try canonFutureNew(nil))
      let lower = store.lower(producerCallee, producerFt, consumerOpts, consumerInst)

      producerInst.backpressure = 1
      var (state, todie) = unpackResult(try lower(i32s(0, rfut11, rfut12, rfut13, 0xdeadbeef)))
      XCTAssertEqual(state, STARTING)
      XCTAssertEqual(one(try canonSubtaskCancel(false, todie)), CANCELLED_BEFORE_STARTED)
      producerInst.backpressure = 0

      let subi1ret: UInt32 = 12
      let subi1: UInt32
      (state, subi1) = unpackResult(try lower(i32s(0, rfut11, rfut12, rfut13, subi1ret)))
      XCTAssertEqual(state, STARTED)

      (state, todie) = unpackResult(try lower(i32s(1, rfut21, rfut22, rfut23, 0xdeadbeef)))
      XCTAssertEqual(state, STARTING)
      XCTAssertEqual(one(try canonSubtaskCancel(false, todie)), CANCELLED_BEFORE_STARTED)

      let subi2ret: UInt32 = 16
      let subi2: UInt32
      (state, subi2) = unpackResult(try lower(i32s(1, rfut21, rfut22, rfut23, subi2ret)))
      XCTAssertEqual(state, STARTING)

      let seti = one(try canonWaitableSetNew())
      _ = try canonWaitableJoin(subi1, seti)
      _ = try canonWaitableJoin(subi2, seti)

      XCTAssertEqual(one(try canonFutureWrite(nil, consumerOpts, wfut11, 0xdeadbeef)), CopyResult.completed.rawValue)
      XCTAssertEqual(one(try canonWaitableSetWait(true, consumerMem, seti, 0)), EventCode.subtask.rawValue)
      XCTAssertEqual(UInt32(consumerMem[0]), subi2)
      XCTAssertEqual(UInt32(consumerMem[4]), STARTED)

      XCTAssertEqual(one(try canonFutureWrite(nil, consumerOpts, wfut12, 0xdeadbeef)), CopyResult.completed.rawValue)
      for _ in 0..<10 {
        XCTAssertEqual(one(try canonThreadYield(true)), 0)
        XCTAssertEqual(one(try canonWaitableSetPoll(true, consumerMem, seti, 0)), EventCode.none.rawValue)
      }

      XCTAssertEqual(one(try canonFutureWrite(nil, consumerOpts, wfut21, 0xdeadbeef)), CopyResult.completed.rawValue)
      XCTAssertEqual(one(try canonWaitableSetWait(true, consumerMem, seti, 0)), EventCode.subtask.rawValue)
      XCTAssertEqual(UInt32(consumerMem[0]), subi1)
      XCTAssertEqual(UInt32(consumerMem[4]), RETURNED)
      XCTAssertEqual(consumerMem[subi1ret], 42)
      _ = try canonSubtaskDrop(subi1)

      XCTAssertEqual(one(try canonFutureWrite(nil, consumerOpts, wfut22, 0xdeadbeef)), CopyResult.completed.rawValue)
      for _ in 0..<10 {
        XCTAssertEqual(one(try canonThreadYield(true)), 0)
        XCTAssertEqual(one(try canonWaitableSetPoll(true, consumerMem, seti, 0)), EventCode.none.rawValue)
      }

      XCTAssertEqual(one(try canonFutureWrite(nil, consumerOpts, wfut13, 0xdeadbeef)), CopyResult.completed.rawValue)
      XCTAssertEqual(one(try canonWaitableSetWait(true, consumerMem, seti, 0)), EventCode.subtask.rawValue)
      XCTAssertEqual(UInt32(consumerMem[0]), subi2)
      XCTAssertEqual(UInt32(consumerMem[4]), RETURNED)
      XCTAssertEqual(consumerMem[subi2ret], 43)
      _ = try canonSubtaskDrop(subi2)

      let subi3ret: UInt32 = 20
      let subi3: UInt32
      (state, subi3) = unpackResult(try store.lower(syncCallee, syncCalleeFt, consumerOpts, consumerInst)(i32s(subi3ret)))
      XCTAssertEqual(state, STARTING)
      _ = try canonWaitableJoin(subi3, seti)

      XCTAssertEqual(one(try canonFutureWrite(nil, consumerOpts, wfut23, 0xdeadbeef)), CopyResult.completed.rawValue)
      XCTAssertEqual(one(try canonWaitableSetWait(true, consumerMem, seti, 0)), EventCode.subtask.rawValue)
      XCTAssertEqual(UInt32(consumerMem[0]), subi3)
      XCTAssertEqual(UInt32(consumerMem[4]), RETURNED)
      XCTAssertEqual(consumerMem[subi3ret], 100)
      return []
    }
    try liftAndRun(mkOpts(), consumerInst, consumerFt, coreConsumer, { [] }, { _ in })
  }

  /// run_tests.py — test_sync_ignores_backpressure
  func testSyncIgnoresBackpressure() throws {
    let store = Store()
    let rootInst = ComponentInstance(store)
    let syncOpts = mkOpts(async_: false)
    let calleeInst = ComponentInstance(store, parent: rootInst)
    let asyncFt = FuncType([.u32, .future(nil)], [.u32], async_: true)
    let asyncCallee = store.lift({ args in
      let i = UInt32(try args[0].int()), fut = UInt32(try args[1].int())
      XCTAssertEqual(one(try canonFutureRead(nil, syncOpts, fut, 0xdeadbeef)), CopyResult.completed.rawValue)
      return i32s(42 + i)
    }, asyncFt, syncOpts, calleeInst)
    let syncFt = FuncType([.u32], [.u32])
    let syncCallee = store.lift({ args in i32s(84 + UInt32(try args[0].int())) }, syncFt, syncOpts, calleeInst)

    let callerInst = ComponentInstance(store, parent: rootInst)
    let callerFt = FuncType([], [], async_: true)
    let callerMem = MemInst([UInt8](repeating: 0, count: 24))
    let callerOpts = mkOpts(callerMem, async_: true)
    let coreCaller: CoreFuncInst = { args in
      let (rfut, wfut) = unpackNewEnds(try canonFutureNew(nil))
      let (state, subi) = unpackResult(try store.lower(asyncCallee, asyncFt, callerOpts, callerInst)(i32s(1, rfut, 4)))
      XCTAssertEqual(state, STARTED)
      XCTAssertEqual(one(try store.lower(syncCallee, syncFt, callerOpts, callerInst)(i32s(2, 8))), RETURNED)
      XCTAssertEqual(callerMem[8], 86)
      XCTAssertEqual(one(try canonFutureWrite(nil, syncOpts, wfut, 0xdeadbeef)), CopyResult.completed.rawValue)
      let seti = one(try canonWaitableSetNew())
      _ = try canonWaitableJoin(subi, seti)
      XCTAssertEqual(one(try canonWaitableSetWait(true, callerMem, seti, 12)), EventCode.subtask.rawValue)
      XCTAssertEqual(UInt32(callerMem[12]), subi)
      XCTAssertEqual(UInt32(callerMem[16]), RETURNED)
      _ = try canonSubtaskDrop(subi)
      return []
    }
    try liftAndRun(mkOpts(), callerInst, callerFt, coreCaller, { [] }, { _ in })
  }

  /// run_tests.py — test_async_to_sync
  func testAsyncToSync() throws {
    let store = Store()
    let rootInst = ComponentInstance(store)
    let producerOpts = CanonicalOptions()
    let producerInst = ComponentInstance(store, parent: rootInst)
    let producerFt = FuncType([], [], async_: true)
    let fut = RacyBool(false)
    var producer1Done = false, producer2Done = false
    let producer1 = store.lift({ _ in
      _ = try currentThread().waitUntil(fut.isSet)
      producer1Done = true
      return []
    }, producerFt, producerOpts, producerInst)
    let producer2 = store.lift({ _ in
      XCTAssertTrue(producer1Done)
      producer2Done = true
      return []
    }, producerFt, producerOpts, producerInst)

    let consumerHeap = Heap(20)
    let consumerOpts = mkOpts(consumerHeap.memory, async_: true)
    let consumerInst = ComponentInstance(store, parent: rootInst)
    let consumerFt = FuncType([], [.u8], async_: true)
    let m = consumerHeap.memory
    let consumer: CoreFuncInst = { _ in
      var (state, subi1) = unpackResult(try store.lower(producer1, producerFt, consumerOpts, consumerInst)([]))
      XCTAssertEqual(subi1, 1)
      XCTAssertEqual(state, STARTED)
      let subi2: UInt32
      (state, subi2) = unpackResult(try store.lower(producer2, producerFt, consumerOpts, consumerInst)([]))
      XCTAssertEqual(subi2, 2)
      XCTAssertEqual(state, STARTING)
      let seti = one(try canonWaitableSetNew())
      _ = try canonWaitableJoin(subi1, seti)
      _ = try canonWaitableJoin(subi2, seti)
      fut.set()
      XCTAssertFalse(producer1Done)
      XCTAssertFalse(producer2Done)
      var remain = [subi1, subi2]
      while !remain.isEmpty {
        XCTAssertEqual(one(try canonThreadYield(true)), 0)
        let event = one(try canonWaitableSetPoll(true, m, seti, 8))
        if event == EventCode.none.rawValue { continue }
        XCTAssertEqual(event, EventCode.subtask.rawValue)
        XCTAssertEqual(UInt32(m[12]), RETURNED)
        let subi = UInt32(m[8])
        remain.removeAll { $0 == subi }
        _ = try canonSubtaskDrop(subi)
      }
      XCTAssertTrue(producer1Done)
      XCTAssertTrue(producer2Done)
      _ = try canonWaitableSetDrop(seti)
      _ = try canonTaskReturn([.u8], consumerOpts, i32s(83))
      return []
    }
    var got: [Value]? = nil
    try liftAndRun(consumerOpts, consumerInst, consumerFt, consumer, { [] }, { got = $0 })
    XCTAssertEqual(got, [.u8(83)])
  }

  /// run_tests.py — test_async_backpressure
  func testAsyncBackpressure() throws {
    let store = Store()
    let rootInst = ComponentInstance(store)
    let producerOpts = CanonicalOptions(async_: true)
    let producerInst = ComponentInstance(store, parent: rootInst)
    let producerFt = FuncType([], [], async_: true)
    let fut = RacyBool(false)
    var producer1Done = false, producer2Done = false
    let producer1 = store.lift({ _ in
      _ = try canonBackpressureInc()
      _ = try currentThread().waitUntil(fut.isSet)
      _ = try canonBackpressureDec()
      _ = try canonTaskReturn([], producerOpts, [])
      producer1Done = true
      return []
    }, producerFt, producerOpts, producerInst)
    let producer2 = store.lift({ _ in
      XCTAssertTrue(producer1Done)
      _ = try canonTaskReturn([], producerOpts, [])
      producer2Done = true
      return []
    }, producerFt, producerOpts, producerInst)

    let consumerHeap = Heap(20)
    let consumerOpts = mkOpts(consumerHeap.memory, async_: true)
    let consumerInst = ComponentInstance(store, parent: rootInst)
    let consumerFt = FuncType([], [.u8], async_: true)
    let m = consumerHeap.memory
    let consumer: CoreFuncInst = { _ in
      var (state, subi1) = unpackResult(try store.lower(producer1, producerFt, consumerOpts, consumerInst)([]))
      XCTAssertEqual(subi1, 1)
      XCTAssertEqual(state, STARTED)
      let subi2: UInt32
      (state, subi2) = unpackResult(try store.lower(producer2, producerFt, consumerOpts, consumerInst)([]))
      XCTAssertEqual(subi2, 2)
      XCTAssertEqual(state, STARTING)
      let seti = one(try canonWaitableSetNew())
      _ = try canonWaitableJoin(subi1, seti)
      _ = try canonWaitableJoin(subi2, seti)
      fut.set()
      XCTAssertFalse(producer1Done)
      XCTAssertFalse(producer2Done)
      var remain = [subi1, subi2]
      while !remain.isEmpty {
        XCTAssertEqual(one(try canonWaitableSetWait(true, m, seti, 8)), EventCode.subtask.rawValue)
        XCTAssertEqual(UInt32(m[12]), RETURNED)
        let subi = UInt32(m[8])
        remain.removeAll { $0 == subi }
        _ = try canonSubtaskDrop(subi)
      }
      XCTAssertTrue(producer1Done)
      XCTAssertTrue(producer2Done)
      _ = try canonWaitableSetDrop(seti)
      _ = try canonTaskReturn([.u8], consumerOpts, i32s(84))
      return []
    }
    var got: [Value]? = nil
    try liftAndRun(consumerOpts, consumerInst, consumerFt, consumer, { [] }, { got = $0 })
    XCTAssertEqual(got, [.u8(84)])
  }

  /// run_tests.py — test_sync_using_wait
  func testSyncUsingWait() throws {
    let store = Store()
    let rootInst = ComponentInstance(store)
    let producerOpts = mkOpts(async_: true)
    let producerInst = ComponentInstance(store, parent: rootInst)
    let ft = FuncType([], [], async_: true)
    func pre(_ fut: RacyBool) -> CoreFuncInst {
      return { _ in
        _ = try currentThread().waitUntil(fut.isSet)
        _ = try canonTaskReturn([], producerOpts, [])
        return []
      }
    }
    let fut1 = RacyBool(false), fut2 = RacyBool(false)
    let producer1 = store.lift(pre(fut1), ft, producerOpts, producerInst)
    let producer2 = store.lift(pre(fut2), ft, producerOpts, producerInst)
    let consumerHeap = Heap(20)
    let consumerOpts = mkOpts(consumerHeap.memory, async_: true)
    let consumerInst = ComponentInstance(store, parent: rootInst)
    let m = consumerHeap.memory
    let coreFunc: CoreFuncInst = { _ in
      var (state, subi1) = unpackResult(try store.lower(producer1, ft, consumerOpts, consumerInst)([]))
      XCTAssertEqual(subi1, 1)
      XCTAssertEqual(state, STARTED)
      let subi2: UInt32
      (state, subi2) = unpackResult(try store.lower(producer2, ft, consumerOpts, consumerInst)([]))
      XCTAssertEqual(subi2, 2)
      XCTAssertEqual(state, STARTED)
      let seti = one(try canonWaitableSetNew())
      _ = try canonWaitableJoin(subi1, seti)
      _ = try canonWaitableJoin(subi2, seti)
      fut1.set()
      let retp = one(try consumerHeap.realloc(i32s(0, 0, 8, 4)))
      XCTAssertEqual(one(try canonWaitableSetWait(true, m, seti, UInt64(retp))), EventCode.subtask.rawValue)
      XCTAssertEqual(UInt32(m[retp]), subi1)
      XCTAssertEqual(UInt32(m[retp + 4]), RETURNED)
      fut2.set()
      XCTAssertEqual(one(try canonWaitableSetWait(true, m, seti, UInt64(retp))), EventCode.subtask.rawValue)
      XCTAssertEqual(UInt32(m[retp]), subi2)
      XCTAssertEqual(UInt32(m[retp + 4]), RETURNED)
      _ = try canonSubtaskDrop(subi1)
      _ = try canonSubtaskDrop(subi2)
      _ = try canonWaitableSetDrop(seti)
      return []
    }
    try liftAndRun(mkOpts(), consumerInst, ft, coreFunc, { [] }, { _ in })
  }
}
