import XCTest
@testable import WasmCore

/// The index of instructions is the one source every stage reads: check it is self-consistent.
final class InstructionTableTests: XCTestCase {
    func testRowsAreIndexedByOpcode() {
        XCTAssertEqual(InstructionTable.definitions.count, Opcode.allCases.count)
        for opcode in Opcode.allCases {
            XCTAssertEqual(opcode.definition.opcode, opcode, "row \(opcode.rawValue) is out of place")
        }
    }

    func testEncodingsAreUnique() {
        var seen: [InstructionDefinition.BinaryEncoding: Opcode] = [:]
        for d in InstructionTable.definitions {
            XCTAssertNil(seen[d.encoding], "\(d.name) reuses the encoding of \(seen[d.encoding].map { $0.name } ?? "")")
            seen[d.encoding] = d.opcode
            XCTAssertEqual(InstructionTable.opcode(prefix: d.encoding.prefix, code: d.encoding.code), d.opcode)
        }
    }

    func testNamesAreUniqueButForSelect() {
        let names = InstructionTable.definitions.map(\.name)
        let duplicates = Dictionary(grouping: names, by: { $0 }).filter { $0.value.count > 1 }.keys
        XCTAssertEqual(Set(duplicates), ["select"])
        XCTAssertEqual(InstructionTable.byName["select"], .select)
        XCTAssertEqual(InstructionTable.byName["i32.add"], .i32Add)
    }

    func testSpotChecksAgainstTheSpecIndex() {
        XCTAssertEqual(Opcode.i32Add.definition.encoding, .init(0x6A))
        XCTAssertEqual(Opcode.i64TruncSatF64U.definition.encoding, .init(prefix: 0xFC, 7))
        XCTAssertEqual(Opcode.f64x2ConvertLowI32x4U.definition.encoding, .init(prefix: 0xFD, 0xFF))
        XCTAssertEqual(Opcode.i16x8Q15mulrSatS.name, "i16x8.q15mulr_sat_s")
        XCTAssertEqual(Opcode.i32Load16U.definition.immediates, .memoryArgument(naturalAlignment: 1))
        XCTAssertEqual(Opcode.v128Load32Lane.definition.immediates, .memoryLane(naturalAlignment: 2, lanes: 4))
        XCTAssertEqual(Opcode.i32WrapI64.definition.signature, .fixed([.i64], [.i32]))
    }
}
