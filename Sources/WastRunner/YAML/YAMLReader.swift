// Reads YAML text into located `YAMLNode`s with libyaml's event API (through the CLibYAML system library).
import CLibYAML

/// The YAML reader: text in, one node per document out, or a located `YAMLError`.
public enum YAMLReader {
  /// The documents of `text` (a stream of `---`-separated documents; an empty stream has none).
  /// Aliases (`*a`) are replaced by a copy of their anchored node; tags are ignored.
  public static func documents(_ text: String, file: String) throws -> [YAMLNode] {
    let bytes = Array(text.utf8) + [0]  // never empty, so the buffer has a base address
    return try bytes.withUnsafeBufferPointer { buf -> [YAMLNode] in
      guard let base = buf.baseAddress else { return [] }
      var parser = yaml_parser_t()
      guard yaml_parser_initialize(&parser) != 0 else { throw YAMLError(file, YAMLMark(line: 1, column: 1), "cannot initialize the YAML parser") }
      defer { yaml_parser_delete(&parser) }
      yaml_parser_set_input_string(&parser, base, buf.count - 1)
      var builder = Builder(file: file)
      while true {
        var event = yaml_event_t()
        guard yaml_parser_parse(&parser, &event) != 0 else {
          let problem = parser.problem.map { String(cString: $0) } ?? "malformed YAML"
          let context = parser.context.map { String(cString: $0) + ": " } ?? ""
          let m = parser.problem_mark
          throw YAMLError(file, YAMLMark(line: Int(m.line) + 1, column: Int(m.column) + 1), "YAML: \(context)\(problem)")
        }
        defer { yaml_event_delete(&event) }
        if event.type == YAML_STREAM_END_EVENT { break }
        try builder.take(&event)
      }
      return builder.documents
    }
  }

  /// Builds nodes from events with a stack of open collections.
  struct Builder {
    let file: String
    var documents = [YAMLNode]()
    var stack = [(node: YAMLNode, anchor: String?, pendingKey: YAMLNode?)]()
    var anchors = [String: YAMLNode]()

    static func string(_ p: UnsafeMutablePointer<yaml_char_t>?, _ n: Int) -> String {
      guard let p, n > 0 else { return "" }
      return String(decoding: UnsafeBufferPointer(start: p, count: n), as: UTF8.self)
    }
    static func string(_ p: UnsafeMutablePointer<yaml_char_t>?) -> String? {
      guard let p else { return nil }
      return String(cString: UnsafeRawPointer(p).assumingMemoryBound(to: CChar.self))
    }

    mutating func take(_ e: inout yaml_event_t) throws {
      let mark = YAMLMark(line: Int(e.start_mark.line) + 1, column: Int(e.start_mark.column) + 1)
      switch e.type {
      case YAML_SCALAR_EVENT:
        let s = e.data.scalar
        let node = YAMLNode(.scalar(Builder.string(s.value, Int(s.length)), plain: s.style == YAML_PLAIN_SCALAR_STYLE), mark)
        if let a = Builder.string(s.anchor) { anchors[a] = node }
        try add(node)
      case YAML_ALIAS_EVENT:
        let a = Builder.string(e.data.alias.anchor) ?? ""
        guard var node = anchors[a] else { throw YAMLError(file, mark, "unknown alias *\(a)") }
        node.mark = mark
        try add(node)
      case YAML_SEQUENCE_START_EVENT:
        stack.append((YAMLNode(.sequence([]), mark), Builder.string(e.data.sequence_start.anchor), nil))
      case YAML_MAPPING_START_EVENT:
        stack.append((YAMLNode(.mapping([]), mark), Builder.string(e.data.mapping_start.anchor), nil))
      case YAML_SEQUENCE_END_EVENT, YAML_MAPPING_END_EVENT:
        guard let top = stack.popLast() else { throw YAMLError(file, mark, "unbalanced collection end") }
        if let a = top.anchor { anchors[a] = top.node }
        try add(top.node)
      default:
        break  // stream and document boundaries
      }
    }

    mutating func add(_ node: YAMLNode) throws {
      guard var top = stack.popLast() else { documents.append(node); return }
      switch top.node.kind {
      case .sequence(var items):
        items.append(node)
        top.node.kind = .sequence(items)
      case .mapping(var entries):
        if let key = top.pendingKey {
          entries.append((key, node))
          top.node.kind = .mapping(entries)
          top.pendingKey = nil
        } else {
          if let k = node.scalar, entries.contains(where: { $0.key.scalar == k }) {
            throw YAMLError(file, node.mark, "duplicate key \(k)")
          }
          top.pendingKey = node
        }
      case .scalar:
        throw YAMLError(file, node.mark, "internal: scalar on the collection stack")
      }
      stack.append(top)
    }
  }
}
