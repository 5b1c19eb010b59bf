/// Spec: Binary.md — `core:sort`: the kinds of core definitions, by binary opcode.
public enum CoreSort: UInt8, Hashable, Sendable, CaseIterable {
    case function = 0x00
    case table = 0x01
    case memory = 0x02
    case global = 0x03
    case tag = 0x04
    case type = 0x10
    case module = 0x11
    case instance = 0x12

    /// The keyword of the text format.
    public var keyword: String {
        switch self {
        case .function: return "func"
        case .table: return "table"
        case .memory: return "memory"
        case .global: return "global"
        case .tag: return "tag"
        case .type: return "type"
        case .module: return "module"
        case .instance: return "instance"
        }
    }

    public init?(keyword: String) {
        guard let s = CoreSort.allCases.first(where: { $0.keyword == keyword }) else { return nil }
        self = s
    }
}

/// Spec: Binary.md — `sort`: the kinds of component definitions (with the core sorts nested).
public enum Sort: Hashable, Sendable {
    case core(CoreSort)
    case function
    /// 🪙
    case value
    case type
    case component
    case instance

    /// The binary opcode of a component sort (`core` is `0x00` followed by the core sort).
    public static let opcodes: [(Sort, UInt8)] = [
        (.function, 0x01), (.value, 0x02), (.type, 0x03), (.component, 0x04), (.instance, 0x05),
    ]

    /// The keyword of the text format (a core sort is written `core <sort>`).
    public var keyword: String {
        switch self {
        case .core(let s): return "core " + s.keyword
        case .function: return "func"
        case .value: return "value"
        case .type: return "type"
        case .component: return "component"
        case .instance: return "instance"
        }
    }

    public init?(keyword: String) {
        switch keyword {
        case "func": self = .function
        case "value": self = .value
        case "type": self = .type
        case "component": self = .component
        case "instance": self = .instance
        default: return nil
        }
    }
}

/// Spec: Binary.md — `sortidx`: an index into the index space of a sort.
public struct SortIndex: Hashable, Sendable {
    public var sort: Sort
    public var index: UInt32

    public init(_ sort: Sort, _ index: UInt32) {
        self.sort = sort
        self.index = index
    }
}
