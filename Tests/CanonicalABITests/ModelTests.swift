// The value model and type model (DESIGN.md "Values and types"), type predicates, and the fast paths
// (compact numeric lists) compared with the literal per-element loops on random inputs.
import XCTest
@testable import CanonicalABI

final class ModelTests: XCTestCase {
  func testTypeDescriptions() {
    let inst = ComponentInstance(Store())
    let rt = ResourceType(inst, name: "r")
    let cases: [(ValType, String)] = [
      (.bool, "bool"), (.s8, "s8"), (.u8, "u8"), (.s16, "s16"), (.u16, "u16"), (.s32, "s32"), (.u32, "u32"),
      (.s64, "s64"), (.u64, "u64"), (.f32, "f32"), (.f64, "f64"), (.char, "char"), (.string, "string"),
      (.errorContext, "error-context"), (.list(.u8), "(list u8)"), (.list(.u8, 3), "(list u8 3)"),
      (.record([FieldType("a", .u8)]), "(record (field \"a\" u8))"), (.tuple([.u8, .s8]), "(tuple u8 s8)"),
      (.variant([CaseType("a", .u8), CaseType("b", nil)]), "(variant (case \"a\" u8) (case \"b\"))"),
      (.enum_(["x"]), "(enum \"x\")"), (.option(.u8), "(option u8)"), (.result(.u8, nil), "(result u8 (error _))"),
      (.map(.u8, .string), "(map u8 string)"), (.flags(["a"]), "(flags \"a\")"), (.own(rt), "(own r)"),
      (.borrow(rt), "(borrow r)"), (.stream(.u8), "(stream u8)"), (.stream(nil), "stream"), (.future(.u8), "(future u8)"),
      (.future(nil), "future"),
    ]
    for (t, s) in cases { XCTAssertEqual(t.description, s) }
    XCTAssertTrue(ValType.string.isPrim)
    XCTAssertFalse(ValType.list(.u8).isPrim)
    XCTAssertEqual(rt.description, "r")
    XCTAssertEqual(CoreFuncType([.i32], [.f64]).description, "(func (param i32) (result f64))")
    XCTAssertEqual([CoreValue.i32(1), .i64(2), .f32(1.5), .f64(2.5)].map { $0.description }, ["i32:1", "i64:2", "f32:1.5", "f64:2.5"])
    XCTAssertEqual(CoreValue.i32(1).type, .i32)
    XCTAssertNotEqual(CoreValue.i32(1), .i64(1))
    XCTAssertEqual(CoreValue.f32(.nan), .f32(.nan))
    XCTAssertThrowsError(try CoreValue.f32(1).int())
    XCTAssertEqual(CanonicalABITrap("d", "c").description, "trap: d: c")
    XCTAssertEqual(CanonicalABIMisuse("m").description, "misuse: m")
    XCTAssertTrue(typesMatchValues([.i32], [.i32(0)]))
    XCTAssertFalse(typesMatchValues([.i32], []))
    XCTAssertEqual(FuncType(named: [("x", .u8)], [.u8]).paramTypes(), [.u8])
    XCTAssertNotEqual(FuncType([.u8], []), FuncType([.u16], []))
    XCTAssertTrue(Cancelled.true.bool)
  }

  func testValueDescriptionsInWAVE() {
    let vs: [(Value, String)] = [
      (.bool(true), "true"), (.bool(false), "false"), (.s8(-1), "-1"), (.u8(1), "1"), (.s16(-2), "-2"), (.u16(2), "2"),
      (.s32(-3), "-3"), (.u32(3), "3"), (.s64(-4), "-4"), (.u64(4), "4"), (.f32(1.5), "1.5"), (.f64(.nan), "nan"),
      (.f32(-.infinity), "-inf"), (.f64(.infinity), "inf"), (.f32(.nan), "nan"), (.f64(2.5), "2.5"),
      (.char("x"), "'x'"), (.char("'"), "'\\''"), (.char("\\"), "'\\\\'"), (.char("\u{1}"), "'\\u{1}'"),
      (.str("a\"b\\\n\r\t\u{1}"), "\"a\\\"b\\\\\\n\\r\\t\\u{1}\""),
      (.list([.u8(1), .u8(2)]), "[1, 2]"), (.numbers(.u8([1, 2])), "[1, 2]"), (.tuple([.u8(1), .str("a")]), "(1, \"a\")"),
      (.record([FieldValue("a", .u8(1))]), "{a: 1}"), (.variant("some", .u8(3)), "some(3)"), (.variant("none", nil), "none"),
      (.flags(["b", "a"]), "{a, b}"), (.handle(3), "handle(3)"), (.stream(SharedStreamImpl(nil)), "stream"),
      (.future(SharedFutureImpl(nil)), "future"), (.errorContext(ErrorContext(ABIString(utf8: ""))), "error-context"),
    ]
    for (v, s) in vs { XCTAssertEqual(v.description, s) }
  }

  func testValueEquality() {
    XCTAssertEqual(Value.list([.u16(1)]), .numbers(.u16([1])))
    XCTAssertEqual(Value.numbers(.s32([1])), .list([.s32(1)]))
    XCTAssertNotEqual(Value.list([.u16(1)]), .numbers(.u16([1, 2])))
    XCTAssertNotEqual(Value.u8(1), .u16(1))
    XCTAssertEqual(Value.f32(.nan), .f32(.nan))
    let s = SharedStreamImpl(nil)
    XCTAssertEqual(Value.stream(s), .stream(s))
    XCTAssertNotEqual(Value.stream(s), .stream(SharedStreamImpl(nil)))
    let f = SharedFutureImpl(nil)
    XCTAssertEqual(Value.future(f), .future(f))
    let e = ErrorContext(ABIString(utf8: "x"))
    XCTAssertEqual(Value.errorContext(e), .errorContext(e))
    // Strings compare by scalars, not canonical equivalence.
    XCTAssertNotEqual(Value.str("\u{e9}"), .str("e\u{301}"))
    XCTAssertEqual(ABIString("a", .utf16, 1), ABIString("a", .utf16, 1))
    XCTAssertNotEqual(ABIString("a", .utf16, 1), ABIString("a", .utf8, 1))
    XCTAssertEqual(Set([ABIString(utf8: "a"), ABIString(utf8: "a")]).count, 1)
    // equal_modulo_string_encoding
    XCTAssertTrue(Value.string(ABIString("a", .utf16, 1)).equalModuloStringEncoding(.str("a")))
    XCTAssertTrue(Value.list([.str("a")]).equalModuloStringEncoding(.list([.string(ABIString("a", .latin1Utf16, 1))])))
    XCTAssertFalse(Value.list([.str("a")]).equalModuloStringEncoding(.list([])))
    XCTAssertTrue(Value.tuple([.str("a")]).equalModuloStringEncoding(.tuple([.str("a")])))
    XCTAssertTrue(Value.variant("x", .str("a")).equalModuloStringEncoding(.variant("x", .str("a"))))
    XCTAssertTrue(Value.variant("x", nil).equalModuloStringEncoding(.variant("x", nil)))
    XCTAssertFalse(Value.variant("x", nil).equalModuloStringEncoding(.variant("y", nil)))
    XCTAssertFalse(Value.variant("x", nil).equalModuloStringEncoding(.variant("x", .u8(1))))
    XCTAssertTrue(Value.u8(1).equalModuloStringEncoding(.u8(1)))
    for n in [NumberList.u8([1]), .s8([-1]), .u16([1]), .s16([-1]), .u32([1]), .s32([-1]), .u64([1]), .s64([-1]), .f32([1]), .f64([1])] {
      XCTAssertEqual(n.count, 1)
      XCTAssertEqual(Value.numbers(n), .list(n.values))
    }
  }

  func testTypePredicates() {
    let inst = ComponentInstance(Store())
    let rt = ResourceType(inst)
    XCTAssertTrue(containsBorrow(.list(.option(.borrow(rt)))))
    XCTAssertFalse(containsBorrow(.list(.own(rt))))
    XCTAssertFalse(containsBorrow(nil))
    XCTAssertTrue(containsAsyncValue(.record([FieldType("a", .stream(.u8))])))
    XCTAssertTrue(containsAsyncValue(.variant([CaseType("a", nil), CaseType("b", .future(nil))])))
    XCTAssertTrue(containsAsyncValue(.result(nil, .stream(nil))))
    XCTAssertFalse(containsAsyncValue(.tuple([.u8, .string, .errorContext, .flags(["a"]), .enum_(["x"]), .map(.u8, .u8)])))
    XCTAssertTrue(containsBorrow(.stream(.borrow(rt))))
    XCTAssertTrue(contains(FuncType([.u8], [.borrow(rt)])) { if case .borrow = $0 { return true } else { return false } })
    XCTAssertFalse(contains(FuncType([.u8], [])) { if case .borrow = $0 { return true } else { return false } })
  }

  func testSizesAlignmentsAndFlatTypes() {
    let opts = LiftOptions(memory: MemInst([], .i64))
    XCTAssertEqual(elemSize(.string, .i64), 16)
    XCTAssertEqual(alignment(.list(.u8), .i64), 8)
    XCTAssertEqual(elemSize(.list(.u32, 3), .i32), 12)
    XCTAssertEqual(alignment(.list(.u32, 3), .i32), 4)
    XCTAssertEqual(flattenType(.string, opts), [.i64, .i64])
    XCTAssertEqual(flattenType(.list(.u8, 2), opts), [.i32, .i32])
    XCTAssertEqual(elemSize(.flags((0..<9).map { String($0) }), .i32), 2)
    XCTAssertEqual(elemSize(.flags((0..<17).map { String($0) }), .i32), 4)
    XCTAssertEqual(alignment(.flags((0..<17).map { String($0) }), .i32), 4)
    XCTAssertEqual(alignment(.flags((0..<9).map { String($0) }), .i32), 2)
    let many = (0..<300).map { CaseType(String($0), nil) }
    XCTAssertEqual(discriminantType(many), .u16)
    XCTAssertEqual(discriminantType((0..<70000).map { CaseType(String($0), nil) }), .u32)
    XCTAssertEqual(elemSize(.variant(many), .i32), 2)
    XCTAssertEqual(flattenVariant([CaseType("a", .f32), CaseType("b", .u32)], opts), [.i32, .i32])
    XCTAssertEqual(flattenVariant([CaseType("a", .f64), CaseType("b", .u32)], opts), [.i32, .i64])
    XCTAssertEqual(join(.f32, .f64), .i64)
    for t in [ValType.errorContext, .own(ResourceType(ComponentInstance(Store()))), .stream(nil), .future(.u8)] {
      XCTAssertEqual(elemSize(t, .i32), 4)
      XCTAssertEqual(alignment(t, .i32), 4)
      XCTAssertEqual(flattenType(t, opts), [.i32])
    }
    let async_ = CanonicalOptions(memory: MemInst([]), async_: true)
    XCTAssertEqual(flattenFunctype(async_, FuncType([.u8], [.u8], async_: true), .lift), CoreFuncType([.i32], []))
    async_.callback = { _ in [] }
    XCTAssertEqual(flattenFunctype(async_, FuncType([.u8], [.u8], async_: true), .lift), CoreFuncType([.i32], [.i32]))
    XCTAssertEqual(flattenFunctype(async_, FuncType([ValType](repeating: .u8, count: 17), [], async_: true), .lift), CoreFuncType([.i32], [.i32]))
    XCTAssertEqual(flattenFunctype(async_, FuncType([ValType](repeating: .u8, count: 5), [.u8], async_: true), .lower), CoreFuncType([.i32, .i32], [.i32]))
    XCTAssertEqual(flattenFunctype(async_, FuncType([.u8], [], async_: true), .lower), CoreFuncType([.i32], [.i32]))
  }

  /// Every kind of value stored and loaded, flat-lowered and lifted (records, variants with joined flat types, flags, chars).
  func testStoreLoadRoundTrips() throws {
    let heap = Heap(4096)
    let cx = LiftLowerContext(mkOpts(heap.memory, realloc: heap.reallocFunc), ComponentInstance(Store()))
    let t = ValType.tuple([.bool, .s8, .u16, .s16, .u32, .s32, .u64, .s64, .f32, .f64, .char, .string,
                           .variant([CaseType("a", .f32), CaseType("b", .u64), CaseType("c", .f64), CaseType("d", .s8)]),
                           .flags(["x", "y"]), .list(.f32), .list(.f64), .list(.s8), .list(.u32, 2)])
    for k in ["a", "b", "c", "d"] {
      let payload: Value = ["a": .f32(1.5), "b": .u64(7), "c": .f64(-2.5), "d": .s8(-3)][k] ?? .u8(0)
      let v = Value.tuple([.bool(true), .s8(-1), .u16(2), .s16(-3), .u32(4), .s32(-5), .u64(6), .s64(-7), .f32(.nan), .f64(1.25),
                           .char("\u{1F600}"), .str("h\u{e9}llo"), .variant(k, payload), .flags(["y"]),
                           .numbers(.f32([1, .nan])), .numbers(.f64([2])), .numbers(.s8([-1])), .list([.u32(1), .u32(2)])])
      let ptr = try cx.allocate(alignment(t, .i32), elemSize(t, .i32))
      try store(cx, v, t, ptr)
      XCTAssertEqual(try load(cx, ptr, t), v)
      let flat = try lowerFlat(cx, v, t)
      XCTAssertEqual(try liftFlat(cx, CoreValueIter(flat), t), v)
    }
  }

  /// The compact fast paths agree with the literal per-element loops of load/store_list_*_valid_range.
  func testNumberListFastPathMatchesLiteralPath() throws {
    var rng = SplitMix64(seed: 42)
    let kinds: [ValType] = [.u8, .s8, .u16, .s16, .u32, .s32, .u64, .s64, .f32, .f64]
    for round in 0..<200 {
      let t = kinds[round % kinds.count]
      let n = Int(rng.next() % 64)
      let size = Int(elemSize(t, .i32))
      var bytes = (0..<(n * size + 8)).map { _ in UInt8(truncatingIfNeeded: rng.next()) }
      if t == .f32 || t == .f64, n > 0 { bytes[size - 1] = 0x7f; bytes[size - 2] |= 0xf0 } // plant a NaN
      let cx1 = mkCx(MemInst(bytes)), cx2 = mkCx(MemInst(bytes))
      let fast = try loadListFromValidRange(cx1, 0, UInt64(n), t)
      let literal = try loadListFromValidRangeLiteral(cx2, 0, UInt64(n), t)
      XCTAssertEqual(fast, literal, "load \(t) x\(n)")
      guard case .numbers = fast else { return XCTFail("expected a compact list for \(t)") }
      // store both ways into fresh memories and compare bytes
      let m1 = MemInst([UInt8](repeating: 0, count: bytes.count)), m2 = MemInst([UInt8](repeating: 0, count: bytes.count))
      try storeListIntoValidRange(mkCx(m1), fast, 0, t)
      try storeListIntoValidRangeLiteral(mkCx(m2), literal, 0, t)
      XCTAssertEqual(m1.bytes, m2.bytes, "store \(t) x\(n)")
    }
  }

  /// The inline realloc fast path gives the same bytes and flat values as the literal canon_lift path.
  func testInlineReallocMatchesLiteralCanonLift() throws {
    var rng = SplitMix64(seed: 9)
    let scalars: [Unicode.Scalar] = ["a", "\u{0}", "\u{e9}", "\u{ff}", "\u{100}", "\u{4e2d}", "\u{1F600}"]
    for round in 0..<150 {
      let n = Int(rng.next() % 9)
      var text = String.UnicodeScalarView()
      for _ in 0..<n { text.append(scalars[Int(rng.next() % UInt64(scalars.count))]) }
      let s = String(text)
      let src = StringEncoding.allCases[round % 3], dst = StringEncoding.allCases[(round / 3) % 3]
      let units: UInt64
      switch src {
      case .utf8: units = UInt64(s.utf8.count)
      case .utf16: units = UInt64(s.utf16.count)
      case .latin1Utf16: units = s.unicodeScalars.allSatisfy { $0.value < 256 } ? UInt64(s.unicodeScalars.count) : UInt64(s.utf16.count) | utf16Tag(.i32)
      }
      let v = Value.list([.string(ABIString(s, src, units)), .str(s)])
      var outs = [([UInt8], [CoreValue])]()
      for inline in [true, false] {
        let store = Store()
        store.inlineRealloc = inline
        let heap = Heap(512)
        let cx = mkCx(heap.memory, dst, realloc: heap.reallocFunc, store: store)
        let flat = try lowerFlat(cx, v, .list(.string))
        outs.append((heap.memory.bytes, flat))
        XCTAssertTrue(try liftFlat(cx, CoreValueIter(flat), .list(.string)).equalModuloStringEncoding(v))
        XCTAssertEqual(cx.inst.threads.array.count, 2, "one thread index used and freed per realloc")
      }
      XCTAssertEqual(outs[0].0, outs[1].0, "bytes \(s) \(src)->\(dst)")
      XCTAssertEqual(outs[0].1, outs[1].1, "flat \(s) \(src)->\(dst)")
    }
  }

  func testErrorContextNonDeterministicKeepsMessage() throws {
    let store = Store(deterministicProfile: false, seed: 1)
    let inst = ComponentInstance(store)
    let mem = MemInst(Array("boom".utf8) + [UInt8](repeating: 0, count: 60))
    let opts = mkOpts(mem, realloc: { _ in i32s(16) }, async_: true)
    var messages = Set<String>()
    try liftAndRun(opts, inst, FuncType([], [], async_: true), { _ in
      for _ in 0..<16 {
        let i = one(try canonErrorContextNew(opts, 0, 4))
        _ = try canonErrorContextDebugMessage(opts, i, 32)
        let p = Int(mem.u32(at: 32)), n = Int(mem.u32(at: 36))
        messages.insert(String(decoding: mem.bytes[p..<p + n], as: UTF8.self))
        _ = try canonErrorContextDrop(i)
      }
      _ = try canonTaskReturn([], opts, [])
      return []
    }, { [] }, { _ in })
    XCTAssertEqual(messages, ["", "boom"])
  }

  func testSpecDefinitionsAreInSpecOrder() {
    XCTAssertEqual(specDefinitions.first?.name, "Trap")
    XCTAssertEqual(specDefinitions.last?.name, "canon_error_context_drop")
    XCTAssertEqual(specDefinitionsCommit, "6d281648bd89caf885a7adcc412962dbd2425ab7")
  }
}
