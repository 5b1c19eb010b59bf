/// Spec: core/text/instructions (vector) — vector literals, shared by the module and script parsers.
extension TextCursor {
    /// The number of literal-like tokens (numbers and reserved tokens) that come next.
    func literalRun() -> Int {
        var n = 0
        while let t = peek(n), t.isNumber || t.kind == .reserved || isNaNOrInfinityLike(t) { n += 1 }
        return n
    }

    /// A keyword that looks like a malformed `nan`/`inf` literal (`nan:1`), which still counts as a lane.
    func isNaNOrInfinityLike(_ t: Token) -> Bool {
        guard t.kind == .keyword else { return false }
        let text = text(of: t)
        return text.hasPrefix("nan") || text.hasPrefix("inf")
    }

    /// Spec: core/text/instructions (vector) — the `shape lanes` of `v128.const` ("wrong number of lane literals").
    public mutating func expectV128() throws -> V128 {
        guard let shape = peekKeywordText() else { throw unexpected() }
        let lanes: Int
        let width: Int
        switch shape {
        case "i8x16": (lanes, width) = (16, 8)
        case "i16x8": (lanes, width) = (8, 16)
        case "i32x4", "f32x4": (lanes, width) = (4, 32)
        case "i64x2", "f64x2": (lanes, width) = (2, 64)
        default: throw unexpected()
        }
        position += 1
        guard literalRun() == lanes else { throw error("wrong number of lane literals") }
        var bytes: [UInt8] = []
        for _ in 0..<lanes {
            let bits: UInt64
            switch shape {
            case "f32x4": bits = try expectFloat(.f32)
            case "f64x2": bits = try expectFloat(.f64)
            default: bits = try expectInteger(bitWidth: width)
            }
            for k in 0..<(width / 8) { bytes.append(UInt8(truncatingIfNeeded: bits >> UInt64(8 * k))) }
        }
        return V128(bytes: bytes)
    }
}
