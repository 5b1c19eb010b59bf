// `cmref check`'s engine: the spec-tests/canonical-abi files pass, a wrong expectation fails at its line, shape
// errors are located, traces show the definitions entered, seeds reach the store, and the mapping tables of
// spec-tests/canonical-abi/README.md agree with the sources and with what the files check.
import CanonicalABI
import XCTest
@testable import WastRunner

final class ExpectationCheckTests: XCTestCase {
  static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../..").standardized
  static var specTests: String { root.appendingPathComponent("spec-tests/canonical-abi").path }

  /// Checks YAML text written to a temporary file.
  func check(_ text: String, options: CheckOptions = CheckOptions()) throws -> CheckResult {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("cmref-check-\(UUID().uuidString).yaml")
    try text.write(to: url, atomically: true, encoding: .utf8)
    defer { try? FileManager.default.removeItem(at: url) }
    var r = CheckResult()
    try ExpectationCheck.check(file: url.path, options: options, into: &r)
    return r
  }

  func testSpecTestsPass() throws {
    var r = CheckResult()
    let files = try ExpectationCheck.files([Self.specTests])
    XCTAssertGreaterThanOrEqual(files.count, 10)
    for f in files { try ExpectationCheck.check(file: f, options: CheckOptions(), into: &r) }
    XCTAssertEqual(r.failures.map(\.description), [])
    XCTAssertGreaterThan(r.passed, 500)
  }

  func testWrongExpectationsFailAtTheirLine() throws {
    let r = try check("""
      kind: abi-cases
      spec: CanonicalABI.md#flat-lifting
      cases:
        - name: ok
          type: u8
          lift: [i32:256]
          value: 0
        - name: wrong-value
          type: (list u8)
          memory: "01 02 03"
          lift: [i32:0, i32:3]
          value: '[1, 2, 4]'
        - name: wrong-trap
          type: char
          lift: [i32:0xD800]
          trap: "convert_i32_to_char: i >= 0x110000"
        - name: unexpected-trap
          type: char
          lift: [i32:0x110000]
          value: "'a'"
        - name: wrong-size
          type: (record (field "a" u8) (field "b" u32))
          size: 5
        - name: wrong-bytes
          spec: CanonicalABI.md#storing
          type: (list u16)
          memory-size: 16
          lower: '[1, 2]'
          flat: [i32:0, i32:2]
          bytes: "01 00 02 01"
      """)
    XCTAssertEqual(r.passed, 1)
    XCTAssertEqual(r.failures.map(\.line), [12, 16, 19, 23, 30])
    XCTAssertEqual(r.failures.map(\.caseName), ["wrong-value", "wrong-trap", "unexpected-trap", "wrong-size", "wrong-bytes"])
    XCTAssertEqual(r.failures[0].description.hasSuffix(": case wrong-value, spec CanonicalABI.md#flat-lifting: expected [1, 2, 4], got [1, 2, 3]"), true, r.failures[0].description)
    XCTAssertEqual(r.failures[1].got, "trap: convert_i32_to_char: 0xD800 <= i <= 0xDFFF")
    XCTAssertEqual(r.failures[4].got, "01 00 02 00")
    XCTAssertEqual(r.summary, "check: 1 passed, 5 failed (1 file)")
  }

  func testShapeErrorsAreLocated() {
    func error(_ text: String) -> String {
      do { _ = try check(text); return "no error" } catch { return "\(error)" }
    }
    XCTAssertTrue(error("cases: []\n").contains(":1:1: the top-level mapping needs a kind:"), error("cases: []\n"))
    XCTAssertTrue(error("kind: observation\n").contains("unknown kind observation"))
    XCTAssertTrue(error("kind: abi-cases\ncases:\n  - name: a\n    spec: x\n    type: u8\n    sise: 1\n").contains(":6:5: unknown key sise"))
    XCTAssertTrue(error("kind: abi-cases\ncases:\n  - name: a\n    spec: x\n    type: (lst u8)\n    size: 1\n").contains(":5:11: type:"))
    XCTAssertTrue(error("kind: abi-cases\ncases:\n  - name: a\n    spec: x\n    type: u8\n    lift: [i32:1]\n    value: 300\n").contains(":7:12: value of type u8"))
    XCTAssertTrue(error("kind: abi-cases\ncases:\n  - {name: a, spec: x, type: u8, lift: [u32:1]}\n").contains("not a core value: u32:1"))
  }

  func testTraceShowsTheDefinitionsEntered() throws {
    final class Lines { var all = [String]() }
    let lines = Lines()
    let r = try check("""
      kind: abi-cases
      cases:
        - name: s
          spec: CanonicalABI.md#storing
          type: (list string)
          memory-size: 32
          lower: '["hi"]'
          flat: [i32:0, i32:1]
      """, options: CheckOptions(trace: { lines.all.append("\($0): \($1)") }))
    XCTAssertEqual(r.failures.map(\.description), [])
    XCTAssertEqual(lines.all, [
      "s: lower_flat([\"hi\"], (list string))",
      "s: store_list_into_range(string)",
      "s: LiftLowerContext.reallocate(0, 0, 4, 8)",
      "s: store(\"hi\", string, ptr=0)",
      "s: store_string_into_range(\"hi\", utf8 -> utf8)",
      "s: LiftLowerContext.reallocate(0, 0, 1, 2)",
    ])
  }

  func testSeedReachesTheStore() throws {
    func lowerNaN(_ seed: UInt64) throws -> String {
      let r = try check("""
        kind: abi-cases
        cases:
          - {name: n, spec: CanonicalABI.md#flat-lowering, type: f32, deterministic: false, lower: nan, flat: [f32:0x0]}
        """, options: CheckOptions(seed: seed))
      return r.failures.first?.got ?? "passed"
    }
    XCTAssertEqual(try lowerNaN(1), try lowerNaN(1), "the same seed makes the same choice")
    let choices = Set(try (1...8).map { try lowerNaN($0) })
    XCTAssertGreaterThan(choices.count, 1, "different seeds make different NaN payloads: \(choices)")
    XCTAssertTrue(choices.allSatisfy { $0.hasPrefix("[f32:0x") })
  }

  // MARK: the mapping tables of spec-tests/canonical-abi/README.md

  func testReadmeMappingAgreesWithSourcesAndFiles() throws {
    let readme = try String(contentsOf: Self.root.appendingPathComponent("spec-tests/canonical-abi/README.md"), encoding: .utf8)
    var r = CheckResult()
    for f in try ExpectationCheck.files([Self.specTests]) { try ExpectationCheck.check(file: f, options: CheckOptions(), into: &r) }
    let swiftTests = try FileManager.default.contentsOfDirectory(atPath: Self.root.appendingPathComponent("Tests/CanonicalABITests").path)
      .filter { $0.hasSuffix(".swift") }
      .map { ($0, try String(contentsOf: Self.root.appendingPathComponent("Tests/CanonicalABITests/\($0)"), encoding: .utf8)) }
    func swiftTestExists(_ name: String) -> Bool {
      let parts = name.split(separator: ".")
      return parts.count == 2 && swiftTests.contains { $0.0 == "\(parts[0]).swift" && $0.1.contains("func \(parts[1])(") }
    }

    // run_tests.py's functions: 33 rows, each with an existing Swift test, YAML files that exist.
    let fnRows = readme.components(separatedBy: "\n").filter { $0.hasPrefix("| `test") }
    XCTAssertEqual(fnRows.count, 33)
    for row in fnRows {
      let cells = row.split(separator: "|").map { $0.trimmingCharacters(in: .whitespaces).trimmingCharacters(in: CharacterSet(charactersIn: "`")) }
      XCTAssertTrue(swiftTestExists(cells[2]), "no Swift test \(cells[2]) for \(cells[0])")
      if cells[1] != "—" { XCTAssertTrue(FileManager.default.fileExists(atPath: "\(Self.specTests)/\(cells[1])"), cells[1]) }
    }

    // Trap sites: exactly the sources' sites; each YAML claim is a passing case expecting that site.
    var sites = Set<String>()
    let dir = Self.root.appendingPathComponent("Sources/CanonicalABI")
    let re = try NSRegularExpression(pattern: #"(?:trapIf\([^\n]*?|trap\()"([^"]+)", "([^"]+)"\)"#)
    for f in try FileManager.default.contentsOfDirectory(atPath: dir.path) where f.hasSuffix(".swift") {
      let text = try String(contentsOf: dir.appendingPathComponent(f), encoding: .utf8)
      for m in re.matches(in: text, range: NSRange(text.startIndex..., in: text)) {
        if let a = Range(m.range(at: 1), in: text), let b = Range(m.range(at: 2), in: text) { sites.insert("\(text[a]) | \(text[b])") }
      }
    }
    var listed = Set<String>(), yaml = 0, swiftOnly = 0, unreachable = 0
    for row in readme.components(separatedBy: "\n") where row.hasPrefix("| `") && row.contains(" \\| ") {
      let cells = row.replacingOccurrences(of: "\\|", with: "\u{1}").split(separator: "|")
        .map { $0.trimmingCharacters(in: .whitespaces).replacingOccurrences(of: "\u{1}", with: "|") }
      let site = cells[0].trimmingCharacters(in: CharacterSet(charactersIn: "`"))
      XCTAssertTrue(listed.insert(site).inserted, "listed twice: \(site)")
      if cells[1] != "—" {
        yaml += 1
        let claim = cells[1].replacingOccurrences(of: "`", with: "").split(separator: " ")
        let hit = r.trapSites[site] ?? "none"
        XCTAssertTrue(claim.count == 2 && hit.contains("canonical-abi/\(claim[0]):") && hit.hasSuffix("case \(claim[1])"),
                      "\(site): README says \(cells[1]), the files give \(hit)")
      }
      if cells[2].hasPrefix("unreachable") { unreachable += 1 } else {
        XCTAssertTrue(swiftTestExists(cells[2].trimmingCharacters(in: CharacterSet(charactersIn: "`"))), "\(site): \(cells[2])")
        if cells[1] == "—" { swiftOnly += 1 }
      }
    }
    XCTAssertEqual(listed, sites, "README's trap sites vs the sources'")
    XCTAssertEqual(Set(r.trapSites.keys).subtracting(listed), [], "sites a YAML case reaches but README does not list")
    XCTAssertTrue(readme.contains("\(sites.count) sites: \(yaml) with a YAML case, \(swiftOnly) with a Swift case only, \(unreachable) unreachable"),
                  "README's count line: \(sites.count) sites: \(yaml) with a YAML case, \(swiftOnly) with a Swift case only, \(unreachable) unreachable")
  }
}
