/// Spec: Binary.md — 🪙 `value`: a value definition, `(value t v)`.
///
/// The value's bytes are kept as encoded (`val(t)`); decoding them needs `t` resolved, which is
/// validation's work.
public struct ValueDefinition: Hashable, Sendable {
    public var type: ComponentValueType
    public var bytes: [UInt8]

    public init(type: ComponentValueType, bytes: [UInt8]) {
        self.type = type
        self.bytes = bytes
    }
}
