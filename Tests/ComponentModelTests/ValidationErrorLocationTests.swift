import XCTest
import WasmCore
@testable import ComponentModel

/// Where validation errors point: at the byte offset of the definition in the binary it was
/// decoded from, as wasmparser reports it, or at the definition's number for text.
final class ValidationErrorLocationTests: XCTestCase {
    /// The validation error of `component`.
    func validationMessage(_ component: Component) -> String? {
        do {
            _ = try validateComponent(component)
            return nil
        } catch {
            return (error as? WasmError)?.message
        }
    }

    /// The offset a message ends with, `(at offset 0x..)`.
    func offset(in message: String?) -> Int? {
        guard let message, let r = message.range(of: "(at offset 0x"), message.hasSuffix(")") else { return nil }
        return Int(message[r.upperBound..<message.index(before: message.endIndex)], radix: 16)
    }

    func testDecodedComponentsCiteTheOffsetOfTheDefinition() throws {
        // `(list u32 0)` is invalid; 0x67 starts a fixed-length list type in the binary.
        for text in [
            "(component (core module $m) (type (list u32 0)))",
            "(component (type u32) (component (type (list u32 4)) (type (list u32 0))))",
        ] {
            let parsed = try parseComponent(text)
            XCTAssertTrue(validationMessage(parsed)?.hasSuffix("(at definition 1)") ?? false, "\(validationMessage(parsed) ?? "valid")")
            let bytes = encodeComponent(parsed)
            let decoded = try decodeComponent(bytes)
            XCTAssertEqual(decoded, parsed, "the offsets are not part of the syntax")
            let message = validationMessage(decoded)
            XCTAssertTrue(message?.hasPrefix("Fixed-length lists must have more than zero elements (at offset 0x") ?? false, "\(message ?? "valid")")
            guard let o = offset(in: message) else { return XCTFail("no offset in \(message ?? "valid")") }
            XCTAssertEqual(Array(bytes[o..<min(o + 3, bytes.count)]), [0x67, 0x79, 0x00], text)
        }
    }

    func testEveryDefinitionHasAnOffset() throws {
        let text = #"(component (core module) (core instance (instantiate 0)) (type u8) (import "a" (func)) (component) (export "b" (func 0)))"#
        let bytes = encodeComponent(try parseComponent(text))
        let decoded = try decodeComponent(bytes)
        XCTAssertEqual(decoded.definitionOffsets.count, decoded.definitions.count)
        XCTAssertEqual(decoded.definitionOffsets, decoded.definitionOffsets.sorted())
        XCTAssertTrue(decoded.definitionOffsets.allSatisfy { $0 >= 8 && $0 < bytes.count })
    }
}
