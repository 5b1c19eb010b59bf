/// Spec: core/exec/runtime#global-instances — a global: its type and its current value.
public final class GlobalInstance {
    public let type: GlobalType
    public let address: GlobalAddress
    /// The value in the interpreter's slot encoding (the low half of a vector).
    @exclusivity(unchecked)
    var slot: UInt64
    /// The high half of a vector value.
    var vectorHigh: UInt64 = 0

    init(type: GlobalType, address: GlobalAddress, value: Value) {
        self.type = type
        self.address = address
        self.slot = Slot.encode(value)
        if case .v128(let v) = value { vectorHigh = v.high }
    }

    /// The current value.
    public var value: Value {
        get {
            if case .vector = type.valueType { return .v128(V128(low: slot, high: vectorHigh)) }
            return Slot.decode(slot, as: type.valueType)
        }
        set {
            slot = Slot.encode(newValue)
            if case .v128(let v) = newValue { vectorHigh = v.high }
        }
    }
}
