// Values and types written down (DESIGN.md): component value types in the component text format's syntax
// (`(list string)`, `(record (field "a" u8))`, ...) and values in the WAVE syntax (`42`, `"hi"`, `[1, 2]`,
// `(1, "a")`, `{a: 1}`, `circle(1.5)`, `red`, `some(3)`, `none`, `ok("x")`, `err(1)`, `{read, write}`), read
// against a type. Used by `cmref abi` and the expectation files. (Not part of definitions.py.)
import Foundation

/// A syntax error in a type or value, with the offset where it was found.
public struct SyntaxError: Error, CustomStringConvertible {
  public let offset: Int
  public let message: String
  public var description: String { "offset \(offset): \(message)" }
}

/// A character cursor shared by the type and value readers.
struct TextCursor {
  let chars: [Character]
  var i = 0
  /// The resource types `(own $r)` and `(borrow $r)` may name (declared by the caller: a file, a command option).
  var resources: [String: ResourceType] = [:]
  init(_ s: String, resources: [String: ResourceType] = [:]) { chars = Array(s); self.resources = resources }
  var atEnd: Bool { i >= chars.count }
  mutating func skipSpace() {
    while i < chars.count {
      if chars[i].isWhitespace { i += 1; continue }
      if chars[i] == ";" && i + 1 < chars.count && chars[i + 1] == ";" {
        while i < chars.count && chars[i] != "\n" { i += 1 }
        continue
      }
      break
    }
  }
  func peek() -> Character? { i < chars.count ? chars[i] : nil }
  func fail(_ m: String) -> SyntaxError { SyntaxError(offset: i, message: m) }
  mutating func expect(_ c: Character) throws {
    skipSpace()
    guard peek() == c else { throw fail("expected '\(c)'") }
    i += 1
  }
  mutating func accept(_ c: Character) -> Bool {
    skipSpace()
    if peek() == c { i += 1; return true }
    return false
  }
  /// A run of identifier characters (letters, digits, '-', '_', '.', '%', '+').
  mutating func word() throws -> String {
    skipSpace()
    let start = i
    while let c = peek(), c.isLetter || c.isNumber || c == "-" || c == "_" || c == "." || c == "%" || c == "+" { i += 1 }
    guard i > start else { throw fail("expected a word") }
    return String(chars[start..<i])
  }
  /// A quoted string with WAVE escapes.
  mutating func quoted(_ q: Character) throws -> String {
    skipSpace()
    guard peek() == q else { throw fail("expected \(q)") }
    i += 1
    var out = String.UnicodeScalarView()
    while true {
      guard let c = peek() else { throw fail("unterminated literal") }
      i += 1
      if c == q { break }
      if c == "\\" {
        guard let e = peek() else { throw fail("bad escape") }
        i += 1
        switch e {
        case "n": out.append("\n")
        case "r": out.append("\r")
        case "t": out.append("\t")
        case "\\": out.append("\\")
        case "'": out.append("'")
        case "\"": out.append("\"")
        case "u":
          try expect("{")
          let start = i
          while let h = peek(), h.isHexDigit { i += 1 }
          guard let v = UInt32(String(chars[start..<i]), radix: 16), let s = Unicode.Scalar(v) else { throw fail("bad \\u escape") }
          try expect("}")
          out.append(s)
        default: throw fail("bad escape \\\(e)")
        }
      } else {
        out.append(contentsOf: c.unicodeScalars)
      }
    }
    return String(out)
  }
}

/// Reads a component value type in the component text format's syntax; `(own $r)` and `(borrow $r)` name
/// one of `resources`.
public func parseValType(_ text: String, resources: [String: ResourceType] = [:]) throws -> ValType {
  var c = TextCursor(text, resources: resources)
  let t = try readValType(&c)
  c.skipSpace()
  guard c.atEnd else { throw c.fail("unexpected text after the type") }
  return t
}

func readValType(_ c: inout TextCursor) throws -> ValType {
  c.skipSpace()
  if c.accept("(") {
    let head = try c.word()
    var t: ValType
    switch head {
    case "list":
      let e = try readValType(&c)
      c.skipSpace()
      if let d = c.peek(), d.isNumber { t = .list(e, Int(try c.word())) } else { t = .list(e) }
    case "record":
      var fs = [FieldType]()
      while c.accept("(") {
        guard try c.word() == "field" else { throw c.fail("expected field") }
        let l = try c.quoted("\"")
        fs.append(FieldType(l, try readValType(&c)))
        try c.expect(")")
      }
      t = .record(fs)
    case "tuple":
      var ts = [ValType]()
      while c.peek2IsType() { ts.append(try readValType(&c)) }
      t = .tuple(ts)
    case "variant":
      var cs = [CaseType]()
      while c.accept("(") {
        guard try c.word() == "case" else { throw c.fail("expected case") }
        let l = try c.quoted("\"")
        c.skipSpace()
        let p: ValType? = c.peek() == ")" ? nil : try readValType(&c)
        cs.append(CaseType(l, p))
        try c.expect(")")
      }
      t = .variant(cs)
    case "enum", "flags":
      var ls = [String]()
      c.skipSpace()
      while c.peek() == "\"" { ls.append(try c.quoted("\"")); c.skipSpace() }
      t = head == "enum" ? .enum_(ls) : .flags(ls)
    case "option": t = .option(try readValType(&c))
    case "result":
      var ok: ValType? = nil, err: ValType? = nil
      c.skipSpace()
      if c.peek() != ")" && !c.startsErrorClause() { ok = try readValType(&c) }
      if c.accept("(") {
        guard try c.word() == "error" else { throw c.fail("expected (error ...)") }
        err = try readValType(&c)
        try c.expect(")")
      }
      t = .result(ok, err)
    case "map":
      let k = try readValType(&c)
      t = .map(k, try readValType(&c))
    case "own", "borrow":
      c.skipSpace()
      guard c.accept("$") else { throw c.fail("expected $name of a resource") }
      let name = try c.word()
      guard let rt = c.resources[name] else { throw c.fail("undeclared resource $\(name)") }
      t = head == "own" ? .own(rt) : .borrow(rt)
    case "stream", "future":
      c.skipSpace()
      let e: ValType? = c.peek() == ")" ? nil : try readValType(&c)
      t = head == "stream" ? .stream(e) : .future(e)
    default: throw c.fail("unknown type constructor \(head)")
    }
    try c.expect(")")
    return t
  }
  let w = try c.word()
  let prims: [String: ValType] = ["bool": .bool, "s8": .s8, "u8": .u8, "s16": .s16, "u16": .u16, "s32": .s32, "u32": .u32,
                                  "s64": .s64, "u64": .u64, "f32": .f32, "f64": .f64, "float32": .f32, "float64": .f64,
                                  "char": .char, "string": .string, "error-context": .errorContext,
                                  "stream": .stream(nil), "future": .future(nil)]
  guard let t = prims[w] else { throw c.fail("unknown type \(w)") }
  return t
}

extension TextCursor {
  /// Whether a type starts here (not a closing parenthesis).
  mutating func peek2IsType() -> Bool { skipSpace(); return peek() != nil && peek() != ")" }
  /// Whether an `(error ...)` clause starts here.
  mutating func startsErrorClause() -> Bool {
    skipSpace()
    var j = i
    guard j < chars.count, chars[j] == "(" else { return false }
    j += 1
    while j < chars.count && chars[j].isWhitespace { j += 1 }
    return String(chars[j..<min(j + 5, chars.count)]) == "error"
  }
}

/// Reads a WAVE value of type `t`.
public func parseValue(_ text: String, _ t: ValType) throws -> Value {
  var c = TextCursor(text)
  let v = try readValue(&c, t)
  c.skipSpace()
  guard c.atEnd else { throw c.fail("unexpected text after the value") }
  return v
}

func readLabel(_ c: inout TextCursor) throws -> String {
  let w = try c.word()
  return w.hasPrefix("%") ? String(w.dropFirst()) : w
}

func readValue(_ c: inout TextCursor, _ t: ValType) throws -> Value {
  c.skipSpace()
  func int<T: FixedWidthInteger>(_: T.Type) throws -> T {
    let w = try c.word()
    guard let x = T(w) else { throw c.fail("not a \(T.self): \(w)") }
    return x
  }
  func float() throws -> Double {
    var w = try c.word()
    if w == "nan" { return .nan }
    if w == "inf" { return .infinity }
    if w == "-inf" { return -.infinity }
    if w.hasPrefix("-"), w.count == 1 { w += try c.word() }
    guard let d = Double(w) else { throw c.fail("not a number: \(w)") }
    return d
  }
  switch t {
  case .bool:
    let w = try c.word()
    guard w == "true" || w == "false" else { throw c.fail("expected true or false") }
    return .bool(w == "true")
  case .s8: return .s8(try int(Int8.self))
  case .u8: return .u8(try int(UInt8.self))
  case .s16: return .s16(try int(Int16.self))
  case .u16: return .u16(try int(UInt16.self))
  case .s32: return .s32(try int(Int32.self))
  case .u32: return .u32(try int(UInt32.self))
  case .s64: return .s64(try int(Int64.self))
  case .u64: return .u64(try int(UInt64.self))
  case .f32: return .f32(Float(try float()))
  case .f64: return .f64(try float())
  case .char:
    let s = try c.quoted("'")
    guard s.unicodeScalars.count == 1, let u = s.unicodeScalars.first else { throw c.fail("a char is one scalar") }
    return .char(u)
  case .string: return .str(try c.quoted("\""))
  case .list(let e, _):
    try c.expect("[")
    var vs = [Value]()
    if !c.accept("]") {
      repeat { vs.append(try readValue(&c, e)) } while c.accept(",")
      try c.expect("]")
    }
    return .list(vs)
  case .map(let k, let v):
    return try readValue(&c, .list(.tuple([k, v])))
  case .tuple(let ts):
    try c.expect("(")
    var vs = [Value]()
    for (n, u) in ts.enumerated() {
      if n > 0 { try c.expect(",") }
      vs.append(try readValue(&c, u))
    }
    _ = c.accept(",")
    try c.expect(")")
    return .tuple(vs)
  case .record(let fs):
    try c.expect("{")
    var got = [String: Value]()
    if !c.accept("}") {
      repeat {
        c.skipSpace()
        if c.peek() == "}" { break }
        let l = try readLabel(&c)
        try c.expect(":")
        guard let f = fs.first(where: { $0.label == l }) else { throw c.fail("no field \(l)") }
        got[l] = try readValue(&c, f.t)
      } while c.accept(",")
      try c.expect("}")
    }
    return .record(try fs.map { f in
      if let v = got[f.label] { return FieldValue(f.label, v) }
      if case .option = f.t { return FieldValue(f.label, .variant("none", nil)) }
      throw c.fail("missing field \(f.label)")
    })
  case .variant(let cs): return try readCase(&c, cs.map { ($0.label, $0.t) })
  case .enum_(let ls): return try readCase(&c, ls.map { ($0, nil) })
  case .option(let u): return try readCase(&c, [("none", nil), ("some", u)])
  case .result(let o, let e):
    let v = try readCase(&c, [("ok", o), ("err", e)])
    if case .variant("err", let p) = v { return .variant("error", p) }
    return v
  case .flags(let ls):
    try c.expect("{")
    var set = Set<String>()
    if !c.accept("}") {
      repeat {
        let l = try readLabel(&c)
        guard ls.contains(l) else { throw c.fail("no flag \(l)") }
        set.insert(l)
      } while c.accept(",")
      try c.expect("}")
    }
    return .flags(set)
  case .own, .borrow: return .handle(try int(UInt32.self))  // the representation, as the host gives it
  case .errorContext, .stream, .future:
    throw c.fail("values of \(t) have no literal form")
  }
}

func readCase(_ c: inout TextCursor, _ cases: [(String, ValType?)]) throws -> Value {
  let l = try readLabel(&c)
  guard let k = cases.first(where: { $0.0 == l }) else { throw c.fail("no case \(l)") }
  if let p = k.1 {
    try c.expect("(")
    let v = try readValue(&c, p)
    try c.expect(")")
    return .variant(l, v)
  }
  return .variant(l, nil)
}

/// Reads a function type: `(func (param "a" T)* (result T)?)`, optionally marked `async` after `func`.
public func parseFuncType(_ text: String, resources: [String: ResourceType] = [:]) throws -> FuncType {
  var c = TextCursor(text, resources: resources)
  try c.expect("(")
  guard try c.word() == "func" else { throw c.fail("expected (func ...)") }
  c.skipSpace()
  var isAsync = false
  if c.peek() == "a" { guard try c.word() == "async" else { throw c.fail("expected async or (") }; isAsync = true }
  var params = [(String, ValType)]()
  var results = [ValType]()
  while c.accept("(") {
    switch try c.word() {
    case "param":
      let name = try c.quoted("\"")
      params.append((name, try readValType(&c)))
    case "result":
      results.append(try readValType(&c))
    default: throw c.fail("expected param or result")
    }
    try c.expect(")")
  }
  try c.expect(")")
  c.skipSpace()
  guard c.atEnd else { throw c.fail("unexpected text after the function type") }
  return FuncType(named: params, results, async_: isAsync)
}

/// What `cmref abi` prints for a type (and optionally a value): each line names the spec section that decides it.
/// `store` supplies the seed and the trace hook (a fresh deterministic one by default). Owned handles lower into
/// the instance's table and lift back out; borrowed ones lower in a Task's scope and lift in a Subtask's.
public func abiReport(_ t: ValType, value: Value? = nil, encoding: StringEncoding = .utf8, addrType: CoreValType = .i32,
                      store theStore: Store = Store()) throws -> [String] {
  var out = [String]()
  out.append("type: \(t)")
  out.append("despecialized: \(despecialize(t))    ; CanonicalABI.md#despecialization")
  out.append("size: \(elemSize(t, addrType))    ; CanonicalABI.md#element-size — elem_size")
  out.append("alignment: \(alignment(t, addrType))    ; CanonicalABI.md#alignment — alignment")
  let opts = LiftOptions(stringEncoding: encoding, memory: MemInst([], addrType))
  out.append("flat: \(flattenType(t, opts).map(\.rawValue).joined(separator: " "))    ; CanonicalABI.md#flattening — flatten_type")
  guard let v = value else { return out }
  out.append("value: \(v)")
  let mem = MemInst([UInt8](repeating: 0, count: 1 << 20), addrType)
  var last: UInt64 = 0
  let realloc: CoreFuncInst = { args in
    let a = try args.map { try $0.int() }
    if a[0] != 0 && a[3] < a[1] { return [ptrValue(alignTo(a[0], a[2]), addrType)] }
    let p = alignTo(last, a[2])
    last = p + a[3]
    guard last <= mem.byteCount else { throw CanonicalABITrap("cmref abi realloc", "out of memory") }
    if a[1] > 0 { mem.bytes.replaceSubrange(Int(p)..<Int(p + a[1]), with: mem.bytes[Int(a[0])..<Int(a[0] + a[1])]) }
    return [ptrValue(p, addrType)]
  }
  let inst = ComponentInstance(theStore)
  let lopts = CanonicalOptions(stringEncoding: encoding, memory: mem, realloc: realloc)
  let cx = LiftLowerContext(lopts, inst, Task(FuncType([], []), lopts, inst, { [] }, { _ in }))
  let liftCx = LiftLowerContext(lopts, inst, Subtask())
  let hex = { (b: ArraySlice<UInt8>) in b.map { String(format: "%02x", $0) }.joined(separator: " ") }
  let ptr = try cx.allocate(alignment(t, addrType), elemSize(t, addrType))
  try store(cx, v, t, ptr)
  out.append("stored at \(ptr): \(hex(mem.bytes[Int(ptr)..<Int(ptr + elemSize(t, addrType))]))    ; CanonicalABI.md#storing — store")
  if last > ptr + elemSize(t, addrType) {
    let s = Int(ptr + elemSize(t, addrType))
    out.append("allocated [\(s), \(last)): \(hex(mem.bytes[s..<Int(last)]))    ; CanonicalABI.md#storing — store_list_into_range/store_string_into_range")
  }
  out.append("loaded: \(try load(liftCx, ptr, t))    ; CanonicalABI.md#loading — load")
  last = 0
  mem.bytes = [UInt8](repeating: 0, count: 1 << 20)
  let flat = try lowerFlat(cx, v, t)
  out.append("flat values: \(flat.map { $0.description }.joined(separator: " "))    ; CanonicalABI.md#flat-lowering — lower_flat")
  if last > 0 { out.append("allocated [0, \(last)): \(hex(mem.bytes[0..<Int(last)]))    ; CanonicalABI.md#flat-lowering") }
  out.append("lifted: \(try liftFlat(liftCx, CoreValueIter(flat), t))    ; CanonicalABI.md#flat-lifting — lift_flat")
  return out
}

/// What `cmref abi --func` prints: the flattened core signatures for lifting and lowering, sync and async.
public func abiFuncReport(_ ft: FuncType, addrType: CoreValType = .i32, limits: FlatLimits = .default) -> [String] {
  func sig(_ async_: Bool, _ callback: Bool, _ ctx: FlattenContext) -> String {
    let o = CanonicalOptions(memory: MemInst([], addrType), async_: async_, callback: callback ? { _ in [] } : nil)
    return flattenFunctype(o, ft, ctx, limits).description
  }
  return [
    "params: \(ft.params.map { "\($0.0): \($0.1)" }.joined(separator: ", "))",
    "results: \(ft.result.map { $0.description }.joined(separator: ", "))",
    "lift sync: \(sig(false, false, .lift))    ; CanonicalABI.md#flattening — flatten_functype",
    "lift async: \(sig(true, false, .lift))    ; CanonicalABI.md#flattening — flatten_functype",
    "lift async callback: \(sig(true, true, .lift))    ; CanonicalABI.md#flattening — flatten_functype",
    "lower sync: \(sig(false, false, .lower))    ; CanonicalABI.md#flattening — flatten_functype",
    "lower async: \(sig(true, false, .lower))    ; CanonicalABI.md#flattening — flatten_functype",
  ]
}
