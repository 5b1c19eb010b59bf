// Spec: CanonicalABI.md#stack-switching
// DESIGN.md principle 3: each continuation is backed by its own OS thread (Foundation.Thread with an explicit
// stack size); semaphores stand for the spec's already-acquired locks, so exactly one runs at a time.
import Foundation

/// Whether a blocked thread was resumed by cancellation.
/// Spec: CanonicalABI.md#stack-switching — class Cancelled
public enum Cancelled: UInt32 {
  case `false` = 0
  case `true` = 1
  public var bool: Bool { self == .true }
}

/// A suspended computation that `resume` can continue.
/// Spec: CanonicalABI.md#stack-switching — class Continuation
final class Continuation {
  let lock = newAlreadyAcquiredLock()
  var handler: Handler?
  var blockResult: Cancelled = .false
  /// The body, until the first `resume` starts it on an OS thread.
  /// Swift differs: the OS thread is taken at the first resume, so a continuation never resumed costs none.
  var start: (() -> Void)?
}

/// The resumer's side of a `resume`: where the resumed continuation reports back.
/// Spec: CanonicalABI.md#stack-switching — class Handler
/// Swift differs: `error` carries a trap thrown inside the continuation back to the resumer.
final class Handler {
  let lock = newAlreadyAcquiredLock()
  let currentThread: Thread
  var cont: Continuation?
  var blockArg: Thread?
  var error: Error?
  /// Set for the handler of an inline (non-blocking) call, which has no resumer to switch back to.
  var inline = false
  init(_ currentThread: Thread) { self.currentThread = currentThread }
}

/// The stack size of each continuation's OS thread.
public let continuationStackSize = 16 << 20

/// The per-OS-thread slot holding the running continuation's handler (a pthread key; the slot owns one retain).
private let handlerKey: pthread_key_t = {
  var key = pthread_key_t()
  pthread_key_create(&key, nil)
  return key
}()

/// The handler of the continuation running on this OS thread.
/// Spec: CanonicalABI.md#stack-switching — thread_local_handler
/// Swift differs: a pthread-specific slot (Foundation's threadDictionary was measurably slower).
var threadLocalHandler: Handler? {
  get {
    guard let p = pthread_getspecific(handlerKey) else { return nil }
    return Unmanaged<Handler>.fromOpaque(p).takeUnretainedValue()
  }
  set {
    let old = pthread_getspecific(handlerKey)
    pthread_setspecific(handlerKey, newValue.map { Unmanaged.passRetained($0).toOpaque() })
    if let old { Unmanaged<Handler>.fromOpaque(old).release() }
  }
}

/// Spec: CanonicalABI.md#stack-switching — def new_already_acquired_lock
func newAlreadyAcquiredLock() -> DispatchSemaphore { DispatchSemaphore(value: 0) }

/// OS threads parked for reuse by continuations (DESIGN.md principle 3: "parked threads may be pooled").
/// Swift differs: Python starts a `threading.Thread` per continuation; starting an OS thread costs
/// ~100 µs, a hand-off to a parked one ~5 µs, and every component call makes a continuation.
final class ContinuationWorkers: @unchecked Sendable {
  /// One parked OS thread: it runs a body, then parks until the next one.
  final class Worker: @unchecked Sendable {
    let wake = DispatchSemaphore(value: 0)
    var body: (() -> Void)?
  }

  static let shared = ContinuationWorkers()
  /// At most this many threads stay parked; more exit when their body ends.
  static let maxIdle = 64

  private let lock = NSLock()
  private var idle: [Worker] = []

  /// Runs `body` on a parked OS thread, or on a new one (with the continuation stack size).
  func run(_ body: @escaping () -> Void) {
    lock.lock()
    let parked = idle.popLast()
    lock.unlock()
    if let parked {
      parked.body = body
      parked.wake.signal()
      return
    }
    let worker = Worker()
    worker.body = body
    let osThread = Foundation.Thread {
      while let b = worker.body {
        worker.body = nil
        b()
        guard self.park(worker) else { return }
        worker.wake.wait()
      }
    }
    osThread.stackSize = continuationStackSize
    osThread.start()
  }

  /// Returns a worker to the idle list; false when the list is full (the thread then exits).
  private func park(_ worker: Worker) -> Bool {
    lock.lock()
    defer { lock.unlock() }
    guard idle.count < Self.maxIdle else { return false }
    idle.append(worker)
    return true
  }
}

/// Creates a continuation that runs `f` when first resumed.
/// Spec: CanonicalABI.md#stack-switching — def cont_new
func contNew(_ f: @escaping (Cancelled) throws -> Thread?) -> Continuation {
  let cont = Continuation()
  cont.start = { [weak cont] in
    guard let cont else { return }
    cont.lock.wait()
    threadLocalHandler = cont.handler
    var blockArg: Thread? = nil
    var failure: Error? = nil
    do { blockArg = try f(cont.blockResult) } catch { failure = error }
    guard let handler = threadLocalHandler else { return }
    handler.cont = nil
    handler.blockArg = blockArg
    handler.error = failure
    threadLocalHandler = nil
    handler.lock.signal()
  }
  return cont
}

/// Runs `cont` until it blocks or finishes; returns its continuation (nil when done) and the thread to switch to.
/// Spec: CanonicalABI.md#stack-switching — def resume
/// Swift differs: a trap inside the continuation is rethrown here, to the resumer.
func resume(_ cont: Continuation, _ blockResult: Cancelled, _ currentThread: Thread) throws -> (Continuation?, Thread?) {
  let handler = Handler(currentThread)
  cont.handler = handler
  cont.blockResult = blockResult
  if let start = cont.start {
    cont.start = nil
    ContinuationWorkers.shared.run(start)
  }
  cont.lock.signal()
  handler.lock.wait()
  if let e = handler.error { throw e }
  return (handler.cont, handler.blockArg)
}

/// Suspends the running continuation, handing control back to its resumer (which switches to `switchTo`).
/// Spec: CanonicalABI.md#stack-switching — def block
func block(_ switchTo: Thread?) throws -> Cancelled {
  let cont = Continuation()
  guard let handler = threadLocalHandler else { throw CanonicalABIMisuse("block: not inside a continuation") }
  if handler.inline { throw CanonicalABIMisuse("block: an inline synchronous call cannot block") }
  handler.cont = cont
  handler.blockArg = switchTo
  handler.lock.signal()
  cont.lock.wait()
  threadLocalHandler = cont.handler
  return cont.blockResult
}

/// The component-model thread running on this OS thread.
/// Spec: CanonicalABI.md#stack-switching — def current_thread
public func currentThread() throws -> Thread {
  guard let h = threadLocalHandler else { throw CanonicalABIMisuse("current_thread: no thread is running") }
  return h.currentThread
}

/// Spec: CanonicalABI.md#stack-switching — def current_task
public func currentTask() throws -> Task { try currentThread().task }

/// Spec: CanonicalABI.md#stack-switching — def current_instance
public func currentInstance() throws -> ComponentInstance { try currentTask().inst }
