// Spec: CanonicalABI.md#stack-switching
// DESIGN.md principle 3: each continuation is backed by its own OS thread (a pthread with an explicit
// stack size, pooled); semaphores stand for the spec's already-acquired locks, so exactly one runs at a time.
// Swift differs: a continuation the spec would simply never resume again holds an OS thread, so a store
// can abandon its suspended continuations (`Store.abandonThreads`): each is resumed one last time and
// unwinds its Swift frames with `ContinuationAbandoned` (Docs/execution.md, "Abandoned continuations").
import Foundation
import WasmCore

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
  /// Set when its store abandoned it: it must never be resumed again.
  /// Swift differs: not in definitions.py, where nothing is torn down.
  var abandoned = false
}

/// The error that unwinds the frames of an abandoned continuation back to its entry (`contNew`), where
/// it ends: nothing else catches it, so no code of the abandoned thread runs past the `block` it was in,
/// except the `defer`s on the way.
/// Swift differs: not in definitions.py (see `Store.abandonThreads`).
public struct ContinuationAbandoned: Error, CustomStringConvertible {
  public var description: String { "the thread was abandoned: its component or store was torn down" }
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
  /// Set for the handler of the last resume of an abandoned continuation: it may only unwind.
  var abandoning = false
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
/// The OS threads in use (running or blocked continuations) are capped at `maxBusy`: past it, or when
/// the OS refuses a thread, `run` throws an exhaustion instead of exhausting the machine.
final class ContinuationWorkers: @unchecked Sendable {
  /// One parked OS thread: it runs a body, then parks until the next one.
  final class Worker: @unchecked Sendable {
    let wake = DispatchSemaphore(value: 0)
    var body: (() -> Void)?
    unowned let pool: ContinuationWorkers
    init(_ pool: ContinuationWorkers) { self.pool = pool }
  }

  static let shared = ContinuationWorkers()
  /// At most this many threads stay parked; more exit when their body ends.
  static let maxIdle = 64
  /// At most this many OS threads run or hold a blocked continuation at once, in the whole process
  /// (a variable for tests of the limit).
  nonisolated(unsafe) static var maxBusy = 1024

  private let lock = NSLock()
  private var idle: [Worker] = []
  private var busyCount = 0

  /// The OS threads currently running or holding a blocked continuation.
  var busy: Int { lock.lock(); defer { lock.unlock() }; return busyCount }

  /// Runs `body` on a parked OS thread, or on a new one (with the continuation stack size).
  func run(_ body: @escaping () -> Void) throws {
    lock.lock()
    guard busyCount < Self.maxBusy else {
      lock.unlock()
      throw WasmError(.exhaustion, "thread limit exhausted: \(Self.maxBusy) threads suspended or running at once")
    }
    busyCount += 1
    let parked = idle.popLast()
    lock.unlock()
    if let parked {
      parked.body = body
      parked.wake.signal()
      return
    }
    let worker = Worker(self)
    worker.body = body
    guard Self.startOSThread(worker) else {
      lock.lock()
      busyCount -= 1
      lock.unlock()
      throw WasmError(.exhaustion, "thread limit exhausted: the system refused a new thread")
    }
  }

  /// A worker's OS thread: run bodies until the pool is full of parked threads.
  fileprivate static func workerLoop(_ worker: Worker) {
    while let b = worker.body {
      worker.body = nil
      b()
      guard worker.pool.park(worker) else { return }
      worker.wake.wait()
    }
  }

  /// Starts a detached OS thread with the continuation stack size running `workerLoop`; false when the
  /// system refuses (EAGAIN).
  private static func startOSThread(_ worker: Worker) -> Bool {
    var attr = pthread_attr_t()
    pthread_attr_init(&attr)
    defer { pthread_attr_destroy(&attr) }
    pthread_attr_setstacksize(&attr, continuationStackSize)
    pthread_attr_setdetachstate(&attr, Int32(PTHREAD_CREATE_DETACHED))
    let arg = Unmanaged.passRetained(worker).toOpaque()
    #if canImport(Darwin)
    var tid: pthread_t? = nil
    #else
    var tid = pthread_t()
    #endif
    guard pthread_create(&tid, &attr, continuationWorkerMain, arg) == 0 else {
      Unmanaged<Worker>.fromOpaque(arg).release()
      return false
    }
    return true
  }

  /// Ends a body: returns the worker to the idle list; false when the list is full (the thread then exits).
  fileprivate func park(_ worker: Worker) -> Bool {
    lock.lock()
    defer { lock.unlock() }
    busyCount -= 1
    guard idle.count < Self.maxIdle else { return false }
    idle.append(worker)
    return true
  }
}

/// The entry of a worker's OS thread (a C function pointer for `pthread_create`).
#if canImport(Darwin)
private func continuationWorkerMain(_ arg: UnsafeMutableRawPointer) -> UnsafeMutableRawPointer? {
  ContinuationWorkers.workerLoop(Unmanaged<ContinuationWorkers.Worker>.fromOpaque(arg).takeRetainedValue())
  return nil
}
#else
private func continuationWorkerMain(_ arg: UnsafeMutableRawPointer?) -> UnsafeMutableRawPointer? {
  guard let arg else { return nil }
  ContinuationWorkers.workerLoop(Unmanaged<ContinuationWorkers.Worker>.fromOpaque(arg).takeRetainedValue())
  return nil
}
#endif

/// The continuations of one store that are blocked (suspended in `block`), with the thread each one is.
/// Swift differs: not in definitions.py; what `Store.abandonThreads` unwinds.
public final class SuspendedContinuations {
  private var entries: [ObjectIdentifier: (cont: Continuation, thread: Thread)] = [:]
  /// How many continuations are blocked.
  public var count: Int { entries.count }
  /// The threads whose continuations are blocked.
  public var threads: [Thread] { entries.values.map(\.thread) }
  func insert(_ cont: Continuation, _ thread: Thread) { entries[ObjectIdentifier(cont)] = (cont, thread) }
  func remove(_ cont: Continuation) { entries[ObjectIdentifier(cont)] = nil }
  func matching(_ p: (Thread) -> Bool) -> [(cont: Continuation, thread: Thread)] { entries.values.filter { p($0.thread) } }
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
  if threadLocalHandler?.abandoning == true { throw ContinuationAbandoned() }
  if cont.abandoned { throw CanonicalABIMisuse("resume: the thread was abandoned (its component or store was torn down)") }
  if let start = cont.start {
    try ContinuationWorkers.shared.run(start)
    cont.start = nil
  }
  let handler = Handler(currentThread)
  cont.handler = handler
  cont.blockResult = blockResult
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
  if handler.abandoning { throw ContinuationAbandoned() }
  let suspended = handler.currentThread.task.inst.store.suspended
  suspended.insert(cont, handler.currentThread)
  handler.cont = cont
  handler.blockArg = switchTo
  handler.lock.signal()
  cont.lock.wait()
  suspended.remove(cont)
  // Swift differs: the resumer has taken `cont`; dropping the link keeps a thread that blocks n times
  // from holding a chain of n handlers and continuations (whose release would recurse n deep).
  handler.cont = nil
  threadLocalHandler = cont.handler
  if cont.abandoned { throw ContinuationAbandoned() }
  return cont.blockResult
}

/// Resumes an abandoned continuation one last time, to unwind; returns once its OS thread is free.
/// Swift differs: not in definitions.py (see `Store.abandonThreads`).
func abandon(_ cont: Continuation, _ thread: Thread) {
  let handler = Handler(thread)
  handler.abandoning = true
  cont.abandoned = true
  cont.handler = handler
  cont.lock.signal()
  handler.lock.wait()
}

extension Store {
  /// Abandons the threads for which `abandons` holds: they leave `waiting` (no tick resumes them) and
  /// each blocked one is resumed one last time to unwind (`ContinuationAbandoned`), one at a time, so its
  /// OS thread returns to the pool. Call it from the host, with no thread running, for threads nothing
  /// can resume any more: those of a component the embedder dropped or that trapped, or all of them
  /// when the store itself is dropped (`tearDown`). A later `resume` of an abandoned thread is an error.
  /// Swift differs: not in definitions.py, whose continuations are garbage-collected Python threads
  /// that a test simply stops resuming; here each blocked one holds an OS thread until it unwinds.
  public func abandonThreads(where abandons: (Thread) -> Bool) {
    for thread in waiting where abandons(thread) { thread.readyFunc = nil }
    waiting.removeAll(where: abandons)
    for (cont, thread) in suspended.matching(abandons) {
      thread.readyFunc = nil
      abandon(cont, thread)
    }
  }

  /// Abandons every thread of the store (`abandonThreads`): the store's end of life.
  public func tearDown() { abandonThreads { _ in true } }
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
