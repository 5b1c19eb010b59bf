// Trap sites → the wording the component suites use (wasmtime's), one table every stage reads:
// the runner's assert_trap check (`trapMatches`) and Docs/traps.md (`trapWordingMarkdown`, checked by a test).
import CanonicalABI
import ComponentModel
import Foundation
import WasmCore

/// One row of the table: a Canonical ABI trap site and the texts an `assert_trap` may expect for it.
/// `definition == nil` matches any definition (used for the `may_leave` guards, which every built-in shares).
/// A wording may hold placeholders for what the site does not carry: `{}` one word (a handle index),
/// `{*}` any text (a type's description).
public struct TrapWording: Sendable {
  public let definition: String?
  public let condition: String?
  public let wordings: [String]
  init(_ definition: String?, _ condition: String?, _ wordings: [String]) {
    self.definition = definition; self.condition = condition; self.wordings = wordings
  }
  /// Whether this row covers the site.
  public func covers(_ definition: String, _ condition: String) -> Bool {
    (self.definition == nil || self.definition == definition) && (self.condition == nil || self.condition == condition)
  }
}

// The wordings, by what they report (names of wasmtime's messages).
private let cannotLeave = "cannot leave component instance"
private let cannotEnter = "cannot enter component instance"
private let unknownHandle = "unknown handle index {}"
private let wrongHandleType = "handle index {} used with the wrong type, expected {*} but found {*}"
private let notAResource = "index {} is not a resource"
private let unaligned = "unaligned pointer"
private let reallocUnaligned = "realloc return: result not aligned"
private let reallocOutOfBounds = "realloc return: beyond end of memory"
private let stringOutOfBounds = "string content out-of-bounds"
private let listOutOfBounds = "list content out-of-bounds"
private let syncWhileInSet = "waitable cannot be used synchronously while added to a waitable set"
private let concurrentOp = "cannot have concurrent operations active on a future/stream"
private let taskReturnInvalid = "invalid `task.return` signature and/or options for current task"
private let borrowsRemain = "borrow handles still remain at the end of the call"
private let cannotResume = "cannot resume thread which is not suspended"
private let notAnWaitableSet = "handle is not an waitable-set"  // wasmtime's spelling, next to the one above
private let notReadableStream = "handle is not a readable end of a stream"
private let notReadableFuture = "handle is not a readable end of a future"
private let otherStreamType = "handle is a stream of a different type"
private let nonNumericSameInstance = "cannot read from and write to intra-component future/stream with non-numeric payload"
private let discriminantOutOfRange = "discriminant {} out of range [0..{})"

/// The table: every trap site of the CanonicalABI target has a row (a test checks the sources).
/// Rows are searched in order; the first covering row decides.
public let trapWordingTable: [TrapWording] = [
  // Re-entrance and leaving (Explainer: component invariants).
  TrapWording(nil, "not inst.may_leave", [cannotLeave]),
  TrapWording(nil, "not thread.task.inst.may_leave", [cannotLeave]),
  TrapWording(nil, "not task.inst.may_leave", [cannotLeave]),
  TrapWording("Store.lift", "not inst.may_enter_from(caller)", [cannotEnter]),
  // Handle tables.
  // thread.new-indirect's table (`ftbl.get(fi)`) words these as a core table access.
  TrapWording("Table.get", "i >= len(self.array)", [unknownHandle, "undefined element: out of bounds table access"]),
  TrapWording("Table.get", "self.array[i] is None", [unknownHandle, "the start function index points to an uninitialized function"]),
  TrapWording("Table.get", nil, [unknownHandle]),
  TrapWording("Table.add", "i > Table.MAX_LENGTH", ["cannot allocate another handle: index overflow"]),
  // Resources.
  TrapWording("canon_resource_drop", "h.num_lends != 0", ["cannot remove owned resource while borrowed"]),
  TrapWording("lift_own", "h.num_lends != 0", ["cannot remove owned resource while borrowed"]),
  TrapWording("lift_own", "not h.own", ["cannot lift own resource from a borrow", "index {} is not an own resource"]),
  TrapWording("canon_resource_drop", nil, [wrongHandleType, notAResource]),
  TrapWording("canon_resource_rep", nil, [wrongHandleType, notAResource]),
  TrapWording("lift_own", nil, [wrongHandleType, notAResource]),
  TrapWording("lift_borrow", nil, [wrongHandleType, notAResource]),
  // Tasks.
  TrapWording("Task.return_", "num_borrows > 0", [borrowsRemain]),
  TrapWording("Task.return_", "state == RESOLVED", ["`task.return` or `task.cancel` called more than once for current task"]),
  TrapWording("Task.cancel", "num_borrows > 0", [borrowsRemain]),
  TrapWording("Task.cancel", "state != CANCEL_DELIVERED", ["`task.cancel` called by task which has not been cancelled"]),
  TrapWording("Task.unregister_thread", "state != RESOLVED", ["async-lifted export failed to produce a result"]),
  TrapWording("canon_task_return", nil, [taskReturnInvalid]),
  TrapWording("canon_task_cancel", "not task.opts.async_", ["`task.cancel` called by task which has not been cancelled"]),
  // wasmtime 49 reports the exception itself ("thrown Wasm exception") as the cause of the trap.
  TrapWording("call_and_trap_on_throw", "CoreWebAssemblyException",
              ["uncaught exception propagated out of component", "thrown Wasm exception"]),
  // A synchronous call with no thread ready to run: the spec traps here; wasmtime traps earlier, when the
  // synchronous task first blocks, or reports the event loop's deadlock.
  TrapWording("canon_lift", "not candidates",
              ["deadlock detected: event loop cannot make further progress", "cannot block a synchronous task before returning"]),
  TrapWording("canon_lift", "unknown callback code", ["unsupported callback code"]),
  TrapWording("unpack_callback_result", "code > CallbackCode.MAX", ["unsupported callback code"]),
  TrapWording("canon_lift", "not isinstance(wset, WaitableSet)", ["handle is not a waitable-set", notAnWaitableSet, unknownHandle]),
  TrapWording("canon_backpressure_inc", nil, ["backpressure counter overflow"]),
  TrapWording("canon_backpressure_dec", nil, ["backpressure counter underflow", "backpressure counter overflow"]),
  // Values: loading and lifting.
  // wasmtime's adapters say "bit pattern"; its host lifting says "converted integer out of range".
  TrapWording("convert_i32_to_char", nil, ["invalid `char` bit pattern", "converted integer out of range for `char`"]),
  TrapWording("lift_flat_variant", nil, ["invalid variant discriminant", discriminantOutOfRange]),
  TrapWording("load_variant", nil, ["invalid variant discriminant", discriminantOutOfRange]),
  TrapWording("load_string_from_range", "ptr != align_to(ptr, alignment)", [unaligned, "string pointer not aligned to {}"]),
  TrapWording("load_string_from_range", "ptr + byte_length > len(cx.opts.memory)",
              [stringOutOfBounds, "string pointer/length out of bounds of memory"]),
  // The length bound guards the same byte range as the bounds check after it; wasmtime has no separate bound and
  // words a too-long string as out of bounds (as `load_list_from_range`'s row does for lists).
  TrapWording("load_string_from_range", "byte_length > MAX_STRING_BYTE_LENGTH",
              [stringOutOfBounds, "string pointer/length out of bounds of memory", "byte length too large"]),
  TrapWording("load_string_from_range", "UnicodeError in decode",
              ["invalid utf-8 sequence of {} bytes from index {}", "incomplete utf-8 byte sequence from index {}",
               "invalid utf8 encoding", "invalid utf16 encoding", "invalid utf-16: lone surrogate found",
               "unpaired surrogate found", "unpaired surrogate found: {}"]),
  TrapWording("load_list_from_range", "ptr != align_to(ptr, alignment(elem_type))", [unaligned, "list pointer is not aligned"]),
  TrapWording("load_list_from_range", nil, [listOutOfBounds, "list pointer/length out of bounds of memory"]),
  TrapWording("lift_flat_values", "ptr != align_to(ptr, alignment(tuple_type))", [unaligned, "return pointer not aligned", "pointer not aligned"]),
  TrapWording("lift_flat_values", nil, ["pointer out of bounds", "pointer out of bounds of memory", "out of bounds memory access"]),
  TrapWording("lift_error_context", nil, ["handle is not an error-context", unknownHandle]),
  // Values: storing and lowering (a pointer there comes from realloc or from the caller's retptr).
  TrapWording("lower_flat_values", "ptr != align_to(ptr, alignment(tuple_type))", [unaligned, "return pointer not aligned", reallocUnaligned]),
  TrapWording("lower_flat_values", nil, ["pointer out of bounds", "out of bounds memory access", reallocOutOfBounds]),
  TrapWording("store_list_into_range", "ptr != align_to(ptr, alignment(elem_type))", [unaligned, reallocUnaligned]),
  TrapWording("store_list_into_range", nil, [listOutOfBounds, reallocOutOfBounds]),
  TrapWording("store_string_copy", "ptr != align_to(ptr, dst_alignment)", [unaligned, reallocUnaligned]),
  TrapWording("store_string_copy", nil, [stringOutOfBounds, reallocOutOfBounds]),
  TrapWording("store_string_to_utf8", nil, [stringOutOfBounds, reallocOutOfBounds]),
  TrapWording("store_utf8_to_utf16", "ptr + len(encoded) > len(cx.opts.memory)", [stringOutOfBounds, reallocOutOfBounds]),
  TrapWording("store_utf8_to_utf16", "ptr + worst_case_size > len(cx.opts.memory)", [stringOutOfBounds, reallocOutOfBounds]),
  TrapWording("store_utf8_to_utf16", nil, [unaligned, reallocUnaligned]),
  TrapWording("store_string_to_latin1_or_utf16", "ptr + dst_byte_length > len(cx.opts.memory)", [stringOutOfBounds, reallocOutOfBounds]),
  TrapWording("store_string_to_latin1_or_utf16", "ptr + len(encoded) > len(cx.opts.memory)", [stringOutOfBounds, reallocOutOfBounds]),
  TrapWording("store_string_to_latin1_or_utf16", "ptr + src_code_units > len(cx.opts.memory)", [stringOutOfBounds, reallocOutOfBounds]),
  TrapWording("store_string_to_latin1_or_utf16", "ptr + worst_case_size > len(cx.opts.memory)", [stringOutOfBounds, reallocOutOfBounds]),
  TrapWording("store_string_to_latin1_or_utf16", nil, [unaligned, reallocUnaligned]),
  TrapWording("store_probably_utf16_to_latin1_or_utf16", "ptr != align_to(ptr, 2)", [unaligned, reallocUnaligned]),
  TrapWording("store_probably_utf16_to_latin1_or_utf16", nil, [stringOutOfBounds, reallocOutOfBounds]),
  // Waitables, waitable sets and subtasks.
  TrapWording("canon_waitable_join", "w.has_sync_waiter", [syncWhileInSet]),
  TrapWording("cancel_copy", "e.in_waitable_set() and not async_", [syncWhileInSet]),
  TrapWording("stream_copy", "e.in_waitable_set() and not opts.async_", [syncWhileInSet]),
  TrapWording("future_copy", "e.in_waitable_set() and not opts.async_", [syncWhileInSet]),
  TrapWording("canon_subtask_cancel", "subtask.in_waitable_set() and not async_", [syncWhileInSet]),
  TrapWording("WaitableSet.drop", nil, ["cannot drop waitable set with waiters", "resource has children"]),
  TrapWording("Subtask.drop", nil, ["cannot drop a subtask which has not yet resolved"]),
  TrapWording("canon_subtask_cancel", "subtask.resolve_delivered()", ["`subtask.cancel` called after terminal status delivered"]),
  TrapWording("canon_subtask_cancel", "subtask.cancellation_requested", ["`subtask.cancel` called after terminal status delivered", concurrentOp]),
  TrapWording("canon_subtask_cancel", nil, ["handle is not a subtask", unknownHandle]),
  TrapWording("canon_subtask_drop", nil, ["handle is not a subtask", unknownHandle]),
  TrapWording("canon_waitable_join", nil, ["handle is not a waitable", "handle is not a waitable-set", notAnWaitableSet, unknownHandle]),
  TrapWording("canon_waitable_set_drop", nil, ["handle is not a waitable-set", notAnWaitableSet, unknownHandle]),
  TrapWording("canon_waitable_set_wait", nil, ["handle is not a waitable-set", notAnWaitableSet, unknownHandle]),
  TrapWording("canon_waitable_set_poll", nil, ["handle is not a waitable-set", notAnWaitableSet, unknownHandle]),
  TrapWording("unpack_event", nil, ["pointer out of bounds", "out of bounds memory access"]),
  // Streams and futures.
  TrapWording("stream_copy", "e.state != CopyState.IDLE", [
    concurrentOp, "cannot write to stream after being notified that the readable end dropped",
    "cannot read from stream after being notified that the writable end dropped",
    "cannot write after being notified that the readable end dropped", "cannot read after being notified that the writable end dropped",
  ]),
  TrapWording("future_copy", "e.state != CopyState.IDLE", [
    concurrentOp, "cannot write to future after previous write succeeded", "cannot read from future after previous read succeeded",
    "cannot write to future after previous write succeeded or readable end dropped",
    "cannot write after being notified that the readable end dropped",
  ]),
  TrapWording("cancel_copy", "e.state != CopyState.COPYING or e.has_sync_waiter",
              [concurrentOp, "stream or future read cancelled when no read is pending"]),
  TrapWording("lift_async_value", "e.in_waitable_set()", ["cannot lift stream while it's in a waitable set", "cannot lift future while it's in a waitable set"]),
  TrapWording("lift_async_value", "e.state != CopyState.IDLE", [
    "cannot lift stream after being notified that the writable end dropped", "cannot lift future after previous read succeeded",
    "cannot lift future after being notified that the writable end dropped", "cannot remove busy stream", "cannot remove busy future",
  ]),
  TrapWording("lift_async_value", nil, [
    "handle is not a stream", "handle is not a future", otherStreamType,
    notReadableStream, notReadableFuture, unknownHandle,
  ]),
  TrapWording("SharedStreamImpl.read", nil, ["cannot read from and write to intra-component stream", nonNumericSameInstance]),
  TrapWording("SharedStreamImpl.write", nil, ["cannot read from and write to intra-component stream", nonNumericSameInstance]),
  TrapWording("SharedFutureImpl.read", nil, ["cannot read from and write to intra-component future", nonNumericSameInstance]),
  TrapWording("SharedFutureImpl.write", nil, ["cannot read from and write to intra-component future", nonNumericSameInstance]),
  TrapWording("CopyEnd.drop", nil, ["cannot drop busy stream", "cannot remove busy stream", "cannot drop busy future", "cannot remove busy future"]),
  TrapWording("WritableFutureEnd.drop", nil, ["cannot drop future write end without first writing a value"]),
  // wasmtime checks the copy state before the end's direction (a read of a writable end).
  TrapWording("stream_copy", nil, ["handle is not a stream", otherStreamType, concurrentOp, unknownHandle]),
  TrapWording("future_copy", nil, ["handle is not a future", "handle is a future of a different type", unknownHandle]),
  TrapWording("cancel_copy", nil, [
    "handle is not a stream", "handle is not a future", otherStreamType,
    "handle is a future of a different type", unknownHandle,
  ]),
  TrapWording("drop", nil, [
    "handle is not a stream", "handle is not a future", notReadableStream,
    notReadableFuture, otherStreamType, "handle is a future of a different type",
    unknownHandle,
  ]),
  TrapWording("BufferGuestImpl.__init__", "length > Buffer.MAX_LENGTH", ["stream read/write count too large"]),
  TrapWording("BufferGuestImpl.__init__", "ptr != align_to(ptr, alignment(t, ptr_type))", [unaligned, "read pointer not aligned", "write pointer not aligned"]),
  TrapWording("BufferGuestImpl.__init__", nil, [listOutOfBounds, "list pointer/length out of bounds of memory", "read pointer out of bounds of memory"]),
  // Error contexts.
  TrapWording("canon_error_context_debug_message", nil, ["handle is not an error-context", unknownHandle]),
  TrapWording("canon_error_context_drop", nil, ["handle is not an error-context", unknownHandle]),
  // Threads.
  TrapWording("canon_thread_new_indirect", "f.t != ft", [
    "start function does not match expected type (currently only `(i32) -> ()` is supported)",
  ]),
  TrapWording("canon_thread_resume_later", "not other_thread.suspended()", [cannotResume]),
  TrapWording("canon_thread_suspend_then_resume", "not other_thread.suspended()", [cannotResume]),
  TrapWording("canon_thread_yield_then_resume", "not other_thread.suspended()", [cannotResume]),
]

/// Core traps: the core interpreter's wording (the core suite's) and the other wordings the component
/// suites use for the same trap (wasmtime's).
public let coreTrapWordingTable: [(core: String, wordings: [String])] = [
  ("unreachable", ["wasm `unreachable` instruction executed", "unreachable"]),
  ("out of bounds memory access", ["out of bounds memory access"]),
  ("out of bounds table access", ["undefined element: out of bounds table access", "out of bounds table access"]),
  ("undefined element", ["undefined element"]),
  ("uninitialized element", ["uninitialized element"]),
  ("indirect call type mismatch", ["indirect call type mismatch"]),
  ("integer overflow", ["integer overflow"]),
  ("integer divide by zero", ["integer divide by zero"]),
  ("invalid conversion to integer", ["invalid conversion to integer"]),
  ("call stack exhausted", ["call stack exhausted"]),
]

/// The row deciding a Canonical ABI trap site, if any.
public func trapWording(_ trap: CanonicalABITrap) -> TrapWording? {
  trapWordingTable.first { $0.covers(trap.definition, trap.condition) }
}

/// The texts an `assert_trap` may expect for this error, or nil when it is not a trap.
/// Canonical ABI traps use the table; core traps keep their core wording (plus its row of `coreTrapWordingTable`);
/// a host import's trap is worded by its message; a call that cannot resolve is the event loop's deadlock.
public func acceptedTrapWordings(_ error: Error) -> [String]? {
  switch error {
  case let c as ComponentTrap:
    switch c.site {
    case .canonicalABI(let t): return acceptedTrapWordings(t)
    case .core(let e): return acceptedTrapWordings(e)
    case .host(let m): return [m]
    case .unresolved: return ["deadlock detected: event loop cannot make further progress"]
    case .misuse: return nil
    }
  case let t as CanonicalABITrap:
    return trapWording(t)?.wordings ?? []
  case let e as WasmError where e.kind == .trap || e.kind == .exhaustion:
    let row = coreTrapWordingTable.first { e.message.hasPrefix($0.core) }
    return [e.message] + (row?.wordings ?? [])
  case is CoreWebAssemblyException:
    return trapWording(CanonicalABITrap("call_and_trap_on_throw", "CoreWebAssemblyException"))?.wordings ?? []
  default:
    return nil
  }
}

/// Whether `error` is a trap for the reason `expected` names: the expected text (less wasmtime's
/// `wasm trap: ` prefix) matches one of the site's wordings (with its placeholders) or is a prefix of one
/// (as the core suites match). A trap whose site has no row matches nothing: a trap for the wrong reason.
public func trapMatches(_ error: Error, expected: String) -> Bool {
  guard let wordings = acceptedTrapWordings(error) else { return false }
  var want = expected.trimmingCharacters(in: .whitespaces)
  if want.hasPrefix("wasm trap: ") { want.removeFirst("wasm trap: ".count) }
  return wordings.contains { wordingMatches($0, want) }
}

/// Whether `text` is the wording (`{}` matching one word, `{*}` any non-empty text) or a prefix of its
/// literal start.
func wordingMatches(_ wording: String, _ text: String) -> Bool {
  if text.isEmpty { return false }
  let literalStart = wording.components(separatedBy: "{").first ?? wording
  if literalStart.hasPrefix(text) { return true }
  var pattern = "^"
  var rest = Substring(wording)
  while let open = rest.firstIndex(of: "{") {
    pattern += NSRegularExpression.escapedPattern(for: String(rest[..<open]))
    let tail = rest[open...]
    if tail.hasPrefix("{*}") { pattern += ".+"; rest = tail.dropFirst(3) }
    else if tail.hasPrefix("{}") { pattern += "\\S+"; rest = tail.dropFirst(2) }
    else { pattern += "\\{"; rest = tail.dropFirst() }
  }
  pattern += NSRegularExpression.escapedPattern(for: String(rest)) + "$"
  guard let regex = try? NSRegularExpression(pattern: pattern, options: [.dotMatchesLineSeparators]) else { return false }
  return regex.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)) != nil
}

/// The table as Markdown (Docs/traps.md holds exactly this between its markers).
public func trapWordingMarkdown() -> String {
  func cell(_ s: String?) -> String { s.map { "`\($0.replacingOccurrences(of: "|", with: "\\|"))`" } ?? "any" }
  func words(_ ws: [String]) -> String {
    ws.map { $0.contains("`") ? "`` \($0) ``" : "`\($0)`" }.joined(separator: "<br>")
  }
  var lines = ["| definition | condition | accepted wording |", "| --- | --- | --- |"]
  for r in trapWordingTable { lines.append("| \(cell(r.definition)) | \(cell(r.condition)) | \(words(r.wordings)) |") }
  lines.append("")
  lines.append("| core trap | accepted wording |")
  lines.append("| --- | --- |")
  for r in coreTrapWordingTable { lines.append("| `\(r.core)` | \(words(r.wordings)) |") }
  return lines.joined(separator: "\n") + "\n"
}

/// What the table says a trap is worded as, for failure messages: ` (worded "...")`, or empty.
public func trapWordingHint(_ error: Error) -> String {
  guard let words = acceptedTrapWordings(error), !words.isEmpty else { return " (a site without a wording in Docs/traps.md)" }
  return " (worded " + words.map { "\"\($0)\"" }.joined(separator: " or ") + ")"
}
