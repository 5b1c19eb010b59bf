/// Spec: core/exec/runtime#element-instances — an element segment's references, emptied by `elem.drop`.
public final class ElementInstance {
    public let type: ReferenceType
    /// The references, in slot encoding.
    @exclusivity(unchecked)
    var slots: [UInt64]

    init(type: ReferenceType, slots: [UInt64]) {
        self.type = type
        self.slots = slots
    }

    /// Spec: core/exec/instructions#exec-elem-drop — drops the contents.
    func drop() { slots = [] }
}

/// Spec: core/exec/runtime#data-instances — a data segment's bytes, emptied by `data.drop`.
public final class DataInstance {
    @exclusivity(unchecked)
    var bytes: [UInt8]

    init(bytes: [UInt8]) { self.bytes = bytes }

    /// Spec: core/exec/instructions#exec-data-drop — drops the contents.
    func drop() { bytes = [] }
}
