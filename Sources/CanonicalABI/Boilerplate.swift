// Spec: definitions.py — Boilerplate (the part before `# START`): traps, core and component types.
import Foundation

/// A Canonical ABI trap, carrying its site: the spec definition and the condition that fired.
/// Spec: definitions.py#boilerplate — class Trap
public struct CanonicalABITrap: Error, CustomStringConvertible, Equatable {
  public var definition: String
  public var condition: String
  public init(_ definition: String, _ condition: String) {
    self.definition = definition
    self.condition = condition
  }
  public var description: String { "trap: \(definition): \(condition)" }
}

/// An exception thrown by core wasm code; `call_and_trap_on_throw` turns it into a trap.
/// Spec: definitions.py#boilerplate — class CoreWebAssemblyException
public struct CoreWebAssemblyException: Error {
  public var message: String
  public init(_ message: String = "exception") { self.message = message }
}

/// A host-side misuse (a value that does not match its type, a broken invariant): not a spec trap.
/// Swift differs: Python would raise an assertion or a TypeError; here it is an error value, never a crash.
public struct CanonicalABIMisuse: Error, CustomStringConvertible {
  public var message: String
  public init(_ message: String) { self.message = message }
  public var description: String { "misuse: \(message)" }
}

/// Makes a trap at a site.
/// Spec: definitions.py#boilerplate — def trap
@inline(__always)
func trap(_ definition: StaticString, _ condition: StaticString) -> CanonicalABITrap {
  CanonicalABITrap("\(definition)", "\(condition)")
}

/// Traps when `cond` holds, naming the definition and the condition.
/// Spec: definitions.py#boilerplate — def trap_if
@inline(__always)
func trapIf(_ cond: Bool, _ definition: StaticString, _ condition: StaticString) throws {
  if cond { throw CanonicalABITrap("\(definition)", "\(condition)") }
}

/// Throws a misuse error when an invariant the spec asserts does not hold.
@inline(__always)
func check(_ cond: Bool, _ message: @autoclosure () -> String) throws {
  if !cond { throw CanonicalABIMisuse(message()) }
}

/// A core value type, as a string in the spec ('i32', 'i64', 'f32', 'f64').
/// Spec: definitions.py#boilerplate — CoreValType
public enum CoreValType: String, Equatable, Hashable, CustomStringConvertible, Sendable {
  case i32, i64, f32, f64
  public var description: String { rawValue }
}

/// A core value: Python uses int (unsigned range) for i32/i64 and float for f32/f64.
/// Spec: definitions.py#boilerplate — CoreValType = int | float
public enum CoreValue: Equatable, CustomStringConvertible {
  case i32(UInt32)
  case i64(UInt64)
  case f32(Float)
  case f64(Double)

  public var type: CoreValType {
    switch self {
    case .i32: return .i32
    case .i64: return .i64
    case .f32: return .f32
    case .f64: return .f64
    }
  }
  /// Equality by bits (so NaN payloads compare exactly).
  public static func == (a: CoreValue, b: CoreValue) -> Bool {
    switch (a, b) {
    case let (.i32(x), .i32(y)): return x == y
    case let (.i64(x), .i64(y)): return x == y
    case let (.f32(x), .f32(y)): return x.bitPattern == y.bitPattern
    case let (.f64(x), .f64(y)): return x.bitPattern == y.bitPattern
    default: return false
    }
  }
  public var description: String {
    switch self {
    case .i32(let x): return "i32:\(x)"
    case .i64(let x): return "i64:\(x)"
    case .f32(let x): return "f32:\(x)"
    case .f64(let x): return "f64:\(x)"
    }
  }
  /// The integer payload of an i32/i64 value (misuse otherwise).
  func int() throws -> UInt64 {
    switch self {
    case .i32(let x): return UInt64(x)
    case .i64(let x): return x
    default: throw CanonicalABIMisuse("expected an integer core value, got \(self)")
    }
  }
}

/// Makes a pointer-typed core value.
@inline(__always)
func ptrValue(_ v: UInt64, _ ptrType: CoreValType) -> CoreValue {
  ptrType == .i64 ? .i64(v) : .i32(UInt32(truncatingIfNeeded: v))
}

/// A core import declaration.
/// Spec: definitions.py#boilerplate — class CoreImportDecl
public struct CoreImportDecl: Equatable { public var module: String; public var field: String; public var t: CoreExternType }
/// A core export declaration.
/// Spec: definitions.py#boilerplate — class CoreExportDecl
public struct CoreExportDecl: Equatable { public var name: String; public var t: CoreExternType }
/// A core extern type.
/// Spec: definitions.py#boilerplate — class CoreExternType
public enum CoreExternType: Equatable { case func_(CoreFuncType), memory(CoreMemoryType) }
/// A core module type.
/// Spec: definitions.py#boilerplate — class ModuleType
public struct ModuleType: Equatable { public var imports: [CoreImportDecl]; public var exports: [CoreExportDecl] }

/// A core function type.
/// Spec: definitions.py#boilerplate — class CoreFuncType
public struct CoreFuncType: Equatable, CustomStringConvertible {
  public var params: [CoreValType]
  public var results: [CoreValType]
  public init(_ params: [CoreValType], _ results: [CoreValType]) { self.params = params; self.results = results }
  /// Spec: definitions.py#boilerplate — def CoreFuncType.__eq__
  public static func == (a: CoreFuncType, b: CoreFuncType) -> Bool { a.params == b.params && a.results == b.results }
  public var description: String { "(func (param \(params.map(\.rawValue).joined(separator: " "))) (result \(results.map(\.rawValue).joined(separator: " "))))" }
}

/// Whether core values have the given core types.
/// Spec: definitions.py#boilerplate — def types_match_values
public func typesMatchValues(_ ts: [CoreValType], _ vs: [CoreValue]) -> Bool {
  if ts.count != vs.count { return false }
  return zip(ts, vs).allSatisfy { typeMatchesValue($0, $1) }
}

/// Whether one core value has the given core type.
/// Spec: definitions.py#boilerplate — def type_matches_value
public func typeMatchesValue(_ t: CoreValType, _ v: CoreValue) -> Bool { v.type == t }

/// A core memory type.
/// Spec: definitions.py#boilerplate — class CoreMemoryType
public struct CoreMemoryType: Equatable { public var initial: [Int]; public var maximum: Int? }

/// An extern declaration of a component type.
/// Spec: definitions.py#boilerplate — class ExternDecl
public struct ExternDecl: Equatable { public var name: String; public var t: ExternType }
/// A component-level extern type.
/// Spec: definitions.py#boilerplate — class ExternType
public indirect enum ExternType: Equatable { case module(ModuleType), component(ComponentType), instance(InstanceType), func_(FuncType), value(ValType) }
/// A component type.
/// Spec: definitions.py#boilerplate — class ComponentType
public struct ComponentType: Equatable { public var imports: [ExternDecl]; public var exports: [ExternDecl] }
/// An instance type.
/// Spec: definitions.py#boilerplate — class InstanceType
public struct InstanceType: Equatable { public var exports: [ExternDecl] }

/// A component function type.
/// Spec: definitions.py#boilerplate — class FuncType
/// Swift differs: params are (name, type) pairs (positional names when built from types); `result` lists the result types.
public struct FuncType: Equatable {
  public var params: [(String, ValType)]
  public var result: [ValType]
  public var async_: Bool
  public init(_ params: [ValType], _ result: [ValType], async_: Bool = false) {
    self.params = params.enumerated().map { ("p\($0.offset)", $0.element) }
    self.result = result
    self.async_ = async_
  }
  public init(named params: [(String, ValType)], _ result: [ValType], async_: Bool = false) {
    self.params = params; self.result = result; self.async_ = async_
  }
  /// Spec: definitions.py#boilerplate — def FuncType.param_types
  public func paramTypes() -> [ValType] { extractTypes(params) }
  /// Spec: definitions.py#boilerplate — def FuncType.result_type
  public func resultType() -> [ValType] { result }
  /// Spec: definitions.py#boilerplate — def FuncType.extract_types
  func extractTypes(_ vec: [(String, ValType)]) -> [ValType] { vec.map { $0.1 } }
  public static func == (a: FuncType, b: FuncType) -> Bool {
    a.params.map { $0.1 } == b.params.map { $0.1 } && a.params.map { $0.0 } == b.params.map { $0.0 } && a.result == b.result && a.async_ == b.async_
  }
}

/// A record field type.
/// Spec: definitions.py#boilerplate — class FieldType
public struct FieldType: Equatable, Hashable {
  public var label: String
  public var t: ValType
  public init(_ label: String, _ t: ValType) { self.label = label; self.t = t }
}

/// A variant case type.
/// Spec: definitions.py#boilerplate — class CaseType
public struct CaseType: Equatable, Hashable {
  public var label: String
  public var t: ValType?
  public init(_ label: String, _ t: ValType?) { self.label = label; self.t = t }
}

/// A component value type: one case per Python subclass of ValType (PrimValType's subclasses are the leaf cases).
/// Spec: definitions.py#boilerplate — class Type, ValType, PrimValType
public indirect enum ValType: Equatable, Hashable, CustomStringConvertible {
  /// Spec: definitions.py#boilerplate — class BoolType
  case bool
  /// Spec: definitions.py#boilerplate — class S8Type
  case s8
  /// Spec: definitions.py#boilerplate — class U8Type
  case u8
  /// Spec: definitions.py#boilerplate — class S16Type
  case s16
  /// Spec: definitions.py#boilerplate — class U16Type
  case u16
  /// Spec: definitions.py#boilerplate — class S32Type
  case s32
  /// Spec: definitions.py#boilerplate — class U32Type
  case u32
  /// Spec: definitions.py#boilerplate — class S64Type
  case s64
  /// Spec: definitions.py#boilerplate — class U64Type
  case u64
  /// Spec: definitions.py#boilerplate — class F32Type
  case f32
  /// Spec: definitions.py#boilerplate — class F64Type
  case f64
  /// Spec: definitions.py#boilerplate — class CharType
  case char
  /// Spec: definitions.py#boilerplate — class StringType
  case string
  /// Spec: definitions.py#boilerplate — class ErrorContextType
  case errorContext
  /// Spec: definitions.py#boilerplate — class ListType
  case list(ValType, Int?)
  /// Spec: definitions.py#boilerplate — class RecordType
  case record([FieldType])
  /// Spec: definitions.py#boilerplate — class TupleType
  case tuple([ValType])
  /// Spec: definitions.py#boilerplate — class VariantType
  case variant([CaseType])
  /// Spec: definitions.py#boilerplate — class EnumType
  case enum_([String])
  /// Spec: definitions.py#boilerplate — class OptionType
  case option(ValType)
  /// Spec: definitions.py#boilerplate — class ResultType
  case result(ValType?, ValType?)
  /// Spec: definitions.py#boilerplate — class MapType
  case map(ValType, ValType)
  /// Spec: definitions.py#boilerplate — class FlagsType
  case flags([String])
  /// Spec: definitions.py#boilerplate — class OwnType
  case own(ResourceType)
  /// Spec: definitions.py#boilerplate — class BorrowType
  case borrow(ResourceType)
  /// Spec: definitions.py#boilerplate — class StreamType
  case stream(ValType?)
  /// Spec: definitions.py#boilerplate — class FutureType
  case future(ValType?)

  /// `list<t>` without a fixed length.
  public static func list(_ t: ValType) -> ValType { .list(t, nil) }

  /// Whether this is a PrimValType in the spec.
  public var isPrim: Bool {
    switch self {
    case .bool, .s8, .u8, .s16, .u16, .s32, .u32, .s64, .u64, .f32, .f64, .char, .string: return true
    default: return false
    }
  }

  public var description: String {
    func opt(_ t: ValType?) -> String { t.map { $0.description } ?? "_" }
    switch self {
    case .bool: return "bool"
    case .s8: return "s8"
    case .u8: return "u8"
    case .s16: return "s16"
    case .u16: return "u16"
    case .s32: return "s32"
    case .u32: return "u32"
    case .s64: return "s64"
    case .u64: return "u64"
    case .f32: return "f32"
    case .f64: return "f64"
    case .char: return "char"
    case .string: return "string"
    case .errorContext: return "error-context"
    case .list(let t, let l): return l.map { "(list \(t) \($0))" } ?? "(list \(t))"
    case .record(let fs): return "(record" + fs.map { " (field \"\($0.label)\" \($0.t))" }.joined() + ")"
    case .tuple(let ts): return "(tuple" + ts.map { " \($0)" }.joined() + ")"
    case .variant(let cs): return "(variant" + cs.map { c in " (case \"\(c.label)\"\(c.t.map { " \($0)" } ?? ""))" }.joined() + ")"
    case .enum_(let ls): return "(enum" + ls.map { " \"\($0)\"" }.joined() + ")"
    case .option(let t): return "(option \(t))"
    case .result(let o, let e): return "(result \(opt(o)) (error \(opt(e))))"
    case .map(let k, let v): return "(map \(k) \(v))"
    case .flags(let ls): return "(flags" + ls.map { " \"\($0)\"" }.joined() + ")"
    case .own(let r): return "(own \(r.name))"
    case .borrow(let r): return "(borrow \(r.name))"
    case .stream(let t): return t.map { "(stream \($0))" } ?? "stream"
    case .future(let t): return t.map { "(future \($0))" } ?? "future"
    }
  }
}
