// Reading the fields of an expectation file (Docs/yaml-formats.md) from located YAML nodes: every shape error
// names the file, line and column.
import CanonicalABI

/// A mapping node of an expectation file, read key by key; `finish()` rejects keys nobody asked for.
struct Fields {
  let file: String
  let node: YAMLNode
  private(set) var used = Set<String>()

  init(_ file: String, _ node: YAMLNode, what: String) throws {
    guard node.mapping != nil else { throw YAMLError(file, node.mark, "\(what) must be a mapping, got \(node)") }
    self.file = file
    self.node = node
  }

  func error(_ n: YAMLNode, _ message: String) -> YAMLError { YAMLError(file, n.mark, message) }

  /// The node under `key`, if present (and marks the key as read).
  mutating func optional(_ key: String) -> YAMLNode? {
    used.insert(key)
    guard let v = node[key], !v.isNull else { return nil }
    return v
  }
  mutating func required(_ key: String) throws -> YAMLNode {
    guard let v = optional(key) else { throw error(node, "missing key \(key)") }
    return v
  }
  func has(_ key: String) -> Bool { node[key] != nil }

  /// Throws on a key that no reader asked for (a misspelt expectation must not pass silently).
  func finish() throws {
    for (k, _) in node.mapping ?? [] where !used.contains(k.scalar ?? "") {
      throw error(k, "unknown key \(k)")
    }
  }

  // MARK: typed readers

  func text(_ n: YAMLNode) throws -> String {
    guard let s = n.scalar else { throw error(n, "expected a scalar, got \(n)") }
    return s
  }
  mutating func string(_ key: String) throws -> String? { try optional(key).map { try text($0) } }
  mutating func int(_ key: String) throws -> UInt64? { try optional(key).map { try uint($0) } }
  func uint(_ n: YAMLNode) throws -> UInt64 {
    let s = try text(n)
    let v = s.hasPrefix("0x") ? UInt64(s.dropFirst(2).replacingOccurrences(of: "_", with: ""), radix: 16) : UInt64(s)
    guard let v else { throw error(n, "expected an unsigned integer, got \(s)") }
    return v
  }
  mutating func bool(_ key: String) throws -> Bool? {
    guard let n = optional(key) else { return nil }
    switch try text(n) {
    case "true": return true
    case "false": return false
    default: throw error(n, "expected true or false, got \(n)")
    }
  }
  func list(_ n: YAMLNode) throws -> [YAMLNode] {
    guard let a = n.sequence else { throw error(n, "expected a sequence, got \(n)") }
    return a
  }

  /// A value type; `(own $r)`/`(borrow $r)` name one of `resources`.
  func valType(_ n: YAMLNode, _ resources: [String: ResourceType]) throws -> ValType {
    do { return try parseValType(try text(n), resources: resources) } catch let e as SyntaxError { throw error(n, "type: \(e)") }
  }
  func funcType(_ n: YAMLNode, _ resources: [String: ResourceType]) throws -> FuncType {
    do { return try parseFuncType(try text(n), resources: resources) } catch let e as SyntaxError { throw error(n, "function type: \(e)") }
  }
  /// A WAVE value of type `t` (a plain YAML scalar is the value's text).
  func value(_ n: YAMLNode, _ t: ValType) throws -> Value {
    do { return try parseValue(try text(n), t) } catch let e as SyntaxError { throw error(n, "value of type \(t): \(e)") }
  }
  func values(_ n: YAMLNode, _ ts: [ValType]) throws -> [Value] {
    let items = try list(n)
    guard items.count == ts.count else { throw error(n, "expected \(ts.count) values, got \(items.count)") }
    return try zip(items, ts).map { try value($0, $1) }
  }
  /// A core value: `i32:N`, `i64:N`, `f32:X`, `f64:X` (hex after a float type: the bit pattern).
  func coreValue(_ n: YAMLNode) throws -> CoreValue {
    let s = try text(n)
    guard let colon = s.firstIndex(of: ":") else { throw error(n, "expected TYPE:VALUE (e.g. i32:1), got \(s)") }
    let ty = String(s[..<colon]), v = String(s[s.index(after: colon)...])
    let hex = v.hasPrefix("0x") ? UInt64(v.dropFirst(2), radix: 16) : nil
    switch ty {
    case "i32":
      if let x = hex ?? UInt64(v), x <= UInt64(UInt32.max) { return .i32(UInt32(x)) }
      if let x = Int32(v) { return .i32(UInt32(bitPattern: x)) }
    case "i64":
      if let x = hex ?? UInt64(v) { return .i64(x) }
      if let x = Int64(v) { return .i64(UInt64(bitPattern: x)) }
    case "f32":
      if let b = hex, b <= UInt64(UInt32.max) { return .f32(Float(bitPattern: UInt32(b))) }
      if let f = Self.float(v) { return .f32(Float(f)) }
    case "f64":
      if let b = hex { return .f64(Double(bitPattern: b)) }
      if let f = Self.float(v) { return .f64(f) }
    default: break
    }
    throw error(n, "not a core value: \(s)")
  }
  static func float(_ v: String) -> Double? {
    switch v {
    case "nan": return .nan
    case "inf": return .infinity
    case "-inf": return -.infinity
    default: return Double(v)
    }
  }
  func coreValues(_ n: YAMLNode) throws -> [CoreValue] { try list(n).map { try coreValue($0) } }
  /// Hex pairs, spaces allowed.
  func bytes(_ n: YAMLNode) throws -> [UInt8] {
    let digits = try text(n).filter { !$0.isWhitespace }
    guard digits.count % 2 == 0 else { throw error(n, "bytes: an odd number of hex digits") }
    var out = [UInt8]()
    var i = digits.startIndex
    while i < digits.endIndex {
      let j = digits.index(i, offsetBy: 2)
      guard let b = UInt8(digits[i..<j], radix: 16) else { throw error(n, "bytes: not hex: \(digits[i..<j])") }
      out.append(b)
      i = j
    }
    return out
  }
  /// A trap site: `DEFINITION: CONDITION`, or `DEFINITION` alone.
  func trapSite(_ n: YAMLNode) throws -> TrapSite {
    let s = try text(n)
    if let r = s.range(of: ": ") { return TrapSite(definition: String(s[..<r.lowerBound]), condition: String(s[r.upperBound...])) }
    return TrapSite(definition: s, condition: nil)
  }
}

/// An expected trap site (the condition may be left open).
struct TrapSite: CustomStringConvertible {
  var definition: String
  var condition: String?
  func matches(_ t: CanonicalABITrap) -> Bool { t.definition == definition && (condition == nil || t.condition == condition) }
  var description: String { "trap \(definition)" + (condition.map { ": \($0)" } ?? "") }
}

/// Writes core values as the files do (`i32:1`; floats by value, NaNs by bits).
func describe(_ vs: [CoreValue]) -> String {
  "[" + vs.map { v -> String in
    switch v {
    case .f32(let f) where f.isNaN: return "f32:0x" + String(f.bitPattern, radix: 16)
    case .f64(let f) where f.isNaN: return "f64:0x" + String(f.bitPattern, radix: 16)
    default: return v.description
    }
  }.joined(separator: ", ") + "]"
}

/// Writes bytes as hex pairs.
func hex<C: Collection>(_ b: C) -> String where C.Element == UInt8 {
  b.map { String($0, radix: 16).count == 1 ? "0" + String($0, radix: 16) : String($0, radix: 16) }.joined(separator: " ")
}
