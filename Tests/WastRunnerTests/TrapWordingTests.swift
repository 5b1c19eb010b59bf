import CanonicalABI
import ComponentModel
import Foundation
import WasmCore
@testable import WastRunner
import XCTest

final class TrapWordingTests: XCTestCase {
  /// The package root (Tests/WastRunnerTests/ is two levels below it).
  let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

  /// Every `trap_if`/`trap` site written in the CanonicalABI target, as (definition, condition).
  func canonicalABITrapSites() throws -> [(String, String)] {
    let dir = root.appendingPathComponent("Sources/CanonicalABI")
    let regex = try NSRegularExpression(pattern: #"trap(?:If)?\((?:.*?, )?"([^"]+)", "([^"]+)"\)"#)
    var sites = [(String, String)]()
    for name in try FileManager.default.contentsOfDirectory(atPath: dir.path) where name.hasSuffix(".swift") {
      let text = try String(contentsOf: dir.appendingPathComponent(name), encoding: .utf8)
      for line in text.components(separatedBy: "\n") where !line.contains("func trap") {
        let ns = line as NSString
        for m in regex.matches(in: line, range: NSRange(location: 0, length: ns.length)) {
          sites.append((ns.substring(with: m.range(at: 1)), ns.substring(with: m.range(at: 2))))
        }
      }
    }
    return sites
  }

  func testEveryCanonicalABITrapSiteHasAWording() throws {
    let sites = try canonicalABITrapSites()
    XCTAssertGreaterThan(sites.count, 100, "the scan found the sites")
    for (d, c) in sites {
      XCTAssertNotNil(trapWording(CanonicalABITrap(d, c)), "no wording for \(d): \(c)")
    }
  }

  /// Docs/traps.md holds the table between its markers; `CMREF_WRITE_DOCS=1 swift test --filter TrapWordingTests`
  /// rewrites it there.
  func testDocsHoldTheTable() throws {
    let url = root.appendingPathComponent("Docs/traps.md")
    var doc = try String(contentsOf: url, encoding: .utf8)
    let begin = "<!-- table: generated from trapWordingTable -->\n", end = "<!-- end of table -->"
    guard let b = doc.range(of: begin), let e = doc.range(of: end, range: b.upperBound..<doc.endIndex) else {
      return XCTFail("Docs/traps.md has no table markers")
    }
    if ProcessInfo.processInfo.environment["CMREF_WRITE_DOCS"] == "1" {
      doc.replaceSubrange(b.upperBound..<e.lowerBound, with: trapWordingMarkdown())
      try doc.write(to: url, atomically: true, encoding: .utf8)
      return
    }
    XCTAssertEqual(String(doc[b.upperBound..<e.lowerBound]), trapWordingMarkdown(),
                   "Docs/traps.md is out of date: CMREF_WRITE_DOCS=1 swift test --filter TrapWordingTests")
  }

  func testSuiteWordingsMatchTheirSites() {
    let cases: [(CanonicalABITrap, String)] = [
      (CanonicalABITrap("canon_resource_new", "not inst.may_leave"), "cannot leave component instance"),
      (CanonicalABITrap("canon_lower", "not thread.task.inst.may_leave"), "cannot leave component instance"),
      (CanonicalABITrap("Store.lift", "not inst.may_enter_from(caller)"), "wasm trap: cannot enter component instance"),
      (CanonicalABITrap("Table.get", "self.array[i] is None"), "unknown handle index 5"),
      (CanonicalABITrap("Table.get", "i >= len(self.array)"), "unknown handle index 4294967295"),
      (CanonicalABITrap("canon_resource_drop", "h.rt is not rt"),
       "handle index 1 used with the wrong type, expected guest-defined resource but found a different guest-defined resource"),
      (CanonicalABITrap("canon_resource_drop", "h.num_lends != 0"), "cannot remove owned resource while borrowed"),
      (CanonicalABITrap("convert_i32_to_char", "0xD800 <= i <= 0xDFFF"), "invalid `char` bit pattern"),
      (CanonicalABITrap("load_variant", "case_index >= len(cases)"), "invalid variant discriminant"),
      (CanonicalABITrap("load_string_from_range", "ptr + byte_length > len(cx.opts.memory)"), "string content out-of-bounds"),
      (CanonicalABITrap("load_string_from_range", "ptr + byte_length > len(cx.opts.memory)"), "string pointer/length out of bounds of memory"),
      (CanonicalABITrap("load_string_from_range", "UnicodeError in decode"), "invalid utf-8"),
      (CanonicalABITrap("load_string_from_range", "UnicodeError in decode"), "invalid utf-8 sequence of 1 bytes from index 0"),
      (CanonicalABITrap("load_string_from_range", "UnicodeError in decode"), "incomplete utf-8 byte sequence from index 3"),
      (CanonicalABITrap("store_list_into_range", "ptr + byte_length > len(cx.opts.memory)"), "wasm trap: list content out-of-bounds"),
      (CanonicalABITrap("store_list_into_range", "ptr + byte_length > len(cx.opts.memory)"), "realloc return: beyond end of memory"),
      (CanonicalABITrap("store_list_into_range", "ptr != align_to(ptr, alignment(elem_type))"), "realloc return: result not aligned"),
      (CanonicalABITrap("lower_flat_values", "ptr != align_to(ptr, alignment(tuple_type))"), "unaligned pointer"),
      // wasmtime's wordings where the host lifts (spec-tests/values).
      (CanonicalABITrap("convert_i32_to_char", "i >= 0x110000"), "converted integer out of range for `char`"),
      (CanonicalABITrap("lift_flat_variant", "case_index >= len(cases)"), "discriminant 4294967295 out of range [0..2)"),
      (CanonicalABITrap("load_variant", "case_index >= len(cases)"), "discriminant 5 out of range [0..5)"),
      (CanonicalABITrap("load_string_from_range", "UnicodeError in decode"), "unpaired surrogate found"),
      (CanonicalABITrap("load_string_from_range", "UnicodeError in decode"), "unpaired surrogate found: d83c"),
      (CanonicalABITrap("lift_flat_values", "ptr + elem_size(tuple_type) > len(cx.opts.memory)"), "pointer out of bounds of memory"),
    ]
    for (trap, text) in cases {
      XCTAssertTrue(trapMatches(trap, expected: text), "\(trap) should match \(text)")
    }
  }

  func testATrapForTheWrongReasonDoesNotMatch() {
    XCTAssertFalse(trapMatches(CanonicalABITrap("Table.get", "self.array[i] is None"), expected: "cannot leave component instance"))
    XCTAssertFalse(trapMatches(CanonicalABITrap("convert_i32_to_char", "i >= 0x110000"), expected: "invalid variant discriminant"))
    XCTAssertFalse(trapMatches(CanonicalABITrap("canon_resource_drop", "h.num_lends != 0"), expected: "unknown handle index 1"))
    XCTAssertFalse(trapMatches(CanonicalABITrap("load_list_from_range", "ptr + length * elem_size(elem_type) > len(cx.opts.memory)"),
                               expected: "discriminant 3 out of range [0..3)"))
    XCTAssertFalse(trapMatches(CanonicalABITrap("lower_flat_values", "ptr + elem_size(tuple_type) > len(cx.opts.memory)"),
                               expected: "pointer out of bounds of memory"))
    XCTAssertFalse(trapMatches(CanonicalABITrap("load_string_from_range", "UnicodeError in decode"),
                               expected: "converted integer out of range for `char`"))
    // A site without a row matches nothing.
    XCTAssertFalse(trapMatches(CanonicalABITrap("no_such_definition", "x"), expected: "x"))
    // Not a trap at all.
    XCTAssertFalse(trapMatches(CanonicalABIMisuse("bad"), expected: "bad"))
    XCTAssertFalse(trapMatches(WasmError(.invalid, "type mismatch"), expected: "type mismatch"))
    // A placeholder stands for non-empty text; the literal parts must match.
    XCTAssertFalse(trapMatches(CanonicalABITrap("Table.get", "self.array[i] is None"), expected: "unknown handle index 1 extra"))
    XCTAssertFalse(wordingMatches("index {} is not a resource", "index  is not a resource"))
  }

  func testCoreTrapsKeepTheirWordingAndTakeWasmtimes() {
    let unreachable = WasmError(.trap, "unreachable")
    XCTAssertTrue(trapMatches(unreachable, expected: "unreachable"))
    XCTAssertTrue(trapMatches(unreachable, expected: "wasm trap: wasm `unreachable` instruction executed"))
    XCTAssertFalse(trapMatches(unreachable, expected: "integer overflow"))
    XCTAssertTrue(trapMatches(WasmError(.trap, "out of bounds table access"), expected: "undefined element: out of bounds table access"))
    XCTAssertTrue(trapMatches(ComponentTrap(.core(unreachable)), expected: "wasm trap: wasm `unreachable` instruction executed"))
  }

  func testRunnerTrapsUnwrapToTheirSite() {
    let lent = CanonicalABITrap("lift_own", "h.num_lends != 0")
    XCTAssertTrue(trapMatches(ComponentTrap(.canonicalABI(lent)), expected: "cannot remove owned resource while borrowed"))
    XCTAssertFalse(trapMatches(ComponentTrap(.canonicalABI(lent)), expected: "unknown handle index 1"))
    XCTAssertTrue(trapMatches(hostTrap("[static]resource1.assert", "rep 1 is not 2"), expected: "[static]resource1.assert"))
    XCTAssertTrue(trapMatches(ComponentTrap(.unresolved("x")), expected: "deadlock detected: event loop cannot make further progress"))
    XCTAssertFalse(trapMatches(ComponentTrap(.misuse("x")), expected: "x"))
  }

  func testEveryWordingOfTheSyncSuitesIsInTheTable() throws {
    // The assert_trap texts of the synchronous component-model directories, each accepted by some row.
    let suite = root.deletingLastPathComponent().appendingPathComponent("shared/testsuite/component-model")
    guard FileManager.default.fileExists(atPath: suite.path) else { throw XCTSkip("no suite at \(suite.path)") }
    let all = trapWordingTable.flatMap(\.wordings) + coreTrapWordingTable.flatMap(\.wordings)
    let regex = try NSRegularExpression(pattern: #"\(assert_trap \(invoke [^\n]*\) "([^"]+)"\)"#)
    var seen = 0
    for dir in ["values", "resources", "linking"] {
      let d = suite.appendingPathComponent(dir)
      for name in try FileManager.default.contentsOfDirectory(atPath: d.path) where name.hasSuffix(".wast") {
        let text = try String(contentsOf: d.appendingPathComponent(name), encoding: .utf8) as NSString
        for m in regex.matches(in: text as String, range: NSRange(location: 0, length: text.length)) {
          var want = text.substring(with: m.range(at: 1))
          if want.hasPrefix("wasm trap: ") { want.removeFirst(11) }
          seen += 1
          XCTAssertTrue(all.contains { wordingMatches($0, want) }, "\(dir)/\(name): no row accepts \(want)")
        }
      }
    }
    XCTAssertGreaterThan(seen, 30)
  }
}
