/// Spec: Binary.md — `nameattributes`: an import or export name with its attributes.
///
/// The name is kept as written (`plainname`, `[constructor]r`, `[method]r.m`, `[static]r.m`,
/// `ns:pkg/iface@1.2.3`, ...); `ExternNameKind` classifies it for validation.
public struct ExternName: Hashable, Sendable {
    public var name: String
    public var attributes: [NameAttribute]
    /// The `nameattributes` discriminant the binary used (0x00, 0x01 or 0x02).
    /// 0x00 and 0x01 are redundant (Binary.md notes they will merge); 0x02 carries attributes.
    public var encoding: UInt8

    public init(_ name: String, attributes: [NameAttribute] = [], encoding: UInt8? = nil) {
        self.name = name
        self.attributes = attributes
        self.encoding = encoding ?? (attributes.isEmpty ? 0x00 : 0x02)
    }
}

/// Spec: Binary.md — `attribute`.
public enum NameAttribute: Hashable, Sendable {
    /// 🏷️ `(implements "in")`, opcode 0x00.
    case implements(String)
    /// 🔗 `(versionsuffix "vs")`, opcode 0x01.
    case versionSuffix(String)
    /// 🏷️ `(external-id n)`, opcode 0x02.
    case externalID(String)

    public var opcode: UInt8 {
        switch self {
        case .implements: return 0x00
        case .versionSuffix: return 0x01
        case .externalID: return 0x02
        }
    }

    public var keyword: String {
        switch self {
        case .implements: return "implements"
        case .versionSuffix: return "versionsuffix"
        case .externalID: return "external-id"
        }
    }

    public var value: String {
        switch self {
        case .implements(let s), .versionSuffix(let s), .externalID(let s): return s
        }
    }
}
