import XCTest
import WasmCore
@testable import ComponentModel

/// Gates the syntax itself reads (wasm-tools rejects these while parsing or decoding).
final class FeatureGateTests: XCTestCase {
    let withoutImplements: Features = {
        var f = Features.all
        f.remove(.cmImplements)
        return f
    }()

    func testImplementsAttributesNeedTheFeatureInText() throws {
        let text = #"(component (import "a" (implements "a:b/x") (instance)))"#
        XCTAssertNoThrow(try parseComponent(text, features: .all))
        XCTAssertThrowsError(try parseComponent(text, features: withoutImplements)) { error in
            XCTAssertEqual((error as? WasmError)?.message, "the `cm-implements` feature is not active")
        }
    }

    func testAttributedNamesNeedTheFeatureInBinary() throws {
        let bytes = ComponentPreamble.bytes + [0x0A, 0x05, 0x01, 0x02, 0x01, 0x61, 0x00]
        XCTAssertThrowsError(try decodeComponent(bytes, features: withoutImplements)) { error in
            XCTAssertEqual((error as? WasmError)?.message, "the `cm-implements` feature is not active")
            XCTAssertEqual((error as? WasmError)?.location, .offset(11))
        }
    }

    func testOuterAliasesOnlyOfOuterAliasSorts() {
        // `(alias outer 0 0 (func))`: func is not an outer alias sort.
        let bytes = ComponentPreamble.bytes + [0x06, 0x05, 0x01, 0x01, 0x02, 0x00, 0x00]
        XCTAssertThrowsError(try decodeComponent(bytes)) { error in
            XCTAssertEqual((error as? WasmError)?.message, "invalid leading byte (0x1) for component outer alias kind")
        }
    }
}
