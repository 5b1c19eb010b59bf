// A small YAML document model: mappings, sequences and scalars, each with the line and column it starts at.
// Read by `YAMLReader` (libyaml's event API); used by the expectation files (Docs/yaml-formats.md).

/// Where a node starts in its file (1-based line and column).
public struct YAMLMark: Equatable, Hashable, CustomStringConvertible, Sendable {
  public var line: Int
  public var column: Int
  public init(line: Int, column: Int) { self.line = line; self.column = column }
  public var description: String { "\(line):\(column)" }
}

/// A YAML node with its mark.
public struct YAMLNode: CustomStringConvertible {
  /// The three kinds of YAML node.
  public indirect enum Kind {
    /// A scalar's text; `plain` when unquoted (only plain scalars are numbers, booleans or null).
    case scalar(String, plain: Bool)
    case sequence([YAMLNode])
    /// Keys in document order (duplicate keys are rejected by the reader).
    case mapping([(key: YAMLNode, value: YAMLNode)])
  }
  public var kind: Kind
  public var mark: YAMLMark
  public init(_ kind: Kind, _ mark: YAMLMark) { self.kind = kind; self.mark = mark }

  /// The text of a scalar node.
  public var scalar: String? { if case .scalar(let s, _) = kind { return s }; return nil }
  /// The items of a sequence node.
  public var sequence: [YAMLNode]? { if case .sequence(let a) = kind { return a }; return nil }
  /// The entries of a mapping node.
  public var mapping: [(key: YAMLNode, value: YAMLNode)]? { if case .mapping(let m) = kind { return m }; return nil }
  /// Whether this is a plain `null`, `~` or empty scalar.
  public var isNull: Bool {
    if case .scalar(let s, plain: true) = kind { return s == "" || s == "null" || s == "~" || s == "Null" || s == "NULL" }
    return false
  }
  /// The value of the mapping entry whose key is the scalar `key`.
  public subscript(key: String) -> YAMLNode? {
    mapping?.first(where: { $0.key.scalar == key })?.value
  }
  /// The scalar keys of a mapping, in order.
  public var keys: [String] { mapping?.compactMap { $0.key.scalar } ?? [] }

  /// A short rendering for messages (flow style).
  public var description: String {
    switch kind {
    case .scalar(let s, let plain): return plain ? s : "\"\(s)\""
    case .sequence(let a): return "[" + a.map(\.description).joined(separator: ", ") + "]"
    case .mapping(let m): return "{" + m.map { "\($0.key): \($0.value)" }.joined(separator: ", ") + "}"
    }
  }
}

/// A malformed YAML file, or a document that does not have the expected shape, at a located node.
public struct YAMLError: Error, CustomStringConvertible {
  public var file: String
  public var mark: YAMLMark
  public var message: String
  public init(_ file: String, _ mark: YAMLMark, _ message: String) { self.file = file; self.mark = mark; self.message = message }
  /// `file:line:column: message` (`file: message` when there is no position, e.g. a missing file).
  public var description: String { mark.line > 0 ? "\(file):\(mark): \(message)" : "\(file): \(message)" }
}
