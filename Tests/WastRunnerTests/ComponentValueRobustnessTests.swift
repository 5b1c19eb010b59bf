// Seeded random literals against random types: conversion never crashes, and what converts prints in WAVE
// and reads back (through `cmref abi --value`'s reader) as the same value.
import CanonicalABI
@testable import WastRunner
import XCTest

final class ComponentValueRobustnessTests: XCTestCase {
  struct Gen {
    var rng = SplitMix64(seed: 0xC0FFEE)
    mutating func int(_ n: Int) -> Int { Int(rng.next() % UInt64(n)) }
    mutating func bool() -> Bool { rng.next() & 1 == 1 }

    /// Scalars that stress printing: ASCII, quotes and escapes, combining marks, emoji and their modifiers,
    /// regional indicators, Hangul jamo, controls, format characters.
    static let scalars: [Unicode.Scalar] = [
      "a", "Z", " ", "\"", "'", "\\", "\n", "\t", "\u{0}", "\u{7f}", "\u{301}", "\u{e9}", "\u{1F600}", "\u{1F3FB}",
      "\u{1F1E6}", "\u{1F1E8}", "\u{1100}", "\u{1161}", "\u{11A8}", "\u{200D}", "\u{FEFF}", "\u{D4E}", "\u{10FFFF}", "%",
    ]
    mutating func text() -> String {
      var v = String.UnicodeScalarView()
      for _ in 0..<int(5) { v.append(Gen.scalars[int(Gen.scalars.count)]) }
      return String(v)
    }
    static let labels = ["a", "b", "ok", "none", "some", "x-y"]
    mutating func type(_ depth: Int) -> ValType {
      let leaves: [ValType] = [.bool, .u8, .s8, .u16, .s16, .u32, .s32, .u64, .s64, .f32, .f64, .char, .string]
      if depth == 0 || int(3) == 0 { return leaves[int(leaves.count)] }
      switch int(8) {
      case 0: return .list(type(depth - 1))
      case 1: return .tuple((0..<1 + int(3)).map { _ in type(depth - 1) })
      case 2: return .record(Array(Gen.labels.prefix(1 + int(3))).map { FieldType($0, type(depth - 1)) })
      case 3: return .variant(Array(Gen.labels.prefix(1 + int(4))).map { CaseType($0, bool() ? type(depth - 1) : nil) })
      case 4: return .enum_(Array(Gen.labels.prefix(1 + int(4))))
      case 5: return .option(type(depth - 1))
      case 6: return .result(bool() ? type(depth - 1) : nil, bool() ? type(depth - 1) : nil)
      default: return .flags(Array(Gen.labels.prefix(1 + int(4))))
      }
    }
    /// A literal that fits `t` most of the time, and sometimes does not.
    mutating func literal(_ t: ValType, _ depth: Int) -> ComponentValueLiteral {
      if int(20) == 0 { return [.u8(1), .string("x"), .optionNone, .list([]), .tuple([])][int(5)] }
      switch t {
      case .bool: return .bool(bool())
      case .u8: return .u8(UInt8(truncatingIfNeeded: rng.next()))
      case .s8: return .s8(Int8(truncatingIfNeeded: rng.next()))
      case .u16: return .u16(UInt16(truncatingIfNeeded: rng.next()))
      case .s16: return .s16(Int16(truncatingIfNeeded: rng.next()))
      case .u32: return .u32(UInt32(truncatingIfNeeded: rng.next()))
      case .s32: return .s32(Int32(truncatingIfNeeded: rng.next()))
      case .u64: return .u64(rng.next())
      case .s64: return .s64(Int64(bitPattern: rng.next()))
      case .f32: return .f32([.bits(0x3fc0_0000), .bits(0x8000_0000), .bits(0x7f80_0000), .canonicalNaN, .bits(1)][int(5)])
      case .f64: return .f64([.bits(0x3ff8_0000_0000_0000), .bits(0xfff0_0000_0000_0000), .arithmeticNaN, .bits(1)][int(4)])
      case .char: return .char(Gen.scalars[int(Gen.scalars.count)])
      case .string: return .string(text())
      case .list(let e, _): return .list((0..<int(4)).map { _ in literal(e, depth + 1) })
      case .tuple(let ts): return .tuple(ts.map { literal($0, depth + 1) })
      case .record(let fs): return .record(fs.shuffled(using: &rng).map { .init(name: $0.label, value: literal($0.t, depth + 1)) })
      case .variant(let cs):
        let c = cs[int(cs.count)]
        return .variant(case: c.label, payload: c.t.map { literal($0, depth + 1) })
      case .enum_(let ls): return .enumCase(ls[int(ls.count)])
      case .option(let u): return bool() ? .optionNone : .optionSome(literal(u, depth + 1))
      case .result(let o, let e):
        return bool() ? .resultOk(o.map { literal($0, depth + 1) }) : .resultErr(e.map { literal($0, depth + 1) })
      case .flags(let ls): return .flags(ls.filter { _ in bool() })
      default: return .bool(true)
      }
    }
  }

  func testConvertPrintReadBack() throws {
    var g = Gen()
    var converted = 0, refused = 0
    for _ in 0..<3000 {
      let t = g.type(3)
      let l = g.literal(t, 0)
      let v: CanonicalABI.Value
      do { v = try componentValue(l, t) } catch is ComponentValueMismatch { refused += 1; continue }
      converted += 1
      XCTAssertTrue(componentValuesEqual(v, v), "\(v) equals itself")
      let text = waveText(v, t)
      do {
        let back = try parseValue(text, t)
        XCTAssertTrue(componentValuesEqual(back, v), "\(t): \(l) printed as \(text) reads back as \(back)")
      } catch {
        XCTFail("\(t): \(l) printed as \(text) does not read back: \(error)")
      }
    }
    XCTAssertGreaterThan(converted, 1000)
    XCTAssertGreaterThan(refused, 50)
  }

  func testCombiningScalarsPrintApart() {
    XCTAssertEqual(waveText(.str("e\u{301}"), .string), #""e\u{301}""#)
    XCTAssertEqual(waveText(.str("\u{e9}"), .string), "\"\u{e9}\"")
    XCTAssertEqual(waveText(.char("\u{301}"), .char), #"'\u{301}'"#)
    XCTAssertEqual(waveText(.str("\u{1F1E6}\u{1F1E8}"), .string), "\"\u{1F1E6}\\u{1f1e8}\"")
  }
}
