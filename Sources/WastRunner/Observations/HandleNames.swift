// The host's names for resource handles in observation files (Docs/observations.md): `@1`, `@2`, ... in the
// order the host received them. WAVE has no literal for handles; the reference's host holds reps (a lifted
// `own` gives the host its rep, CanonicalABI.md#lifting-and-lowering-values — def lift_own), so a name stands
// for a rep, and the value reader writes a handle as its rep.
import CanonicalABI

/// The `@N` tokens of a WAVE text, outside string and char literals: their ranges and numbers, in order.
func handleTokens(_ text: String) -> [(range: Range<String.Index>, number: Int)] {
  var out = [(range: Range<String.Index>, number: Int)]()
  var i = text.startIndex
  var quote: Character?
  while i < text.endIndex {
    let c = text[i]
    if let q = quote {
      if c == "\\" {
        i = text.index(after: i)
        if i < text.endIndex { i = text.index(after: i) }
        continue
      }
      if c == q { quote = nil }
      i = text.index(after: i)
      continue
    }
    if c == "\"" || c == "'" {
      quote = c
      i = text.index(after: i)
      continue
    }
    if c == "@" {
      var j = text.index(after: i)
      while j < text.endIndex, text[j].isASCII, text[j].isNumber { j = text.index(after: j) }
      if let n = Int(text[text.index(after: i)..<j]) { out.append((i..<j, n)) }
      i = j
      continue
    }
    i = text.index(after: i)
  }
  return out
}

/// `text` with each `@N` token replaced by `replacement(N)`, in order.
func replacingHandles(_ text: String, _ replacement: (Int) throws -> String) rethrows -> String {
  var out = ""
  var last = text.startIndex
  for t in handleTokens(text) {
    out += text[last..<t.range.lowerBound]
    out += try replacement(t.number)
    last = t.range.upperBound
  }
  out += text[last...]
  return out
}

/// The handles in a value, in WAVE's order, with their resource types and whether they are owned.
func handles(_ v: Value, _ t: ValType) -> [(rep: UInt32, type: ResourceType, own: Bool)] {
  switch (t, v) {
  case (.own(let rt), .handle(let rep)): return [(rep, rt, true)]
  case (.borrow(let rt), .handle(let rep)): return [(rep, rt, false)]
  case (.list(let e, _), _): return (v.listElements ?? []).flatMap { handles($0, e) }
  case (.tuple(let ts), .record(let fs)): return zip(fs, ts).flatMap { handles($0.value, $1) }
  case (.record(let fts), .record(let fs)): return zip(fs, fts).flatMap { handles($0.value, $1.t) }
  case (.variant(let cs), .variant(let l, let p?)):
    guard let pt = cs.first(where: { $0.label == l })?.t else { return [] }
    return handles(p, pt)
  case (.option(let u), .variant("some", let p?)): return handles(p, u)
  case (.result(let o?, _), .variant("ok", let p?)): return handles(p, o)
  case (.result(_, let e?), .variant("error", let p?)): return handles(p, e)
  default: return []
  }
}

/// Whether each handle of a value (in WAVE's order) is owned.
func handleKinds(_ v: Value, _ t: ValType) -> [Bool] { handles(v, t).map(\.own) }
