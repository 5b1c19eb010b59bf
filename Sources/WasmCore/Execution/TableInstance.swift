/// Spec: core/exec/runtime#table-instances — a table: its type and its vector of references.
///
/// Elements are kept in the interpreter's slot encoding (`Slot`): 0 for null, address + 1 otherwise.
public final class TableInstance {
    public private(set) var type: TableType
    public let address: TableAddress
    @exclusivity(unchecked)
    var elements: [UInt64]
    /// The store's cap on growth, beyond the table's own maximum.
    let cap: UInt64

    init(type: TableType, address: TableAddress, initial: UInt64, cap: UInt64) throws {
        guard type.limits.min <= cap else { throw WasmError(.trap, "table size exceeds the store's limit") }
        self.type = type
        self.address = address
        self.cap = cap
        self.elements = [UInt64](repeating: initial, count: Int(type.limits.min))
    }

    /// The number of elements.
    public var size: Int { elements.count }

    /// The element at an index, or `nil` when out of bounds.
    public func element(at index: Int) -> Reference? {
        guard index >= 0 && index < elements.count else { return nil }
        return Slot.decodeReference(elements[index], heapType: type.elementType.heapType)
    }

    /// Sets an element; throws "out of bounds table access" when out of bounds.
    public func setElement(at index: Int, _ value: Reference) throws {
        guard index >= 0 && index < elements.count else { throw WasmError(.trap, "out of bounds table access") }
        elements[index] = Slot.encode(value)
    }

    /// Spec: core/exec/modules#grow-table — grows by `n` entries filled with `initial`; returns the old
    /// size, or `nil` when the maximum (or the store's cap) forbids it.
    func grow(by n: UInt64, initial: UInt64) -> Int? {
        let old = UInt64(elements.count)
        let (new, overflow) = old.addingReportingOverflow(n)
        guard !overflow, new <= cap, new <= UInt64(UInt32.max) else { return nil }
        if let max = type.limits.max, new > max { return nil }
        elements.append(contentsOf: repeatElement(initial, count: Int(n)))
        type.limits.min = new
        return Int(old)
    }

    /// Grows by `n` entries of `initial`; returns the old size, or `nil` when not allowed.
    public func grow(by n: UInt64, initial: Reference) -> Int? { grow(by: n, initial: Slot.encode(initial)) }
}
