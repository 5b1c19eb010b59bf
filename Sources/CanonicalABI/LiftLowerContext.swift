// Spec: CanonicalABI.md#lifting-and-lowering-context
import Foundation

/// What lifting and lowering need: options, the instance, and the borrow scope (a Task or a Subtask).
/// Spec: CanonicalABI.md#lifting-and-lowering-context — class LiftLowerContext
public final class LiftLowerContext {
  public let opts: LiftLowerOptions
  public let inst: ComponentInstance
  public let borrowScope: AnyObject?

  /// Reports entering `definition` to the store's trace hook, if one is set (the text is built only then).
  @inline(__always) func trace(_ definition: @autoclosure () -> String) {
    if let t = inst.store.trace { t(definition()) }
  }

  /// Spec: CanonicalABI.md#lifting-and-lowering-context — def LiftLowerContext.__init__
  public init(_ opts: LiftLowerOptions, _ inst: ComponentInstance, _ borrowScope: AnyObject? = nil) {
    self.opts = opts
    self.inst = inst
    self.borrowScope = borrowScope
  }

  /// `cx.opts.memory`, or a misuse error when the options have none.
  @inline(__always) var memory: ABIMemory {
    get throws {
      guard let m = opts.memory else { throw CanonicalABIMisuse("no memory in the canonical options") }
      return m
    }
  }
  /// `cx.opts.memory.ptr_type()`.
  @inline(__always) var ptrType: CoreValType { opts.ptrType }

  /// `FuncType([ptrt, ptrt, ptrt, ptrt], [ptrt], async_ = False)` for each address type (built once).
  static let reallocFt32 = FuncType([.u32, .u32, .u32, .u32], [.u32], async_: false)
  static let reallocFt64 = FuncType([.u64, .u64, .u64, .u64], [.u64], async_: false)

  /// Calls the guest's `realloc` (as a synchronous lifted call, with `may_leave` cleared).
  /// Spec: CanonicalABI.md#lifting-and-lowering-context — def LiftLowerContext.reallocate
  public func reallocate(_ old: UInt64, _ oldByteLength: UInt64, _ alignment: UInt64, _ newByteLength: UInt64) throws -> UInt64 {
    guard let realloc = opts.realloc else { throw CanonicalABIMisuse("no realloc in the canonical options") }
    trace("LiftLowerContext.reallocate(\(old), \(oldByteLength), \(alignment), \(newByteLength))")
    assert(inst.mayLeave)
    inst.mayLeave = false
    let ptrt: ValType = ptrType == .i32 ? .u32 : .u64
    let ft = ptrType == .i32 ? LiftLowerContext.reallocFt32 : LiftLowerContext.reallocFt64
    let opts = CanonicalOptions(async_: false)
    let mk: (UInt64) -> Value = { ptrt == .u32 ? .u32(UInt32(truncatingIfNeeded: $0)) : .u64($0) }
    let onStart: OnStart = { [mk(old), mk(oldByteLength), mk(alignment), mk(newByteLength)] }
    var ptr: UInt64? = nil
    let onResolve: OnResolve = { result in
      switch result?.first {
      case .u32(let p)?: ptr = UInt64(p)
      case .u64(let p)?: ptr = p
      default: break
      }
    }
    if inst.store.inlineRealloc {
      let p = try reallocInline(realloc, ptrType, old, oldByteLength, alignment, newByteLength)
      inst.mayLeave = true
      return p
    } else {
      _ = try canonLift(realloc, ft, opts, inst, onStart, onResolve)
    }
    guard let p = ptr else { throw CanonicalABIMisuse("realloc returned no pointer") }
    inst.mayLeave = true
    return p
  }

  /// The fast path of `reallocate`'s `canon_lift`: the synchronous branch of `thread_func` for the fixed
  /// signature (ptr, ptr, ptr, ptr) -> ptr, run inline with a fresh Task and Thread that `current_thread()`
  /// reports, registered in (and removed from) `inst.threads` as the literal path does.
  /// Swift differs: no continuation switch and no boxing of the four integer arguments (they lower to
  /// themselves); tests compare it with the literal path.
  func reallocInline(_ realloc: @escaping CoreFuncInst, _ ptrType: CoreValType, _ old: UInt64, _ oldByteLength: UInt64,
                     _ alignment: UInt64, _ newByteLength: UInt64) throws -> UInt64 {
    let ft = ptrType == .i32 ? LiftLowerContext.reallocFt32 : LiftLowerContext.reallocFt64
    let task = Task(ft, LiftLowerContext.reallocOpts, inst, { [] }, { _ in })
    let thread = Thread(inlineRunning: task)
    let handler = Handler(thread)
    handler.inline = true
    let saved = threadLocalHandler
    threadLocalHandler = handler
    defer { threadLocalHandler = saved }
    task.implicitThread = thread
    try task.registerThread(thread)
    task.state = .started
    let args = [ptrValue(old, ptrType), ptrValue(oldByteLength, ptrType), ptrValue(alignment, ptrType), ptrValue(newByteLength, ptrType)]
    let results = try callAndTrapOnThrow(realloc, args)
    guard results.count == 1, results[0].type == ptrType else {
      throw CanonicalABIMisuse("canon_lift: callee results \(results) do not match [\(ptrType)]")
    }
    let p = try results[0].int()
    task.state = .resolved
    try task.unregisterThread(thread)
    return p
  }
  static let reallocOpts = CanonicalOptions(async_: false)

  /// Spec: CanonicalABI.md#lifting-and-lowering-context — def LiftLowerContext.allocate
  public func allocate(_ alignment: UInt64, _ byteLength: UInt64) throws -> UInt64 {
    try reallocate(0, 0, alignment, byteLength)
  }
}
