// The spec map (DESIGN.md principle 2): every definition of the pinned definitions.py (the generated
// `specDefinitions`), matched with the Swift declaration whose doc comment cites it
// (`/// Spec: CanonicalABI.md#section — def name`). `cmref spec` prints it; a test fails on any gap.
import Foundation

/// One `def` or `class` of definitions.py.
public struct SpecDefinition: Equatable, Hashable {
  public enum Kind: String { case def_ = "def", class_ = "class" }
  public let kind: Kind
  public let name: String
  public let section: String
  public init(_ kind: Kind, _ name: String, _ section: String) {
    self.kind = kind; self.name = name; self.section = section
  }
}

/// A Swift declaration citing a spec definition.
public struct SpecCitation: Equatable {
  public let name: String
  public let kind: SpecDefinition.Kind
  public let symbol: String
  public let file: String
  public let line: Int
}

/// The directory of this target's sources (where the citations are read from).
public let canonicalABISourceDirectory = URL(fileURLWithPath: #filePath).deletingLastPathComponent()

/// Reads the `/// Spec: ... — def|class NAME[, NAME...]` citations from the Swift sources of this target.
public func specCitations(in directory: URL = canonicalABISourceDirectory) throws -> [SpecCitation] {
  let files = try FileManager.default.contentsOfDirectory(at: directory, includingPropertiesForKeys: nil)
    .filter { $0.pathExtension == "swift" && $0.lastPathComponent != "SpecDefinitions.swift" }
    .sorted { $0.lastPathComponent < $1.lastPathComponent }
  var out = [SpecCitation]()
  for file in files {
    let lines = try String(contentsOf: file, encoding: .utf8).components(separatedBy: "\n")
    for (i, line) in lines.enumerated() {
      let t = line.trimmingCharacters(in: .whitespaces)
      guard t.hasPrefix("/// Spec:"), let dash = t.range(of: " — ") else { continue }
      let names = parseCitedNames(String(t[dash.upperBound...]))
      if names.isEmpty { continue }
      // The declaration is the first following line that is not a comment or attribute.
      var j = i + 1
      while j < lines.count {
        let d = lines[j].trimmingCharacters(in: .whitespaces)
        if d.hasPrefix("//") || d.hasPrefix("@") || d.isEmpty { j += 1; continue }
        break
      }
      let decl = j < lines.count ? lines[j] : ""
      let symbol = declaredSymbol(decl)
      for (kind, name) in names {
        out.append(SpecCitation(name: name, kind: kind, symbol: symbol, file: "Sources/CanonicalABI/" + file.lastPathComponent, line: j + 1))
      }
    }
  }
  return out
}

/// Parses "def a", "class A, B, C", "def X.y" into (kind, name) pairs; other items are ignored.
func parseCitedNames(_ s: String) -> [(SpecDefinition.Kind, String)] {
  var out = [(SpecDefinition.Kind, String)]()
  var kind: SpecDefinition.Kind? = nil
  for raw in s.components(separatedBy: ",") {
    var item = raw.trimmingCharacters(in: .whitespaces)
    if item.hasPrefix("def ") { kind = .def_; item = String(item.dropFirst(4)) }
    else if item.hasPrefix("class ") { kind = .class_; item = String(item.dropFirst(6)) }
    guard let k = kind else { continue }
    let name = item.prefix { $0.isLetter || $0.isNumber || $0 == "_" || $0 == "." }
    if !name.isEmpty && name.count == item.count { out.append((k, String(name))) }
  }
  return out
}

/// The name a Swift declaration line declares ("func load(" -> "load", "public final class Store" -> "Store").
func declaredSymbol(_ line: String) -> String {
  let words = line.split(whereSeparator: { $0 == " " || $0 == "(" || $0 == ":" || $0 == "<" || $0 == "{" || $0 == "=" })
  let keywords: Set<Substring> = ["func", "class", "struct", "enum", "protocol", "typealias", "let", "var", "case", "init", "subscript"]
  for (k, w) in words.enumerated() where keywords.contains(w) {
    if w == "init" || w == "subscript" { return String(w) }
    if k + 1 < words.count { return String(words[k + 1]) }
  }
  return line.trimmingCharacters(in: .whitespaces)
}

/// Each spec definition with its citation (nil when it has none).
public func specMap(in directory: URL = canonicalABISourceDirectory) throws -> [(SpecDefinition, SpecCitation?)] {
  let cites = try specCitations(in: directory)
  var byName = [String: SpecCitation]()
  for c in cites where byName[c.name] == nil { byName[c.name] = c }
  return specDefinitions.map { ($0, byName[$0.name]) }
}

/// The spec definitions with no Swift counterpart.
public func specMissing(in directory: URL = canonicalABISourceDirectory) throws -> [SpecDefinition] {
  try specMap(in: directory).filter { $0.1 == nil }.map { $0.0 }
}
