import XCTest
@testable import WasmCore

/// The decoder's rules one at a time: integers, types, sections, instructions, feature gates.
final class BinaryDecoderTests: XCTestCase {
    let header: [UInt8] = [0x00, 0x61, 0x73, 0x6D, 0x01, 0x00, 0x00, 0x00]

    /// A module whose only function (type [] -> []) has the given body (without its final `end`).
    func module(body: [UInt8], locals: [UInt8] = [0x00], memory: Bool = false) -> [UInt8] {
        var bytes = header + [0x01, 0x04, 0x01, 0x60, 0x00, 0x00, 0x03, 0x02, 0x01, 0x00]
        if memory { bytes += [0x05, 0x03, 0x01, 0x00, 0x01] }
        let code = locals + body + [0x0B]
        let entry = [UInt8(code.count)] + code
        bytes += [0x0A, UInt8(entry.count + 1), 0x01] + entry
        return bytes
    }

    func assertMalformed(_ bytes: [UInt8], _ message: String, features: Features = .wasm2,
                         file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertThrowsError(try decodeModule(bytes, features: features), file: file, line: line) { error in
            guard let e = error as? WasmError else { return XCTFail("not a WasmError: \(error)", file: file, line: line) }
            XCTAssertEqual(e.kind, .malformed, file: file, line: line)
            XCTAssert(e.message.hasPrefix(message), "\"\(e.message)\" is not \"\(message)\"", file: file, line: line)
            if case .offset? = e.location {} else { XCTFail("no offset", file: file, line: line) }
        }
    }

    func testLEB128Limits() throws {
        var r = ByteReader([0xFF, 0xFF, 0xFF, 0xFF, 0x0F])
        XCTAssertEqual(try r.u32(), UInt32.max)
        r = ByteReader([0xFF, 0xFF, 0xFF, 0xFF, 0x1F])
        XCTAssertThrowsError(try r.u32()) { XCTAssertEqual(($0 as? WasmError)?.message, "integer too large") }
        r = ByteReader([0x80, 0x80, 0x80, 0x80, 0x80, 0x00])
        XCTAssertThrowsError(try r.u32()) { XCTAssertEqual(($0 as? WasmError)?.message, "integer representation too long") }
        r = ByteReader([0x80, 0x80, 0x80, 0x80, 0x78])
        XCTAssertEqual(try r.s32(), Int32.min)
        r = ByteReader([0xFF, 0xFF, 0xFF, 0xFF, 0x07])
        XCTAssertEqual(try r.s32(), Int32.max)
        r = ByteReader([0x80, 0x80, 0x80, 0x80, 0x70])
        XCTAssertThrowsError(try r.s32()) { XCTAssertEqual(($0 as? WasmError)?.message, "integer too large") }
        r = ByteReader([0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x7F])
        XCTAssertEqual(try r.s64(), Int64.min)
        r = ByteReader([0x7F])
        XCTAssertEqual(try r.s33(), -1)
        r = ByteReader([0x80])
        XCTAssertThrowsError(try r.u32()) { XCTAssertEqual(($0 as? WasmError)?.message, "unexpected end of section or function") }
    }

    func testNamesMustBeUTF8() {
        XCTAssert(UTF8Validation.isValid(Array("héllo €𝄞".utf8)))
        XCTAssertFalse(UTF8Validation.isValid([0xC0, 0x80]))  // overlong
        XCTAssertFalse(UTF8Validation.isValid([0xED, 0xA0, 0x80]))  // surrogate
        XCTAssertFalse(UTF8Validation.isValid([0xF4, 0x90, 0x80, 0x80]))  // above U+10FFFF
        XCTAssertFalse(UTF8Validation.isValid([0x80]))
        XCTAssertFalse(UTF8Validation.isValid([0xE2, 0x82]))
        assertMalformed(header + [0x00, 0x02, 0x01, 0xFF], "malformed UTF-8 encoding")
    }

    func testHeaderAndSections() {
        assertMalformed([], "unexpected end")
        assertMalformed([0x00, 0x61, 0x73, 0x6E, 0x01, 0x00, 0x00, 0x00], "magic header not detected")
        assertMalformed([0x00, 0x61, 0x73, 0x6D, 0x02, 0x00, 0x00, 0x00], "unknown binary version")
        assertMalformed(header + [0x0E, 0x00], "malformed section id")
        assertMalformed(header + [0x0C, 0x01, 0x00], "malformed section id", features: .mvp)
        assertMalformed(header + [0x02, 0x01, 0x00, 0x01, 0x01, 0x00], "unexpected content after last section")
        assertMalformed(header + [0x01, 0x02, 0x00, 0x00], "section size mismatch")
        assertMalformed(header + [0x01, 0x05, 0x00], "length out of bounds")
        assertMalformed(header + [0x03, 0x02, 0x01, 0x00], "function and code section have inconsistent lengths")
        assertMalformed(header + [0x0C, 0x01, 0x01], "data count and data section have inconsistent lengths")
    }

    func testCustomSectionsKeepTheirPlace() throws {
        let bytes = header + [0x00, 0x02, 0x01, 0x61] + [0x01, 0x04, 0x01, 0x60, 0x00, 0x00]
            + [0x00, 0x03, 0x01, 0x62, 0x07]
        let m = try decodeModule(bytes)
        XCTAssertEqual(m.customSections, [
            CustomSection(name: "a", bytes: [], after: 0),
            CustomSection(name: "b", bytes: [0x07], after: 1),
        ])
        XCTAssertEqual(encodeModule(m), bytes)
    }

    func testInstructions() throws {
        let m = try decodeModule(module(body: [
            0x02, 0x7F, 0x41, 0x7F, 0x0B, 0x1A,  // block (result i32) i32.const -1 end drop
            0x03, 0x40, 0x0B,  // loop end
            0x41, 0x00, 0x04, 0x40, 0x05, 0x0B,  // i32.const 0 if else end
            0x41, 0x00, 0x28, 0x02, 0x10, 0x1A,  // i32.const 0 i32.load align=2 offset=16 drop
            0xFC, 0x07, 0x1A,  // i64.trunc_sat_f64_u drop (decoding does not check operand types)
        ], memory: true))
        let body = m.functions[0].body
        XCTAssertEqual(body[0], Instruction(.block, .block(.value(.i32))))
        XCTAssertEqual(body[1], Instruction(.i32Const, .i32(-1)))
        XCTAssertEqual(body[4], Instruction(.loop, .block(.empty)))
        XCTAssertEqual(body[7], Instruction(.if, .block(.empty)))
        XCTAssertEqual(body[8], Instruction(.else))
        XCTAssertEqual(body[11], Instruction(.i32Load, .memory(MemoryArgument(align: 2, offset: 16))))
        XCTAssertEqual(body[13], Instruction(.i64TruncSatF64U))
    }

    func testMalformedInstructions() {
        assertMalformed(module(body: [0x06]), "illegal opcode 06")
        assertMalformed(module(body: [0xFC, 0x12]), "illegal opcode fc 12")
        assertMalformed(module(body: [0x05]), "END opcode expected")
        assertMalformed(module(body: [0x02, 0x40, 0x05, 0x0B]), "END opcode expected")
        assertMalformed(module(body: [0x3F, 0x01, 0x1A], memory: true), "zero byte expected")
        assertMalformed(module(body: [0x41, 0x00, 0x28, 0x20, 0x00, 0x1A], memory: true), "malformed memop flags")
        assertMalformed(module(body: [], locals: [0x01, 0x01, 0x40]), "malformed value type")
        assertMalformed(module(body: [0xFC, 0x09, 0x00]), "data count section required")
    }

    func testFeatureGates() throws {
        // SIMD off: v128 opcodes and the v128 type are malformed.
        let simd = module(body: [0xFD, 0x0C] + Array(repeating: 0, count: 16) + [0x1A])
        XCTAssertNoThrow(try decodeModule(simd))
        assertMalformed(simd, "illegal opcode fd 0c", features: Features.wasm2.without(.simd))
        assertMalformed(module(body: [], locals: [0x01, 0x01, 0x7B]), "malformed value type", features: .mvp)
        // Sign extension off.
        assertMalformed(module(body: [0x41, 0x00, 0xC0, 0x1A]), "illegal opcode c0", features: .mvp)
        // Multi-memory: bit 6 of the memarg flags announces a memory index.
        let multi = module(body: [0x41, 0x00, 0x28, 0x42, 0x01, 0x00, 0x1A], memory: true)
        assertMalformed(multi, "malformed memop flags")
        let m = try decodeModule(multi, features: Features.wasm2.with(.multiMemory))
        XCTAssertEqual(m.functions[0].body[1], Instruction(.i32Load, .memory(MemoryArgument(align: 2, offset: 0, memory: 1))))
        // memory64: limits flag 0x04 and 64-bit bounds.
        let memory64 = header + [0x05, 0x0C, 0x01, 0x05, 0x01, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x01]
        assertMalformed(memory64, "integer too large")
        let m64 = try decodeModule(memory64, features: Features.wasm2.with(.memory64))
        XCTAssertEqual(m64.memories, [MemoryType(limits: Limits(min: 1, max: 1 << 56, addressType: .i64))])
        XCTAssertEqual(encodeModule(m64), memory64)
    }

    func testRichModuleRoundTrips() throws {
        let m = BinaryTestModules.rich
        XCTAssertEqual(try decodeModule(encodeModule(m)), m)
    }
}

extension Features {
    /// This set without the given features.
    func without(_ features: Feature...) -> Features {
        var copy = self
        for f in features { copy.remove(f) }
        return copy
    }
}
