/// A cursor over a binary module: bytes, LEB128 integers, vectors and names, each read checked.
///
/// Spec: core/binary/values — bytes, integers (unsigned and signed LEB128 with size limits),
/// floats, names. Like the reference interpreter, it reads one stream for the whole module and
/// checks section and function sizes after the fact; running off the end of the input is
/// "unexpected end of section or function" (whose prefix is the suites' "unexpected end").
public struct ByteReader {
    public let bytes: [UInt8]
    public var position: Int

    public init(_ bytes: [UInt8], position: Int = 0) {
        self.bytes = bytes
        self.position = position
    }

    public var isAtEnd: Bool { position >= bytes.count }
    public var remaining: Int { bytes.count - position }

    /// An error of kind `.malformed` at `offset` (default: the current position).
    public func error(_ message: String, at offset: Int? = nil) -> WasmError {
        WasmError(.malformed, message, at: .offset(offset ?? position))
    }

    private func endOfInput() -> WasmError {
        WasmError(.malformed, "unexpected end of section or function", at: .offset(bytes.count))
    }

    /// The next byte, without consuming it.
    public func peek() -> UInt8? {
        position < bytes.count ? bytes[position] : nil
    }

    /// Spec: core/binary/values#bytes — one byte.
    public mutating func byte() throws -> UInt8 {
        guard position < bytes.count else { throw endOfInput() }
        let b = bytes[position]
        position += 1
        return b
    }

    /// `count` raw bytes.
    public mutating func bytes(_ count: Int) throws -> [UInt8] {
        guard count >= 0, count <= remaining else { throw endOfInput() }
        let slice = Array(bytes[position..<(position + count)])
        position += count
        return slice
    }

    /// Moves the cursor forward by `count` bytes.
    public mutating func skip(_ count: Int) throws {
        guard count >= 0, count <= remaining else { throw endOfInput() }
        position += count
    }

    /// Spec: core/binary/values#integers — `uN`: unsigned LEB128 of at most ceil(N/7) bytes,
    /// whose unused bits in the last byte are zero.
    public mutating func unsigned(bits: Int) throws -> UInt64 {
        var result: UInt64 = 0
        var shift: UInt64 = 0
        var left = bits
        while true {
            guard left > 0 else { throw error("integer representation too long") }
            let b = try byte()
            if left < 7 && Int(b & 0x7F) >= (1 << left) {
                throw error("integer too large", at: position - 1)
            }
            result |= UInt64(b & 0x7F) << shift
            if b & 0x80 == 0 { return result }
            shift += 7
            left -= 7
        }
    }

    /// Spec: core/binary/values#integers — `sN`: signed LEB128 of at most ceil(N/7) bytes,
    /// whose unused bits in the last byte are a sign extension.
    public mutating func signed(bits: Int) throws -> Int64 {
        var result: Int64 = 0
        var shift: Int64 = 0
        var left = bits
        while true {
            guard left > 0 else { throw error("integer representation too long") }
            let b = try byte()
            if left < 7 {
                let mask = Int((0x7F << (left - 1)) & 0x7F)
                let used = Int(b) & mask
                if used != 0 && used != mask { throw error("integer too large", at: position - 1) }
            }
            result |= Int64(b & 0x7F) << shift
            shift += 7
            if b & 0x80 == 0 {
                if shift < 64 && b & 0x40 != 0 { result |= Int64(-1) << shift }
                return result
            }
            left -= 7
        }
    }

    /// `u32`.
    public mutating func u32() throws -> UInt32 { UInt32(truncatingIfNeeded: try unsigned(bits: 32)) }
    /// `u64`.
    public mutating func u64() throws -> UInt64 { try unsigned(bits: 64) }
    /// `s32`.
    public mutating func s32() throws -> Int32 { Int32(truncatingIfNeeded: try signed(bits: 32)) }
    /// `s33`, the encoding of block types and heap types.
    public mutating func s33() throws -> Int64 { try signed(bits: 33) }
    /// `s64`.
    public mutating func s64() throws -> Int64 { try signed(bits: 64) }
    /// `s7`, the encoding of type constructors.
    public mutating func s7() throws -> Int64 { try signed(bits: 7) }

    /// A little-endian word of `count` bytes.
    public mutating func littleEndian(_ count: Int) throws -> UInt64 {
        var result: UInt64 = 0
        for i in 0..<count { result |= UInt64(try byte()) << (8 * UInt64(i)) }
        return result
    }

    /// A length (of a vector, a name, a section): a `u32` no larger than what is left of the input.
    public mutating func length() throws -> Int {
        let start = position
        let n = try u32()
        guard Int(n) <= bytes.count - start else { throw error("length out of bounds", at: start) }
        return Int(n)
    }

    /// Spec: core/binary/conventions#vectors — `vec(B)`.
    public mutating func vector<T>(_ element: (inout ByteReader) throws -> T) throws -> [T] {
        let n = try length()
        var result: [T] = []
        // The count is bounded by the input's size, but a fuzzed count still should not reserve much up front.
        result.reserveCapacity(Swift.min(n, 1024))
        for _ in 0..<n { result.append(try element(&self)) }
        return result
    }

    /// Spec: core/binary/values#names — a name: a byte vector that must be valid UTF-8.
    public mutating func name() throws -> String {
        let start = position
        let n = try length()
        let raw = try bytes(n)
        guard let s = UTF8Validation.decode(raw) else { throw error("malformed UTF-8 encoding", at: start) }
        return s
    }
}
