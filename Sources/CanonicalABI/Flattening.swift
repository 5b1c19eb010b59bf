// Spec: CanonicalABI.md#flattening
import Foundation

/// The limits on flat parameters and results (MAX_FLAT_PARAMS, MAX_FLAT_ASYNC_PARAMS, MAX_FLAT_RESULTS).
/// Spec: CanonicalABI.md#flattening — MAX_FLAT_PARAMS, MAX_FLAT_ASYNC_PARAMS, MAX_FLAT_RESULTS
/// Swift differs: parameters (held by the Store), not globals, so tests can vary them.
public struct FlatLimits: Equatable {
  public var maxFlatParams: Int
  public var maxFlatAsyncParams: Int
  public var maxFlatResults: Int
  public init(maxFlatParams: Int = 16, maxFlatAsyncParams: Int = 4, maxFlatResults: Int = 1) {
    self.maxFlatParams = maxFlatParams
    self.maxFlatAsyncParams = maxFlatAsyncParams
    self.maxFlatResults = maxFlatResults
  }
  public static let `default` = FlatLimits()
}

/// Whether a core signature is for lifting or lowering.
public enum FlattenContext: String { case lift, lower }

/// The core function type of a lifted or lowered component function.
/// Spec: CanonicalABI.md#flattening — def flatten_functype
public func flattenFunctype(_ opts: CanonicalOptions, _ ft: FuncType, _ context: FlattenContext, _ limits: FlatLimits = .default) -> CoreFuncType {
  var flatParams = flattenTypes(ft.paramTypes(), opts)
  var flatResults = flattenTypes(ft.resultType(), opts)
  if !opts.async_ {
    if flatParams.count > limits.maxFlatParams {
      flatParams = [opts.ptrType]
    }
    if flatResults.count > limits.maxFlatResults {
      switch context {
      case .lift:
        flatResults = [opts.ptrType]
      case .lower:
        flatParams += [opts.ptrType]
        flatResults = []
      }
    }
    return CoreFuncType(flatParams, flatResults)
  } else {
    switch context {
    case .lift:
      if flatParams.count > limits.maxFlatParams {
        flatParams = [opts.ptrType]
      }
      if opts.callback != nil {
        flatResults = [.i32]
      } else {
        flatResults = []
      }
    case .lower:
      if flatParams.count > limits.maxFlatAsyncParams {
        flatParams = [opts.ptrType]
      }
      if flatResults.count > 0 {
        flatParams += [opts.ptrType]
      }
      flatResults = [.i32]
    }
    return CoreFuncType(flatParams, flatResults)
  }
}

/// Spec: CanonicalABI.md#flattening — def flatten_types
public func flattenTypes(_ ts: [ValType], _ opts: LiftOptions) -> [CoreValType] {
  ts.flatMap { flattenType($0, opts) }
}

/// Spec: CanonicalABI.md#flattening — def flatten_type
public func flattenType(_ t: ValType, _ opts: LiftOptions) -> [CoreValType] {
  switch despecialize(t) {
  case .bool: return [.i32]
  case .u8, .u16, .u32: return [.i32]
  case .s8, .s16, .s32: return [.i32]
  case .s64, .u64: return [.i64]
  case .f32: return [.f32]
  case .f64: return [.f64]
  case .char: return [.i32]
  case .string: return [opts.ptrType, opts.ptrType]
  case .errorContext: return [.i32]
  case .list(let t, let l): return flattenList(t, l, opts)
  case .record(let fields): return flattenRecord(fields, opts)
  case .variant(let cases): return flattenVariant(cases, opts)
  case .flags: return [.i32]
  case .own, .borrow: return [.i32]
  case .stream, .future: return [.i32]
  case .tuple, .enum_, .option, .result, .map: return [] // unreachable after despecialize
  }
}

/// Spec: CanonicalABI.md#flattening — def flatten_list
public func flattenList(_ elemType: ValType, _ maybeLength: Int?, _ opts: LiftOptions) -> [CoreValType] {
  if let l = maybeLength {
    let e = flattenType(elemType, opts)
    return Array([[CoreValType]](repeating: e, count: l).joined())
  }
  return [opts.ptrType, opts.ptrType]
}

/// Spec: CanonicalABI.md#flattening — def flatten_record
public func flattenRecord(_ fields: [FieldType], _ opts: LiftOptions) -> [CoreValType] {
  var flat = [CoreValType]()
  for f in fields { flat += flattenType(f.t, opts) }
  return flat
}

/// Spec: CanonicalABI.md#flattening — def flatten_variant
public func flattenVariant(_ cases: [CaseType], _ opts: LiftOptions) -> [CoreValType] {
  var flat = [CoreValType]()
  for c in cases {
    if let t = c.t {
      for (i, ft) in flattenType(t, opts).enumerated() {
        if i < flat.count {
          flat[i] = join(flat[i], ft)
        } else {
          flat.append(ft)
        }
      }
    }
  }
  return flattenType(discriminantType(cases), opts) + flat
}

/// Spec: CanonicalABI.md#flattening — def join
public func join(_ a: CoreValType, _ b: CoreValType) -> CoreValType {
  if a == b { return a }
  if (a == .i32 && b == .f32) || (a == .f32 && b == .i32) { return .i32 }
  return .i64
}
