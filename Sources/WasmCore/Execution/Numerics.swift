/// Spec: core/exec/numerics — the numeric operators whose definition needs more than one Swift operator:
/// division and remainder traps, float min/max/rounding with the spec's NaN and signed-zero rules, and the
/// float-to-integer truncations (trapping and saturating).
///
/// Floats are passed as Swift floats; everything bit-level (abs, neg, copysign, reinterpret) is done on bits
/// by the interpreter so NaN payloads are never touched.
enum Numerics {
    static let divideByZero = WasmError(.trap, "integer divide by zero")
    static let integerOverflow = WasmError(.trap, "integer overflow")
    static let invalidConversion = WasmError(.trap, "invalid conversion to integer")

    // Spec: core/exec/numerics#op-idiv-s and friends.

    @inline(__always)
    static func divS<T: FixedWidthInteger & SignedInteger>(_ a: T, _ b: T) throws -> T {
        if b == 0 { throw divideByZero }
        if a == T.min && b == -1 { throw integerOverflow }
        return a / b
    }

    @inline(__always)
    static func divU<T: FixedWidthInteger & UnsignedInteger>(_ a: T, _ b: T) throws -> T {
        if b == 0 { throw divideByZero }
        return a / b
    }

    @inline(__always)
    static func remS<T: FixedWidthInteger & SignedInteger>(_ a: T, _ b: T) throws -> T {
        if b == 0 { throw divideByZero }
        if b == -1 { return 0 }
        return a % b
    }

    @inline(__always)
    static func remU<T: FixedWidthInteger & UnsignedInteger>(_ a: T, _ b: T) throws -> T {
        if b == 0 { throw divideByZero }
        return a % b
    }

    /// Spec: core/exec/numerics#op-irotl — rotate left by `k` modulo the bit width.
    @inline(__always)
    static func rotl<T: FixedWidthInteger & UnsignedInteger>(_ a: T, _ k: T) -> T {
        let n = T(truncatingIfNeeded: k) & T(T.bitWidth - 1)
        return (a &<< n) | (a &>> (T(T.bitWidth) &- n))
    }

    /// Spec: core/exec/numerics#op-irotr — rotate right by `k` modulo the bit width.
    @inline(__always)
    static func rotr<T: FixedWidthInteger & UnsignedInteger>(_ a: T, _ k: T) -> T {
        let n = T(truncatingIfNeeded: k) & T(T.bitWidth - 1)
        return (a &>> n) | (a &<< (T(T.bitWidth) &- n))
    }

    /// Spec: core/exec/numerics#op-fmin — NaN if either is NaN; -0 is less than +0.
    @inline(__always)
    static func fmin<F: BinaryFloatingPoint>(_ a: F, _ b: F) -> F {
        if a.isNaN || b.isNaN { return quiet(a.isNaN ? a : b) }
        if a == 0 && b == 0 { return a.sign == .minus ? a : b }
        return a < b ? a : b
    }

    /// Spec: core/exec/numerics#op-fmax — NaN if either is NaN; +0 is greater than -0.
    @inline(__always)
    static func fmax<F: BinaryFloatingPoint>(_ a: F, _ b: F) -> F {
        if a.isNaN || b.isNaN { return quiet(a.isNaN ? a : b) }
        if a == 0 && b == 0 { return a.sign == .minus ? b : a }
        return a > b ? a : b
    }

    /// A NaN with its quiet bit set (an arithmetic NaN), payload otherwise kept.
    @inline(__always)
    static func quiet<F: BinaryFloatingPoint>(_ x: F) -> F {
        F(sign: x.sign, exponentBitPattern: x.exponentBitPattern,
          significandBitPattern: x.significandBitPattern | (1 << (F.significandBitCount - 1)))
    }

    /// Spec: core/exec/numerics#op-fceil, floor, trunc, nearest — rounding to an integral value; NaN stays NaN.
    @inline(__always)
    static func round<F: BinaryFloatingPoint>(_ x: F, _ rule: FloatingPointRoundingRule) -> F {
        x.isNaN ? quiet(x) : x.rounded(rule)
    }

    /// Spec: core/exec/numerics#op-fsqrt.
    @inline(__always)
    static func sqrt<F: BinaryFloatingPoint>(_ x: F) -> F {
        x.isNaN ? quiet(x) : x.squareRoot()
    }

    // Spec: core/exec/numerics#op-trunc-s, op-trunc-u — truncation, trapping on NaN and out of range.
    // The value is truncated first, then compared with powers of two, exact in both float formats.

    @inline(__always)
    static func truncS32<F: BinaryFloatingPoint>(_ x: F) throws -> Int32 {
        if x.isNaN { throw invalidConversion }
        let t = x.rounded(.towardZero)
        guard t >= -2147483648.0 && t < 2147483648.0 else { throw integerOverflow }
        return Int32(t)
    }

    @inline(__always)
    static func truncU32<F: BinaryFloatingPoint>(_ x: F) throws -> UInt32 {
        if x.isNaN { throw invalidConversion }
        let t = x.rounded(.towardZero)
        guard t >= 0 && t < 4294967296.0 else { throw integerOverflow }
        return UInt32(t)
    }

    @inline(__always)
    static func truncS64<F: BinaryFloatingPoint>(_ x: F) throws -> Int64 {
        if x.isNaN { throw invalidConversion }
        let t = x.rounded(.towardZero)
        guard t >= -9223372036854775808.0 && t < 9223372036854775808.0 else { throw integerOverflow }
        return Int64(t)
    }

    @inline(__always)
    static func truncU64<F: BinaryFloatingPoint>(_ x: F) throws -> UInt64 {
        if x.isNaN { throw invalidConversion }
        let t = x.rounded(.towardZero)
        guard t >= 0 && t < 18446744073709551616.0 else { throw integerOverflow }
        return UInt64(t)
    }

    // Spec: core/exec/numerics#op-trunc-sat-s, op-trunc-sat-u — saturating truncation; NaN gives 0.

    @inline(__always)
    static func truncSatS32<F: BinaryFloatingPoint>(_ x: F) -> Int32 {
        if x.isNaN { return 0 }
        let t = x.rounded(.towardZero)
        if t < -2147483648.0 { return .min }
        if t >= 2147483648.0 { return .max }
        return Int32(t)
    }

    @inline(__always)
    static func truncSatU32<F: BinaryFloatingPoint>(_ x: F) -> UInt32 {
        if x.isNaN { return 0 }
        let t = x.rounded(.towardZero)
        if t < 0 { return 0 }
        if t >= 4294967296.0 { return .max }
        return UInt32(t)
    }

    @inline(__always)
    static func truncSatS64<F: BinaryFloatingPoint>(_ x: F) -> Int64 {
        if x.isNaN { return 0 }
        let t = x.rounded(.towardZero)
        if t < -9223372036854775808.0 { return .min }
        if t >= 9223372036854775808.0 { return .max }
        return Int64(t)
    }

    @inline(__always)
    static func truncSatU64<F: BinaryFloatingPoint>(_ x: F) -> UInt64 {
        if x.isNaN { return 0 }
        let t = x.rounded(.towardZero)
        if t < 0 { return 0 }
        if t >= 18446744073709551616.0 { return .max }
        return UInt64(t)
    }
}
