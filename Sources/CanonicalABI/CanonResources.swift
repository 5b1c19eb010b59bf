// Spec: CanonicalABI.md#canon-resourcenew, #canon-resourcedrop, #canon-resourcerep
import Foundation

/// Creates an owned handle for a new resource with representation `rep`.
/// Spec: CanonicalABI.md#canon-resourcenew — def canon_resource_new
public func canonResourceNew(_ rt: ResourceType, _ rep: UInt32) throws -> [CoreValue] {
  let inst = try currentInstance()
  inst.store.trace?("canon_resource_new(\(rt), \(rep))")
  try trapIf(!inst.mayLeave, "canon_resource_new", "not inst.may_leave")
  let h = ResourceHandle(rt, rep, own: true)
  let i = try inst.handles.add(h)
  return [.i32(i)]
}

/// Drops a handle: an owned one runs the destructor (as a sync call into the implementing instance).
/// Spec: CanonicalABI.md#canon-resourcedrop — def canon_resource_drop
public func canonResourceDrop(_ rt: ResourceType, _ i: UInt32) throws -> [CoreValue] {
  let inst = try currentInstance()
  inst.store.trace?("canon_resource_drop(\(rt), \(i))")
  try trapIf(!inst.mayLeave, "canon_resource_drop", "not inst.may_leave")
  let e = try inst.handles.remove(i)
  guard let h = e as? ResourceHandle else { throw trap("canon_resource_drop", "not isinstance(h, ResourceHandle)") }
  try trapIf(h.rt !== rt, "canon_resource_drop", "h.rt is not rt")
  try trapIf(h.numLends != 0, "canon_resource_drop", "h.num_lends != 0")
  if h.own {
    assert(h.borrowScope == nil)
    let opts = CanonicalOptions(async_: false)
    let ft = FuncType([.u32], [], async_: false)
    let dtor: CoreFuncInst = rt.dtor ?? { _ in [] }
    let callee = inst.store.lift(dtor, ft, opts, rt.impl)
    let caller = inst.store.lower(callee, ft, opts, inst)
    _ = try caller([.i32(h.rep)])
  } else {
    h.borrowScope?.numBorrows -= 1
  }
  return []
}

/// Returns the representation of a handle of type `rt`.
/// Spec: CanonicalABI.md#canon-resourcerep — def canon_resource_rep
public func canonResourceRep(_ rt: ResourceType, _ i: UInt32) throws -> [CoreValue] {
  let inst = try currentInstance()
  inst.store.trace?("canon_resource_rep(\(rt), \(i))")
  let e = try inst.handles.get(i)
  guard let h = e as? ResourceHandle else { throw trap("canon_resource_rep", "not isinstance(h, ResourceHandle)") }
  try trapIf(h.rt !== rt, "canon_resource_rep", "h.rt is not rt")
  return [.i32(h.rep)]
}
