// `cmref check` and the `cmref abi` options added with it, run as a user would (helpers in CLITests.swift).
import XCTest

extension CLITests {
  func testCheckCommandCountsFailuresAndExitCodes() throws {
    let good = file("good.yaml", "kind: abi-cases\ncases:\n  - {name: a, spec: CanonicalABI.md#flat-lifting, type: u8, lift: ['i32:256'], value: '0'}\n")
    let bad = file("bad.yaml", "kind: abi-cases\ncases:\n  - {name: b, spec: CanonicalABI.md#flat-lifting, type: u8, lift: ['i32:256'], value: '1'}\n")
    let broken = file("broken.yaml", "kind: abi-cases\ncases: [\n")
    var r = try run(["check", good])
    XCTAssertEqual(r.status, 0)
    XCTAssertEqual(r.out, "check: 1 passed, 0 failed (1 file)\n")
    r = try run(["check", good, bad])
    XCTAssertEqual(r.status, 1)
    XCTAssertEqual(r.out, "\(bad):3: case b, spec CanonicalABI.md#flat-lifting: expected 1, got 0\ncheck: 1 passed, 1 failed (2 files)\n")
    r = try run(["check", "--json", bad])
    XCTAssertEqual(r.status, 1)
    XCTAssertTrue(r.out.contains("\"failed\":1"), r.out)
    r = try run(["check", broken])
    XCTAssertEqual(r.status, 2)
    XCTAssertTrue(r.err.hasPrefix("cmref check: \(broken):3:1: YAML:"), r.err)
    r = try run(["check"])
    XCTAssertEqual(r.status, 2)
    r = try run(["check", "--trace", good])
    XCTAssertTrue(r.out.hasPrefix("trace: a: lift_flat(u8)\n"), r.out)
  }

  func testAbiOwnBorrowSeedAndTrace() throws {
    var r = try run(["abi", "(own $r)", "--resource", "r", "--value", "42", "--trace"])
    XCTAssertEqual(r.status, 0, r.err)
    XCTAssertTrue(r.out.contains("trace: lower_own(handle(42), r)\n"), r.out)
    XCTAssertTrue(r.out.contains("flat values: i32:1"), r.out)  // load took handle 1 back out, so lowering reuses it
    XCTAssertTrue(r.out.contains("lifted: handle(42)"), r.out)
    r = try run(["abi", "(own $r)"])
    XCTAssertEqual(r.status, 1)
    XCTAssertTrue(r.err.contains("undeclared resource $r"), r.err)
    let a = try run(["abi", "f32", "--value", "nan", "--nondeterministic", "--seed", "5"]).out
    let b = try run(["abi", "f32", "--value", "nan", "--nondeterministic", "--seed", "5"]).out
    XCTAssertEqual(a, b)
  }
}
