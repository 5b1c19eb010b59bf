// Script literals (`(u32.const 1)`, `(record.const ...)`, ...) as Canonical ABI values of a given type.
import CanonicalABI
import Foundation
import WasmCore

/// Why a literal is not a value of the type asked for: a path into the value and what went wrong.
public struct ComponentValueMismatch: Error, CustomStringConvertible, Equatable {
  /// Where in the value (`field "a"`, `element 2`, `case "c"`), outermost first.
  public var path: [String]
  public var message: String
  public init(path: [String] = [], _ message: String) { self.path = path; self.message = message }
  public var description: String { path.isEmpty ? message : "\(path.joined(separator: ", ")): \(message)" }
  func inside(_ step: String) -> ComponentValueMismatch { ComponentValueMismatch(path: [step] + path, message) }
}

/// The literal as a value of type `t`.
///
/// Numbers must be literals of exactly their type (`u8.const` for `u8`); a list of numbers becomes a compact
/// list; `record.const` fields may come in any order but each field exactly once; `variant.const` also
/// stands for an option (`"none"`, `"some"`), a result (`"ok"`, `"err"`) or an enum case (no payload),
/// since those types are variants (Spec: CanonicalABI.md#despecialization). A NaN pattern
/// (`nan:canonical`, `nan:arithmetic`) becomes a NaN: every NaN is one component-level value
/// (`componentValuesEqual`). Resources, streams, futures and error contexts have no literal form.
public func componentValue(_ literal: ComponentValueLiteral, _ t: ValType) throws -> CanonicalABI.Value {
  func mismatch() -> ComponentValueMismatch {
    ComponentValueMismatch("expected a value of type \(t), got \(literal)")
  }
  func payload(_ v: ComponentValueLiteral?, _ pt: ValType?, _ label: String) throws -> CanonicalABI.Value? {
    switch (v, pt) {
    case (nil, nil): return nil
    case let (v?, pt?):
      do { return try componentValue(v, pt) } catch let e as ComponentValueMismatch { throw e.inside("case \"\(label)\"") }
    case (nil, _?): throw ComponentValueMismatch("case \"\(label)\" needs a payload of type \(pt.map { "\($0)" } ?? "")")
    case (_?, nil): throw ComponentValueMismatch("case \"\(label)\" has no payload, got \(v.map { "\($0)" } ?? "")")
    }
  }
  switch (t, literal) {
  case (.bool, .bool(let b)): return .bool(b)
  case (.u8, .u8(let x)): return .u8(x)
  case (.s8, .s8(let x)): return .s8(x)
  case (.u16, .u16(let x)): return .u16(x)
  case (.s16, .s16(let x)): return .s16(x)
  case (.u32, .u32(let x)): return .u32(x)
  case (.s32, .s32(let x)): return .s32(x)
  case (.u64, .u64(let x)): return .u64(x)
  case (.s64, .s64(let x)): return .s64(x)
  case (.f32, .f32(let p)):
    if case .bits(let b) = p { return .f32(Float(bitPattern: UInt32(truncatingIfNeeded: b))) }
    return .f32(.nan)
  case (.f64, .f64(let p)):
    if case .bits(let b) = p { return .f64(Double(bitPattern: b)) }
    return .f64(.nan)
  case (.char, .char(let c)): return .char(c)
  case (.string, .string(let s)): return .str(s)
  case (.list(let e, let n), .list(let vs)):
    if let n, vs.count != n { throw ComponentValueMismatch("expected \(n) elements for type \(t), got \(vs.count)") }
    let values = try vs.enumerated().map { i, v -> CanonicalABI.Value in
      do { return try componentValue(v, e) } catch let m as ComponentValueMismatch { throw m.inside("element \(i)") }
    }
    return compactList(values, e)
  case (.map(let k, let u), .list(let vs)):
    let entry = ValType.tuple([k, u])
    return .list(try vs.enumerated().map { i, v in
      do { return try componentValue(v, entry) } catch let m as ComponentValueMismatch { throw m.inside("entry \(i)") }
    })
  case (.tuple(let ts), .tuple(let vs)):
    guard ts.count == vs.count else { throw ComponentValueMismatch("expected \(ts.count) values for type \(t), got \(vs.count)") }
    return .tuple(try zip(vs, ts).enumerated().map { i, p in
      do { return try componentValue(p.0, p.1) } catch let m as ComponentValueMismatch { throw m.inside("element \(i)") }
    })
  case (.record(let fts), .record(let fs)):
    var seen = Set<String>()
    for f in fs {
      guard fts.contains(where: { $0.label == f.name }) else { throw ComponentValueMismatch("type \(t) has no field \"\(f.name)\"") }
      guard seen.insert(f.name).inserted else { throw ComponentValueMismatch("field \"\(f.name)\" given twice") }
    }
    return .record(try fts.map { ft in
      guard let f = fs.first(where: { $0.name == ft.label }) else { throw ComponentValueMismatch("missing field \"\(ft.label)\" of type \(t)") }
      do { return FieldValue(ft.label, try componentValue(f.value, ft.t)) } catch let m as ComponentValueMismatch {
        throw m.inside("field \"\(ft.label)\"")
      }
    })
  case (.variant(let cs), .variant(let label, let v)):
    guard let c = cs.first(where: { $0.label == label }) else { throw ComponentValueMismatch("type \(t) has no case \"\(label)\"") }
    return .variant(label, try payload(v, c.t, label))
  case (.enum_(let ls), .enumCase(let label)), (.enum_(let ls), .variant(let label, nil)):
    guard ls.contains(label) else { throw ComponentValueMismatch("type \(t) has no case \"\(label)\"") }
    return .variant(label, nil)
  case (.option, .optionNone), (.option, .variant("none", nil)): return .variant("none", nil)
  case (.option(let u), .optionSome(let v)), (.option(let u), .variant("some", let v?)):
    return .variant("some", try payload(v, u, "some"))
  case (.result(let o, _), .resultOk(let v)), (.result(let o, _), .variant("ok", let v)):
    return .variant("ok", try payload(v, o, "ok"))
  case (.result(_, let e), .resultErr(let v)), (.result(_, let e), .variant("err", let v)):
    return .variant("error", try payload(v, e, "err"))
  case (.flags(let ls), .flags(let names)):
    for n in names where !ls.contains(n) { throw ComponentValueMismatch("type \(t) has no flag \"\(n)\"") }
    return .flags(Set(names))
  case (.own, _), (.borrow, _), (.stream, _), (.future, _), (.errorContext, _):
    throw ComponentValueMismatch("values of type \(t) have no script literal, got \(literal)")
  default:
    throw mismatch()
  }
}

/// A list of values of type `e`: compact when `e` is a number type (DESIGN.md: numeric lists move near memory speed).
func compactList(_ vs: [CanonicalABI.Value], _ e: ValType) -> CanonicalABI.Value {
  func all<T>(_ f: (CanonicalABI.Value) -> T?) -> [T]? {
    var out = [T]()
    out.reserveCapacity(vs.count)
    for v in vs { guard let x = f(v) else { return nil }; out.append(x) }
    return out
  }
  let compact: NumberList?
  switch e {
  case .u8: compact = all { if case .u8(let x) = $0 { return x }; return nil }.map { .u8($0) }
  case .s8: compact = all { if case .s8(let x) = $0 { return x }; return nil }.map { .s8($0) }
  case .u16: compact = all { if case .u16(let x) = $0 { return x }; return nil }.map { .u16($0) }
  case .s16: compact = all { if case .s16(let x) = $0 { return x }; return nil }.map { .s16($0) }
  case .u32: compact = all { if case .u32(let x) = $0 { return x }; return nil }.map { .u32($0) }
  case .s32: compact = all { if case .s32(let x) = $0 { return x }; return nil }.map { .s32($0) }
  case .u64: compact = all { if case .u64(let x) = $0 { return x }; return nil }.map { .u64($0) }
  case .s64: compact = all { if case .s64(let x) = $0 { return x }; return nil }.map { .s64($0) }
  case .f32: compact = all { if case .f32(let x) = $0 { return x }; return nil }.map { .f32($0) }
  case .f64: compact = all { if case .f64(let x) = $0 { return x }; return nil }.map { .f64($0) }
  default: compact = nil
  }
  return compact.map { .numbers($0) } ?? .list(vs)
}

/// The arguments of an invoke as values of the function's parameter types; a mismatch names the argument
/// and is located at the command.
public func componentArguments(_ literals: [ComponentValueLiteral], _ ft: FuncType, function: String,
                               at location: SourceLocation? = nil) throws -> [CanonicalABI.Value] {
  let params = ft.params
  guard literals.count == params.count else {
    throw WasmError(.usage, "`\(function)` takes \(params.count) argument\(params.count == 1 ? "" : "s"), got \(literals.count)", at: location)
  }
  return try zip(literals, params).enumerated().map { i, p in
    do { return try componentValue(p.0, p.1.1) } catch let m as ComponentValueMismatch {
      throw WasmError(.usage, "argument \(i + 1) (\(p.1.0)) of `\(function)`: \(m)", at: location)
    }
  }
}

/// Why an `assert_return` failed, or nil when the results are the expected ones.
/// The message shows both sides in WAVE: `expected (1, "a"), got (1, "b")`.
public func componentResultsMismatch(_ actual: [CanonicalABI.Value], _ expected: [ComponentValueLiteral],
                                     _ types: [ValType]) -> String? {
  guard expected.count == types.count else {
    return "expected \(expected.count) result\(expected.count == 1 ? "" : "s"), the function returns \(types.count): got \(waveText(actual, types))"
  }
  var want = [CanonicalABI.Value]()
  for (i, (e, t)) in zip(expected, types).enumerated() {
    do { want.append(try componentValue(e, t)) } catch let m as ComponentValueMismatch {
      return "expected result \(i + 1) \(e) is not a value of the result type: \(m)"
    } catch {
      return "expected result \(i + 1): \(error)"
    }
  }
  if componentResultsEqual(actual, want) { return nil }
  return "expected \(waveText(want, types)), got \(waveText(actual, types))"
}
