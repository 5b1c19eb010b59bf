import XCTest
@testable import WasmCore

/// The printer: exact float text, every kind of field, and parse(print(m)) == m over the suite.
final class PrinterTests: XCTestCase {
    func testFloatsAreExact() {
        XCTAssertEqual(FloatText.f32(Float(1.0).bitPattern), "0x1p+0")
        XCTAssertEqual(FloatText.f32(Float(-1.5).bitPattern), "-0x1.8p+0")
        XCTAssertEqual(FloatText.f32(Float(0.0).bitPattern), "0x0p+0")
        XCTAssertEqual(FloatText.f32((-Float(0.0)).bitPattern), "-0x0p+0")
        XCTAssertEqual(FloatText.f32(1), "0x0.000002p-126")
        XCTAssertEqual(FloatText.f32(Float.greatestFiniteMagnitude.bitPattern), "0x1.fffffep+127")
        XCTAssertEqual(FloatText.f32(Float.infinity.bitPattern), "inf")
        XCTAssertEqual(FloatText.f32(0xFFC0_0000), "-nan:0x400000")
        XCTAssertEqual(FloatText.f32(0x7F80_0001), "nan:0x1")
        XCTAssertEqual(FloatText.f64(Double(0.1).bitPattern), "0x1.999999999999ap-4")
        XCTAssertEqual(FloatText.f64(1), "0x0.0000000000001p-1022")
        XCTAssertEqual(FloatText.f64(Double(-1024).bitPattern), "-0x1p+10")
        XCTAssertEqual(FloatText.f64(0x7FF8_0000_0000_0000), "nan:0x8000000000000")
    }

    func testPrintsEveryField() {
        let module = BinaryTestModules.rich
        let text = printModule(module)
        for expected in [
            "(type (;0;) (func (param i32 i64) (result f32)))",
            "(func (import \"env\" \"f\") (type 1))",
            "(memory (import \"env\" \"mem\") 1 2)",
            "(table 1 10 funcref)",
            "(global (mut i32) i32.const -7)",
            "(export \"run\" (func 1))",
            "(start 1)",
            "(elem (offset i32.const 0) func 1 1)",
            "(elem (table 0) (offset i32.const 1) funcref (item ref.func 1) (item ref.null func))",
            "(elem declare func 1)",
            "(data (offset i32.const 8) \"hi\\00\\ff\\\"\")",
            "(data \"passive\")",
            "(func (;1;) (type 0) (local i32 i32 f64)",
            "i32.load offset=4 align=1",
            "call_indirect 0 (type 0)",
            "br_table 0 1 0",
            "f32.const 0x1.8p+1",
            "v128.const i32x4 0x1 0x0 0x0 0x80000000",
            "memory.init 0",
            "table.init 0 1",
            "(@custom \"note\" (after export) \"\\01\\02\\03\")",
        ] {
            XCTAssert(text.contains(expected), "missing \(expected) in\n\(text)")
        }
    }

    func testRichModuleRoundTripsThroughText() throws {
        let module = BinaryTestModules.rich
        let reparsed = try parseModule(printModule(module))
        XCTAssertEqual(Self.comparable(reparsed), Self.comparable(module), printModule(module))
    }

    /// Every text module of the suite that parses: printing it and parsing the print gives it back.
    func testSuiteModulesRoundTripThroughText() throws {
        var checked = 0
        var failures: [String] = []
        for url in TextParserSuiteTests.suiteFiles() {
            for m in try TextParserSuiteTests.modules(in: url) where m.expectedMalformed == nil {
                guard let module = try? parseModule(m.text) else { continue }
                checked += 1
                let printed = printModule(module)
                do {
                    let reparsed = try parseModule(printed)
                    if Self.comparable(reparsed) != Self.comparable(module) {
                        failures.append("\(m.file):\(m.line): differs after printing")
                        if failures.count < 3 { print(printed) }
                    }
                } catch {
                    failures.append("\(m.file):\(m.line): \(error)")
                    if failures.count < 3 { print(printed) }
                }
            }
        }
        print("printer: \(checked - failures.count) of \(checked) suite text modules print and parse back the same")
        XCTAssertGreaterThan(checked, 1000)
        XCTAssert(failures.isEmpty, "\(failures.count) of \(checked):\n" + failures.prefix(30).joined(separator: "\n"))
    }

    /// Every binary module of the suite that decodes: printing it and parsing the print gives it back.
    func testSuiteBinaryModulesRoundTripThroughText() throws {
        var checked = 0
        var failures: [String] = []
        for c in BinarySuiteModules.all() where c.malformed == nil {
            guard let module = try? decodeModule(c.bytes) else { continue }
            checked += 1
            do {
                var reparsed = try parseModule(printModule(module))
                // Binary modules may carry a data count section no instruction needs; text cannot say so.
                reparsed.hasDataCount = module.hasDataCount
                if Self.comparable(reparsed) != Self.comparable(module) {
                    failures.append("\(c.file):\(c.line): differs after printing")
                }
            } catch {
                failures.append("\(c.file):\(c.line): \(error)")
            }
        }
        print("printer: \(checked - failures.count) of \(checked) suite binary modules print and parse back the same")
        XCTAssertGreaterThan(checked, 60)
        XCTAssert(failures.isEmpty, "\(failures.count) of \(checked):\n" + failures.prefix(30).joined(separator: "\n"))
    }

    /// A module as our text parser reads it back: without custom sections (annotations it skips), and without
    /// `namesTable` where the text parser does not record it yet.
    static func comparable(_ module: Module) -> Module {
        var m = module
        m.customSections = []
        m.elements = m.elements.map { e in
            var e = e
            e.namesTable = false
            return e
        }
        return m
    }
}
