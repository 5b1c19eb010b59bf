// The YAML reader: located nodes, located errors, and no crash on damaged input.
import CanonicalABI
import XCTest
@testable import WastRunner

final class YAMLReaderTests: XCTestCase {
  func testNodesCarryTheirMarks() throws {
    let docs = try YAMLReader.documents("kind: abi-cases\ncases:\n  - name: a\n    lift: [i32:1, 'x']\n", file: "t.yaml")
    XCTAssertEqual(docs.count, 1)
    let d = docs[0]
    XCTAssertEqual(d.keys, ["kind", "cases"])
    XCTAssertEqual(d["kind"]?.scalar, "abi-cases")
    XCTAssertEqual(d["kind"]?.mark, YAMLMark(line: 1, column: 7))
    let c = try XCTUnwrap(d["cases"]?.sequence?.first)
    XCTAssertEqual(c.mark, YAMLMark(line: 3, column: 5))
    let lift = try XCTUnwrap(c["lift"]?.sequence)
    XCTAssertEqual(lift.map(\.scalar), ["i32:1", "x"])
    XCTAssertEqual(lift[1].mark, YAMLMark(line: 4, column: 19))
    guard case .scalar(_, let plain) = lift[1].kind else { return XCTFail("scalar") }
    XCTAssertFalse(plain, "a quoted scalar is not plain")
  }

  func testAliasesAndMultipleDocuments() throws {
    let docs = try YAMLReader.documents("a: &x [1, 2]\nb: *x\n---\nc: ~\n", file: "t.yaml")
    XCTAssertEqual(docs.count, 2)
    XCTAssertEqual(docs[0]["b"]?.sequence?.compactMap(\.scalar), ["1", "2"])
    XCTAssertEqual(docs[0]["b"]?.mark.line, 2)
    XCTAssertEqual(docs[1]["c"]?.isNull, true)
    XCTAssertEqual(try YAMLReader.documents("", file: "e.yaml").count, 0)
  }

  func testErrorsAreLocated() {
    func error(_ text: String) -> YAMLError? {
      do { _ = try YAMLReader.documents(text, file: "bad.yaml"); return nil } catch let e as YAMLError { return e } catch { return nil }
    }
    let e1 = error("a: 1\nb: [1, 2\n")
    XCTAssertEqual(e1?.file, "bad.yaml")
    XCTAssertEqual(e1?.mark.line, 3, "\(String(describing: e1))")
    let e2 = error("a: 1\na: 2\n")
    XCTAssertEqual(e2?.mark, YAMLMark(line: 2, column: 1))
    XCTAssertEqual(e2?.message, "duplicate key a")
    XCTAssertEqual(error("a: *nope\n")?.message, "unknown alias *nope")
    XCTAssertNotNil(error("\t- x\n"))
  }

  /// Every prefix and many single-byte mutations of the project's own YAML files read or fail with a located
  /// error; none crashes (seeded, so a failure reproduces).
  func testDamagedInputNeverCrashes() throws {
    let dir = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../spec-tests/canonical-abi")
    for name in ["handles.yaml", "traps.yaml", "values.yaml"] {
      let bytes = Array(try Data(contentsOf: dir.appendingPathComponent(name)))
      var rng = SplitMix64(seed: 7)
      var inputs = stride(from: 0, to: bytes.count, by: 13).map { Array(bytes[..<$0]) }
      for _ in 0..<200 {
        var b = bytes
        b[Int(rng.next() % UInt64(b.count))] = UInt8(truncatingIfNeeded: rng.next())
        inputs.append(b)
      }
      for input in inputs {
        do {
          for doc in try YAMLReader.documents(String(decoding: input, as: UTF8.self), file: name) {
            var result = CheckResult()
            if doc.mapping != nil { _ = try? ExpectationCheck.runners["abi-cases"]?(name, doc, CheckOptions(), &result) }
          }
        } catch is YAMLError {
        }
      }
    }
  }
}

