// Test support mirroring the helpers at the top of run_tests.py (Heap, mk_opts, mk_cx, lift_and_run, mk_host_func, test).
import XCTest
@testable import CanonicalABI

/// The bump allocator of run_tests.py's `Heap`: its memory is a MemInst shared with the options.
final class Heap {
  let memory: MemInst
  var lastAlloc: UInt64 = 0
  init(_ size: Int, _ addrType: CoreValType = .i32) { memory = MemInst([UInt8](repeating: 0, count: size), addrType) }
  init(bytes: [UInt8], _ addrType: CoreValType = .i32) { memory = MemInst(bytes, addrType) }

  /// run_tests.py — Heap.realloc
  func realloc(_ args: [CoreValue]) throws -> [CoreValue] {
    let a = try args.map { try $0.int() }
    let (originalPtr, originalSize, alignment, newSize) = (a[0], a[1], a[2], a[3])
    if originalPtr != 0 && newSize < originalSize {
      return [ptrValue(alignTo(originalPtr, alignment), memory.addrtype)]
    }
    let ret = alignTo(lastAlloc, alignment)
    lastAlloc = ret + newSize
    if lastAlloc > UInt64(memory.bytes.count) { throw CanonicalABITrap("Heap.realloc", "out of memory") }
    if originalSize > 0 {
      let old = Array(memory.bytes[Int(originalPtr)..<Int(originalPtr + originalSize)])
      memory.bytes.replaceSubrange(Int(ret)..<Int(ret + originalSize), with: old)
    }
    return [ptrValue(ret, memory.addrtype)]
  }
  var reallocFunc: CoreFuncInst { { [unowned self] in try self.realloc($0) } }
}

/// Python evaluates mk_opts's default `MemInst(bytearray())` once: every default shares one memory.
let sharedDefaultMemory = MemInst([])

func mkOpts(_ memory: ABIMemory? = sharedDefaultMemory, _ encoding: StringEncoding = .utf8, realloc: CoreFuncInst? = nil,
            postReturn: CoreFuncInst? = nil, async_: Bool = false, callback: CoreFuncInst? = nil) -> CanonicalOptions {
  CanonicalOptions(stringEncoding: encoding, memory: memory, realloc: realloc, postReturn: postReturn, async_: async_, callback: callback)
}

func mkCx(_ memory: ABIMemory? = sharedDefaultMemory, _ encoding: StringEncoding = .utf8, realloc: CoreFuncInst? = nil,
          store: Store = Store()) -> LiftLowerContext {
  LiftLowerContext(mkOpts(memory, encoding, realloc: realloc), ComponentInstance(store))
}

func liftAndRun(_ opts: CanonicalOptions, _ inst: ComponentInstance, _ ft: FuncType, _ callee: @escaping CoreFuncInst,
                _ onStart: @escaping OnStart, _ onResolve: @escaping OnResolve) throws {
  let funcInst = inst.store.lift(callee, ft, opts, inst)
  _ = try inst.store.invoke(funcInst, onStart, onResolve)
  // Swift differs: stop (and fail) when nothing waiting can ever run, where Python would spin forever.
  while !inst.store.waiting.isEmpty {
    guard inst.store.waiting.contains(where: { $0.ready() }) else {
      XCTFail("deadlock: \(inst.store.waiting.count) threads waiting, none ready")
      return
    }
    try inst.store.tick()
  }
}

typealias HostFunc = (_ caller: ComponentInstance?, _ onStart: OnStart, _ onResolve: OnResolve, _ waitUntil: (@escaping () -> Bool) throws -> Cancelled) throws -> Void

func mkHostFunc(_ store: Store, _ hostFunc: @escaping HostFunc, _ ft: FuncType) -> FuncInst {
  return { onStart, onResolve, caller in
    final class Box { var thread: CanonicalABI.Thread? }
    let box = Box()
    let inst = ComponentInstance(store)
    let task = CanonicalABI.Task(ft, CanonicalOptions(), inst, onStart, onResolve)
    let hostThread = CanonicalABI.Thread(task) {
      let waitUntil: (@escaping () -> Bool) throws -> Cancelled = { rf in
        guard let t = box.thread else { return .false }
        return try t.waitUntil(rf, cancellable: true)
      }
      try hostFunc(caller, onStart, onResolve, waitUntil)
    }
    box.thread = hostThread
    try hostThread.resume()
    return { _ in try hostThread.resume(.true) }
  }
}

func i32s(_ xs: UInt32...) -> [CoreValue] { xs.map { .i32($0) } }
func tup(_ vs: Value...) -> Value { .tuple(vs) }
func rec(_ fs: (String, Value)...) -> Value { .record(fs.map { FieldValue($0.0, $0.1) }) }

/// Asserts that `body` throws a Canonical ABI trap (optionally at `definition`).
func XCTAssertTraps<T>(_ body: @autoclosure () throws -> T, _ definition: String? = nil, file: StaticString = #filePath, line: UInt = #line) {
  do {
    let r = try body()
    XCTFail("expected a trap, got \(r)", file: file, line: line)
  } catch let t as CanonicalABITrap {
    if let definition { XCTAssertEqual(t.definition, definition, "trap site: \(t)", file: file, line: line) }
  } catch {
    XCTFail("expected a trap, got error \(error)", file: file, line: line)
  }
}

/// run_tests.py — def test: lift_flat, then lower_flat into a fresh heap and lift again.
func checkLiftLower(_ t: ValType, _ valsToLift: [CoreValue], _ v: Value?, cx: LiftLowerContext = mkCx(),
                    dstEncoding: StringEncoding? = nil, lowerT: ValType? = nil, lowerV: Value? = nil,
                    file: StaticString = #filePath, line: UInt = #line) {
  let vi = CoreValueIter(valsToLift)
  guard let v else {
    XCTAssertTraps(try liftFlat(cx, vi, t), file: file, line: line)
    return
  }
  do {
    let got = try liftFlat(cx, vi, t)
    XCTAssertEqual(vi.i, vi.values.count, "all flat values consumed", file: file, line: line)
    XCTAssertEqual(got, v, "initial lift_flat of \(t)", file: file, line: line)
    let lowerT = lowerT ?? t
    let lowerV = lowerV ?? v
    let memLen = Int(cx.opts.memory?.byteCount ?? 0)
    let heap = Heap(5 * memLen, cx.ptrType)
    let cx2 = mkCx(heap.memory, dstEncoding ?? cx.opts.stringEncoding, realloc: heap.reallocFunc)
    let lowered = try lowerFlat(cx2, v, lowerT)
    let vi2 = CoreValueIter(lowered)
    let got2 = try liftFlat(cx2, vi2, lowerT)
    XCTAssertTrue(got2.equalModuloStringEncoding(lowerV), "re-lift of \(lowerT): expected \(lowerV), got \(got2)", file: file, line: line)
  } catch {
    XCTFail("\(t): unexpected error \(error)", file: file, line: line)
  }
}

/// run_tests.py — class RacyBool
final class RacyBool {
  var b: Bool
  init(_ b: Bool) { self.b = b }
  func set() { b = true }
  func clear() { b = false }
  func isSet() -> Bool { b }
  func isClear() -> Bool { !b }
}

/// The single i32 of a built-in's result.
func one(_ r: [CoreValue], file: StaticString = #filePath, line: UInt = #line) -> UInt32 {
  guard r.count == 1 else { XCTFail("expected one result, got \(r)", file: file, line: line); return 0xdead_dead }
  switch r[0] {
  case .i32(let x): return x
  case .i64(let x): return UInt32(truncatingIfNeeded: x)
  default: XCTFail("expected an integer, got \(r)", file: file, line: line); return 0xdead_dead
  }
}

/// run_tests.py — def unpack_result
func unpackResult(_ r: [CoreValue], file: StaticString = #filePath, line: UInt = #line) -> (UInt32, UInt32) {
  let ret = one(r, file: file, line: line)
  XCTAssertNotEqual(ret, 0xffff_ffff, file: file, line: line)
  return (ret & 0xf, ret >> 4)
}

/// run_tests.py — def unpack_new_ends
func unpackNewEnds(_ r: [CoreValue]) -> (UInt32, UInt32) {
  guard r.count == 1, case .i64(let p) = r[0] else { XCTFail("expected one i64, got \(r)"); return (0, 0) }
  return (UInt32(truncatingIfNeeded: p), UInt32(truncatingIfNeeded: p >> 32))
}


let STARTING = Subtask.State.starting.rawValue
let STARTED = Subtask.State.started.rawValue
let RETURNED = Subtask.State.returned.rawValue
let CANCELLED_BEFORE_STARTED = Subtask.State.cancelledBeforeStarted.rawValue
let CANCELLED_BEFORE_RETURNED = Subtask.State.cancelledBeforeReturned.rawValue
