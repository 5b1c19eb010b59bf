// Benchmarks (release build, outside .ci/run; run only when CMREF_BENCH is set):
//   swift build -c release --build-tests -Xswiftc -enable-testing
//   CMREF_BENCH=1 swift test -c release --skip-build --filter BenchmarkTests
// Lowers into memory and lifts back (a) list<u8> of 64 MiB, (b) list<string> of 1,000,000 short strings,
// (c) list<record { a: u32, b: string, c: option<f64> }> of 1,000,000. Scripts/abi-bench.py does the same
// work with definitions.py at sizes it can finish.
import XCTest
import Foundation
@testable import CanonicalABI

final class BenchmarkTests: XCTestCase {
  func seconds(_ f: () throws -> Void) rethrows -> Double {
    let t0 = DispatchTime.now().uptimeNanoseconds
    try f()
    return Double(DispatchTime.now().uptimeNanoseconds - t0) / 1e9
  }

  /// A bump allocator (run_tests.py's Heap without the copy on growth, which these lists never need).
  func bumpRealloc(_ mem: MemInst) -> CoreFuncInst {
    var last: UInt64 = 0
    return { args in
      let align = try args[2].int(), size = try args[3].int()
      let p = alignTo(last, align)
      last = p + size
      if last > mem.byteCount { throw CanonicalABITrap("bench realloc", "out of memory") }
      return [.i32(UInt32(p))]
    }
  }

  func run(_ name: String, _ t: ValType, _ v: Value, count: Int, memBytes: Int) throws -> (Double, Double) {
    let mem = MemInst([UInt8](repeating: 0, count: memBytes))
    let cx = mkCx(mem, .utf8, realloc: bumpRealloc(mem))
    var flat = [CoreValue]()
    let lower = try seconds { flat = try lowerFlat(cx, v, t) }
    var back: Value? = nil
    let lift = try seconds { back = try liftFlat(cx, CoreValueIter(flat), t) }
    XCTAssertEqual(back?.listCount, count)
    print(String(format: "BENCH %@: %d elements: lower %.3f s (%.1f ns/elem), lift %.3f s (%.1f ns/elem), total %.1f ns/elem",
                 name, count, lower, lower / Double(count) * 1e9, lift, lift / Double(count) * 1e9, (lower + lift) / Double(count) * 1e9))
    return (lower, lift)
  }

  func testBenchmarks() throws {
    guard ProcessInfo.processInfo.environment["CMREF_BENCH"] != nil else { throw XCTSkip("set CMREF_BENCH=1 (release build)") }
    // (a) list<u8> of 64 MiB, and a plain memory copy of the same bytes for reference.
    let n = 64 << 20
    var bytes = [UInt8](repeating: 0, count: n)
    for i in 0..<n { bytes[i] = UInt8(truncatingIfNeeded: i &* 31) }
    let (lo, li) = try run("list<u8> 64MiB", .list(.u8), .numbers(.u8(bytes)), count: n, memBytes: n + 64)
    var dst = [UInt8](repeating: 0, count: n)
    let copy = seconds {
      dst.withUnsafeMutableBytes { d in bytes.withUnsafeBytes { s in d.copyMemory(from: s) } }
    }
    XCTAssertEqual(dst[12345], bytes[12345])
    print(String(format: "BENCH memcpy 64MiB: %.4f s; lower/copy %.2fx, lift/copy %.2fx, (lower+lift)/(2 copies) %.2fx",
                 copy, lo / copy, li / copy, (lo + li) / (2 * copy)))

    // (b) list<string> of 1,000,000 short strings.
    let m = 1_000_000
    let strs = (0..<m).map { Value.str("str\($0 % 10007)") }
    _ = try run("list<string> 1M", .list(.string), .list(strs), count: m, memBytes: 40 << 20)

    // (c) list<record { a: u32, b: string, c: option<f64> }> of 1,000,000.
    let rt = ValType.record([FieldType("a", .u32), FieldType("b", .string), FieldType("c", .option(.f64))])
    let recs = (0..<m).map { i in
      Value.record([FieldValue("a", .u32(UInt32(i))), FieldValue("b", .str("r\(i % 1000)")),
                    FieldValue("c", i % 2 == 0 ? .variant("some", .f64(Double(i) / 3)) : .variant("none", nil))])
    }
    _ = try run("list<record> 1M", .list(rt), .list(recs), count: m, memBytes: 48 << 20)
  }
}
