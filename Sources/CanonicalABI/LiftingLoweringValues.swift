// Spec: CanonicalABI.md#lifting-and-lowering-values
import Foundation

/// Lifts a list of values from flat values, or from memory through one pointer when there are more than `maxFlat`.
/// Spec: CanonicalABI.md#lifting-and-lowering-values — def lift_flat_values
public func liftFlatValues(_ cx: LiftLowerContext, _ maxFlat: Int, _ vi: ValueIter, _ ts: [ValType]) throws -> [Value] {
  cx.trace("lift_flat_values(max_flat=\(maxFlat), \(ts))")
  let flatTypes = flattenTypes(ts, cx.opts)
  if flatTypes.count > maxFlat {
    let ptr = try vi.next(cx.ptrType).int()
    let tupleType = ValType.tuple(ts)
    let pt = cx.ptrType
    try trapIf(ptr != alignTo(ptr, alignment(tupleType, pt)), "lift_flat_values", "ptr != align_to(ptr, alignment(tuple_type))")
    try trapIf(satAdd(ptr, elemSize(tupleType, pt)) > cx.memory.byteCount, "lift_flat_values", "ptr + elem_size(tuple_type) > len(cx.opts.memory)")
    guard case .record(let fs) = try load(cx, ptr, tupleType) else { throw CanonicalABIMisuse("lift_flat_values: tuple") }
    return fs.map { $0.value }
  } else {
    return try ts.map { try liftFlat(cx, vi, $0) }
  }
}

/// Lowers a list of values to flat values, or into memory (allocated, or at the out-param pointer) when there are more than `maxFlat`.
/// Spec: CanonicalABI.md#lifting-and-lowering-values — def lower_flat_values
public func lowerFlatValues(_ cx: LiftLowerContext, _ maxFlat: Int, _ vs: [Value], _ ts: [ValType], _ outParam: ValueIter? = nil) throws -> [CoreValue] {
  cx.trace("lower_flat_values(max_flat=\(maxFlat), \(vs), \(ts))")
  let flatTypes = flattenTypes(ts, cx.opts)
  var flatVals: [CoreValue]
  if flatTypes.count > maxFlat {
    let tupleType = ValType.tuple(ts)
    let tupleValue = Value.tuple(vs)
    let pt = cx.ptrType
    let ptr: UInt64
    if let outParam {
      ptr = try outParam.next(pt).int()
      flatVals = []
    } else {
      ptr = try cx.allocate(alignment(tupleType, pt), elemSize(tupleType, pt))
      flatVals = [ptrValue(ptr, pt)]
    }
    try trapIf(ptr != alignTo(ptr, alignment(tupleType, pt)), "lower_flat_values", "ptr != align_to(ptr, alignment(tuple_type))")
    try trapIf(satAdd(ptr, elemSize(tupleType, pt)) > cx.memory.byteCount, "lower_flat_values", "ptr + elem_size(tuple_type) > len(cx.opts.memory)")
    try store(cx, tupleValue, tupleType, ptr)
  } else {
    flatVals = []
    try check(vs.count == ts.count, "lower_flat_values: len(vs) == len(ts)")
    for i in 0..<vs.count { flatVals += try lowerFlat(cx, vs[i], ts[i]) }
  }
  return flatVals
}
