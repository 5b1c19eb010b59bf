import XCTest
import Foundation

/// Runs the built `cmref` executable as a user would, and checks its output and exit status.
final class CLITests: XCTestCase {
    /// The `cmref` executable beside the test bundle (built by `swift build` / `swift test`).
    var cmref: URL {
        get throws {
            var dir = Bundle.main.bundleURL
            for bundle in Bundle.allBundles where bundle.bundlePath.hasSuffix(".xctest") {
                dir = bundle.bundleURL.deletingLastPathComponent()
            }
            let url = dir.appendingPathComponent("cmref")
            guard FileManager.default.isExecutableFile(atPath: url.path) else { throw XCTSkip("cmref not built at \(url.path)") }
            return url
        }
    }

    var scratch: URL!

    override func setUpWithError() throws {
        scratch = FileManager.default.temporaryDirectory.appendingPathComponent("cmref-cli-\(getpid())-\(name.hashValue)")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: scratch)
    }

    /// Writes `text` to a scratch file and returns its path.
    func file(_ name: String, _ text: String) -> String {
        let path = scratch.appendingPathComponent(name).path
        FileManager.default.createFile(atPath: path, contents: Data(text.utf8))
        return path
    }

    /// Runs cmref with `arguments` in the scratch directory: exit status, stdout, stderr.
    func run(_ arguments: [String]) throws -> (status: Int32, out: String, err: String) {
        let process = Process()
        process.executableURL = try cmref
        process.arguments = arguments
        process.currentDirectoryURL = scratch
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        let errData = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: outData, as: UTF8.self), String(decoding: errData, as: UTF8.self))
    }

    func testValidateComponentsWithFeatures() throws {
        let text = file("c.wat", "(component (core func (canon backpressure.inc)))")
        XCTAssertEqual(try run(["validate", text]).status, 0, "cm-async is a default of wasm-tools")
        let off = try run(["validate", "--features=-cm-async", text])
        XCTAssertEqual(off.status, 1)
        XCTAssertTrue(off.err.contains("c.wat") && off.err.contains("async"), off.err)
        let list = file("l.wat", "(component (type (list u8 4)))")
        XCTAssertEqual(try run(["validate", list]).status, 1, "cm-fixed-length-lists is off by default")
        XCTAssertEqual(try run(["validate", "--features", "cm-fixed-length-lists", list]).status, 0)
        let binary = scratch.appendingPathComponent("e.wasm").path
        FileManager.default.createFile(atPath: binary, contents: Data([0, 0x61, 0x73, 0x6D, 0x0D, 0, 1, 0, 0x07]))
        let malformed = try run(["validate", binary])
        XCTAssertEqual(malformed.status, 1)
        XCTAssertTrue(malformed.err.contains("e.wasm"), malformed.err)
    }

    func testParseValidatePrintRoundTrip() throws {
        let wat = file("inc.wat", "(module (func (export \"inc\") (param i32) (result i32) local.get 0 i32.const 1 i32.add))")
        let parsed = try run(["parse", wat, "-o", "inc.wasm"])
        XCTAssertEqual(parsed.status, 0, parsed.err)
        let wasm = scratch.appendingPathComponent("inc.wasm").path
        XCTAssertEqual(FileManager.default.contents(atPath: wasm)?.prefix(4), Data([0, 0x61, 0x73, 0x6d]))
        XCTAssertEqual(try run(["validate", wasm]).status, 0)
        let printed = try run(["print", wasm])
        XCTAssertEqual(printed.status, 0)
        XCTAssertTrue(printed.out.contains("i32.add"), printed.out)
    }

    func testErrorsAreLocatedAndExitOne() throws {
        let malformed = try run(["parse", file("bad.wat", "(module\n  (func i32.ad))")])
        XCTAssertEqual(malformed.status, 1)
        XCTAssertTrue(malformed.err.hasPrefix("\(scratch.path)/bad.wat:2:9: unknown operator"), malformed.err)
        let invalid = try run(["validate", file("bad2.wat", "(module (func (result i32) (i64.const 0)))")])
        XCTAssertEqual(invalid.status, 1)
        XCTAssertTrue(invalid.err.contains("type mismatch"), invalid.err)
        let truncated = try run(["validate", file("t.wasm", "\0asm\u{1}\0\0")])
        XCTAssertEqual(truncated.status, 1)
        XCTAssertTrue(truncated.err.contains("offset 0x"), truncated.err)
        XCTAssertEqual(try run(["validate", "--features", "no-such-feature", "t.wasm"]).status, 1)
        XCTAssertEqual(try run(["wast", "--no-such-option", "x.wast"]).status, 1)
    }

    func testWastReportsFailuresCountsAndJSON() throws {
        let script = file("s.wast", """
            (module (func (export "f") (result i32) (i32.const 1)))
            (assert_return (invoke "f") (i32.const 1))
            (assert_invalid (module (func (result i32) (i32.const 0))) "type mismatch")
            (assert_malformed (module quote "(func") "unknown operator")
            """)
        let result = try run(["wast", "--static", "--json", "out.json", script])
        XCTAssertEqual(result.status, 1)
        let lines = result.out.split(separator: "\n").map(String.init)
        XCTAssertEqual(lines, [
            "\(script):3: expected invalid \"type mismatch\", got a valid module",
            "\(script):4: expected malformed \"unknown operator\", got malformed \"unexpected end of input\" at 1:6",
            "1 passed, 2 failed, 1 skipped",
        ])
        let json = try JSONSerialization.jsonObject(with: Data(contentsOf: scratch.appendingPathComponent("out.json"))) as? [[String: Any]]
        XCTAssertEqual(json?.map { $0["outcome"] as? String }, ["passed", "skipped", "failed", "failed"])

        let expected = file("xfail.txt", "s.wast:3  validator gap\ns.wast:4  parser wording\n")
        let listed = try run(["wast", "--static", "--expected-failures", expected, script])
        XCTAssertEqual(listed.status, 0, listed.out)
        XCTAssertTrue(listed.out.hasSuffix("1 passed, 0 failed, 1 skipped\n2 expected failures\n"), listed.out)
    }
}
