/// Spec: core/binary/values — a growing byte buffer that writes bytes, LEB128 integers, floats,
/// vectors and names, always in their shortest form.
public struct BinaryWriter: Sendable {
    public private(set) var bytes: [UInt8] = []

    public init() {}

    public mutating func byte(_ b: UInt8) { bytes.append(b) }

    public mutating func raw<S: Sequence>(_ s: S) where S.Element == UInt8 { bytes.append(contentsOf: s) }

    /// Spec: core/binary/values — `uN` in LEB128.
    public mutating func unsigned(_ value: UInt64) {
        var v = value
        repeat {
            var b = UInt8(v & 0x7F)
            v >>= 7
            if v != 0 { b |= 0x80 }
            bytes.append(b)
        } while v != 0
    }

    /// Spec: core/binary/values — `sN` in LEB128.
    public mutating func signed(_ value: Int64) {
        var v = value
        while true {
            let b = UInt8(truncatingIfNeeded: v) & 0x7F
            v >>= 7
            let done = (v == 0 && b & 0x40 == 0) || (v == -1 && b & 0x40 != 0)
            bytes.append(done ? b : b | 0x80)
            if done { return }
        }
    }

    public mutating func u32(_ value: UInt32) { unsigned(UInt64(value)) }

    /// A length or count, as `u32`.
    public mutating func length(_ n: Int) { unsigned(UInt64(n)) }

    /// A fixed-width little-endian word of `count` bytes.
    public mutating func littleEndian(_ value: UInt64, count: Int) {
        for i in 0..<count { bytes.append(UInt8(truncatingIfNeeded: value >> UInt64(8 * i))) }
    }

    /// Spec: core/binary/conventions — `vec(B)`.
    public mutating func vector<T>(_ items: [T], _ element: (inout BinaryWriter, T) throws -> Void) rethrows {
        length(items.count)
        for item in items { try element(&self, item) }
    }

    /// Spec: core/binary/values — names, as a UTF-8 byte vector.
    public mutating func name(_ s: String) {
        let utf8 = Array(s.utf8)
        length(utf8.count)
        raw(utf8)
    }

    /// Spec: core/binary/modules — a section: its id, then its contents prefixed by their size.
    public mutating func section(_ id: UInt8, _ contents: (inout BinaryWriter) throws -> Void) rethrows {
        var inner = BinaryWriter()
        try contents(&inner)
        byte(id)
        length(inner.bytes.count)
        raw(inner.bytes)
    }
}
