/// Spec: core/binary/values#names — the UTF-8 encoding of names, checked strictly.
///
/// Rejects overlong encodings, surrogates (U+D800–U+DFFF), code points above U+10FFFF, stray
/// continuation bytes and truncated sequences.
enum UTF8Validation {
    /// The string the bytes encode, or `nil` when they are not well-formed UTF-8.
    static func decode(_ bytes: [UInt8]) -> String? {
        guard isValid(bytes) else { return nil }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Whether the bytes are well-formed UTF-8.
    static func isValid(_ bytes: [UInt8]) -> Bool {
        var i = 0
        let n = bytes.count
        while i < n {
            let b0 = bytes[i]
            if b0 < 0x80 { i += 1; continue }
            let length: Int
            let minimum: UInt32
            var scalar: UInt32
            switch b0 {
            case 0xC0...0xDF: length = 2; minimum = 0x80; scalar = UInt32(b0 & 0x1F)
            case 0xE0...0xEF: length = 3; minimum = 0x800; scalar = UInt32(b0 & 0x0F)
            case 0xF0...0xF7: length = 4; minimum = 0x10000; scalar = UInt32(b0 & 0x07)
            default: return false
            }
            guard n - i >= length else { return false }
            for k in 1..<length {
                let b = bytes[i + k]
                guard b & 0xC0 == 0x80 else { return false }
                scalar = (scalar << 6) | UInt32(b & 0x3F)
            }
            if scalar < minimum || scalar > 0x10FFFF || (0xD800...0xDFFF).contains(scalar) { return false }
            i += length
        }
        return true
    }
}
