import CanonicalABI
import WasmCore

/// A core memory as the Canonical ABI sees it: an `ABIMemory` over WasmCore's `MemoryInstance`,
/// reading and writing its bytes in place (no copy). Addresses are 64-bit; the address type is the
/// memory's (`i64` under memory64).
///
/// Spec: CanonicalABI.md#canonical-abi-options — `MemInst` (the `memory` canonical option).
final class CoreMemoryView: ABIMemory {
    let memory: MemoryInstance

    init(_ memory: MemoryInstance) { self.memory = memory }

    var addrtype: CoreValType { memory.type.limits.addressType == .i64 ? .i64 : .i32 }

    var byteCount: UInt64 { UInt64(memory.byteCount) }

    func withUnsafeMutableBytes<R>(_ body: (UnsafeMutableRawBufferPointer) throws -> R) rethrows -> R {
        try memory.withUnsafeMutableBytes(body)
    }
}
