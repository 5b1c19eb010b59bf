import WasmCore

/// Spec: Explainer.md — the identifier contexts of the text format: a component, a component type
/// or an instance type, each with one index space per sort, and the items written into it so far.
struct TextScope {
    enum Kind { case component, componentType, instanceType }

    let kind: Kind
    /// The scope's own identifier (`(component $c ...)`, `(type $t (component ...))`), for outer aliases.
    let label: String?
    var names: [Sort: [String: UInt32]] = [:]
    var counts: [Sort: UInt32] = [:]
    /// A component's definitions, in order.
    var definitions: [Definition] = []
    /// A component or instance type's declarations, in order.
    var declarations: [Declaration] = []
    /// Exports written inline on definitions (`(func (export "f") ...)`); wasm-tools places them
    /// at the end of the component, and so does this parser.
    var inlineExports: [(ComponentExport, SourceLocation)] = []

    init(kind: Kind, label: String?) {
        self.kind = kind
        self.label = label
    }

    func count(_ sort: Sort) -> UInt32 { counts[sort] ?? 0 }

    /// Assigns the next index of `sort`, binding `name` to it.
    mutating func define(_ sort: Sort, _ name: String?, at location: SourceLocation) throws -> UInt32 {
        let index = count(sort)
        if let name {
            if names[sort]?[name] != nil {
                throw WasmError(.malformed, "duplicate \(sort.keyword) identifier $\(name)", at: location)
            }
            names[sort, default: [:]][name] = index
        }
        counts[sort] = index + 1
        return index
    }

    /// Adds `count` anonymous indices of `sort` (the results of `start`).
    mutating func defineMany(_ sort: Sort, _ n: UInt32) { counts[sort] = count(sort) + n }
}
