import ComponentModel
import Foundation
import XCTest

/// `cmref run`: the built executable, as a user runs it.
extension CLITests {
  static let adder = """
    (component
      (import "host" (instance $host (export "return-three" (func (result u32)))))
      (core module $m
        (import "" "three" (func $three (result i32)))
        (memory (export "mem") 1)
        (data (i32.const 0) "h\\c3\\a9")
        (func (export "add") (param i32 i32) (result i32) (i32.add (i32.add (local.get 0) (local.get 1)) (call $three)))
        (func (export "name") (result i32) (i32.store (i32.const 16) (i32.const 0)) (i32.store (i32.const 20) (i32.const 3)) (i32.const 16))
        (func (export "pair") (param i32) (result i32)
          (i32.store (i32.const 32) (local.get 0)) (i32.store8 (i32.const 36) (i32.const 1)) (i32.const 32))
        (func (export "boom") unreachable))
      (core func $three (canon lower (func $host "return-three")))
      (core instance $i (instantiate $m (with "" (instance (export "three" (func $three))))))
      (type $pair-def (record (field "n" u32) (field "ok" bool)))
      (export $pair "pair-rec" (type $pair-def))
      (func (export "add") (param "a" u32) (param "b" u32) (result u32) (canon lift (core func $i "add")))
      (func (export "name") (result string) (canon lift (core func $i "name") (memory (core memory $i "mem"))))
      (func (export "pair") (param "n" u32) (result $pair) (canon lift (core func $i "pair") (memory (core memory $i "mem"))))
      (func (export "boom") (canon lift (core func $i "boom")))
    )
    """

  func testRunCallsAnExportWithWaveArgumentsAndPrintsWave() throws {
    let c = file("adder.wat", CLITests.adder)
    let sum = try run(["run", c, "--invoke", "add(1, 2)"])
    XCTAssertEqual(sum.status, 0, sum.err)
    XCTAssertEqual(sum.out, "6\n")
    let name = try run(["run", c, "--invoke", "name()"])
    XCTAssertEqual(name.out, "\"h\u{e9}\"\n", name.err)
    let pair = try run(["run", c, "--invoke", "pair(7)"])
    XCTAssertEqual(pair.out, "{n: 7, %ok: true}\n", pair.err)
    // A binary component runs the same.
    let bytes = encodeComponent(try parseComponent(CLITests.adder))
    let binary = scratch.appendingPathComponent("adder.wasm").path
    FileManager.default.createFile(atPath: binary, contents: Data(bytes))
    XCTAssertEqual(try run(["run", binary, "--invoke", "add(10, 20)"]).out, "33\n")
  }

  func testRunCallsAFunctionOfAnExportedInstance() throws {
    let c = file("iface.wat", """
      (component
        (core module $m (func (export "f") (param i32) (result i32) (i32.mul (local.get 0) (i32.const 2))))
        (core instance $i (instantiate $m))
        (func $f (param "x" u32) (result u32) (canon lift (core func $i "f")))
        (instance $iface (export "double" (func $f)))
        (export "ns:pkg/iface" (instance $iface)))
      """)
    let doubled = try run(["run", c, "--invoke", "ns:pkg/iface#double(21)"])
    XCTAssertEqual(doubled.status, 0, doubled.err)
    XCTAssertEqual(doubled.out, "42\n")
    XCTAssertEqual(try run(["run", c, "--invoke", "ns:pkg/iface#triple(1)"]).status, 2)
  }

  func testRunTraceShowsCanonDefinitions() throws {
    let traced = try run(["run", file("adder.wat", CLITests.adder), "--invoke", "add(1, 2)", "--trace"])
    XCTAssertEqual(traced.status, 0, traced.err)
    XCTAssertTrue(traced.err.contains("canon lift"), traced.err)
    XCTAssertTrue(traced.err.contains("canon lower"), traced.err)
    XCTAssertEqual(traced.out, "6\n")
  }

  func testRunExitStatuses() throws {
    let c = file("adder.wat", CLITests.adder)
    let trapped = try run(["run", c, "--invoke", "boom()"])
    XCTAssertEqual(trapped.status, 1)
    XCTAssertTrue(trapped.err.contains("`boom` trapped: trap: unreachable"), trapped.err)
    let badArgument = try run(["run", c, "--invoke", "add(1, \"x\")"])
    XCTAssertEqual(badArgument.status, 2)
    XCTAssertTrue(badArgument.err.hasPrefix("--invoke: 1:"), badArgument.err)
    XCTAssertEqual(try run(["run", c, "--invoke", "add(1)"]).status, 2)
    let unknown = try run(["run", c, "--invoke", "nope()"])
    XCTAssertEqual(unknown.status, 2)
    XCTAssertTrue(unknown.err.contains("exports no function `nope` (it exports add, name, pair, boom)"), unknown.err)
    XCTAssertEqual(try run(["run", c]).status, 2)
    XCTAssertEqual(try run(["run", c, "--no-such-option"]).status, 2)
    let malformed = try run(["run", file("bad.wat", "(component\n  (func"), "--invoke", "f()"])
    XCTAssertEqual(malformed.status, 2)
    XCTAssertTrue(malformed.err.hasPrefix("\(scratch.path)/bad.wat:"), malformed.err)
    let unlinkable = try run(["run", file("imp.wat", "(component (import \"no-such-import\" (func)))"), "--invoke", "f()"])
    XCTAssertEqual(unlinkable.status, 2, unlinkable.err)
    XCTAssertEqual(try run(["run", "missing.wat", "--invoke", "f()"]).status, 2)
  }

  func testRunReportsAsyncTrapsAndCallsThatCannotResolve() throws {
    // The callback waits on waitable set 0, which does not exist; then on a new, empty set.
    func waiting(on set: String) -> String {
      """
      (component
        (core module $M
          (import "" "waitable-set.new" (func $new (result i32)))
          (func (export "f") (result i32) (i32.or (i32.const 2) (i32.shl \(set) (i32.const 4))))
          (func (export "cb") (param i32 i32 i32) (result i32) unreachable))
        (core func $new (canon waitable-set.new))
        (core instance $m (instantiate $M (with "" (instance (export "waitable-set.new" (func $new))))))
        (func (export "f") async (canon lift (core func $m "f") async (callback (core func $m "cb")))))
      """
    }
    let unknown = try run(["run", file("unknown-set.wat", waiting(on: "(i32.const 0)")), "--invoke", "f()"])
    XCTAssertEqual(unknown.status, 1)
    XCTAssertTrue(unknown.err.contains("trap: Table.get: self.array[i] is None (unknown handle index …)"), unknown.err)
    let empty = try run(["run", file("empty-set.wat", waiting(on: "(call $new)")), "--invoke", "f()"])
    XCTAssertEqual(empty.status, 1)
    XCTAssertTrue(empty.err.contains("the call to `f` did not resolve and no thread can run"), empty.err)
  }
}
