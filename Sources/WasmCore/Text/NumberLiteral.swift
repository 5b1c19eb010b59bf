/// Spec: core/text/values — the lexical forms of integer and floating-point literals, and their values.
///
/// Float literals are rounded exactly (round to nearest, ties to even) from their decimal or hexadecimal
/// digits straight to the target format, so no double rounding happens on the way to `f32`.
public enum NumberLiteral {
    /// The value of a hexadecimal digit.
    public static func hexValue(_ b: UInt8) -> UInt8? {
        switch b {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return b - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): return b - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): return b - UInt8(ascii: "A") + 10
        default: return nil
        }
    }

    /// Spec: core/text/values — `num` / `hexnum`: digits with single `_` between them, from `start`.
    /// Returns the digit values and the index after them, or `nil` when no well-formed run starts there.
    static func digits(_ t: [UInt8], from start: Int, hex: Bool) -> (values: [UInt8], end: Int)? {
        var values: [UInt8] = []
        var i = start
        var lastWasDigit = false
        while i < t.count {
            let b = t[i]
            if b == UInt8(ascii: "_") {
                guard lastWasDigit else { return nil }
                lastWasDigit = false
            } else if let d = hexValue(b), hex || d < 10 {
                values.append(d)
                lastWasDigit = true
            } else {
                break
            }
            i += 1
        }
        guard !values.isEmpty, lastWasDigit else { return nil }
        return (values, i)
    }

    /// The end of a well-formed `num` / `hexnum` starting at `start`, without allocating.
    private static func digitsEnd(_ t: ArraySlice<UInt8>, from start: Int, hex: Bool) -> Int? {
        var i = start
        var lastWasDigit = false
        while i < t.endIndex {
            let b = t[i]
            if b == UInt8(ascii: "_") {
                guard lastWasDigit else { return nil }
                lastWasDigit = false
            } else if let d = hexValue(b), hex || d < 10 {
                lastWasDigit = true
            } else {
                break
            }
            i += 1
        }
        return lastWasDigit ? i : nil
    }

    private static func hasHexPrefix(_ t: ArraySlice<UInt8>, at i: Int) -> Bool {
        i + 1 < t.endIndex && t[i] == UInt8(ascii: "0") && t[i + 1] == UInt8(ascii: "x")
    }

    /// Spec: core/text/values — whether the text is an unsigned integer literal `uN` (no sign).
    public static func isUnsigned(_ t: ArraySlice<UInt8>) -> Bool {
        let hex = hasHexPrefix(t, at: t.startIndex)
        return digitsEnd(t, from: t.startIndex + (hex ? 2 : 0), hex: hex) == t.endIndex
    }

    /// Spec: core/text/values — whether the text is a float literal `fN` (which includes integer forms).
    public static func isFloat(_ t: ArraySlice<UInt8>) -> Bool {
        var i = t.startIndex
        if i < t.endIndex && (t[i] == UInt8(ascii: "+") || t[i] == UInt8(ascii: "-")) { i += 1 }
        let rest = t[i...]
        if rest.elementsEqual("inf".utf8) || rest.elementsEqual("nan".utf8) { return true }
        if rest.starts(with: "nan:0x".utf8) { return digitsEnd(t, from: i + 6, hex: true) == t.endIndex }
        let hex = hasHexPrefix(t, at: i)
        guard var j = digitsEnd(t, from: i + (hex ? 2 : 0), hex: hex) else { return false }
        if j < t.endIndex && t[j] == UInt8(ascii: ".") {
            j += 1
            if let end = digitsEnd(t, from: j, hex: hex) { j = end }
        }
        if j == t.endIndex { return true }
        let marker = t[j]
        guard hex ? (marker == UInt8(ascii: "p") || marker == UInt8(ascii: "P"))
            : (marker == UInt8(ascii: "e") || marker == UInt8(ascii: "E")) else { return false }
        j += 1
        if j < t.endIndex && (t[j] == UInt8(ascii: "+") || t[j] == UInt8(ascii: "-")) { j += 1 }
        return digitsEnd(t, from: j, hex: false) == t.endIndex
    }

    /// The parts of a float literal.
    enum FloatForm {
        case infinity
        case nan(payload: [UInt8]?)
        /// Digits (in base 10 or 16) read as an integer, scaled by `base^exponent` (hex: `2^exponent`).
        case finite(hex: Bool, digits: [UInt8], exponent: Int)
    }

    /// Parses a float literal into its sign and form.
    static func parseFloat(_ t: [UInt8]) -> (negative: Bool, form: FloatForm)? {
        var i = 0
        var negative = false
        if let first = t.first, first == UInt8(ascii: "+") || first == UInt8(ascii: "-") {
            negative = first == UInt8(ascii: "-")
            i = 1
        }
        let rest = Array(t[i...])
        if rest == Array("inf".utf8) { return (negative, .infinity) }
        if rest == Array("nan".utf8) { return (negative, .nan(payload: nil)) }
        if rest.starts(with: "nan:0x".utf8) {
            guard let (values, end) = digits(rest, from: 6, hex: true), end == rest.count else { return nil }
            return (negative, .nan(payload: values))
        }
        let hex = rest.count > 1 && rest[0] == UInt8(ascii: "0") && rest[1] == UInt8(ascii: "x")
        guard let (whole, afterWhole) = digits(rest, from: hex ? 2 : 0, hex: hex) else { return nil }
        var all = whole
        var j = afterWhole
        var fractionDigits = 0
        if j < rest.count && rest[j] == UInt8(ascii: ".") {
            j += 1
            if let (fraction, afterFraction) = digits(rest, from: j, hex: hex) {
                all += fraction
                fractionDigits = fraction.count
                j = afterFraction
            }
        }
        var exponent = 0
        if j < rest.count {
            let marker = rest[j]
            guard hex ? (marker == UInt8(ascii: "p") || marker == UInt8(ascii: "P"))
                : (marker == UInt8(ascii: "e") || marker == UInt8(ascii: "E")) else { return nil }
            j += 1
            var expNegative = false
            if j < rest.count && (rest[j] == UInt8(ascii: "+") || rest[j] == UInt8(ascii: "-")) {
                expNegative = rest[j] == UInt8(ascii: "-")
                j += 1
            }
            guard let (expDigits, end) = digits(rest, from: j, hex: false), end == rest.count else { return nil }
            for d in expDigits { exponent = Swift.min(exponent * 10 + Int(d), 1_000_000) }
            if expNegative { exponent = -exponent }
            j = end
        }
        guard j == rest.count else { return nil }
        let scale = hex ? exponent - 4 * fractionDigits : exponent - fractionDigits
        return (negative, .finite(hex: hex, digits: all, exponent: scale))
    }

    /// The magnitude of an unsigned literal, or `nil` when it is not one or exceeds 64 bits.
    public static func unsignedValue<C: Collection>(_ text: C) -> UInt64? where C.Element == UInt8 {
        let t = Array(text)
        let hex = t.count > 1 && t[0] == UInt8(ascii: "0") && t[1] == UInt8(ascii: "x")
        guard let (values, end) = digits(t, from: hex ? 2 : 0, hex: hex), end == t.count else { return nil }
        var value: UInt64 = 0
        let base: UInt64 = hex ? 16 : 10
        for d in values {
            let (m, o1) = value.multipliedReportingOverflow(by: base)
            let (s, o2) = m.addingReportingOverflow(UInt64(d))
            if o1 || o2 { return nil }
            value = s
        }
        return value
    }

    /// Spec: core/text/values — the value of an integer literal `iN` as an N-bit pattern: an unsigned
    /// literal below 2^N, or a signed one in [-2^(N-1), 2^N) (a `+` literal is read as unsigned, as the
    /// reference interpreter does). `nil` when out of range or not an integer literal.
    public static func integerBits<C: Collection>(_ text: C, bitWidth: Int) -> UInt64? where C.Element == UInt8 {
        var t = Array(text)
        var negative = false
        if let first = t.first, first == UInt8(ascii: "+") || first == UInt8(ascii: "-") {
            negative = first == UInt8(ascii: "-")
            t.removeFirst()
        }
        guard let magnitude = unsignedValue(t) else { return nil }
        let mask: UInt64 = bitWidth >= 64 ? ~0 : (1 << UInt64(bitWidth)) - 1
        if negative {
            let limit: UInt64 = 1 << UInt64(bitWidth - 1)
            guard magnitude <= limit else { return nil }
            return (0 &- magnitude) & mask
        }
        guard magnitude <= mask else { return nil }
        return magnitude
    }

    /// A binary floating-point format.
    public struct FloatFormat: Sendable {
        /// Significand bits including the implicit leading bit.
        public var precision: Int
        /// The smallest and largest exponents of normal numbers.
        public var minExponent: Int
        public var maxExponent: Int
        public var bitWidth: Int

        public static let f32 = FloatFormat(precision: 24, minExponent: -126, maxExponent: 127, bitWidth: 32)
        public static let f64 = FloatFormat(precision: 53, minExponent: -1022, maxExponent: 1023, bitWidth: 64)

        var exponentBias: Int { maxExponent }
        var exponentMask: UInt64 { UInt64(2 * maxExponent + 1) }
    }

    /// Spec: core/text/values — the bits of a float literal in `format`, rounded to nearest (ties to
    /// even); `nil` when the literal is malformed or its value is out of range (would round to infinity),
    /// or a NaN payload is zero or too wide.
    public static func floatBits<C: Collection>(_ text: C, format: FloatFormat) -> UInt64? where C.Element == UInt8 {
        guard let (negative, form) = parseFloat(Array(text)) else { return nil }
        let signBit: UInt64 = negative ? 1 << UInt64(format.bitWidth - 1) : 0
        let fractionBits = UInt64(format.precision - 1)
        let infinityBits = format.exponentMask << fractionBits
        switch form {
        case .infinity:
            return signBit | infinityBits
        case .nan(let payloadDigits):
            var payload: UInt64 = 1 << (fractionBits - 1)
            if let payloadDigits {
                payload = 0
                for d in payloadDigits {
                    guard payload < (1 << fractionBits) else { return nil }
                    payload = payload << 4 | UInt64(d)
                }
                guard payload >= 1, payload < (1 << fractionBits) else { return nil }
            }
            return signBit | infinityBits | payload
        case .finite(let hex, let digitValues, var exponent):
            var significant = ArraySlice(digitValues)
            while significant.first == 0 { significant.removeFirst() }
            if significant.isEmpty { return signBit }
            // Digits past what can decide the rounding of an f64 only matter as "some nonzero
            // digit follows": keep a prefix and one sticky digit, so long literals stay cheap.
            let limit = hex ? 40 : 800
            if significant.count > limit {
                let sticky = significant.dropFirst(limit).contains { $0 != 0 }
                let dropped = significant.count - limit - (sticky ? 1 : 0)
                significant = significant.prefix(limit) + (sticky ? [1] : [])
                exponent += hex ? 4 * dropped : dropped
            }
            var mantissa = BigNatural(0)
            for d in significant { mantissa.multiplyAdd(hex ? 16 : 10, UInt32(d)) }
            var numerator = mantissa
            var denominator = BigNatural(1)
            if hex {
                let magnitude = mantissa.bitLength + exponent
                if magnitude > format.maxExponent + 2 { return nil }
                if magnitude < format.minExponent - format.precision - 2 { return signBit }
                if exponent >= 0 { numerator = numerator.shiftedLeft(exponent) } else {
                    denominator = denominator.shiftedLeft(-exponent)
                }
            } else {
                let magnitude = significant.count + exponent
                if magnitude > 400 { return nil }
                if magnitude < -400 { return signBit }
                let power = BigNatural.power(of: 10, exponent < 0 ? -exponent : exponent)
                if exponent >= 0 { numerator = numerator.multiplied(by: power) } else { denominator = power }
            }
            guard let bits = round(numerator, denominator, format: format) else { return nil }
            return signBit | bits
        }
    }

    /// Rounds the positive rational `num / den` to `format`, nearest with ties to even; `nil` on overflow.
    static func round(_ num: BigNatural, _ den: BigNatural, format: FloatFormat) -> UInt64? {
        let p = format.precision
        // 2^e <= num/den < 2^(e+1)
        var e = num.bitLength - den.bitLength
        let below = e >= 0 ? num < den.shiftedLeft(e) : num.shiftedLeft(-e) < den
        if below { e -= 1 }
        if e > format.maxExponent { return nil }
        var lsb = Swift.max(e - (p - 1), format.minExponent - (p - 1))
        var remainder = lsb < 0 ? num.shiftedLeft(-lsb) : num
        let divisor = lsb > 0 ? den.shiftedLeft(lsb) : den
        var q: UInt64 = 0
        for i in stride(from: p, through: 0, by: -1) {
            let shifted = divisor.shiftedLeft(i)
            if !(remainder < shifted) {
                remainder = remainder.subtracting(shifted)
                q |= 1 << UInt64(i)
            }
        }
        let twice = remainder.shiftedLeft(1)
        if divisor < twice || (!(twice < divisor) && q & 1 == 1) { q += 1 }
        if q == 1 << UInt64(p) {
            q >>= 1
            lsb += 1
        }
        let hidden: UInt64 = 1 << UInt64(p - 1)
        if q >= hidden {
            let exponent = lsb + p - 1
            if exponent > format.maxExponent { return nil }
            return UInt64(exponent + format.exponentBias) << UInt64(p - 1) | (q - hidden)
        }
        return q
    }
}

/// An arbitrary-precision natural number, just enough for exact float rounding.
struct BigNatural: Comparable {
    /// Little-endian 32-bit limbs, without leading zero limbs.
    private(set) var limbs: [UInt32]

    init(_ value: UInt64) {
        limbs = [UInt32(truncatingIfNeeded: value), UInt32(truncatingIfNeeded: value >> 32)]
        normalize()
    }

    private init(limbs: [UInt32]) {
        self.limbs = limbs
        normalize()
    }

    private mutating func normalize() {
        while let last = limbs.last, last == 0 { limbs.removeLast() }
    }

    var bitLength: Int {
        guard let last = limbs.last else { return 0 }
        return (limbs.count - 1) * 32 + (32 - last.leadingZeroBitCount)
    }

    /// self = self * m + a.
    mutating func multiplyAdd(_ m: UInt32, _ a: UInt32) {
        var carry = UInt64(a)
        for i in limbs.indices {
            let v = UInt64(limbs[i]) * UInt64(m) + carry
            limbs[i] = UInt32(truncatingIfNeeded: v)
            carry = v >> 32
        }
        if carry != 0 { limbs.append(UInt32(truncatingIfNeeded: carry)) }
        normalize()
    }

    static func power(of base: UInt32, _ exponent: Int) -> BigNatural {
        var result = BigNatural(1)
        for _ in 0..<Swift.max(exponent, 0) { result.multiplyAdd(base, 0) }
        return result
    }

    func multiplied(by other: BigNatural) -> BigNatural {
        var out = [UInt32](repeating: 0, count: limbs.count + other.limbs.count + 1)
        for (i, a) in limbs.enumerated() {
            var carry: UInt64 = 0
            for (j, b) in other.limbs.enumerated() {
                let v = UInt64(a) * UInt64(b) + UInt64(out[i + j]) + carry
                out[i + j] = UInt32(truncatingIfNeeded: v)
                carry = v >> 32
            }
            var k = i + other.limbs.count
            while carry != 0 && k < out.count {
                let v = UInt64(out[k]) + carry
                out[k] = UInt32(truncatingIfNeeded: v)
                carry = v >> 32
                k += 1
            }
        }
        return BigNatural(limbs: out)
    }

    func shiftedLeft(_ n: Int) -> BigNatural {
        guard n > 0, !limbs.isEmpty else { return self }
        let whole = n / 32
        let part = UInt32(n % 32)
        var out = [UInt32](repeating: 0, count: whole)
        out.reserveCapacity(whole + limbs.count + 1)
        if part == 0 {
            out.append(contentsOf: limbs)
        } else {
            var carry: UInt32 = 0
            for l in limbs {
                out.append(l << part | carry)
                carry = l >> (32 - part)
            }
            out.append(carry)
        }
        return BigNatural(limbs: out)
    }

    /// self - other, for other <= self.
    func subtracting(_ other: BigNatural) -> BigNatural {
        var out = limbs
        var borrow: Int64 = 0
        for i in out.indices {
            let b = i < other.limbs.count ? Int64(other.limbs[i]) : 0
            var v = Int64(out[i]) - b - borrow
            if v < 0 {
                v += 1 << 32
                borrow = 1
            } else {
                borrow = 0
            }
            out[i] = UInt32(truncatingIfNeeded: v)
        }
        return BigNatural(limbs: out)
    }

    static func < (a: BigNatural, b: BigNatural) -> Bool {
        if a.limbs.count != b.limbs.count { return a.limbs.count < b.limbs.count }
        for i in stride(from: a.limbs.count - 1, through: 0, by: -1) where a.limbs[i] != b.limbs[i] {
            return a.limbs[i] < b.limbs[i]
        }
        return false
    }
}
