/// An invalid-module error that already names where it was found (a function and instruction, a
/// segment, an export...). Outer places do not rename it; `validateModule` unwraps it.
struct PlacedValidationError: Error {
    var error: WasmError
}

/// Runs `body`; a `WasmError` it throws gets `place` appended to its message (" (in function 3,
/// instruction 7: i32.add)") unless an inner call already placed it.
@discardableResult
func inPlace<T>(_ place: @autoclosure () -> String, _ body: () throws -> T) throws -> T {
    do {
        return try body()
    } catch var error as WasmError {
        error.message += " (in \(place()))"
        throw PlacedValidationError(error: error)
    }
}
