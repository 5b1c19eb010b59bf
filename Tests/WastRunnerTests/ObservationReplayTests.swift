// `cmref check` on observation files (Docs/observations.md): the wasmtime recordings of spec-tests/observations
// agree with the reference, every recorded verdict flipped is flagged at its line, values and handles are
// compared as the format says, shape errors are located, and the Docs page's worked example is the file.
import XCTest
@testable import WastRunner

final class ObservationReplayTests: XCTestCase {
  static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../..").standardized
  static var observations: String { root.appendingPathComponent("spec-tests/observations").path }

  /// Checks observation text written to a temporary file; `COMPONENTS/` in it names spec-tests/observations.
  func check(_ text: String) throws -> CheckResult {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("cmref-obs-\(UUID().uuidString).yaml")
    try text.replacingOccurrences(of: "COMPONENTS/", with: Self.observations + "/").write(to: url, atomically: true, encoding: .utf8)
    defer { try? FileManager.default.removeItem(at: url) }
    var r = CheckResult()
    try ExpectationCheck.check(file: url.path, options: CheckOptions(), into: &r)
    return r
  }

  func testRecordedObservationsAgree() throws {
    let files = try ExpectationCheck.files([Self.observations])
    XCTAssertGreaterThanOrEqual(files.count, 20)
    var r = CheckResult()
    for f in files { try ExpectationCheck.check(file: f, options: CheckOptions(), into: &r) }
    XCTAssertEqual(r.failures.map(\.description), [])
    XCTAssertGreaterThanOrEqual(r.passed, 200)
  }

  /// Every outcome of some files (values, strings, resources, lockdown), its verdict flipped (a result becomes a
  /// trap, a trap a result), one at a time: the check fails at the altered line. `.ci/run` runs
  /// Scripts/alter-observations.py, which alters every outcome of every file, values too.
  func testFlippedVerdictsAreFlaggedAtTheirLine() throws {
    var made = 0, flagged = 0
    var missed = [String]()
    let sample = ["example", "resources", "strings-latin1", "trap-dtor-host-drop", "trap-unreachable"]
    for f in sample.map({ Self.observations + "/\($0).yaml" }) {
      let text = try String(contentsOfFile: f, encoding: .utf8)
      let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
      for (i, line) in lines.enumerated() {
        let flipped: String
        if line.hasPrefix("    result: ") {
          flipped = "    trap: 'flipped'"
        } else if line.hasPrefix("    trap: ") {
          flipped = "    result: '()'"
        } else {
          continue
        }
        var copy = lines
        copy[i] = flipped
        var r = CheckResult()
        do {
          r = try check(copy.map { $0.hasPrefix("component: '") ? "component: 'COMPONENTS/" + $0.dropFirst(12) : $0 }.joined(separator: "\n"))
        } catch {
          missed.append("\(f):\(i + 1): \(error)")
          made += 1
          continue
        }
        made += 1
        if r.failures.contains(where: { $0.line == i + 1 }) { flagged += 1 } else { missed.append("\(f):\(i + 1)") }
      }
    }
    XCTAssertGreaterThanOrEqual(made, 80)
    XCTAssertEqual(flagged, made, missed.joined(separator: "\n"))
  }

  /// An observation file of `component` (in spec-tests/observations) with these steps; they start on line 5.
  func observation(_ component: String, _ steps: String) -> String {
    "kind: observations\nruntime: {name: test, version: '1'}\ncomponent: COMPONENTS/\(component)\ncalls:\n" + steps
  }

  func testValuesHandlesAndLockdown() throws {
    let r = try check(observation("resources.wat", """
        - call: '[constructor]counter(5)'
          result: '@1'
        - call: '[method]counter.get(@1)'
          result: '6'
        - call: 'pair(1, 2)'
          result: '[@2, @3]'
        - call: '[method]counter.get(@3)'
          result: '2'
        - drop: '@2'
          result: '()'
        - call: 'drops()'
          result: '[2048]'
        - call: 'rep-at(99)'
          result: '0'
        - call: 'drops()'
          result: '[2052]'
      """))
    XCTAssertEqual(r.failures.map(\.line), [8, 16, 18, 20])
    XCTAssertEqual(r.failures[0].expected, "5")
    XCTAssertEqual(r.failures[0].got, "6")
    XCTAssertEqual(r.failures[1].expected, "[2052]", "the host drop of @2 ran the destructor with its rep")
    XCTAssertEqual(r.failures[2].spec, "Table.get: i >= len(self.array)")
    XCTAssertEqual(r.failures[3].spec, "Store.lift: not inst.may_enter_from(caller)", "lockdown after the trap")
    XCTAssertEqual(r.passed, 4)
  }

  /// `dtors:`: the destructor calls a runtime reports for a step are compared, in order, with the reference's,
  /// each named by its resource type's export; `[]` says none ran, and a missing key checks nothing.
  func testDestructorCallsAreCompared() throws {
    let r = try check(observation("resources.wat", """
        - call: '[constructor]counter(5)'
          result: '@1'
          dtors: []
        - call: 'pair(1, 2)'
          result: '[@2, @3]'
        - drop: '@2'
          result: '()'
          dtors: ['counter 2052']
        - drop: '@3'
          result: '()'
          dtors: ['counter 2099']
        - drop: '@1'
          result: '()'
          dtors: []
        - call: 'drops()'
          result: '[2052, 2056, 2048]'
      """))
    XCTAssertEqual(r.failures.map(\.line), [15, 18], "reported at the dtors: lines")
    XCTAssertEqual(r.failures.first?.expected, "dtors [counter 2056]")
    XCTAssertEqual(r.failures.first?.got, "dtors [counter 2099]")
    XCTAssertEqual(r.failures.last?.expected, "dtors [counter 2048]", "dropping @1 ran the destructor")
    XCTAssertEqual(r.passed, 4)
  }

  /// A step marked `differs:` passes while it differs, and fails once it agrees.
  func testKnownDifferencesMustDiffer() throws {
    let r = try check(observation("scalars.wat", """
        - call: 'id-u8(1)'
          result: '2'
          differs: 'a runtime that adds one'
        - call: 'id-u8(1)'
          result: '1'
          differs: 'a stale explanation'
      """))
    XCTAssertEqual(r.passed, 1)
    XCTAssertEqual(r.failures.map(\.line), [9])
    XCTAssertEqual(r.failures.first?.spec, "Docs/observations.md#known-differences")
  }

  func testNaNAgreesWithNaNAndZeroSignsDiffer() throws {
    let r = try check(observation("floats.wat", """
        - call: 'f32-from-bits(2141192193)'
          result: 'nan'
        - call: 'id-f64(-0)'
          result: '0'
        - call: 'id-f32(nan)'
          result: '1'
      """))
    XCTAssertEqual(r.failures.map(\.line), [8, 10])
    XCTAssertTrue(r.failures[1].got.contains("a NaN argument was lowered"), r.failures[1].got)
  }

  func testShapeErrorsAreLocated() {
    func error(_ text: String) -> String {
      do { _ = try check(text); return "no error" } catch { return "\(error)" }
    }
    let head = observation("scalars.wat", "")
    XCTAssertTrue(error(head + "  - call: 'id-u8(1)'\n    reslt: '1'\n").contains(":6:5: unknown key reslt"))
    XCTAssertTrue(error(head + "  - call: 'id-u8(1)'\n").contains(":5:5: a step needs exactly one outcome"))
    XCTAssertTrue(error(head + "  - call: 'id-u8(256)'\n    result: '0'\n").contains(":5:11: arguments (256)"))
    XCTAssertTrue(error(head + "  - call: 'nope()'\n    result: '0'\n").contains(":5:11: no exported function nope"))
    XCTAssertTrue(error(head + "  - call: 'id-u8(1)'\n    result: '\"x\"'\n").contains(":6:5: result \"x\" at type u8"))
    XCTAssertTrue(error(observation("resources.wat", "") + "  - call: 'new-token(1)'\n    result: '@2'\n  - call: 'new-token(2)'\n    result: '@1'\n")
      .contains(":8:5: handle @1 in a result: a received handle needs a new number, above @2"))
    XCTAssertTrue(error("kind: observations\nruntime: {name: t}\ncomponent: COMPONENTS/scalars.wat\ncalls: []\n").contains("missing key version"))
  }

  func testHandleTokensSkipLiterals() {
    XCTAssertEqual(handleTokens(#"f(@1, "@2", '@', [@3])"#).map(\.number), [1, 3])
    XCTAssertEqual(replacingHandles("(@12, \"a\\\"@4\")") { String($0 * 2) }, "(24, \"a\\\"@4\")")
  }

  /// Docs/observations.md shows spec-tests/observations/example.yaml as it is.
  func testDocsExampleIsTheFile() throws {
    let doc = try String(contentsOf: Self.root.appendingPathComponent("Docs/observations.md"), encoding: .utf8)
    let file = try String(contentsOfFile: Self.observations + "/example.yaml", encoding: .utf8)
    guard let section = doc.range(of: "## A worked example"),
          let open = doc.range(of: "```yaml\n", range: section.upperBound..<doc.endIndex),
          let close = doc.range(of: "```", range: open.upperBound..<doc.endIndex) else {
      return XCTFail("no worked example in Docs/observations.md")
    }
    XCTAssertEqual(String(doc[open.upperBound..<close.lowerBound]), file)
  }
}
