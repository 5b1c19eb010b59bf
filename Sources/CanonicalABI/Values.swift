// The value model of definitions.py, written down as Swift types (DESIGN.md "Values and types").
// Python uses plain ints, floats, str-tuples, dicts and lists; here each has a case.
import Foundation

/// A string encoding of the canonical options.
/// Spec: definitions.py#canonical-abi-options — LiftOptions.string_encoding ('utf8' | 'utf16' | 'latin1+utf16')
public enum StringEncoding: String, Equatable, Hashable, CaseIterable, Sendable {
  case utf8 = "utf8"
  case utf16 = "utf16"
  case latin1Utf16 = "latin1+utf16"
}

/// A string value: the text, the encoding it came from and its tagged code-unit length.
/// Spec: definitions.py#loading — String = tuple[str, str, int]
/// Equality compares text by Unicode scalars (never Swift's canonical-equivalence `==`).
public struct ABIString: Equatable, Hashable, CustomStringConvertible {
  public var text: String
  public var encoding: StringEncoding
  public var taggedCodeUnits: UInt64
  public init(_ text: String, _ encoding: StringEncoding, _ taggedCodeUnits: UInt64) {
    self.text = text; self.encoding = encoding; self.taggedCodeUnits = taggedCodeUnits
  }
  /// A UTF-8 string value, as run_tests.py's `mk_str`.
  public init(utf8 text: String) { self.init(text, .utf8, UInt64(text.utf8.count)) }
  /// Whether the texts are the same sequence of Unicode scalars (ignoring encoding and length).
  public func sameText(_ other: ABIString) -> Bool {
    text.unicodeScalars.elementsEqual(other.text.unicodeScalars)
  }
  public static func == (a: ABIString, b: ABIString) -> Bool {
    a.encoding == b.encoding && a.taggedCodeUnits == b.taggedCodeUnits && a.sameText(b)
  }
  public func hash(into h: inout Hasher) {
    for s in text.unicodeScalars { h.combine(s.value) }
    h.combine(encoding); h.combine(taggedCodeUnits)
  }
  public var description: String { waveString(text) }
}

/// Writes a string literal in WAVE syntax.
func waveString(_ s: String) -> String {
  var out = "\""
  for u in s.unicodeScalars {
    switch u {
    case "\"": out += "\\\""
    case "\\": out += "\\\\"
    case "\n": out += "\\n"
    case "\r": out += "\\r"
    case "\t": out += "\\t"
    default:
      if u.value < 0x20 || u.value == 0x7f { out += "\\u{\(String(u.value, radix: 16))}" } else { out.unicodeScalars.append(u) }
    }
  }
  return out + "\""
}

/// A compact list of numbers (DESIGN.md: numeric lists move near memory speed).
public enum NumberList: Equatable {
  case u8([UInt8]), s8([Int8]), u16([UInt16]), s16([Int16]), u32([UInt32]), s32([Int32]), u64([UInt64]), s64([Int64])
  case f32([Float]), f64([Double])

  public var count: Int {
    switch self {
    case .u8(let a): return a.count
    case .s8(let a): return a.count
    case .u16(let a): return a.count
    case .s16(let a): return a.count
    case .u32(let a): return a.count
    case .s32(let a): return a.count
    case .u64(let a): return a.count
    case .s64(let a): return a.count
    case .f32(let a): return a.count
    case .f64(let a): return a.count
    }
  }
  /// The elements as individual values.
  public var values: [Value] {
    switch self {
    case .u8(let a): return a.map { .u8($0) }
    case .s8(let a): return a.map { .s8($0) }
    case .u16(let a): return a.map { .u16($0) }
    case .s16(let a): return a.map { .s16($0) }
    case .u32(let a): return a.map { .u32($0) }
    case .s32(let a): return a.map { .s32($0) }
    case .u64(let a): return a.map { .u64($0) }
    case .s64(let a): return a.map { .s64($0) }
    case .f32(let a): return a.map { .f32($0) }
    case .f64(let a): return a.map { .f64($0) }
    }
  }
  public static func == (a: NumberList, b: NumberList) -> Bool {
    a.count == b.count && zip(a.values, b.values).allSatisfy { $0 == $1 }
  }
}

/// A record field value.
public struct FieldValue: Equatable {
  public var label: String
  public var value: Value
  public init(_ label: String, _ value: Value) { self.label = label; self.value = value }
}

/// A component value.
/// Spec: definitions.py — the Python values: bool/int/float/str/String tuple/list/dict/ResourceHandle rep/ReadableStream/ReadableFuture/ErrorContext.
/// Records and tuples are `record` (a tuple's labels are "0", "1", ... as in `despecialize`); enums, options and
/// results are `variant` (labels "none"/"some", "ok"/"error"); maps are lists of 2-tuples; own and borrow carry the rep.
public indirect enum Value: CustomStringConvertible {
  case bool(Bool)
  case s8(Int8), u8(UInt8), s16(Int16), u16(UInt16), s32(Int32), u32(UInt32), s64(Int64), u64(UInt64)
  case f32(Float), f64(Double)
  case char(Unicode.Scalar)
  case string(ABIString)
  case list([Value])
  case numbers(NumberList)
  case record([FieldValue])
  case variant(String, Value?)
  case flags(Set<String>)
  case handle(UInt32)
  case stream(ReadableStream)
  case future(ReadableFuture)
  case errorContext(ErrorContext)

  /// A tuple value, as run_tests.py's `mk_tup`.
  public static func tuple(_ vs: [Value]) -> Value {
    .record(vs.enumerated().map { FieldValue(String($0.offset), $0.element) })
  }
  /// A string value in UTF-8 (`mk_str`).
  public static func str(_ s: String) -> Value { .string(ABIString(utf8: s)) }

  /// The elements of a list value (compact or not); nil if not a list.
  public var listElements: [Value]? {
    switch self {
    case .list(let a): return a
    case .numbers(let n): return n.values
    default: return nil
    }
  }
  /// The number of elements of a list value.
  var listCount: Int? {
    switch self {
    case .list(let a): return a.count
    case .numbers(let n): return n.count
    default: return nil
    }
  }

  public var description: String {
    switch self {
    case .bool(let b): return b ? "true" : "false"
    case .s8(let x): return "\(x)"
    case .u8(let x): return "\(x)"
    case .s16(let x): return "\(x)"
    case .u16(let x): return "\(x)"
    case .s32(let x): return "\(x)"
    case .u32(let x): return "\(x)"
    case .s64(let x): return "\(x)"
    case .u64(let x): return "\(x)"
    case .f32(let x): return x.isNaN ? "nan" : x.isInfinite ? (x < 0 ? "-inf" : "inf") : "\(x)"
    case .f64(let x): return x.isNaN ? "nan" : x.isInfinite ? (x < 0 ? "-inf" : "inf") : "\(x)"
    case .char(let c):
      if c == "'" { return "'\\''" }
      if c == "\\" { return "'\\\\'" }
      if c.value < 0x20 { return "'\\u{\(String(c.value, radix: 16))}'" }
      return "'\(Character(c))'"
    case .string(let s): return s.description
    case .list(let a): return "[" + a.map { $0.description }.joined(separator: ", ") + "]"
    case .numbers(let n): return "[" + n.values.map { $0.description }.joined(separator: ", ") + "]"
    case .record(let fs):
      if fs.enumerated().allSatisfy({ $0.element.label == String($0.offset) }) && !fs.isEmpty {
        return "(" + fs.map { $0.value.description }.joined(separator: ", ") + ")"
      }
      return "{" + fs.map { "\($0.label): \($0.value)" }.joined(separator: ", ") + "}"
    case .variant(let l, let v): return v.map { "\(l)(\($0))" } ?? l
    case .flags(let s): return "{" + s.sorted().joined(separator: ", ") + "}"
    case .handle(let r): return "handle(\(r))"
    case .stream: return "stream"
    case .future: return "future"
    case .errorContext: return "error-context"
    }
  }
}

extension Value: Equatable {
  /// Structural equality; strings by scalars; floats by value (NaN equals NaN); compact and plain lists compare by elements.
  public static func == (a: Value, b: Value) -> Bool {
    switch (a, b) {
    case let (.bool(x), .bool(y)): return x == y
    case let (.s8(x), .s8(y)): return x == y
    case let (.u8(x), .u8(y)): return x == y
    case let (.s16(x), .s16(y)): return x == y
    case let (.u16(x), .u16(y)): return x == y
    case let (.s32(x), .s32(y)): return x == y
    case let (.u32(x), .u32(y)): return x == y
    case let (.s64(x), .s64(y)): return x == y
    case let (.u64(x), .u64(y)): return x == y
    case let (.f32(x), .f32(y)): return x == y || (x.isNaN && y.isNaN)
    case let (.f64(x), .f64(y)): return x == y || (x.isNaN && y.isNaN)
    case let (.char(x), .char(y)): return x == y
    case let (.string(x), .string(y)): return x == y
    case let (.numbers(x), .numbers(y)): return x == y
    case (.list, .list), (.list, .numbers), (.numbers, .list):
      guard let xs = a.listElements, let ys = b.listElements, xs.count == ys.count else { return false }
      return zip(xs, ys).allSatisfy { $0 == $1 }
    case let (.record(x), .record(y)): return x == y
    case let (.variant(l1, v1), .variant(l2, v2)): return l1 == l2 && v1 == v2
    case let (.flags(x), .flags(y)): return x == y
    case let (.handle(x), .handle(y)): return x == y
    case let (.stream(x), .stream(y)): return x === y
    case let (.future(x), .future(y)): return x === y
    case let (.errorContext(x), .errorContext(y)): return x === y
    default: return false
    }
  }

  /// Equality ignoring string encodings and lengths.
  /// Mirrors run_tests.py's `equal_modulo_string_encoding`.
  public func equalModuloStringEncoding(_ other: Value) -> Bool {
    switch (self, other) {
    case let (.string(x), .string(y)): return x.sameText(y)
    case (.list, _), (.numbers, _):
      guard let xs = listElements, let ys = other.listElements, xs.count == ys.count else { return false }
      return zip(xs, ys).allSatisfy { $0.equalModuloStringEncoding($1) }
    case let (.record(x), .record(y)):
      return x.count == y.count && zip(x, y).allSatisfy { $0.value.equalModuloStringEncoding($1.value) }
    case let (.variant(l1, v1), .variant(l2, v2)):
      guard l1 == l2 else { return false }
      switch (v1, v2) {
      case (nil, nil): return true
      case let (x?, y?): return x.equalModuloStringEncoding(y)
      default: return false
      }
    default: return self == other
    }
  }
}
