// One case per trap site of the CanonicalABI target (`trapIf(...)`/`trap(...)`), each asserting the site
// (definition and condition) that fires. `testEveryTrapSiteIsExercised` compares the sites hit here with the
// sites found in the sources.
import XCTest
@testable import CanonicalABI

final class TrapTests: XCTestCase {
  /// Sites no input can reach (kept honest: the test fails if one of these becomes covered, or another is missing).
  static let unreachable: Set<String> = [
    "Table.add | i > Table.MAX_LENGTH",                        // needs 2^28 live handles
    "canon_lift | unknown callback code",                      // unpack_callback_result already rejects codes > MAX
    "convert_i32_to_char | not a Unicode scalar value",        // Swift's own guard after the spec's two conditions
  ]

  var covered = Set<String>()

  /// Runs `body`, expecting the trap at (definition, condition).
  func expect(_ definition: String, _ condition: String, file: StaticString = #filePath, line: UInt = #line, _ body: () throws -> Void) {
    do {
      try body()
      XCTFail("expected trap \(definition): \(condition), got none", file: file, line: line)
    } catch let t as CanonicalABITrap {
      XCTAssertEqual("\(t.definition) | \(t.condition)", "\(definition) | \(condition)", file: file, line: line)
      covered.insert("\(t.definition) | \(t.condition)")
    } catch {
      XCTFail("expected trap \(definition): \(condition), got \(error)", file: file, line: line)
    }
  }

  /// Runs `body` as the core function of an async-lifted export of a fresh instance; rethrows its trap.
  func inTask(async_: Bool = true, memSize: Int = 64, realloc: Bool = false, _ body: @escaping (_ inst: ComponentInstance, _ mem: MemInst, _ opts: CanonicalOptions) throws -> Void) throws {
    let store = Store()
    let inst = ComponentInstance(store)
    let heap = Heap(memSize)
    let opts = mkOpts(heap.memory, realloc: realloc ? heap.reallocFunc : nil, async_: async_)
    let ft = FuncType([], [], async_: true)
    let funcInst = store.lift({ _ in
      try body(inst, heap.memory, opts)
      if async_ { _ = try canonTaskReturn([], opts, []) }
      return []
    }, ft, opts, inst)
    _ = try store.invoke(funcInst, { [] }, { _ in })
    var spins = 0
    while !store.waiting.isEmpty && store.waiting.contains(where: { $0.ready() }) && spins < 1000 {
      try store.tick()
      spins += 1
    }
  }

  /// A context on a fresh instance with a byte memory and an optional realloc that returns `ptrs` in turn.
  func cx(_ mem: [UInt8] = [UInt8](repeating: 0, count: 64), _ encoding: StringEncoding = .utf8, ptrs: [UInt64]? = nil, borrowScope: AnyObject? = nil) -> LiftLowerContext {
    var queue = ptrs ?? []
    let realloc: CoreFuncInst? = ptrs == nil ? nil : { _ in [.i32(UInt32(queue.isEmpty ? 0 : queue.removeFirst()))] }
    return LiftLowerContext(mkOpts(MemInst(mem), encoding, realloc: realloc), ComponentInstance(Store()), borrowScope)
  }

  func testEveryTrapSiteIsExercised() throws {
    valueTraps()
    stringTraps()
    handleTraps()
    try taskTraps()
    try builtinMayLeaveTraps()
    try builtinTypeTraps()
    try streamTraps()
    try threadTraps()

    // The trap sites in the sources.
    var sites = Set<String>()
    let files = try FileManager.default.contentsOfDirectory(at: canonicalABISourceDirectory, includingPropertiesForKeys: nil)
    let re = try NSRegularExpression(pattern: #"(?:trapIf\([^\n]*?|trap\()"([^"]+)", "([^"]+)"\)"#)
    for f in files where f.pathExtension == "swift" {
      let text = try String(contentsOf: f, encoding: .utf8)
      for m in re.matches(in: text, range: NSRange(text.startIndex..., in: text)) {
        if let a = Range(m.range(at: 1), in: text), let b = Range(m.range(at: 2), in: text) {
          sites.insert("\(text[a]) | \(text[b])")
        }
      }
    }
    XCTAssertGreaterThan(sites.count, 140)
    let missing = sites.subtracting(covered).subtracting(Self.unreachable)
    XCTAssertEqual(missing.sorted(), [], "trap sites with no test")
    XCTAssertEqual(Self.unreachable.intersection(covered).sorted(), [], "listed as unreachable but covered")
    XCTAssertEqual(covered.subtracting(sites).sorted(), [], "covered sites not found in the sources")
  }

  // MARK: loading, flat lifting, lifting and lowering values

  func valueTraps() {
    expect("convert_i32_to_char", "i >= 0x110000") { _ = try liftFlat(cx(), CoreValueIter(i32s(0x110000)), .char) }
    expect("convert_i32_to_char", "0xD800 <= i <= 0xDFFF") { _ = try liftFlat(cx(), CoreValueIter(i32s(0xD800)), .char) }
    let v = ValType.variant([CaseType("a", nil), CaseType("b", .u8)])
    expect("lift_flat_variant", "case_index >= len(cases)") { _ = try liftFlat(cx(), CoreValueIter(i32s(2, 0)), v) }
    expect("load_variant", "case_index >= len(cases)") { _ = try load(cx([2, 0]), 0, v) }
    expect("load_list_from_range", "length * elem_size(elem_type) > MAX_LIST_BYTE_LENGTH") {
      _ = try liftFlat(cx(), CoreValueIter(i32s(0, 1 << 27)), .list(.u16))
    }
    expect("load_list_from_range", "ptr != align_to(ptr, alignment(elem_type))") { _ = try liftFlat(cx(), CoreValueIter(i32s(1, 1)), .list(.u16)) }
    expect("load_list_from_range", "ptr + length * elem_size(elem_type) > len(cx.opts.memory)") {
      _ = try liftFlat(cx(), CoreValueIter(i32s(0, 33)), .list(.u16))
    }
    expect("load_string_from_range", "byte_length > MAX_STRING_BYTE_LENGTH") { _ = try liftFlat(cx(), CoreValueIter(i32s(0, 1 << 28)), .string) }
    expect("load_string_from_range", "ptr != align_to(ptr, alignment)") { _ = try liftFlat(cx([UInt8](repeating: 0, count: 8), .utf16), CoreValueIter(i32s(1, 1)), .string) }
    expect("load_string_from_range", "ptr + byte_length > len(cx.opts.memory)") { _ = try liftFlat(cx(), CoreValueIter(i32s(60, 5)), .string) }
    expect("load_string_from_range", "UnicodeError in decode") { _ = try liftFlat(cx([0xff, 0xfe]), CoreValueIter(i32s(0, 2)), .string) }
    let tt = [ValType](repeating: .u32, count: 2)
    expect("lift_flat_values", "ptr != align_to(ptr, alignment(tuple_type))") { _ = try liftFlatValues(cx(), 1, CoreValueIter(i32s(2)), tt) }
    expect("lift_flat_values", "ptr + elem_size(tuple_type) > len(cx.opts.memory)") { _ = try liftFlatValues(cx(), 1, CoreValueIter(i32s(60)), tt) }
    expect("lower_flat_values", "ptr != align_to(ptr, alignment(tuple_type))") {
      _ = try lowerFlatValues(cx(), 1, [.u32(1), .u32(2)], tt, CoreValueIter(i32s(2)))
    }
    expect("lower_flat_values", "ptr + elem_size(tuple_type) > len(cx.opts.memory)") {
      _ = try lowerFlatValues(cx(), 1, [.u32(1), .u32(2)], tt, CoreValueIter(i32s(60)))
    }
    expect("store_list_into_range", "ptr != align_to(ptr, alignment(elem_type))") { _ = try lowerFlat(cx(ptrs: [2]), .list([.u32(1)]), .list(.u32)) }
    expect("store_list_into_range", "ptr + byte_length > len(cx.opts.memory)") { _ = try lowerFlat(cx(ptrs: [64]), .list([.u32(1)]), .list(.u32)) }
  }

  // MARK: storing strings: every transcoding's pointer checks

  func stringTraps() {
    func lower(_ s: ABIString, _ dst: StringEncoding, _ ptrs: [UInt64]) throws { _ = try lowerFlat(cx([UInt8](repeating: 0, count: 64), dst, ptrs: ptrs), .string(s), .string) }
    let ascii = ABIString(utf8: "hi")
    let utf16Src = ABIString("h\u{e9}", .utf16, 2)
    let utf8Wide = ABIString(utf8: "\u{e9}a")           // 3 UTF-8 units, latin1-able
    let utf8Big = ABIString(utf8: "\u{100}a")           // needs UTF-16
    let tag = utf16Tag(.i32)
    let probably = ABIString("ab", .latin1Utf16, 2 | tag)  // tagged UTF-16 that fits Latin-1
    let S = "store_string_copy", U8 = "store_string_to_utf8", U16 = "store_utf8_to_utf16"
    let L = "store_string_to_latin1_or_utf16", P = "store_probably_utf16_to_latin1_or_utf16"
    expect(S, "ptr != align_to(ptr, dst_alignment)") { try lower(ABIString("hi", .utf16, 2), .utf16, [1]) }
    expect(S, "ptr + dst_byte_length > len(cx.opts.memory)") { try lower(ascii, .utf8, [63]) }
    expect(U8, "ptr + src_code_units > len(cx.opts.memory)") { try lower(utf16Src, .utf8, [63]) }
    expect(U8, "ptr + worst_case_size > len(cx.opts.memory)") { try lower(utf16Src, .utf8, [0, 62]) }
    expect(U8, "ptr + len(encoded) > len(cx.opts.memory)") { try lower(utf16Src, .utf8, [0, 0, 63]) }
    expect(U16, "ptr != align_to(ptr, 2)") { try lower(utf8Wide, .utf16, [1]) }
    expect(U16, "ptr + worst_case_size > len(cx.opts.memory)") { try lower(utf8Wide, .utf16, [62]) }
    expect(U16, "ptr != align_to(ptr, 2) after shrink") { try lower(utf8Wide, .utf16, [0, 1]) }
    expect(U16, "ptr + len(encoded) > len(cx.opts.memory)") { try lower(utf8Wide, .utf16, [0, 62]) }
    expect(L, "ptr != align_to(ptr, 2)") { try lower(utf8Wide, .latin1Utf16, [1]) }
    expect(L, "ptr + src_code_units > len(cx.opts.memory)") { try lower(utf8Wide, .latin1Utf16, [62]) }
    expect(L, "ptr != align_to(ptr, 2) after latin1 shrink") { try lower(utf8Wide, .latin1Utf16, [0, 1]) }
    expect(L, "ptr + dst_byte_length > len(cx.opts.memory)") { try lower(utf8Wide, .latin1Utf16, [0, 64]) }
    expect(L, "ptr != align_to(ptr, 2) after inflate") { try lower(utf8Big, .latin1Utf16, [0, 1]) }
    expect(L, "ptr + worst_case_size > len(cx.opts.memory)") { try lower(utf8Big, .latin1Utf16, [0, 62]) }
    expect(L, "ptr != align_to(ptr, 2) after shrink") { try lower(utf8Big, .latin1Utf16, [0, 0, 1]) }
    expect(L, "ptr + len(encoded) > len(cx.opts.memory)") { try lower(utf8Big, .latin1Utf16, [0, 0, 62]) }
    expect(P, "ptr != align_to(ptr, 2)") { try lower(probably, .latin1Utf16, [1]) }
    expect(P, "ptr + src_byte_length > len(cx.opts.memory)") { try lower(probably, .latin1Utf16, [62]) }
    expect(P, "ptr + latin1_size > len(cx.opts.memory)") { try lower(probably, .latin1Utf16, [0, 63]) }
  }

  // MARK: handles: table, resources, error contexts, stream/future lifting

  func handleTraps() {
    let c = cx()
    let rt = ResourceType(c.inst), rt2 = ResourceType(c.inst)
    expect("Table.get", "i >= len(self.array)") { _ = try c.inst.handles.get(99) }
    expect("Table.get", "self.array[i] is None") { _ = try c.inst.handles.get(0) }
    func add(_ x: AnyObject) -> UInt32 { (try? c.inst.handles.add(x)) ?? 0 }
    expect("lift_own", "not isinstance(h, ResourceHandle)") { _ = try liftOwn(c, add(WaitableSet()), rt) }
    expect("lift_own", "h.rt is not t.rt") { _ = try liftOwn(c, add(ResourceHandle(rt2, 1, own: true)), rt) }
    let lent = ResourceHandle(rt, 1, own: true)
    lent.numLends = 1
    expect("lift_own", "h.num_lends != 0") { _ = try liftOwn(c, add(lent), rt) }
    expect("lift_own", "not h.own") { _ = try liftOwn(c, add(ResourceHandle(rt, 1, own: false)), rt) }
    let sc = LiftLowerContext(c.opts, c.inst, Subtask())
    expect("lift_borrow", "not isinstance(h, ResourceHandle)") { _ = try liftBorrow(sc, add(WaitableSet()), rt) }
    expect("lift_borrow", "h.rt is not t.rt") { _ = try liftBorrow(sc, add(ResourceHandle(rt2, 1, own: true)), rt) }
    expect("lift_error_context", "not isinstance(errctx, ErrorContext)") { _ = try liftFlat(c, CoreValueIter(i32s(add(WaitableSet()))), .errorContext) }
    let shared = SharedStreamImpl(.u8)
    expect("lift_async_value", "not isinstance(e, ReadableEndT)") { _ = try liftFlat(c, CoreValueIter(i32s(add(WritableStreamEnd(shared)))), .stream(.u8)) }
    expect("lift_async_value", "e.shared.t != t") { _ = try liftFlat(c, CoreValueIter(i32s(add(ReadableStreamEnd(shared)))), .stream(.u16)) }
    let copying = ReadableStreamEnd(shared)
    copying.state = .copying
    expect("lift_async_value", "e.state != CopyState.IDLE") { _ = try liftFlat(c, CoreValueIter(i32s(add(copying))), .stream(.u8)) }
    let joined = ReadableFutureEnd(SharedFutureImpl(nil))
    joined.join(WaitableSet())
    expect("lift_async_value", "e.in_waitable_set()") { _ = try liftFlat(c, CoreValueIter(i32s(add(joined))), .future(nil)) }
  }

  // MARK: tasks, canon lift, canon lower

  func taskTraps() throws {
    let store = Store()
    let inst = ComponentInstance(store)
    // Store.lift: the instance may not be entered.
    expect("Store.lift", "not inst.may_enter_from(caller)") {
      inst.mayEnter = false
      defer { inst.mayEnter = true }
      _ = try store.invoke(store.lift({ _ in [] }, FuncType([], []), mkOpts(), inst), { [] }, { _ in })
    }
    expect("call_and_trap_on_throw", "CoreWebAssemblyException") {
      try liftAndRun(mkOpts(), ComponentInstance(Store()), FuncType([], []), { _ in throw CoreWebAssemblyException() }, { [] }, { _ in })
    }
    expect("canon_lift", "not candidates") {
      try liftAndRun(mkOpts(), ComponentInstance(Store()), FuncType([], []), { _ in
        _ = try currentThread().waitUntil({ false })
        return []
      }, { [] }, { _ in })
    }
    expect("unpack_callback_result", "code > CallbackCode.MAX") {
      try liftAndRun(mkOpts(async_: true, callback: { _ in [] }), ComponentInstance(Store()), FuncType([], [], async_: true), { _ in i32s(3) }, { [] }, { _ in })
    }
    expect("canon_lift", "not isinstance(wset, WaitableSet)") {
      try liftAndRun(mkOpts(async_: true, callback: { _ in [] }), ComponentInstance(Store()), FuncType([], [], async_: true), { _ in
        let (r, _) = unpackNewEnds(try canonFutureNew(nil))
        return i32s(CallbackCode.wait.rawValue | (r << 4))
      }, { [] }, { _ in })
    }
    expect("Task.unregister_thread", "state != RESOLVED") {
      try liftAndRun(mkOpts(async_: true), ComponentInstance(Store()), FuncType([], [], async_: true), { _ in [] }, { [] }, { _ in })
    }
    expect("Task.return_", "state == RESOLVED") {
      try inTask { _, _, opts in _ = try canonTaskReturn([], opts, []) }
    }
    expect("Task.cancel", "state != CANCEL_DELIVERED") { try inTask { _, _, _ in _ = try canonTaskCancel() } }
    // A borrow still held when the task returns or cancels.
    expect("Task.return_", "num_borrows > 0") {
      let s = Store()
      let rt = ResourceType(ComponentInstance(s))
      try liftAndRun(mkOpts(), ComponentInstance(s), FuncType([.borrow(rt)], []), { _ in [] }, { [.handle(5)] }, { _ in })
    }
    expect("Task.cancel", "num_borrows > 0") {
      let s = Store()
      let rt = ResourceType(ComponentInstance(s))
      let i = ComponentInstance(s)
      let opts = mkOpts(MemInst([UInt8](repeating: 0, count: 16)), async_: true)
      let f = s.lift({ _ in
        let seti = one(try canonWaitableSetNew())
        XCTAssertEqual(one(try canonWaitableSetWait(true, try XCTUnwrap(opts.memory), seti, 0)), EventCode.taskCancelled.rawValue)
        _ = try canonTaskCancel()
        return []
      }, FuncType([.borrow(rt)], [], async_: true), opts, i)
      let onCancel = try s.invoke(f, { [.handle(5)] }, { _ in })
      try onCancel(nil)
    }
    expect("canon_lower", "not thread.task.inst.may_leave") {
      try inTask { inst, _, opts in
        inst.mayLeave = false
        _ = try canonLower({ _, _, _ in { _ in } }, FuncType([], []), opts, [])
      }
    }
    expect("Subtask.drop", "not self.resolve_delivered()") {
      try inTask { inst, _, opts in
        let callee = inst.store.lift({ _ in _ = try currentThread().waitUntil({ false }); return [] }, FuncType([], [], async_: true), mkOpts(async_: true), ComponentInstance(inst.store))
        let (_, subi) = unpackResult(try inst.store.lower(callee, FuncType([], [], async_: true), opts, inst)([]))
        _ = try canonSubtaskDrop(subi)
      }
    }
  }

  // MARK: every built-in's `not may_leave`

  func builtinMayLeaveTraps() throws {
    let cases: [(String, String, (ComponentInstance, MemInst, CanonicalOptions) throws -> Void)] = [
      ("canon_resource_new", "not inst.may_leave", { i, _, _ in _ = try canonResourceNew(ResourceType(i), 1) }),
      ("canon_resource_drop", "not inst.may_leave", { i, _, _ in _ = try canonResourceDrop(ResourceType(i), 1) }),
      ("canon_task_return", "not task.inst.may_leave", { _, _, o in _ = try canonTaskReturn([], o, []) }),
      ("canon_task_cancel", "not task.inst.may_leave", { _, _, _ in _ = try canonTaskCancel() }),
      ("canon_waitable_set_new", "not inst.may_leave", { _, _, _ in _ = try canonWaitableSetNew() }),
      ("canon_waitable_set_wait", "not inst.may_leave", { _, m, _ in _ = try canonWaitableSetWait(false, m, 1, 0) }),
      ("canon_waitable_set_poll", "not inst.may_leave", { _, m, _ in _ = try canonWaitableSetPoll(false, m, 1, 0) }),
      ("canon_waitable_set_drop", "not inst.may_leave", { _, _, _ in _ = try canonWaitableSetDrop(1) }),
      ("canon_waitable_join", "not inst.may_leave", { _, _, _ in _ = try canonWaitableJoin(1, 0) }),
      ("canon_subtask_cancel", "not thread.task.inst.may_leave", { _, _, _ in _ = try canonSubtaskCancel(false, 1) }),
      ("canon_subtask_drop", "not inst.may_leave", { _, _, _ in _ = try canonSubtaskDrop(1) }),
      ("canon_stream_new", "not inst.may_leave", { _, _, _ in _ = try canonStreamNew(.u8) }),
      ("canon_future_new", "not inst.may_leave", { _, _, _ in _ = try canonFutureNew(.u8) }),
      ("stream_copy", "not thread.task.inst.may_leave", { _, _, o in _ = try canonStreamRead(.u8, o, 1, 0, 1) }),
      ("future_copy", "not thread.task.inst.may_leave", { _, _, o in _ = try canonFutureRead(.u8, o, 1, 0) }),
      ("cancel_copy", "not thread.task.inst.may_leave", { _, _, _ in _ = try canonStreamCancelRead(.u8, false, 1) }),
      ("drop", "not inst.may_leave", { _, _, _ in _ = try canonStreamDropReadable(.u8, 1) }),
      ("canon_thread_index", "not thread.task.inst.may_leave", { _, _, _ in _ = try canonThreadIndex() }),
      ("canon_thread_new_indirect", "not task.inst.may_leave", { _, _, _ in _ = try canonThreadNewIndirect(CoreFuncType([.i32], []), Table(), 1, .i32(0)) }),
      ("canon_thread_resume_later", "not inst.may_leave", { _, _, _ in _ = try canonThreadResumeLater(1) }),
      ("canon_thread_suspend", "not thread.task.inst.may_leave", { _, _, _ in _ = try canonThreadSuspend(false) }),
      ("canon_thread_yield", "not thread.task.inst.may_leave", { _, _, _ in _ = try canonThreadYield(false) }),
      ("canon_thread_suspend_then_resume", "not thread.task.inst.may_leave", { _, _, _ in _ = try canonThreadSuspendThenResume(false, 1) }),
      ("canon_thread_yield_then_resume", "not thread.task.inst.may_leave", { _, _, _ in _ = try canonThreadYieldThenResume(false, 1) }),
      ("canon_thread_suspend_then_promote", "not thread.task.inst.may_leave", { _, _, _ in _ = try canonThreadSuspendThenPromote(false, 1) }),
      ("canon_thread_yield_then_promote", "not thread.task.inst.may_leave", { _, _, _ in _ = try canonThreadYieldThenPromote(false, 1) }),
      ("canon_error_context_new", "not inst.may_leave", { _, _, o in _ = try canonErrorContextNew(o, 0, 0) }),
      ("canon_error_context_debug_message", "not inst.may_leave", { _, _, o in _ = try canonErrorContextDebugMessage(o, 1, 0) }),
      ("canon_error_context_drop", "not inst.may_leave", { _, _, _ in _ = try canonErrorContextDrop(1) }),
    ]
    for (d, c, body) in cases {
      expect(d, c) { try inTask { inst, mem, opts in inst.mayLeave = false; try body(inst, mem, opts) } }
    }
  }

  // MARK: built-ins given the wrong kind or type of handle

  func builtinTypeTraps() throws {
    func wset() throws -> UInt32 { one(try canonWaitableSetNew()) }
    func ends(_ t: ValType? = .u8) throws -> (UInt32, UInt32) { unpackNewEnds(try canonStreamNew(t)) }
    expect("canon_resource_drop", "not isinstance(h, ResourceHandle)") { try inTask { i, _, _ in _ = try canonResourceDrop(ResourceType(i), try wset()) } }
    expect("canon_resource_drop", "h.rt is not rt") {
      try inTask { i, _, _ in
        let h = one(try canonResourceNew(ResourceType(i), 1))
        _ = try canonResourceDrop(ResourceType(i), h)
      }
    }
    expect("canon_resource_rep", "not isinstance(h, ResourceHandle)") { try inTask { i, _, _ in _ = try canonResourceRep(ResourceType(i), try wset()) } }
    expect("canon_resource_rep", "h.rt is not rt") {
      try inTask { i, _, _ in _ = try canonResourceRep(ResourceType(i), one(try canonResourceNew(ResourceType(i), 1))) }
    }
    expect("canon_resource_drop", "h.num_lends != 0") {
      try inTask { inst, _, opts in
        let rt = ResourceType(inst)
        let h = one(try canonResourceNew(rt, 7))
        let ft = FuncType([.borrow(rt)], [], async_: true)
        let callee = inst.store.lift({ _ in _ = try currentThread().waitUntil({ false }); return [] }, ft, mkOpts(async_: true), ComponentInstance(inst.store))
        _ = try inst.store.lower(callee, ft, opts, inst)(i32s(h))
        _ = try canonResourceDrop(rt, h)
      }
    }
    expect("canon_task_cancel", "not task.opts.async_") { try inTask(async_: false) { _, _, _ in _ = try canonTaskCancel() } }
    expect("canon_task_return", "not task.opts.async_") { try inTask(async_: false) { _, _, o in _ = try canonTaskReturn([], o, []) } }
    expect("canon_task_return", "result_type != task.ft.result") { try inTask { _, _, o in _ = try canonTaskReturn([.u8], o, i32s(1)) } }
    expect("canon_task_return", "not LiftOptions.equal(opts, task.opts)") { try inTask { _, _, _ in _ = try canonTaskReturn([], mkOpts(MemInst([])), []) } }
    expect("canon_waitable_set_wait", "not isinstance(wset, WaitableSet)") { try inTask { _, m, _ in _ = try canonWaitableSetWait(false, m, try ends().0, 0) } }
    expect("canon_waitable_set_poll", "not isinstance(wset, WaitableSet)") { try inTask { _, m, _ in _ = try canonWaitableSetPoll(false, m, try ends().0, 0) } }
    expect("unpack_event", "ptr out of bounds (store asserts)") { try inTask { _, m, _ in _ = try canonWaitableSetPoll(false, m, try wset(), 62) } }
    expect("canon_waitable_set_drop", "not isinstance(wset, WaitableSet)") { try inTask { _, _, _ in _ = try canonWaitableSetDrop(try ends().0) } }
    expect("WaitableSet.drop", "len(self.elems) > 0") {
      try inTask { _, _, _ in
        let s = try wset()
        _ = try canonWaitableJoin(try ends().0, s)
        _ = try canonWaitableSetDrop(s)
      }
    }
    expect("canon_waitable_join", "not isinstance(w, Waitable)") { try inTask { _, _, _ in _ = try canonWaitableJoin(try wset(), 0) } }
    expect("canon_waitable_join", "not isinstance(wset, WaitableSet)") { try inTask { _, _, _ in let (r, w) = try ends(); _ = try canonWaitableJoin(r, w) } }
    expect("canon_subtask_cancel", "not isinstance(subtask, Subtask)") { try inTask { _, _, _ in _ = try canonSubtaskCancel(false, try wset()) } }
    expect("canon_subtask_drop", "not isinstance(s, Subtask)") { try inTask { _, _, _ in _ = try canonSubtaskDrop(try wset()) } }
    func blockingSubtask(_ inst: ComponentInstance, _ opts: CanonicalOptions, returnsFirst: Bool = false) throws -> UInt32 {
      let go = RacyBool(false)
      let o = mkOpts(async_: true)
      let callee = inst.store.lift({ _ in
        _ = try currentThread().waitUntil(go.isSet)
        _ = try canonTaskReturn([], o, [])
        return []
      }, FuncType([], [], async_: true), o, ComponentInstance(inst.store))
      let (_, subi) = unpackResult(try inst.store.lower(callee, FuncType([], [], async_: true), opts, inst)([]))
      if returnsFirst {
        go.set()
        let s = one(try canonWaitableSetNew())
        _ = try canonWaitableJoin(subi, s)
        _ = try canonWaitableSetWait(false, try XCTUnwrap(opts.memory), s, 0)
        _ = try canonWaitableJoin(subi, 0)
      }
      return subi
    }
    expect("canon_subtask_cancel", "subtask.resolve_delivered()") {
      try inTask { i, _, o in _ = try canonSubtaskCancel(false, try blockingSubtask(i, o, returnsFirst: true)) }
    }
    expect("canon_subtask_cancel", "subtask.cancellation_requested") {
      try inTask { i, _, o in
        let subi = try blockingSubtask(i, o)
        XCTAssertEqual(one(try canonSubtaskCancel(true, subi)), BLOCKED)
        _ = try canonSubtaskCancel(true, subi)
      }
    }
    expect("canon_subtask_cancel", "subtask.in_waitable_set() and not async_") {
      try inTask { i, _, o in
        let subi = try blockingSubtask(i, o)
        _ = try canonWaitableJoin(subi, try wset())
        _ = try canonSubtaskCancel(false, subi)
      }
    }
    expect("canon_error_context_debug_message", "not isinstance(errctx, ErrorContext)") { try inTask { _, _, o in _ = try canonErrorContextDebugMessage(o, try wset(), 0) } }
    expect("canon_error_context_drop", "not isinstance(errctx, ErrorContext)") { try inTask { _, _, _ in _ = try canonErrorContextDrop(try wset()) } }
    expect("canon_backpressure_inc", "inst.backpressure == 2**16") { try inTask { i, _, _ in i.backpressure = (1 << 16) - 1; _ = try canonBackpressureInc() } }
    expect("canon_backpressure_dec", "inst.backpressure < 0") { try inTask { _, _, _ in _ = try canonBackpressureDec() } }
  }

  // MARK: streams and futures

  func streamTraps() throws {
    func ends(_ t: ValType? = .u8) throws -> (UInt32, UInt32) { unpackNewEnds(try canonStreamNew(t)) }
    func fends(_ t: ValType? = .u8) throws -> (UInt32, UInt32) { unpackNewEnds(try canonFutureNew(t)) }
    expect("stream_copy", "not isinstance(e, EndT)") { try inTask { _, _, o in _ = try canonStreamRead(.u8, o, try ends().1, 0, 1) } }
    expect("stream_copy", "e.shared.t != stream_t.t") { try inTask { _, _, o in _ = try canonStreamRead(.u16, o, try ends().0, 0, 1) } }
    expect("stream_copy", "e.state != CopyState.IDLE") {
      try inTask { _, _, o in
        let r = try ends().0
        _ = try canonStreamRead(.u8, o, r, 0, 1)
        _ = try canonStreamRead(.u8, o, r, 0, 1)
      }
    }
    expect("stream_copy", "e.in_waitable_set() and not opts.async_") {
      try inTask { _, m, _ in
        let r = try ends().0
        _ = try canonWaitableJoin(r, one(try canonWaitableSetNew()))
        _ = try canonStreamRead(.u8, mkOpts(m), r, 0, 1)
      }
    }
    expect("BufferGuestImpl.__init__", "length > Buffer.MAX_LENGTH") { try inTask { _, _, o in _ = try canonStreamRead(.u8, o, try ends().0, 0, 1 << 28) } }
    expect("BufferGuestImpl.__init__", "ptr != align_to(ptr, alignment(t, ptr_type))") {
      try inTask { _, _, o in _ = try canonStreamRead(.u32, o, try ends(.u32).0, 1, 1) }
    }
    expect("BufferGuestImpl.__init__", "ptr + length * elem_size(t) > len(memory)") { try inTask { _, _, o in _ = try canonStreamRead(.u8, o, try ends().0, 0, 65) } }
    expect("future_copy", "not isinstance(e, EndT)") { try inTask { _, _, o in _ = try canonFutureRead(.u8, o, try fends().1, 0) } }
    expect("future_copy", "e.shared.t != future_t.t") { try inTask { _, _, o in _ = try canonFutureRead(.u16, o, try fends().0, 0) } }
    expect("future_copy", "e.state != CopyState.IDLE") {
      try inTask { _, _, o in
        let r = try fends().0
        _ = try canonFutureRead(.u8, o, r, 0)
        _ = try canonFutureRead(.u8, o, r, 0)
      }
    }
    expect("future_copy", "e.in_waitable_set() and not opts.async_") {
      try inTask { _, m, _ in
        let r = try fends().0
        _ = try canonWaitableJoin(r, one(try canonWaitableSetNew()))
        _ = try canonFutureRead(.u8, mkOpts(m), r, 0)
      }
    }
    expect("cancel_copy", "not isinstance(e, EndT)") { try inTask { _, _, _ in _ = try canonStreamCancelRead(.u8, false, try ends().1) } }
    expect("cancel_copy", "e.shared.t != stream_or_future_t.t") { try inTask { _, _, _ in _ = try canonStreamCancelRead(.u16, false, try ends().0) } }
    expect("cancel_copy", "e.state != CopyState.COPYING or e.has_sync_waiter") { try inTask { _, _, _ in _ = try canonFutureCancelWrite(.u8, false, try fends().1) } }
    expect("cancel_copy", "e.in_waitable_set() and not async_") {
      try inTask { _, _, o in
        let r = try ends().0
        _ = try canonStreamRead(.u8, o, r, 0, 1)
        _ = try canonWaitableJoin(r, one(try canonWaitableSetNew()))
        _ = try canonStreamCancelRead(.u8, false, r)
      }
    }
    expect("drop", "not isinstance(e, EndT)") { try inTask { _, _, _ in _ = try canonStreamDropReadable(.u8, try ends().1) } }
    expect("drop", "e.shared.t != stream_or_future_t.t") { try inTask { _, _, _ in _ = try canonFutureDropReadable(.u16, try fends().0) } }
    expect("CopyEnd.drop", "self.copying()") {
      try inTask { _, _, o in
        let r = try ends().0
        _ = try canonStreamRead(.u8, o, r, 0, 1)
        _ = try canonStreamDropReadable(.u8, r)
      }
    }
    expect("WritableFutureEnd.drop", "self.state != CopyState.DONE") { try inTask { _, _, _ in _ = try canonFutureDropWritable(.u8, try fends().1) } }
    expect("SharedStreamImpl.read", "inst is self.pending_inst and not none_or_number_type(self.t)") {
      try inTask { _, _, o in
        let (r, w) = try ends(.string)
        XCTAssertEqual(one(try canonStreamWrite(.string, o, w, 0, 1)), BLOCKED)
        _ = try canonStreamRead(.string, o, r, 8, 1)
      }
    }
    expect("SharedFutureImpl.write", "inst is self.pending_inst and not none_or_number_type(self.t)") {
      try inTask { _, _, o in
        let (r, w) = try fends(.string)
        XCTAssertEqual(one(try canonFutureRead(.string, o, r, 0)), BLOCKED)
        _ = try canonFutureWrite(.string, o, w, 8)
      }
    }
    expect("SharedStreamImpl.write", "inst is self.pending_inst and not none_or_number_type(self.t)") {
      try inTask { _, _, o in
        let (r, w) = try ends(.string)
        XCTAssertEqual(one(try canonStreamRead(.string, o, r, 0, 1)), BLOCKED)
        _ = try canonStreamWrite(.string, o, w, 8, 1)
      }
    }
    expect("SharedFutureImpl.read", "inst is self.pending_inst and not none_or_number_type(self.t)") {
      try inTask { _, _, o in
        let (r, w) = try fends(.string)
        XCTAssertEqual(one(try canonFutureWrite(.string, o, w, 0)), BLOCKED)
        _ = try canonFutureRead(.string, o, r, 8)
      }
    }
  }

  // MARK: threads

  func threadTraps() throws {
    let ft = CoreFuncType([.i32], [])
    func spawn(_ ftbl: Table<CoreFuncRef>, _ body: @escaping CoreFuncInst) throws -> UInt32 {
      let fi = try ftbl.add(CoreFuncRef(ft, body))
      return one(try canonThreadNewIndirect(ft, ftbl, fi, .i32(0)))
    }
    expect("canon_thread_new_indirect", "f.t != ft") {
      try inTask { _, _, _ in
        let ftbl = Table<CoreFuncRef>()
        let fi = try ftbl.add(CoreFuncRef(CoreFuncType([.i64], []), { _ in [] }))
        _ = try canonThreadNewIndirect(ft, ftbl, fi, .i32(0))
      }
    }
    let main = "not other_thread.suspended()"
    expect("canon_thread_resume_later", main) { try inTask { _, _, _ in _ = try canonThreadResumeLater(one(try canonThreadIndex())) } }
    expect("canon_thread_suspend_then_resume", main) { try inTask { _, _, _ in _ = try canonThreadSuspendThenResume(false, one(try canonThreadIndex())) } }
    expect("canon_thread_yield_then_resume", main) { try inTask { _, _, _ in _ = try canonThreadYieldThenResume(false, one(try canonThreadIndex())) } }
    expect("canon_waitable_join", "w.has_sync_waiter") {
      try inTask { _, _, o in
        let (r, _) = unpackNewEnds(try canonStreamNew(.u8))
        let syncOpts = mkOpts(o.memory)
        let t = try spawn(Table()) { _ in _ = try canonStreamRead(.u8, syncOpts, r, 0, 1); return [] }
        _ = try canonThreadYieldThenResume(false, t)
        _ = try canonWaitableJoin(r, one(try canonWaitableSetNew()))
      }
    }
    expect("WaitableSet.drop", "self.num_waiting > 0") {
      try inTask { _, m, _ in
        let s = one(try canonWaitableSetNew())
        let t = try spawn(Table()) { _ in _ = try canonWaitableSetWait(false, m, s, 0); return [] }
        _ = try canonThreadYieldThenResume(false, t)
        _ = try canonWaitableSetDrop(s)
      }
    }
  }
}
