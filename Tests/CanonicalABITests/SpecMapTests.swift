// The spec map: every definition of the pinned definitions.py has a Swift counterpart citing it.
import XCTest
@testable import CanonicalABI

final class SpecMapTests: XCTestCase {
  func testEveryDefinitionHasACounterpart() throws {
    let missing = try specMissing()
    XCTAssertEqual(missing.map { "\($0.kind.rawValue) \($0.name) (\($0.section))" }, [], "definitions with no Swift counterpart")
    XCTAssertEqual(specDefinitions.count, 368)
  }

  func testEveryCitationNamesASpecDefinition() throws {
    let known = Set(specDefinitions.map { $0.name })
    let stale = try specCitations().filter { !known.contains($0.name) }
    XCTAssertEqual(stale.map { "\($0.name) at \($0.file):\($0.line)" }, [])
  }

  func testCitationsPointAtDeclarations() throws {
    let map = Dictionary(try specCitations().map { ($0.name, $0) }, uniquingKeysWith: { a, _ in a })
    XCTAssertEqual(map["load"]?.symbol, "load")
    XCTAssertEqual(map["load"]?.file, "Sources/CanonicalABI/Loading.swift")
    XCTAssertEqual(map["lift_flat_values"]?.symbol, "liftFlatValues")
    XCTAssertEqual(map["Store"]?.symbol, "Store")
    XCTAssertEqual(map["BoolType"]?.symbol, "bool")
    XCTAssertEqual(map["Table.__init__"]?.symbol, "init")
    // The cited line really is the declaration.
    if let c = map["canon_lift"] {
      let text = try String(contentsOf: canonicalABISourceDirectory.appendingPathComponent((c.file as NSString).lastPathComponent), encoding: .utf8)
      let line = text.components(separatedBy: "\n")[c.line - 1]
      XCTAssertTrue(line.contains("func canonLift("), line)
    } else {
      XCTFail("canon_lift not cited")
    }
  }

  func testCitationParsing() {
    XCTAssertEqual(parseCitedNames("def a").map { $0.1 }, ["a"])
    XCTAssertEqual(parseCitedNames("class A, B, C").map { $0.1 }, ["A", "B", "C"])
    XCTAssertEqual(parseCitedNames("def X.y, def X.z").map { $0.1 }, ["X.y", "X.z"])
    XCTAssertEqual(parseCitedNames("MAX_FLAT_PARAMS, MAX_FLAT_RESULTS").count, 0)
    XCTAssertEqual(parseCitedNames("def contains (case FuncType)").count, 0)
    XCTAssertEqual(declaredSymbol("public final class Store {"), "Store")
    XCTAssertEqual(declaredSymbol("  public init(_ x: Int) {"), "init")
    XCTAssertEqual(declaredSymbol("func load(_ cx: LiftLowerContext)"), "load")
  }
}
