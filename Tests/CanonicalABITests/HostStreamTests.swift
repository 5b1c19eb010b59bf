// Counterparts of run_tests.py's stream tests that use host helper threads: test_eager_stream_completion,
// test_async_stream_ops, test_host_partial_reads_writes, test_cancel_copy. The helpers (HostSink's reader,
// add10, consume_results) are component-model host threads scheduled by the store (see startHostThread).
import XCTest
@testable import CanonicalABI

final class HostStreamTests: XCTestCase {
  func bytes(_ xs: UInt8...) -> [Value] { xs.map { .u8($0) } }

  /// run_tests.py — test_eager_stream_completion
  func testEagerStreamCompletion() throws {
    let store = Store()
    let inst = ComponentInstance(store)
    let mem = MemInst([UInt8](repeating: 0, count: 20))
    let opts = mkOpts(mem, async_: true)
    let syncOpts = mkOpts(mem, async_: false)
    let ft = FuncType([.stream(.u8)], [.stream(.u8)])
    let hostFuncInst = mkHostFunc(store, { _, onStart, onResolve, _ in
      let args = try onStart()
      guard case .stream(let s)? = args.first, args.count == 1 else { return XCTFail("not a stream") }
      let incoming = try HostSink(store, s, chunk: 4)
      let outgoing = HostSource(.u8, [], chunk: 4, destroyIfEmpty: false)
      try onResolve([.stream(outgoing)])
      try startHostThread(store) {
        while let vs = try incoming.consume(4), !vs.isEmpty {
          try outgoing.write(vs.map { if case .u8(let x) = $0 { return .u8(x + 10) } else { return $0 } })
        }
        try outgoing.drop()
      }
    }, ft)
    let srcStream = HostSource(.u8, bytes(1, 2, 3, 4, 5, 6, 7, 8), chunk: 4)
    var dstStream: HostSink? = nil
    let s8 = ValType.u8
    let coreFunc: CoreFuncInst = { args in
      XCTAssertEqual(args, i32s(1))
      let rsi1: UInt32 = 1
      let (rsi2, wsi2) = unpackNewEnds(try canonStreamNew(s8))
      _ = try canonTaskReturn([.stream(.u8)], opts, i32s(rsi2))
      var (result, n) = unpackCopy(try canonStreamRead(s8, opts, rsi1, 0, 4))
      XCTAssertEqual([n, result], [4, COMPLETED])
      XCTAssertEqual(Array(mem.bytes[0..<4]), [1, 2, 3, 4])
      let (rsi3, wsi3) = unpackNewEnds(try canonStreamNew(s8))
      let retp: UInt32 = 12
      XCTAssertEqual(one(try store.lower(hostFuncInst, ft, opts, inst)(i32s(rsi3, retp))), RETURNED)
      let rsi4 = UInt32(mem[retp])
      (result, n) = unpackCopy(try canonStreamWrite(s8, opts, wsi3, 0, 4))
      XCTAssertEqual([n, result], [4, COMPLETED])
      (result, n) = unpackCopy(try canonStreamRead(s8, syncOpts, rsi4, 0, 4))
      XCTAssertEqual([n, result], [4, COMPLETED])
      (result, n) = unpackCopy(try canonStreamWrite(s8, opts, wsi2, 0, 4))
      XCTAssertEqual([n, result], [4, COMPLETED])
      (result, n) = unpackCopy(try canonStreamRead(s8, opts, rsi1, 0, 4))
      XCTAssertEqual([n, result], [4, DROPPED])
      XCTAssertEqual(Array(mem.bytes[0..<4]), [5, 6, 7, 8])
      (result, n) = unpackCopy(try canonStreamWrite(s8, syncOpts, wsi3, 0, 4))
      XCTAssertEqual([n, result], [4, COMPLETED])
      (result, n) = unpackCopy(try canonStreamRead(s8, syncOpts, rsi4, 0, 4))
      XCTAssertEqual([n, result], [4, COMPLETED])
      (result, n) = unpackCopy(try canonStreamWrite(s8, syncOpts, wsi2, 0, 4))
      XCTAssertEqual([n, result], [4, COMPLETED])
      _ = try canonStreamDropReadable(s8, rsi1)
      _ = try canonStreamDropReadable(s8, rsi4)
      _ = try canonStreamDropWritable(s8, wsi2)
      _ = try canonStreamDropWritable(s8, wsi3)
      return []
    }
    try liftAndRun(opts, inst, ft, coreFunc, { [.stream(srcStream)] }, { results in
      guard case .stream(let s)? = results?.first else { return XCTFail("no stream") }
      dstStream = try HostSink(store, s, chunk: 4)
    })
    XCTAssertEqual(dstStream?.received, bytes(11, 12, 13, 14, 15, 16, 17, 18))
  }

  /// run_tests.py — test_async_stream_ops
  func testAsyncStreamOps() throws {
    let store = Store()
    let inst = ComponentInstance(store)
    let mem = MemInst([UInt8](repeating: 0, count: 24))
    let opts = mkOpts(mem, async_: true)
    let syncOpts = mkOpts(mem, async_: false)
    var hostImportIncoming: HostSink? = nil
    var hostImportOutgoing: HostSource? = nil
    let ft = FuncType([.stream(.u8)], [.stream(.u8)], async_: true)
    let hostFuncInst = mkHostFunc(store, { _, onStart, onResolve, _ in
      guard case .stream(let s)? = try onStart().first else { return XCTFail("not a stream") }
      let incoming = try HostSink(store, s, chunk: 4, remain: 0)
      let outgoing = HostSource(.u8, [], chunk: 4, destroyIfEmpty: false)
      hostImportIncoming = incoming
      hostImportOutgoing = outgoing
      try onResolve([.stream(outgoing)])
      while true {
        guard let vs = try incoming.consume(4), !vs.isEmpty else { break }
        try outgoing.write(vs.map { if case .u8(let x) = $0 { return .u8(x + 10) } else { return $0 } })
      }
      try outgoing.destroyOnceEmpty()
    }, ft)
    let srcStream = HostSource(.u8, [], chunk: 4, destroyIfEmpty: false)
    var dstStream: HostSink? = nil
    let s8 = ValType.u8
    let coreFunc: CoreFuncInst = { args in
      let rsi1 = one(args)
      XCTAssertEqual(rsi1, 1)
      let (rsi2, wsi2) = unpackNewEnds(try canonStreamNew(s8))
      _ = try canonTaskReturn([.stream(.u8)], opts, i32s(rsi2))
      XCTAssertEqual(one(try canonStreamRead(s8, opts, rsi1, 0, 4)), BLOCKED)
      try srcStream.write(self.bytes(1, 2, 3, 4))
      let retp: UInt32 = 16
      let seti = one(try canonWaitableSetNew())
      _ = try canonWaitableJoin(rsi1, seti)
      XCTAssertEqual(one(try canonWaitableSetWait(true, mem, seti, UInt64(retp))), EventCode.streamRead.rawValue)
      XCTAssertEqual(UInt32(mem[retp]), rsi1)
      var (result, n) = unpackCopy(mem.u32(at: Int(retp) + 4))
      XCTAssertEqual([n, result], [4, COMPLETED])
      XCTAssertEqual(Array(mem.bytes[0..<4]), [1, 2, 3, 4])
      let (rsi3, wsi3) = unpackNewEnds(try canonStreamNew(s8))
      XCTAssertEqual(one(try store.lower(hostFuncInst, ft, opts, inst)(i32s(rsi3, retp))), RETURNED)
      let rsi4 = UInt32(mem[16])
      XCTAssertEqual(rsi4, 4)
      XCTAssertEqual(one(try canonStreamWrite(s8, opts, wsi3, 0, 4)), BLOCKED)
      hostImportIncoming?.setRemain(100)
      _ = try canonWaitableJoin(wsi3, seti)
      XCTAssertEqual(one(try canonWaitableSetWait(true, mem, seti, UInt64(retp))), EventCode.streamWrite.rawValue)
      XCTAssertEqual(UInt32(mem[retp]), wsi3)
      (result, n) = unpackCopy(mem.u32(at: Int(retp) + 4))
      XCTAssertEqual([n, result], [4, COMPLETED])
      (result, n) = unpackCopy(try canonStreamRead(s8, syncOpts, rsi4, 0, 4))
      XCTAssertEqual([n, result], [4, COMPLETED])
      XCTAssertEqual(one(try canonStreamWrite(s8, opts, wsi2, 0, 4)), BLOCKED)
      dstStream?.setRemain(100)
      _ = try canonWaitableJoin(wsi2, seti)
      XCTAssertEqual(one(try canonWaitableSetWait(true, mem, seti, UInt64(retp))), EventCode.streamWrite.rawValue)
      XCTAssertEqual(UInt32(mem[retp]), wsi2)
      (result, n) = unpackCopy(mem.u32(at: Int(retp) + 4))
      XCTAssertEqual([n, result], [4, COMPLETED])
      try srcStream.write(self.bytes(5, 6, 7, 8))
      try srcStream.destroyOnceEmpty()
      (result, n) = unpackCopy(try canonStreamRead(s8, opts, rsi1, 0, 4))
      XCTAssertEqual([n, result], [4, DROPPED])
      _ = try canonStreamDropReadable(s8, rsi1)
      XCTAssertEqual(Array(mem.bytes[0..<4]), [5, 6, 7, 8])
      (result, n) = unpackCopy(try canonStreamWrite(s8, opts, wsi3, 0, 4))
      XCTAssertEqual([n, result], [4, COMPLETED])
      _ = try canonStreamDropWritable(s8, wsi3)
      XCTAssertEqual(one(try canonStreamRead(s8, opts, rsi4, 0, 4)), BLOCKED)
      _ = try canonWaitableJoin(rsi4, seti)
      XCTAssertEqual(one(try canonWaitableSetWait(true, mem, seti, UInt64(retp))), EventCode.streamRead.rawValue)
      XCTAssertEqual(UInt32(mem[retp]), rsi4)
      _ = try canonWaitableJoin(rsi4, 0)
      (result, n) = unpackCopy(mem.u32(at: Int(retp) + 4))
      XCTAssertEqual([n, result], [4, COMPLETED])
      XCTAssertEqual(one(try canonStreamRead(s8, syncOpts, rsi4, 0, 4)), DROPPED)
      _ = try canonStreamDropReadable(s8, rsi4)
      (result, n) = unpackCopy(try canonStreamWrite(s8, opts, wsi2, 0, 4))
      XCTAssertEqual([n, result], [4, COMPLETED])
      _ = try canonStreamDropWritable(s8, wsi2)
      _ = try canonWaitableSetDrop(seti)
      return []
    }
    try liftAndRun(opts, inst, ft, coreFunc, { [.stream(srcStream)] }, { results in
      guard case .stream(let s)? = results?.first else { return XCTFail("no stream") }
      dstStream = try HostSink(store, s, chunk: 4, remain: 0)
    })
    XCTAssertEqual(dstStream?.received, bytes(11, 12, 13, 14, 15, 16, 17, 18))
    XCTAssertNotNil(hostImportOutgoing)
  }

  /// run_tests.py — test_host_partial_reads_writes
  func testHostPartialReadsWrites() throws {
    let store = Store()
    let mem = MemInst([UInt8](repeating: 0, count: 20))
    let opts = mkOpts(mem, async_: true)
    let inst = ComponentInstance(store)
    let src = HostSource(.u8, bytes(1, 2, 3, 4), chunk: 2, destroyIfEmpty: false)
    let sourceFt = FuncType([], [.stream(.u8)])
    let hostSourceFuncInst = mkHostFunc(store, { _, onStart, onResolve, _ in
      XCTAssertEqual(try onStart(), [])
      try onResolve([.stream(src)])
    }, sourceFt)
    var dst: HostSink? = nil
    let sinkFt = FuncType([.stream(.u8)], [])
    let hostSinkFuncInst = mkHostFunc(store, { _, onStart, onResolve, _ in
      guard case .stream(let s)? = try onStart().first else { return XCTFail("not a stream") }
      dst = try HostSink(store, s, chunk: 1, remain: 2)
      try onResolve([])
    }, sinkFt)
    let s8 = ValType.u8
    let coreFunc: CoreFuncInst = { args in
      XCTAssertTrue(args.isEmpty)
      let retp: UInt32 = 4
      XCTAssertEqual(one(try store.lower(hostSourceFuncInst, sourceFt, opts, inst)(i32s(retp))), RETURNED)
      var rsi = UInt32(mem[retp])
      XCTAssertEqual(rsi, 1)
      var (result, n) = unpackCopy(try canonStreamRead(s8, opts, rsi, 0, 4))
      XCTAssertEqual([n, result], [2, COMPLETED])
      XCTAssertEqual(Array(mem.bytes[0..<2]), [1, 2])
      (result, n) = unpackCopy(try canonStreamRead(s8, opts, rsi, 0, 4))
      XCTAssertEqual([n, result], [2, COMPLETED])
      XCTAssertEqual(Array(mem.bytes[0..<2]), [3, 4])
      XCTAssertEqual(one(try canonStreamRead(s8, opts, rsi, 0, 4)), BLOCKED)
      try src.write(self.bytes(5, 6))
      let seti = one(try canonWaitableSetNew())
      _ = try canonWaitableJoin(rsi, seti)
      XCTAssertEqual(one(try canonWaitableSetWait(true, mem, seti, UInt64(retp))), EventCode.streamRead.rawValue)
      XCTAssertEqual(UInt32(mem[retp]), rsi)
      (result, n) = unpackCopy(mem.u32(at: Int(retp) + 4))
      XCTAssertEqual([n, result], [2, COMPLETED])
      _ = try canonStreamDropReadable(s8, rsi)

      let wsi: UInt32
      (rsi, wsi) = unpackNewEnds(try canonStreamNew(s8))
      XCTAssertEqual(rsi, 1)
      XCTAssertEqual(wsi, 3)
      XCTAssertEqual(one(try store.lower(hostSinkFuncInst, sinkFt, opts, inst)(i32s(rsi))), RETURNED)
      mem.bytes.replaceSubrange(0..<6, with: [1, 2, 3, 4, 5, 6])
      (result, n) = unpackCopy(try canonStreamWrite(s8, opts, wsi, 0, 6))
      XCTAssertEqual([n, result], [2, COMPLETED])
      XCTAssertEqual(one(try canonStreamWrite(s8, opts, wsi, 2, 4)), BLOCKED)
      dst?.setRemain(4)
      _ = try canonWaitableJoin(wsi, seti)
      XCTAssertEqual(one(try canonWaitableSetWait(true, mem, seti, UInt64(retp))), EventCode.streamWrite.rawValue)
      XCTAssertEqual(UInt32(mem[retp]), wsi)
      (result, n) = unpackCopy(mem.u32(at: Int(retp) + 4))
      XCTAssertEqual([n, result], [4, COMPLETED])
      XCTAssertEqual(dst?.received, self.bytes(1, 2, 3, 4, 5, 6))
      _ = try canonStreamDropWritable(s8, wsi)
      _ = try canonWaitableSetDrop(seti)
      dst?.setRemain(100)
      XCTAssertNil(try dst?.consume(100))
      return []
    }
    try liftAndRun(mkOpts(), inst, FuncType([], [], async_: true), coreFunc, { [] }, { XCTAssertEqual($0?.count, 0) })
  }

  /// run_tests.py — test_cancel_copy
  func testCancelCopy() throws {
    let store = Store()
    let inst = ComponentInstance(store)
    let mem = MemInst([UInt8](repeating: 0, count: 24))
    let lowerOpts = mkOpts(mem, async_: true)
    let hostFt1 = FuncType([.stream(.u8)], [])
    var hostSink: HostSink? = nil
    let hostFunc1Inst = mkHostFunc(store, { _, onStart, onResolve, _ in
      guard case .stream(let s)? = try onStart().first else { return XCTFail("not a stream") }
      hostSink = try HostSink(store, s, chunk: 2, remain: 0)
      try onResolve([])
    }, hostFt1)
    let hostFt2 = FuncType([], [.stream(.u8)])
    var hostSource: HostSource? = nil
    let hostFunc2Inst = mkHostFunc(store, { _, onStart, onResolve, _ in
      XCTAssertEqual(try onStart(), [])
      let s = HostSource(.u8, [], chunk: 2, destroyIfEmpty: false)
      hostSource = s
      try onResolve([.stream(s)])
    }, hostFt2)
    let s8 = ValType.u8
    let coreFunc: CoreFuncInst = { args in
      XCTAssertTrue(args.isEmpty)
      for (bytes, async_) in [([UInt8]([0x0a, 0x0b, 0x0c, 0x0d]), false), ([1, 2, 3, 4], true)] {
        let (rsi, wsi) = unpackNewEnds(try canonStreamNew(s8))
        XCTAssertEqual(one(try store.lower(hostFunc1Inst, hostFt1, lowerOpts, inst)(i32s(rsi))), RETURNED)
        mem.bytes.replaceSubrange(0..<4, with: bytes)
        XCTAssertEqual(one(try canonStreamWrite(s8, lowerOpts, wsi, 0, 4)), BLOCKED)
        hostSink?.setRemain(2)
        XCTAssertEqual(try hostSink?.consume(2), bytes[0..<2].map { .u8($0) })
        let (result, n) = unpackCopy(try canonStreamCancelWrite(s8, async_, wsi))
        XCTAssertEqual([n, result], [2, COMPLETED])
        _ = try canonStreamDropWritable(s8, wsi)
        hostSink?.setRemain(100)
        XCTAssertNil(try hostSink?.consume(100))
      }

      let retp: UInt32 = 16
      XCTAssertEqual(one(try store.lower(hostFunc2Inst, hostFt2, lowerOpts, inst)(i32s(retp))), RETURNED)
      var rsi = UInt32(mem[retp])
      XCTAssertEqual(one(try canonStreamRead(s8, lowerOpts, rsi, 0, 4)), BLOCKED)
      var (result, n) = unpackCopy(try canonStreamCancelRead(s8, false, rsi))
      XCTAssertEqual([n, result], [0, CANCELLED])
      _ = try canonStreamDropReadable(s8, rsi)

      XCTAssertEqual(one(try store.lower(hostFunc2Inst, hostFt2, lowerOpts, inst)(i32s(retp))), RETURNED)
      rsi = UInt32(mem[retp])
      XCTAssertEqual(one(try canonStreamRead(s8, lowerOpts, rsi, 0, 4)), BLOCKED)
      hostSource?.blockCancel()
      XCTAssertEqual(one(try canonStreamCancelRead(s8, true, rsi)), BLOCKED)
      XCTAssertTraps(try canonStreamCancelRead(s8, true, rsi), "cancel_copy")
      try hostSource?.write([.u8(7), .u8(8)])
      try hostSource?.unblockCancel()
      let seti = one(try canonWaitableSetNew())
      _ = try canonWaitableJoin(rsi, seti)
      XCTAssertEqual(one(try canonWaitableSetWait(true, mem, seti, UInt64(retp))), EventCode.streamRead.rawValue)
      XCTAssertEqual(UInt32(mem[retp]), rsi)
      (result, n) = unpackCopy(mem.u32(at: Int(retp) + 4))
      XCTAssertEqual([n, result], [2, CANCELLED])
      XCTAssertEqual(Array(mem.bytes[0..<2]), [7, 8])
      _ = try canonStreamDropReadable(s8, rsi)
      _ = try canonWaitableSetDrop(seti)
      return []
    }
    try liftAndRun(mkOpts(), inst, FuncType([], [], async_: true), coreFunc, { [] }, { _ in })
  }
}
