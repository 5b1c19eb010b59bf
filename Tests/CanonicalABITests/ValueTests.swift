// Counterparts of run_tests.py's module-level value tests (test, test_pairs, test_nan32/64, test_string,
// test_heap, test_flatten) and of test_roundtrips, test_cross_component_realloc, test_handles.
import XCTest
@testable import CanonicalABI

final class ValueTests: XCTestCase {
  func u8s(_ xs: UInt8...) -> Value { .list(xs.map { .u8($0) }) }

  /// run_tests.py — the module-level `test(...)` calls
  func testLiftFlatThenLowerFlat() {
    checkLiftLower(.record([FieldType("x", .u8), FieldType("y", .u16), FieldType("z", .u32)]), i32s(1, 2, 3),
                   rec(("x", .u8(1)), ("y", .u16(2)), ("z", .u32(3))))
    checkLiftLower(.tuple([.tuple([.u8, .u8]), .u8]), i32s(1, 2, 3), tup(tup(.u8(1), .u8(2)), .u8(3)))
    checkLiftLower(.list(.u8, 3), i32s(1, 2, 3), u8s(1, 2, 3))
    checkLiftLower(.list(.list(.u8, 2), 3), i32s(1, 2, 3, 4, 5, 6), .list([u8s(1, 2), u8s(3, 4), u8s(5, 6)]))
    let ab = ValType.flags(["a", "b"])
    checkLiftLower(ab, i32s(0), .flags([]))
    checkLiftLower(ab, i32s(2), .flags(["b"]))
    checkLiftLower(ab, i32s(3), .flags(["a", "b"]))
    checkLiftLower(ab, i32s(4), .flags([]))
    let l32 = (0..<32).map { String($0) }
    checkLiftLower(.flags(l32), i32s(0xffff_ffff), .flags(Set(l32)))
    let v = ValType.variant([CaseType("x", .u8), CaseType("y", .f32), CaseType("z", nil)])
    checkLiftLower(v, i32s(0, 42), .variant("x", .u8(42)))
    checkLiftLower(v, i32s(0, 256), .variant("x", .u8(0)))
    checkLiftLower(v, i32s(1, 0x4048f5c3), .variant("y", .f32(Float(bitPattern: 0x4048f5c3))))
    checkLiftLower(v, i32s(2, 0xffff_ffff), .variant("z", nil))
    checkLiftLower(.option(.f32), [.i32(0), .f32(3.14)], .variant("none", nil))
    checkLiftLower(.option(.f32), [.i32(1), .f32(3.14)], .variant("some", .f32(3.14)))
    checkLiftLower(.result(.u8, .u32), i32s(0, 42), .variant("ok", .u8(42)))
    checkLiftLower(.result(.u8, .u32), i32s(1, 1000), .variant("error", .u32(1000)))
    let wy = ValType.variant([CaseType("w", .u8), CaseType("y", .u8)])
    checkLiftLower(wy, i32s(0, 42), .variant("w", .u8(42)))
    checkLiftLower(wy, i32s(1, 42), .variant("y", .u8(42)))
    checkLiftLower(wy, i32s(0, 42), .variant("w", .u8(42)), lowerT: .variant([CaseType("w", .u8)]), lowerV: .variant("w", .u8(42)))
  }

  /// run_tests.py — test_pairs(...)
  func testPairs() {
    func pairs(_ t: ValType, _ ps: [(CoreValue, Value?)], line: UInt = #line) {
      for (arg, expect) in ps { checkLiftLower(t, [arg], expect, line: line) }
    }
    pairs(.bool, [(.i32(0), .bool(false)), (.i32(1), .bool(true)), (.i32(2), .bool(true)), (.i32(4294967295), .bool(true))])
    pairs(.u8, [(.i32(127), .u8(127)), (.i32(128), .u8(128)), (.i32(255), .u8(255)), (.i32(256), .u8(0)),
                (.i32(4294967295), .u8(255)), (.i32(4294967168), .u8(128)), (.i32(4294967167), .u8(127))])
    pairs(.s8, [(.i32(127), .s8(127)), (.i32(128), .s8(-128)), (.i32(255), .s8(-1)), (.i32(256), .s8(0)),
                (.i32(4294967295), .s8(-1)), (.i32(4294967168), .s8(-128)), (.i32(4294967167), .s8(127))])
    pairs(.u16, [(.i32(32767), .u16(32767)), (.i32(32768), .u16(32768)), (.i32(65535), .u16(65535)), (.i32(65536), .u16(0)),
                 (.i32(UInt32.max), .u16(65535)), (.i32(UInt32.max - 32767), .u16(32768)), (.i32(UInt32.max - 32768), .u16(32767))])
    pairs(.s16, [(.i32(32767), .s16(32767)), (.i32(32768), .s16(-32768)), (.i32(65535), .s16(-1)), (.i32(65536), .s16(0)),
                 (.i32(UInt32.max), .s16(-1)), (.i32(UInt32.max - 32767), .s16(-32768)), (.i32(UInt32.max - 32768), .s16(32767))])
    pairs(.u32, [(.i32((1 << 31) - 1), .u32((1 << 31) - 1)), (.i32(1 << 31), .u32(1 << 31)), (.i32(UInt32.max), .u32(UInt32.max))])
    pairs(.s32, [(.i32((1 << 31) - 1), .s32(Int32.max)), (.i32(1 << 31), .s32(Int32.min)), (.i32(UInt32.max), .s32(-1))])
    pairs(.u64, [(.i64((1 << 63) - 1), .u64((1 << 63) - 1)), (.i64(1 << 63), .u64(1 << 63)), (.i64(UInt64.max), .u64(UInt64.max))])
    pairs(.s64, [(.i64((1 << 63) - 1), .s64(Int64.max)), (.i64(1 << 63), .s64(Int64.min)), (.i64(UInt64.max), .s64(-1))])
    pairs(.f32, [(.f32(3.14), .f32(3.14))])
    pairs(.f64, [(.f64(3.14), .f64(3.14))])
    pairs(.char, [(.i32(0), .char("\u{0}")), (.i32(65), .char("A")), (.i32(0xD7FF), .char("\u{D7FF}")), (.i32(0xD800), nil), (.i32(0xDFFF), nil)])
    pairs(.char, [(.i32(0xE000), .char("\u{E000}")), (.i32(0x10FFFF), .char("\u{10FFFF}")), (.i32(0x110000), nil), (.i32(0xFFFF_FFFF), nil)])
    pairs(.enum_(["a", "b"]), [(.i32(0), .variant("a", nil)), (.i32(1), .variant("b", nil)), (.i32(2), nil)])
  }

  /// run_tests.py — test_nan32 / test_nan64
  func testNaNCanonicalization() throws {
    let store = Store()
    func nan32(_ inbits: UInt32, _ outbits: UInt32, line: UInt = #line) throws {
      let origf = decodeI32AsFloat(inbits)
      let f = try liftFlat(mkCx(), CoreValueIter([.f32(origf)]), .f32)
      guard case .f32(let x) = f else { return XCTFail("not f32", line: line) }
      XCTAssertEqual(encodeFloatAsI32(x, store), outbits, line: line)
      let cx = mkCx(MemInst(withUnsafeBytes(of: inbits.littleEndian) { Array($0) }))
      guard case .f32(let y) = try load(cx, 0, .f32) else { return XCTFail("not f32", line: line) }
      XCTAssertEqual(encodeFloatAsI32(y, store), outbits, line: line)
    }
    func nan64(_ inbits: UInt64, _ outbits: UInt64, line: UInt = #line) throws {
      let origf = decodeI64AsFloat(inbits)
      let f = try liftFlat(mkCx(), CoreValueIter([.f64(origf)]), .f64)
      guard case .f64(let x) = f else { return XCTFail("not f64", line: line) }
      XCTAssertEqual(encodeFloatAsI64(x, store), outbits, line: line)
      let cx = mkCx(MemInst(withUnsafeBytes(of: inbits.littleEndian) { Array($0) }))
      guard case .f64(let y) = try load(cx, 0, .f64) else { return XCTFail("not f64", line: line) }
      XCTAssertEqual(encodeFloatAsI64(y, store), outbits, line: line)
    }
    try nan32(0x7fc00000, CANONICAL_FLOAT32_NAN)
    try nan32(0x7fc00001, CANONICAL_FLOAT32_NAN)
    try nan32(0x7fe00000, CANONICAL_FLOAT32_NAN)
    try nan32(0x7fffffff, CANONICAL_FLOAT32_NAN)
    try nan32(0xffffffff, CANONICAL_FLOAT32_NAN)
    try nan32(0x7f800000, 0x7f800000)
    try nan32(0x3fc00000, 0x3fc00000)
    try nan64(0x7ff8000000000000, CANONICAL_FLOAT64_NAN)
    try nan64(0x7ff8000000000001, CANONICAL_FLOAT64_NAN)
    try nan64(0x7ffc000000000000, CANONICAL_FLOAT64_NAN)
    try nan64(0x7fffffffffffffff, CANONICAL_FLOAT64_NAN)
    try nan64(0xffffffffffffffff, CANONICAL_FLOAT64_NAN)
    try nan64(0x7ff0000000000000, 0x7ff0000000000000)
    try nan64(0x3ff0000000000000, 0x3ff0000000000000)
  }

  /// The non-deterministic profile scrambles NaNs but keeps them NaN.
  func testNaNScrambleNonDeterministic() {
    let store = Store(deterministicProfile: false, seed: 7)
    for _ in 0..<100 {
      XCTAssertTrue(Float(bitPattern: encodeFloatAsI32(.nan, store)).isNaN)
      XCTAssertTrue(Double(bitPattern: encodeFloatAsI64(.nan, store)).isNaN)
    }
    XCTAssertEqual(encodeFloatAsI32(1.5, store), Float(1.5).bitPattern)
  }

  static let funStrings = ["", "a", "hi", "\u{0}", "a\u{0}b", "\u{80}", "\u{80}b", "ab\u{ef}c",
                           "\u{1ff}y", "xy\u{1ff}", "a\u{d7ff}b", "a\u{2ff}\u{3ff}\u{4ff}bc",
                           "\u{f123}", "\u{f123}\u{f123}abc", "abcdef\u{f123}"]

  /// run_tests.py — test_string over every (address type, source encoding, destination encoding, string)
  func testStrings() throws {
    var count = 0
    func stringInternal(_ src: StringEncoding, _ dst: StringEncoding, _ s: String, _ encoded: [UInt8], _ tagged: UInt64, _ at: CoreValType) {
      let heap = Heap(bytes: encoded, at)
      let cx = mkCx(heap.memory, src)
      let v = Value.string(ABIString(s, src, tagged))
      checkLiftLower(.string, [ptrValue(0, at), ptrValue(tagged, at)], v, cx: cx, dstEncoding: dst)
      count += 1
    }
    for at in [CoreValType.i32, .i64] {
      for src in StringEncoding.allCases {
        for dst in StringEncoding.allCases {
          for s in Self.funStrings {
            switch src {
            case .utf8:
              let e = Array(s.utf8)
              stringInternal(src, dst, s, e, UInt64(e.count), at)
            case .utf16:
              let e = try encode(s, .utf16)
              stringInternal(src, dst, s, e, UInt64(e.count / 2), at)
            case .latin1Utf16:
              if let e = try? encode(s, .latin1) { stringInternal(src, dst, s, e, UInt64(e.count), at) }
              let e = try encode(s, .utf16)
              stringInternal(src, dst, s, e, UInt64(e.count / 2) | utf16Tag(at), at)
            }
          }
        }
      }
    }
    XCTAssertGreaterThan(count, 300)
  }

  /// run_tests.py — test_heap(...)
  func testHeap() {
    func heap(_ t: ValType, _ expect: Value?, _ args: [UInt64], _ bytes: [UInt8], _ at: CoreValType = .i32, line: UInt = #line) {
      let h = Heap(bytes: bytes, at)
      checkLiftLower(t, args.map { ptrValue($0, at) }, expect, cx: mkCx(h.memory), line: line)
    }
    let T = Value.bool(true), F = Value.bool(false)
    heap(.list(.bool), .list([T, F, T]), [0, 3], [1, 0, 1])
    heap(.list(.bool), .list([T, F, T]), [0, 3], [1, 0, 2])
    heap(.list(.bool), .list([T, F, T]), [3, 3], [0xff, 0xff, 0xff, 1, 0, 1])
    heap(.list(.u8), u8s(1, 2, 3), [0, 3], [1, 2, 3])
    heap(.list(.u16), .list([.u16(1), .u16(2), .u16(3)]), [0, 3], [1, 0, 2, 0, 3, 0])
    heap(.list(.u16), nil, [1, 3], [0, 1, 0, 2, 0, 3, 0])
    heap(.list(.u32), .list([.u32(1), .u32(2), .u32(3)]), [0, 3], [1, 0, 0, 0, 2, 0, 0, 0, 3, 0, 0, 0])
    heap(.list(.u64), .list([.u64(1), .u64(2)]), [0, 2], [1, 0, 0, 0, 0, 0, 0, 0, 2, 0, 0, 0, 0, 0, 0, 0])
    heap(.list(.s8), .list([.s8(-1), .s8(-2), .s8(-3)]), [0, 3], [0xff, 0xfe, 0xfd])
    heap(.list(.s16), .list([.s16(-1), .s16(-2), .s16(-3)]), [0, 3], [0xff, 0xff, 0xfe, 0xff, 0xfd, 0xff])
    heap(.list(.s32), .list([.s32(-1), .s32(-2), .s32(-3)]), [0, 3], [0xff, 0xff, 0xff, 0xff, 0xfe, 0xff, 0xff, 0xff, 0xfd, 0xff, 0xff, 0xff])
    heap(.list(.s64), .list([.s64(-1), .s64(-2)]), [0, 2], [0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xfe, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff])
    heap(.list(.char), .list([.char("A"), .char("B"), .char("c")]), [0, 3], [65, 0, 0, 0, 66, 0, 0, 0, 99, 0, 0, 0])
    let w = UInt8(ascii: "w"), a = UInt8(ascii: "a"), t = UInt8(ascii: "t"), hh = UInt8(ascii: "h"), ii = UInt8(ascii: "i")
    heap(.list(.string), .list([.str("hi"), .str("wat")]), [0, 2],
         [16, 0, 0, 0, 2, 0, 0, 0, 21, 0, 0, 0, 3, 0, 0, 0, hh, ii, 0xf, 0xf, 0xf, w, a, t])
    heap(.list(.string), .list([.str("hi"), .str("wat")]), [0, 2],
         [32, 0, 0, 0, 0, 0, 0, 0, 2, 0, 0, 0, 0, 0, 0, 0, 37, 0, 0, 0, 0, 0, 0, 0, 3, 0, 0, 0, 0, 0, 0, 0, hh, ii, 0xf, 0xf, 0xf, w, a, t], .i64)
    heap(.list(.list(.u8)), .list([u8s(3, 4, 5), u8s(), u8s(6, 7)]), [0, 3],
         [24, 0, 0, 0, 3, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 27, 0, 0, 0, 2, 0, 0, 0, 3, 4, 5, 6, 7])
    heap(.list(.list(.u8)), .list([u8s(3, 4, 5), u8s(), u8s(6, 7)]), [0, 3],
         [48, 0, 0, 0, 0, 0, 0, 0, 3, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
          51, 0, 0, 0, 0, 0, 0, 0, 2, 0, 0, 0, 0, 0, 0, 0, 3, 4, 5, 6, 7], .i64)
    heap(.list(.list(.u16)), .list([.list([.u16(5), .u16(6)])]), [0, 1], [8, 0, 0, 0, 2, 0, 0, 0, 5, 0, 6, 0])
    heap(.list(.list(.u16)), .list([.list([.u16(5), .u16(6)])]), [0, 1], [16, 0, 0, 0, 0, 0, 0, 0, 2, 0, 0, 0, 0, 0, 0, 0, 5, 0, 6, 0], .i64)
    heap(.list(.list(.u16)), nil, [0, 1], [9, 0, 0, 0, 2, 0, 0, 0, 0, 5, 0, 6, 0])
    heap(.list(.list(.u16)), nil, [0, 1], [17, 0, 0, 0, 0, 0, 0, 0, 2, 0, 0, 0, 0, 0, 0, 0, 0, 5, 0, 6, 0], .i64)
    heap(.list(.list(.u8, 2)), .list([u8s(1, 2), u8s(3, 4)]), [0, 2], [1, 2, 3, 4])
    heap(.list(.list(.u32, 2)), .list([.list([.u32(1), .u32(2)]), .list([.u32(3), .u32(4)])]), [0, 2],
         [1, 0, 0, 0, 2, 0, 0, 0, 3, 0, 0, 0, 4, 0, 0, 0])
    heap(.list(.list(.u32, 2)), nil, [1, 2], [0, 1, 0, 0, 0, 2, 0, 0, 0, 3, 0, 0, 0, 4, 0, 0, 0])
    heap(.list(.tuple([.u8, .u8, .u16, .u32])), .list([tup(.u8(6), .u8(7), .u16(8), .u32(9)), tup(.u8(4), .u8(5), .u16(6), .u32(7))]), [0, 2],
         [6, 7, 8, 0, 9, 0, 0, 0, 4, 5, 6, 0, 7, 0, 0, 0])
    heap(.list(.tuple([.u8, .u16, .u8, .u32])), .list([tup(.u8(6), .u16(7), .u8(8), .u32(9)), tup(.u8(4), .u16(5), .u8(6), .u32(7))]), [0, 2],
         [6, 0xff, 7, 0, 8, 0xff, 0xff, 0xff, 9, 0, 0, 0, 4, 0xff, 5, 0, 6, 0xff, 0xff, 0xff, 7, 0, 0, 0])
    heap(.list(.tuple([.u16, .u8])), .list([tup(.u16(6), .u8(7)), tup(.u16(8), .u8(9))]), [0, 2], [6, 0, 7, 0x0ff, 8, 0, 9, 0xff])
    heap(.list(.tuple([.tuple([.u16, .u8]), .u8])), .list([tup(tup(.u16(4), .u8(5)), .u8(6)), tup(tup(.u16(7), .u8(8)), .u8(9))]), [0, 2],
         [4, 0, 5, 0xff, 6, 0xff, 7, 0, 8, 0xff, 9, 0xff])
    let fab = ValType.list(.flags(["a", "b"]))
    heap(fab, .list([.flags([]), .flags(["b"]), .flags(["a", "b"])]), [0, 3], [0, 2, 3])
    heap(fab, .list([.flags([]), .flags(["b"]), .flags([])]), [0, 3], [0, 2, 4])
    for n in [9, 17, 32] {
      let labels = (0..<n).map { String($0) }
      let v = Value.list([.flags(Set(labels)), .flags([])])
      switch n {
      case 9:
        heap(.list(.flags(labels)), v, [0, 2], [0xff, 0x1, 0, 0])
        heap(.list(.flags(labels)), v, [0, 2], [0xff, 0x3, 0, 0])
      case 17:
        heap(.list(.flags(labels)), v, [0, 2], [0xff, 0xff, 0x1, 0, 0, 0, 0, 0])
        heap(.list(.flags(labels)), v, [0, 2], [0xff, 0xff, 0x3, 0, 0, 0, 0, 0])
      default:
        heap(.list(.flags(labels)), v, [0, 2], [0xff, 0xff, 0xff, 0xff, 0, 0, 0, 0])
      }
    }
    heap(.map(.u8, .u16), .list([tup(.u8(42), .u16(83)), tup(.u8(43), .u16(84))]), [0, 2], [42, 0xff, 83, 0, 43, 0xff, 84, 0])
  }

  /// run_tests.py — test_flatten(...)
  func testFlatten() {
    func flatten(_ t: FuncType, _ params: [CoreValType], _ results: [CoreValType], _ at: CoreValType = .i32, line: UInt = #line) {
      let opts = mkOpts(MemInst([], at))
      var expect = CoreFuncType(params, results)
      if params.count > 16 { expect.params = [at] }
      if results.count > 1 { expect.results = [at] }
      XCTAssertEqual(flattenFunctype(opts, t, .lift), expect, line: line)
      if results.count > 1 {
        expect.params += [at]
        expect.results = []
      }
      XCTAssertEqual(flattenFunctype(opts, t, .lower), expect, line: line)
    }
    flatten(FuncType([.u8, .f32, .f64], []), [.i32, .f32, .f64], [])
    flatten(FuncType([.u8, .f32, .f64], [.f32]), [.i32, .f32, .f64], [.f32])
    flatten(FuncType([.u8, .f32, .f64], [.u8]), [.i32, .f32, .f64], [.i32])
    flatten(FuncType([.u8, .f32, .f64], [.tuple([.f32])]), [.i32, .f32, .f64], [.f32])
    flatten(FuncType([.u8, .f32, .f64], [.tuple([.f32, .f32])]), [.i32, .f32, .f64], [.f32, .f32])
    flatten(FuncType([.u8, .f32, .f64], [.f32, .f32]), [.i32, .f32, .f64], [.f32, .f32])
    let u17 = [ValType](repeating: .u8, count: 17), i17 = [CoreValType](repeating: .i32, count: 17)
    flatten(FuncType(u17, []), i17, [])
    flatten(FuncType(u17, []), i17, [], .i64)
    flatten(FuncType(u17, [.tuple([.u8, .u8])]), i17, [.i32, .i32])
    flatten(FuncType(u17, [.tuple([.u8, .u8])]), i17, [.i32, .i32], .i64)
  }

  /// run_tests.py — test_roundtrips
  func testRoundtrips() throws {
    func roundtrip(_ t: ValType, _ v: Value, _ at: CoreValType, line: UInt = #line) throws {
      let store = Store(flatLimits: FlatLimits(maxFlatResults: 16))
      let ft = FuncType([t], [t])
      let calleeHeap = Heap(1000, at)
      let calleeOpts = mkOpts(calleeHeap.memory, .utf8, realloc: calleeHeap.reallocFunc)
      let calleeInst = ComponentInstance(store)
      var got: Value? = nil
      try liftAndRun(calleeOpts, calleeInst, ft, { $0 }, { [v] }, { got = $0?.first })
      XCTAssertEqual(got, v, "roundtrip \(t)", line: line)
    }
    let u32s = (1...16).map { Value.u32(UInt32($0)) }
    let cases: [(ValType, Value)] = [
      (.s8, .s8(-1)),
      (.tuple([.u16, .u16]), tup(.u16(3), .u16(4))),
      (.list(.string), .list([.str("hello there")])),
      (.list(.list(.string)), .list([.list([.str("one"), .str("two")]), .list([.str("three")])])),
      (.list(.option(.tuple([.string, .u16]))), .list([.variant("some", tup(.str("answer"), .u16(42)))])),
      (.variant([CaseType("x", .tuple([ValType](repeating: .u32, count: 16) + [.string]))]),
       .variant("x", .tuple(u32s + [.str("wat")]))),
    ]
    for at in [CoreValType.i32, .i64] {
      for (t, v) in cases { try roundtrip(t, v, at) }
    }
  }

  /// run_tests.py — test_cross_component_realloc
  func testCrossComponentRealloc() throws {
    try crossComponentRealloc(inline: true)
    try crossComponentRealloc(inline: false)
  }

  func crossComponentRealloc(inline: Bool) throws {
    let store = Store()
    store.inlineRealloc = inline
    let rootInst = ComponentInstance(store)
    let producerHeap = Heap(16)
    let producerOpts = mkOpts(producerHeap.memory)
    let producerInst = ComponentInstance(store, parent: rootInst)
    let ft = FuncType([], [.list(.u8)])
    let coreProducer: CoreFuncInst = { args in
      XCTAssertEqual(args.count, 0)
      _ = try canonContextSet(.i32, 0, 0xdead)
      let buf = try producerHeap.realloc(i32s(0, 0, 1, 3))[0].int()
      producerHeap.memory.bytes.replaceSubrange(Int(buf)..<Int(buf + 3), with: [0x0a, 0x0b, 0x0c])
      let retp = try producerHeap.realloc(i32s(0, 0, 4, 8))[0].int()
      producerHeap.memory.bytes[Int(retp)] = UInt8(buf)
      producerHeap.memory.bytes[Int(retp) + 4] = 3
      return [.i32(UInt32(retp))]
    }
    let producer = store.lift(coreProducer, ft, producerOpts, producerInst)

    let consumerHeap = Heap(24)
    let consumerInst = ComponentInstance(store, parent: rootInst)
    var consumerThread: CanonicalABI.Thread? = nil
    var numReallocCalls = 0
    let coreConsumerRealloc: CoreFuncInst = { args in
      numReallocCalls += 1
      let thread = try currentThread()
      XCTAssertFalse(thread === consumerThread)
      XCTAssertFalse(thread.task === consumerThread?.task)
      XCTAssertTrue(thread.task.inst === consumerInst)
      XCTAssertTrue(try currentInstance() === consumerInst)
      XCTAssertFalse(consumerInst.mayEnter)
      XCTAssertFalse(consumerInst.mayLeave)
      XCTAssertEqual(try canonContextGet(.i32, 0), [.i32(0)])
      XCTAssertEqual(try canonContextGet(.i32, 1), [.i32(0)])
      _ = try canonContextSet(.i32, 0, 0xfeed)
      XCTAssertEqual(try canonContextGet(.i32, 0), [.i32(0xfeed)])
      XCTAssertTraps(try canonThreadIndex(), "canon_thread_index")
      return try consumerHeap.realloc(args)
    }
    let consumerOpts = mkOpts(consumerHeap.memory, realloc: coreConsumerRealloc)
    let coreConsumer: CoreFuncInst = { args in
      XCTAssertEqual(args.count, 0)
      consumerThread = try currentThread()
      _ = try canonContextSet(.i32, 0, 42)
      _ = try canonContextSet(.i32, 1, 43)
      let retp = try consumerHeap.realloc(i32s(0, 0, 4, 8))[0]
      XCTAssertEqual(numReallocCalls, 0)
      let r = try store.lower(producer, ft, consumerOpts, consumerInst)([retp])
      XCTAssertEqual(r, [])
      XCTAssertEqual(numReallocCalls, 1)
      XCTAssertEqual(try canonContextGet(.i32, 0), [.i32(42)])
      XCTAssertEqual(try canonContextGet(.i32, 1), [.i32(43)])
      let p = Int(try retp.int())
      let ptr = Int(consumerHeap.memory.bytes[p])
      XCTAssertEqual(consumerHeap.memory.bytes[p + 4], 3)
      XCTAssertEqual(Array(consumerHeap.memory.bytes[ptr..<ptr + 3]), [0x0a, 0x0b, 0x0c])
      return []
    }
    try liftAndRun(mkOpts(), consumerInst, FuncType([], []), coreConsumer, { [] }, { _ in })
    XCTAssertEqual(numReallocCalls, 1)
  }

  /// run_tests.py — test_handles
  func testHandles() throws {
    var dtorValue: UInt64? = nil
    let dtor: CoreFuncInst = { args in
      XCTAssertEqual(args.count, 1)
      dtorValue = try args[0].int()
      return []
    }
    let store = Store(flatLimits: FlatLimits(maxFlatResults: 16))
    let rootInst = ComponentInstance(store)
    let rt = ResourceType(ComponentInstance(store, parent: rootInst), dtor)
    let inst = ComponentInstance(store, parent: rootInst)
    let rt2 = ResourceType(inst, dtor)
    let opts = mkOpts()

    let hostFt = FuncType([.borrow(rt), .borrow(rt)], [.own(rt)])
    let hostFuncInst = mkHostFunc(store, { caller, onStart, onReturn, waitUntil in
      let args = try onStart()
      XCTAssertEqual(args, [.handle(42), .handle(44)])
      try onReturn([.handle(45)])
    }, hostFt)

    let coreWasm: CoreFuncInst = { args in
      XCTAssertEqual(inst.handles.array.count, 4)
      XCTAssertNil(inst.handles.array[0])
      XCTAssertEqual(args, i32s(1, 2, 3, 13))
      let (h1, h2, h3) = (UInt32(1), UInt32(2), UInt32(3))
      XCTAssertEqual(try canonResourceRep(rt, h1), i32s(42))
      XCTAssertEqual(try canonResourceRep(rt, h2), i32s(43))
      XCTAssertEqual(try canonResourceRep(rt, h3), i32s(44))
      let results = try store.lower(hostFuncInst, hostFt, opts, inst)(i32s(h1, h3))
      XCTAssertEqual(results, i32s(4))
      let h4 = UInt32(4)
      XCTAssertEqual(try canonResourceRep(rt, h4), i32s(45))
      dtorValue = nil
      XCTAssertEqual(try canonResourceDrop(rt, h1), [])
      XCTAssertEqual(dtorValue, 42)
      XCTAssertEqual(inst.handles.array.count, 5)
      XCTAssertNil(inst.handles.array[Int(h1)])
      XCTAssertEqual(inst.handles.free.count, 1)
      let h = try canonResourceNew(rt, 46)[0]
      XCTAssertEqual(h, .i32(h1))
      XCTAssertEqual(inst.handles.array.count, 5)
      XCTAssertNotNil(inst.handles.array[Int(h1)])
      XCTAssertEqual(inst.handles.free.count, 0)
      dtorValue = nil
      XCTAssertEqual(try canonResourceDrop(rt, h3), [])
      XCTAssertNil(dtorValue)
      XCTAssertEqual(inst.handles.array.count, 5)
      XCTAssertNil(inst.handles.array[Int(h3)])
      XCTAssertEqual(inst.handles.free.count, 1)
      return [h, .i32(h2), .i32(h4)]
    }
    let ft = FuncType([.own(rt), .own(rt), .borrow(rt), .borrow(rt2)], [.own(rt), .own(rt), .own(rt)])
    var got: [Value]? = nil
    try liftAndRun(opts, inst, ft, coreWasm, { [.handle(42), .handle(43), .handle(44), .handle(13)] }, { got = $0 })
    XCTAssertEqual(got, [.handle(46), .handle(43), .handle(45)])
    XCTAssertEqual(inst.handles.array.count, 5)
    XCTAssertTrue((0..<4).allSatisfy { inst.handles.array[$0] == nil })
    XCTAssertEqual(inst.handles.free.count, 4)
  }
}
