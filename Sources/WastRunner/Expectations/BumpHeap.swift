// run_tests.py's `Heap`: the realloc of the expectation files, so run_tests.py's expected bytes carry over.
import CanonicalABI

/// A memory with run_tests.py's bump allocator over it.
final class BumpHeap {
  let memory: MemInst
  var lastAlloc: UInt64 = 0
  init(_ bytes: [UInt8], _ addrType: CoreValType) { memory = MemInst(bytes, addrType) }

  /// run_tests.py — Heap.realloc: a shrink of a non-null pointer stays in place; otherwise bump-allocate
  /// (trapping when the memory is full) and copy the old bytes.
  func realloc(_ args: [CoreValue]) throws -> [CoreValue] {
    let a: [UInt64] = args.map {
      switch $0 {
      case .i32(let x): return UInt64(x)
      case .i64(let x): return x
      default: return 0
      }
    }
    guard a.count == 4 else { throw CanonicalABIMisuse("Heap.realloc: expected 4 arguments, got \(args.count)") }
    let (originalPtr, originalSize, alignment, newSize) = (a[0], a[1], a[2], a[3])
    let ret: UInt64
    if originalPtr != 0 && newSize < originalSize {
      ret = alignTo(originalPtr, alignment)
    } else {
      ret = alignTo(lastAlloc, alignment)
      let (end, o) = ret.addingReportingOverflow(newSize)
      lastAlloc = end
      if o || lastAlloc > memory.byteCount { throw CanonicalABITrap("Heap.realloc", "out of memory") }
      let (oldEnd, o2) = originalPtr.addingReportingOverflow(originalSize)
      if originalSize > 0 {
        guard !o2, oldEnd <= memory.byteCount, ret + originalSize <= memory.byteCount else {
          throw CanonicalABIMisuse("Heap.realloc: old range out of bounds")
        }
        let old = Array(memory.bytes[Int(originalPtr)..<Int(oldEnd)])
        memory.bytes.replaceSubrange(Int(ret)..<Int(ret + originalSize), with: old)
      }
    }
    return [memory.addrtype == .i64 ? .i64(ret) : .i32(UInt32(truncatingIfNeeded: ret))]
  }
  var reallocFunc: CoreFuncInst { { [unowned self] in try self.realloc($0) } }
}
