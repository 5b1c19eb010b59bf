// Spec: CanonicalABI.md — the 📝 built-ins: error-context.new, error-context.debug-message, error-context.drop.
import Foundation

/// An error context: an immutable debug message.
/// Spec: CanonicalABI.md#-canon-error-contextnew — class ErrorContext
public final class ErrorContext {
  public let debugMessage: ABIString
  public init(_ debugMessage: ABIString) { self.debugMessage = debugMessage }
}

/// Spec: CanonicalABI.md#-canon-error-contextnew — def canon_error_context_new
public func canonErrorContextNew(_ opts: LiftLowerOptions, _ ptr: UInt64, _ taggedCodeUnits: UInt64) throws -> [CoreValue] {
  let inst = try currentInstance()
  try trapIf(!inst.mayLeave, "canon_error_context_new", "not inst.may_leave")
  var s: ABIString
  if inst.store.deterministicProfile || inst.store.randomBool() {
    s = ABIString("", .utf8, 0)
  } else {
    let cx = LiftLowerContext(opts, inst)
    s = try loadStringFromRange(cx, ptr, taggedCodeUnits)
    s = inst.store.hostDefinedTransformation(s)
  }
  let i = try inst.handles.add(ErrorContext(s))
  return [.i32(i)]
}

/// Spec: CanonicalABI.md#-canon-error-contextdebug-message — def canon_error_context_debug_message
public func canonErrorContextDebugMessage(_ opts: LiftLowerOptions, _ i: UInt32, _ ptr: UInt64) throws -> [CoreValue] {
  let inst = try currentInstance()
  try trapIf(!inst.mayLeave, "canon_error_context_debug_message", "not inst.may_leave")
  let x = try inst.handles.get(i)
  guard let errctx = x as? ErrorContext else { throw trap("canon_error_context_debug_message", "not isinstance(errctx, ErrorContext)") }
  let cx = LiftLowerContext(opts, inst)
  try storeString(cx, errctx.debugMessage, ptr)
  return []
}

/// Spec: CanonicalABI.md#-canon-error-contextdrop — def canon_error_context_drop
public func canonErrorContextDrop(_ i: UInt32) throws -> [CoreValue] {
  let inst = try currentInstance()
  try trapIf(!inst.mayLeave, "canon_error_context_drop", "not inst.may_leave")
  let x = try inst.handles.remove(i)
  guard x is ErrorContext else { throw trap("canon_error_context_drop", "not isinstance(errctx, ErrorContext)") }
  return []
}
