/// The bulk table and memory operations, shared by the interpreter and instantiation (which runs
/// `table.init` / `memory.init` for active segments).
enum Operations {
    /// The range `[start, start + count)` if it fits in `size`.
    @inline(__always)
    static func range(_ start: UInt64, _ count: UInt64, within size: Int) -> Range<Int>? {
        let (end, overflow) = start.addingReportingOverflow(count)
        guard !overflow, end <= UInt64(size) else { return nil }
        return Int(start)..<Int(end)
    }

    /// Spec: core/exec/instructions#exec-table-fill — fills `count` entries from `at`, after a bounds check.
    static func tableFill(_ table: TableInstance, at: UInt64, value: UInt64, count: UInt64) throws {
        guard let r = range(at, count, within: table.elements.count) else { throw Trap.tableOutOfBounds }
        for i in r { table.elements[i] = value }
    }

    /// Spec: core/exec/instructions#exec-table-copy — copies `count` entries (ranges may overlap).
    static func tableCopy(to dst: TableInstance, at d: UInt64, from src: TableInstance, at s: UInt64, count: UInt64) throws {
        guard let rs = range(s, count, within: src.elements.count), let rd = range(d, count, within: dst.elements.count) else {
            throw Trap.tableOutOfBounds
        }
        if rs.isEmpty { return }
        let slice = Array(src.elements[rs])
        dst.elements.replaceSubrange(rd, with: slice)
    }

    /// Spec: core/exec/instructions#exec-table-init — copies `count` references of an element segment.
    static func tableInit(_ table: TableInstance, at d: UInt64, from element: ElementInstance, at s: UInt64, count: UInt64) throws {
        guard let rs = range(s, count, within: element.slots.count), let rd = range(d, count, within: table.elements.count) else {
            throw Trap.tableOutOfBounds
        }
        if rs.isEmpty { return }
        table.elements.replaceSubrange(rd, with: element.slots[rs])
    }

    /// Spec: core/exec/instructions#exec-memory-init — copies `count` bytes of a data segment.
    static func memoryInit(_ memory: MemoryInstance, at d: UInt64, from data: DataInstance, at s: UInt64, count: UInt64) throws {
        guard let rs = range(s, count, within: data.bytes.count), let rd = range(d, count, within: memory.byteCount) else {
            throw Trap.memoryOutOfBounds
        }
        memory.copyIn(data.bytes, from: rs.lowerBound, to: rd.lowerBound, count: rs.count)
    }

    /// Spec: core/exec/instructions#exec-memory-copy — copies `count` bytes (ranges may overlap).
    static func memoryCopy(_ memory: MemoryInstance, to d: UInt64, from s: UInt64, count: UInt64) throws {
        guard let rs = range(s, count, within: memory.byteCount), let rd = range(d, count, within: memory.byteCount) else {
            throw Trap.memoryOutOfBounds
        }
        memory.copyWithin(to: rd.lowerBound, from: rs.lowerBound, count: rs.count)
    }

    /// Spec: core/exec/instructions#exec-memory-fill — sets `count` bytes to `byte`.
    static func memoryFill(_ memory: MemoryInstance, at d: UInt64, byte: UInt8, count: UInt64) throws {
        guard let rd = range(d, count, within: memory.byteCount) else { throw Trap.memoryOutOfBounds }
        memory.fill(at: rd.lowerBound, byte: byte, count: rd.count)
    }
}
