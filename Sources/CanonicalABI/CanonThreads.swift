// Spec: CanonicalABI.md — the 🧵 built-ins: thread.index, thread.new-indirect, thread.resume-later,
// thread.suspend, thread.yield, thread.{suspend,yield}-then-{resume,promote}.
import Foundation

/// Spec: CanonicalABI.md#-canon-threadindex — def canon_thread_index
public func canonThreadIndex() throws -> [CoreValue] {
  let thread = try currentThread()
  try trapIf(!thread.task.inst.mayLeave, "canon_thread_index", "not thread.task.inst.may_leave")
  guard let i = thread.index else { throw CanonicalABIMisuse("thread.index: thread has no index") }
  return [.i32(i)]
}

/// A typed function reference in a core table.
/// Spec: CanonicalABI.md#-canon-threadnew-indirect — class CoreFuncRef
public final class CoreFuncRef {
  public let t: CoreFuncType
  public let callee: CoreFuncInst
  public init(_ t: CoreFuncType, _ callee: @escaping CoreFuncInst) { self.t = t; self.callee = callee }
}

/// Creates a suspended thread in the current task that will call `ftbl[fi](c)`.
/// Spec: CanonicalABI.md#-canon-threadnew-indirect — def canon_thread_new_indirect
public func canonThreadNewIndirect(_ ft: CoreFuncType, _ ftbl: Table<CoreFuncRef>, _ fi: UInt32, _ c: CoreValue) throws -> [CoreValue] {
  let task = try currentTask()
  try trapIf(!task.inst.mayLeave, "canon_thread_new_indirect", "not task.inst.may_leave")
  let f = try ftbl.get(fi)
  assert(ft == CoreFuncType([.i32], []) || ft == CoreFuncType([.i64], []))
  try trapIf(f.t != ft, "canon_thread_new_indirect", "f.t != ft")
  final class Box { var thread: Thread? }
  let box = Box()
  let threadFunc: () throws -> Void = {
    let r = try callAndTrapOnThrow(f.callee, [c])
    try check(r.isEmpty, "thread function returns nothing")
    if let t = box.thread { try task.unregisterThread(t) }
  }
  let newThread = Thread(task, threadFunc)
  box.thread = newThread
  assert(newThread.suspended())
  try task.registerThread(newThread)
  return [.i32(newThread.index ?? 0)]
}

/// Spec: CanonicalABI.md#-canon-threadresume-later — def canon_thread_resume_later
public func canonThreadResumeLater(_ i: UInt32) throws -> [CoreValue] {
  let inst = try currentInstance()
  try trapIf(!inst.mayLeave, "canon_thread_resume_later", "not inst.may_leave")
  let otherThread = try inst.threads.get(i)
  try trapIf(!otherThread.suspended(), "canon_thread_resume_later", "not other_thread.suspended()")
  otherThread.resumeLater()
  return []
}

/// Spec: CanonicalABI.md#-canon-threadsuspend — def canon_thread_suspend
public func canonThreadSuspend(_ cancellable: Bool) throws -> [CoreValue] {
  let thread = try currentThread()
  try trapIf(!thread.task.inst.mayLeave, "canon_thread_suspend", "not thread.task.inst.may_leave")
  let cancelled = try thread.suspend(cancellable)
  return [.i32(cancelled.rawValue)]
}

/// Spec: CanonicalABI.md#-canon-threadyield — def canon_thread_yield
public func canonThreadYield(_ cancellable: Bool) throws -> [CoreValue] {
  let thread = try currentThread()
  try trapIf(!thread.task.inst.mayLeave, "canon_thread_yield", "not thread.task.inst.may_leave")
  let cancelled = try thread.yield_(cancellable)
  return [.i32(cancelled.rawValue)]
}

/// Spec: CanonicalABI.md#-canon-threadsuspend-then-resume — def canon_thread_suspend_then_resume
public func canonThreadSuspendThenResume(_ cancellable: Bool, _ i: UInt32) throws -> [CoreValue] {
  let thread = try currentThread()
  try trapIf(!thread.task.inst.mayLeave, "canon_thread_suspend_then_resume", "not thread.task.inst.may_leave")
  let otherThread = try thread.task.inst.threads.get(i)
  try trapIf(!otherThread.suspended(), "canon_thread_suspend_then_resume", "not other_thread.suspended()")
  let cancelled = try thread.suspendThenResume(cancellable, otherThread)
  return [.i32(cancelled.rawValue)]
}

/// Spec: CanonicalABI.md#-canon-threadyield-then-resume — def canon_thread_yield_then_resume
public func canonThreadYieldThenResume(_ cancellable: Bool, _ i: UInt32) throws -> [CoreValue] {
  let thread = try currentThread()
  try trapIf(!thread.task.inst.mayLeave, "canon_thread_yield_then_resume", "not thread.task.inst.may_leave")
  let otherThread = try thread.task.inst.threads.get(i)
  try trapIf(!otherThread.suspended(), "canon_thread_yield_then_resume", "not other_thread.suspended()")
  let cancelled = try thread.yieldThenResume(cancellable, otherThread)
  return [.i32(cancelled.rawValue)]
}

/// Spec: CanonicalABI.md#-canon-threadsuspend-then-promote — def canon_thread_suspend_then_promote
public func canonThreadSuspendThenPromote(_ cancellable: Bool, _ i: UInt32) throws -> [CoreValue] {
  let thread = try currentThread()
  try trapIf(!thread.task.inst.mayLeave, "canon_thread_suspend_then_promote", "not thread.task.inst.may_leave")
  let otherThread = try thread.task.inst.threads.get(i)
  let cancelled = try thread.suspendThenPromote(cancellable, otherThread)
  return [.i32(cancelled.rawValue)]
}

/// Spec: CanonicalABI.md#-canon-threadyield-then-promote — def canon_thread_yield_then_promote
public func canonThreadYieldThenPromote(_ cancellable: Bool, _ i: UInt32) throws -> [CoreValue] {
  let thread = try currentThread()
  try trapIf(!thread.task.inst.mayLeave, "canon_thread_yield_then_promote", "not thread.task.inst.may_leave")
  let otherThread = try thread.task.inst.threads.get(i)
  let cancelled = try thread.yieldThenPromote(cancellable, otherThread)
  return [.i32(cancelled.rawValue)]
}
