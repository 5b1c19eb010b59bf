// Component values in WAVE syntax (DESIGN.md "Values and types"), for results and failure messages.
import CanonicalABI
import Foundation

/// The WAVE keywords a label must escape with `%`.
private let waveKeywords: Set<String> = ["true", "false", "inf", "nan", "some", "none", "ok", "err"]

/// A label as WAVE writes it (`%` before a keyword).
func waveLabel(_ l: String) -> String { waveKeywords.contains(l) ? "%" + l : l }

/// A string or char body with WAVE escapes.
/// Controls, whitespace other than a space, format and unassigned code points, and every scalar that would
/// join the one written before it into one character (a combining mark, a second regional indicator, a
/// Hangul vowel after its consonant) are written `\u{...}`: a printed value shows every scalar apart
/// (`"e\u{301}"` is not `"é"`), and WAVE readers that walk characters read it back scalar for scalar.
func waveEscaped(_ s: String, quote: Unicode.Scalar) -> String {
  var out = String.UnicodeScalarView()
  for u in s.unicodeScalars {
    switch u {
    case quote: out.append(contentsOf: "\\\(quote)".unicodeScalars)
    case "\\": out.append(contentsOf: "\\\\".unicodeScalars)
    case "\n": out.append(contentsOf: "\\n".unicodeScalars)
    case "\r": out.append(contentsOf: "\\r".unicodeScalars)
    case "\t": out.append(contentsOf: "\\t".unicodeScalars)
    default:
      if needsEscape(u) || joins(out.last ?? quote, u) || joins(u, "a") {
        out.append(contentsOf: "\\u{\(String(u.value, radix: 16))}".unicodeScalars)
      } else {
        out.append(u)
      }
    }
  }
  return String(out)
}

/// Whether `u` joins `previous` into one extended grapheme cluster.
private func joins(_ previous: Unicode.Scalar, _ u: Unicode.Scalar) -> Bool {
  var pair = String.UnicodeScalarView()
  pair.append(previous)
  pair.append(u)
  return String(pair).count == 1
}

/// Whether a scalar is always written as `\u{...}`: controls, whitespace other than a space, marks, format,
/// private-use and unassigned code points.
func needsEscape(_ u: Unicode.Scalar) -> Bool {
  if u.value < 0x20 || (0x7f...0x9f).contains(u.value) { return true }
  if u != " " && u.properties.isWhitespace { return true }
  switch u.properties.generalCategory {
  case .nonspacingMark, .spacingMark, .enclosingMark, .format, .unassigned, .privateUse, .lineSeparator, .paragraphSeparator:
    return true
  default:
    return false
  }
}

/// A float as WAVE writes it: `nan`, `inf`, `-inf`, or the shortest decimal that reads back.
func waveFloat<F: BinaryFloatingPoint & LosslessStringConvertible>(_ x: F) -> String {
  if x.isNaN { return "nan" }
  if x.isInfinite { return x < 0 ? "-inf" : "inf" }
  return x.description
}

/// A value of type `t` in WAVE syntax. A value that does not fit its type is written untyped (never a crash).
public func waveText(_ v: CanonicalABI.Value, _ t: ValType) -> String {
  switch (t, v) {
  case (.f32, .f32(let x)): return waveFloat(x)
  case (.f64, .f64(let x)): return waveFloat(x)
  case (.char, .char(let c)): return "'" + waveEscaped(String(Character(c)), quote: "'") + "'"
  case (.string, .string(let s)): return "\"" + waveEscaped(s.text, quote: "\"") + "\""
  case (.list(let e, _), _):
    guard let xs = v.listElements else { break }
    return "[" + xs.map { waveText($0, e) }.joined(separator: ", ") + "]"
  case (.map(let k, let u), _):
    guard let xs = v.listElements else { break }
    return "[" + xs.map { waveText($0, .tuple([k, u])) }.joined(separator: ", ") + "]"
  case (.tuple(let ts), .record(let fs)) where ts.count == fs.count:
    let body = zip(fs, ts).map { waveText($0.value, $1) }.joined(separator: ", ")
    return ts.count == 1 ? "(\(body),)" : "(\(body))"
  case (.record(let ft), .record(let fs)) where ft.count == fs.count:
    // WAVE may omit a `none` option field; we always write every field.
    return "{" + zip(fs, ft).map { "\(waveLabel($1.label)): \(waveText($0.value, $1.t))" }.joined(separator: ", ") + "}"
  case (.variant(let cs), .variant(let l, let p)):
    guard let c = cs.first(where: { $0.label == l }) else { break }
    return waveCase(l, p, c.t)
  case (.enum_, .variant(let l, nil)): return waveLabel(l)
  case (.option(let u), .variant(let l, let p)) where l == "none" || l == "some": return waveCase(l, p, u, keyword: true)
  case (.result(let o, let e), .variant(let l, let p)) where l == "ok" || l == "error":
    return l == "ok" ? waveCase("ok", p, o, keyword: true) : waveCase("err", p, e, keyword: true)
  case (.flags(let ls), .flags(let set)):
    return "{" + ls.filter { set.contains($0) }.map(waveLabel).joined(separator: ", ") + "}"
  case (.own(let r), .handle(let rep)), (.borrow(let r), .handle(let rep)):
    return "<\(r.name) rep \(rep)>"
  default: break
  }
  return waveText(untyped: v)
}

/// A case with an optional payload (`label` or `label(payload)`); an option's or result's case (`some`, `none`,
/// `ok`, `err`) is the syntax itself, a variant's case is a label (escaped if a keyword).
private func waveCase(_ l: String, _ p: CanonicalABI.Value?, _ t: ValType?, keyword: Bool = false) -> String {
  let label = keyword ? l : waveLabel(l)
  guard let p else { return label }
  if let t { return "\(label)(\(waveText(p, t)))" }
  return "\(label)(\(waveText(untyped: p)))"
}

/// A value without its type: numbers, strings and lists as WAVE writes them; records with their labels.
public func waveText(untyped v: CanonicalABI.Value) -> String {
  switch v {
  case .f32(let x): return waveFloat(x)
  case .f64(let x): return waveFloat(x)
  case .char(let c): return "'" + waveEscaped(String(Character(c)), quote: "'") + "'"
  case .string(let s): return "\"" + waveEscaped(s.text, quote: "\"") + "\""
  case .list, .numbers: return "[" + (v.listElements ?? []).map { waveText(untyped: $0) }.joined(separator: ", ") + "]"
  case .record(let fs):
    if !fs.isEmpty && fs.enumerated().allSatisfy({ $0.element.label == String($0.offset) }) {
      let body = fs.map { waveText(untyped: $0.value) }.joined(separator: ", ")
      return fs.count == 1 ? "(\(body),)" : "(\(body))"
    }
    return "{" + fs.map { "\(waveLabel($0.label)): \(waveText(untyped: $0.value))" }.joined(separator: ", ") + "}"
  case .variant(let l, let p):
    let label = l == "error" ? "err" : l
    return p.map { "\(label)(\(waveText(untyped: $0)))" } ?? label
  case .flags(let s): return "{" + s.sorted().map(waveLabel).joined(separator: ", ") + "}"
  case .handle(let rep): return "<handle rep \(rep)>"
  default: return v.description
  }
}

/// Several values (a call's arguments or results) in WAVE, comma-separated.
public func waveText(_ vs: [CanonicalABI.Value], _ ts: [ValType]) -> String {
  if vs.count != ts.count { return vs.map { waveText(untyped: $0) }.joined(separator: ", ") }
  return zip(vs, ts).map { waveText($0, $1) }.joined(separator: ", ")
}
