/// Spec: core/binary/modules#sections — the section ids, and the order non-custom sections must come in.
enum SectionID: UInt8, CaseIterable {
    case custom = 0
    case type = 1
    case `import` = 2
    case function = 3
    case table = 4
    case memory = 5
    case global = 6
    case export = 7
    case start = 8
    case element = 9
    case code = 10
    case data = 11
    case dataCount = 12
    /// Exception handling's tag section.
    case tag = 13

    /// The non-custom sections in the order a module must have them (the tag section comes
    /// between the memory and global sections).
    static let order: [SectionID] = [
        .type, .import, .function, .table, .memory, .tag, .global, .export, .start, .element,
        .dataCount, .code, .data,
    ]

    /// The feature a section needs, if any.
    var feature: Feature? {
        switch self {
        case .dataCount: return .bulkMemory
        case .tag: return .exceptions
        default: return nil
        }
    }
}
