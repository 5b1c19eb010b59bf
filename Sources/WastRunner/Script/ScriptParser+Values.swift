import WasmCore

/// Spec: interpreter/README.md, "Scripts" — `const` and `result`: the values and patterns of actions and assertions.
extension ScriptParser {
    /// An argument constant: `(i32.const n)` ... `(v128.const shape n*)`, `(ref.null t)`, `(ref.extern n)`.
    mutating func value() throws -> ScriptValue {
        let at = cursor.location
        try cursor.expectLeftParen()
        let keyword = try cursor.expectAnyKeyword()
        let value: ScriptValue
        switch keyword {
        case "i32.const": value = .i32(UInt32(bitPattern: try cursor.expectI32()))
        case "i64.const": value = .i64(UInt64(bitPattern: try cursor.expectI64()))
        case "f32.const": value = .f32(try cursor.expectF32())
        case "f64.const": value = .f64(try cursor.expectF64())
        case "v128.const":
            let shape = try laneShape()
            var lanes: [UInt64] = []
            for _ in 0..<shape.laneCount { lanes.append(try lane(shape)) }
            value = .v128(V128(lanes: lanes, shape: shape))
        case "ref.null": value = .refNull(try heapType())
        case "ref.extern": value = .refExtern(try cursor.expectU32())
        default: throw WasmError(.malformed, "unknown constant `\(keyword)`", at: at)
        }
        try cursor.expectRightParen()
        return value
    }

    /// A result pattern: a constant, or a float with `nan:canonical` / `nan:arithmetic`, a vector with
    /// such lanes, `(ref.extern)` for any host reference, `(ref.func)` for any function reference.
    mutating func result() throws -> ResultPattern {
        let at = cursor.location
        try cursor.expectLeftParen()
        let keyword = try cursor.expectAnyKeyword()
        let pattern: ResultPattern
        switch keyword {
        case "i32.const": pattern = .i32(UInt32(bitPattern: try cursor.expectI32()))
        case "i64.const": pattern = .i64(UInt64(bitPattern: try cursor.expectI64()))
        case "f32.const": pattern = .f32(try floatPattern(bitWidth: 32))
        case "f64.const": pattern = .f64(try floatPattern(bitWidth: 64))
        case "v128.const":
            let shape = try laneShape()
            var lanes: [FloatPattern] = []
            for _ in 0..<shape.laneCount {
                lanes.append(shape.isFloat ? try floatPattern(bitWidth: shape.laneBits) : .bits(try lane(shape)))
            }
            pattern = .v128(shape, lanes)
        case "ref.null": pattern = .refNull(try heapType())
        case "ref.extern": pattern = .refExtern(cursor.peekUnsigned ? try cursor.expectU32() : nil)
        case "ref.func": pattern = .refFunc
        default: throw WasmError(.malformed, "unknown result pattern `\(keyword)`", at: at)
        }
        try cursor.expectRightParen()
        return pattern
    }

    /// `num_pat` for a float of `bitWidth` bits: a literal, `nan:canonical` or `nan:arithmetic`.
    mutating func floatPattern(bitWidth: Int) throws -> FloatPattern {
        if cursor.takeKeyword("nan:canonical") { return .canonicalNaN }
        if cursor.takeKeyword("nan:arithmetic") { return .arithmeticNaN }
        return .bits(try cursor.expectFloat(bitWidth == 32 ? .f32 : .f64))
    }

    /// A lane of `shape`, as its bits.
    mutating func lane(_ shape: LaneShape) throws -> UInt64 {
        switch shape {
        case .f32x4: return try cursor.expectFloat(.f32)
        case .f64x2: return try cursor.expectFloat(.f64)
        default: return try cursor.expectInteger(bitWidth: shape.laneBits)
        }
    }

    /// `i8x16` ... `f64x2`.
    mutating func laneShape() throws -> LaneShape {
        guard let text = cursor.peekKeywordText(), let shape = LaneShape(rawValue: text) else {
            throw cursor.error("expected a lane shape (i8x16, i16x8, i32x4, i64x2, f32x4, f64x2)")
        }
        try cursor.next()
        return shape
    }

    /// The heap type after `ref.null`: `func` or `extern` (also `funcref` / `externref`, older spellings).
    mutating func heapType() throws -> HeapType {
        if cursor.takeKeyword("func") || cursor.takeKeyword("funcref") { return .func }
        if cursor.takeKeyword("extern") || cursor.takeKeyword("externref") { return .extern }
        if cursor.takeKeyword("exn") || cursor.takeKeyword("exnref") { return .exn }
        throw cursor.error("expected a heap type (func, extern, exn)")
    }
}
