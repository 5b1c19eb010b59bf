/// SplitMix64: a small deterministic random generator, so every robustness run tries the same inputs
/// and a failure reproduces.
struct SeededGenerator: RandomNumberGenerator {
    var state: UInt64

    init(state: UInt64) { self.state = state }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

import WasmCore
import XCTest

/// Validates a module that came out of damaged input: it must validate or be rejected as invalid
/// (never crash, never another kind of error).
func assertValidatesOrIsInvalid(_ module: Module, features: Features, _ what: @autoclosure () -> String) {
    do {
        _ = try validateModule(module, features: features)
    } catch let error as WasmError {
        XCTAssertEqual(error.kind, .invalid, "\(what()): \(error)")
    } catch {
        XCTFail("\(what()): unexpected error \(error)")
    }
}
