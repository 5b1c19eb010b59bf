#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Spec: core/exec/runtime#memory-instances — a memory: its type and its vector of bytes.
///
/// The bytes live in one zero-initialised allocation (calloc, so untouched pages cost nothing), reallocated
/// on growth. Sizes and addresses are 64-bit, ready for memory64.
public final class MemoryInstance {
    public private(set) var type: MemoryType
    public let address: MemoryAddress
    /// The bytes (`byteCount` of them; never nil, at least one byte is allocated).
    @exclusivity(unchecked)
    private(set) var bytes: UnsafeMutableRawPointer
    /// The current size in bytes.
    @exclusivity(unchecked)
    public private(set) var byteCount: Int
    /// The store's cap on growth, in this memory's pages, beyond the memory's own maximum.
    let capPages: UInt64

    /// `capPages` counts default (64 KiB) pages; a memory with smaller pages gets as many bytes.
    init(type: MemoryType, address: MemoryAddress, capPages defaultPages: UInt64) throws {
        let scale = type.bytesPerPage < MemoryType.pageSize ? MemoryType.pageSize / max(type.bytesPerPage, 1) : 1
        let (scaled, overflow) = defaultPages.multipliedReportingOverflow(by: scale)
        let capPages = overflow ? UInt64.max : scaled
        let pages = type.limits.min
        guard pages <= capPages, pages <= Self.architecturalMaxPages(type) else {
            throw WasmError(.trap, "memory size exceeds the store's limit")
        }
        let size = Int(pages * type.bytesPerPage)
        guard let p = calloc(max(size, 1), 1) else { throw WasmError(.trap, "out of memory allocating a memory") }
        self.type = type
        self.address = address
        self.capPages = capPages
        self.bytes = p
        self.byteCount = size
    }

    /// A memory of no pages: the interpreter's stand-in for the memory of instances that have none.
    init(placeholder: Void) {
        self.type = MemoryType(limits: Limits(min: 0, max: 0))
        self.address = -1
        self.capPages = 0
        self.bytes = Self.placeholderBytes
        self.byteCount = 0
    }

    /// The (never read or written) bytes of every placeholder memory.
    private static let placeholderBytes = UnsafeMutableRawPointer.allocate(byteCount: 8, alignment: 8)

    deinit { if bytes != Self.placeholderBytes { free(bytes) } }

    /// The most pages a memory type's address type allows: 2^16 for i32, 2^48 for i64 (64 KiB
    /// pages; 2^32 and 2^64-1 with 1-byte pages).
    static func architecturalMaxPages(_ t: MemoryType) -> UInt64 {
        let bits: UInt64 = t.limits.addressType == .i32 ? 32 : 64
        let log2 = UInt64(t.pageSizeLog2 ?? 16)
        return bits - log2 >= 64 ? UInt64.max : 1 << (bits - log2)
    }

    /// The current size in pages.
    public var pageCount: UInt64 { UInt64(byteCount) / type.bytesPerPage }

    /// Spec: core/exec/modules#grow-mem — grows by `n` pages; returns the old size in pages, or `nil`
    /// when the maximum, the address space, the store's cap or the host's allocator refuse.
    public func grow(by n: UInt64) -> UInt64? {
        let old = pageCount
        let (new, overflow) = old.addingReportingOverflow(n)
        guard !overflow, new <= capPages, new <= Self.architecturalMaxPages(type) else { return nil }
        if let max = type.limits.max, new > max { return nil }
        if n == 0 { return old }
        let (newSize, o2) = new.multipliedReportingOverflow(by: type.bytesPerPage)
        guard !o2, newSize <= UInt64(Int.max), let p = calloc(Int(newSize), 1) else { return nil }
        if byteCount > 0 { memcpy(p, bytes, byteCount) }
        free(bytes)
        bytes = p
        byteCount = Int(newSize)
        type.limits.min = new
        return old
    }

    /// The effective address range `[address + offset, + size)` if it lies inside the memory.
    @inline(__always)
    func checkedRange(_ address: UInt64, offset: UInt64, size: Int) -> Int? {
        let (ea, o1) = address.addingReportingOverflow(offset)
        let (end, o2) = ea.addingReportingOverflow(UInt64(size))
        guard !o1, !o2, end <= UInt64(byteCount) else { return nil }
        return Int(ea)
    }

    /// Direct access to the bytes, for embedders (the Canonical ABI's loads and stores). The buffer
    /// is valid only during `body`: growing the memory moves it.
    public func withUnsafeMutableBytes<R>(_ body: (UnsafeMutableRawBufferPointer) throws -> R) rethrows -> R {
        try body(UnsafeMutableRawBufferPointer(start: bytes, count: byteCount))
    }

    /// Reads bytes (for embedders and tests); throws "out of bounds memory access".
    public func read(at address: UInt64, count: Int) throws -> [UInt8] {
        guard count >= 0, let start = checkedRange(address, offset: 0, size: count) else {
            throw WasmError(.trap, "out of bounds memory access")
        }
        return Array(UnsafeRawBufferPointer(start: bytes + start, count: count))
    }

    /// Writes bytes (for embedders and tests); throws "out of bounds memory access".
    public func write(_ data: [UInt8], at address: UInt64) throws {
        guard let start = checkedRange(address, offset: 0, size: data.count) else {
            throw WasmError(.trap, "out of bounds memory access")
        }
        data.withUnsafeBytes { src in
            if let base = src.baseAddress { (bytes + start).copyMemory(from: base, byteCount: data.count) }
        }
    }

    @inline(__always)
    func load<T: FixedWidthInteger>(_ at: Int, as: T.Type) -> T {
        T(littleEndian: (bytes + at).loadUnaligned(as: T.self))
    }

    @inline(__always)
    func store<T: FixedWidthInteger>(_ at: Int, _ value: T) {
        (bytes + at).storeBytes(of: value.littleEndian, as: T.self)
    }

    /// Copies within the memory (overlapping ranges allowed); bounds already checked.
    func copyWithin(to dst: Int, from src: Int, count: Int) {
        if count > 0 { memmove(bytes + dst, bytes + src, count) }
    }

    /// Fills a range with a byte; bounds already checked.
    func fill(at dst: Int, byte: UInt8, count: Int) {
        if count > 0 { memset(bytes + dst, Int32(byte), count) }
    }

    /// Copies bytes in from an array; bounds already checked.
    func copyIn(_ source: [UInt8], from: Int, to dst: Int, count: Int) {
        guard count > 0 else { return }
        source.withUnsafeBytes { src in
            if let base = src.baseAddress { (bytes + dst).copyMemory(from: base + from, byteCount: count) }
        }
    }
}
