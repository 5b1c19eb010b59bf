// The host imports a component script may use, as component test runners conventionally provide them
// (issue 6; the same names, types and behaviour as the wast runners of other runtimes).
import CanonicalABI
import ComponentModel
import Foundation
import WasmCore

/// A synchronous host function's body: the lifted arguments in, the results to lower out (or a trap).
public typealias HostBody = ([CanonicalABI.Value]) throws -> [CanonicalABI.Value]

/// What a host function body may do while it runs on its own thread: wait for a condition, or yield.
/// Spec: run_tests.py — the `wait_until` argument of a host function (`host_thread.wait_until(rf,
/// cancellable = True)`); Swift adds `yield_`, a wait the store's scheduler always switches at.
public struct HostThread {
  let thread: CanonicalABI.Thread
  /// Blocks the host call until `ready` holds; `.true` when the caller cancelled it meanwhile.
  public func waitUntil(_ ready: @escaping () -> Bool) throws -> Cancelled {
    try thread.waitUntil(ready, cancellable: true)
  }
  /// Lets other threads run once; `.true` when the caller cancelled the call meanwhile.
  public func yield_() throws -> Cancelled { try thread.yield_(true) }
}

/// A host function's body in the spec's host-function shape: the calling instance (nil for the
/// host), `on_start` to receive the arguments, `on_resolve` to hand over the results (nil to
/// acknowledge a cancellation), and the host's own thread to block on.
/// Spec: run_tests.py — `host_func(caller, on_start, on_resolve, wait_until)`
public typealias AsyncHostBody = (_ caller: ComponentInstance?, _ onStart: @escaping OnStart,
                                  _ onResolve: @escaping OnResolve, _ thread: HostThread) throws -> Void

/// Wraps a host body as a component function instance: each call is a fresh Task (of a fresh
/// instance) on its own Thread, resumed at once; a cancellation resumes that thread cancelled.
/// Spec: run_tests.py — def mk_host_func (the shape of a host callee in CanonicalABI.md#tasks)
public func mkHostFunc(_ store: CanonicalABI.Store, _ ft: FuncType, _ hostFunc: @escaping AsyncHostBody) -> FuncInst {
  return { onStart, onResolve, caller in
    final class Slot { var thread: CanonicalABI.Thread? }
    let slot = Slot()
    let inst = ComponentInstance(store)
    inst.hostCallCaller = caller
    let task = CanonicalABI.Task(ft, CanonicalOptions(), inst, onStart, onResolve)
    let hostThread = CanonicalABI.Thread(task) {
      guard let thread = slot.thread else { throw CanonicalABIMisuse("mk_host_func: host thread not set") }
      try hostFunc(caller, onStart, onResolve, HostThread(thread: thread))
    }
    slot.thread = hostThread
    try hostThread.resume()
    return { _ in try hostThread.resume(.true) }
  }
}

/// A synchronous host body in the host-function shape: take the arguments, return at once.
public func mkHostFunc(_ store: CanonicalABI.Store, _ ft: FuncType, _ body: @escaping HostBody) -> FuncInst {
  mkHostFunc(store, ft) { _, onStart, onResolve, _ in try onResolve(try body(try onStart())) }
}

/// What the host's resource1 destructor observed, per run (never global).
public final class HostResourceState {
  /// How many resource1 values the host destructor dropped.
  public var drops: UInt32 = 0
  /// The rep of the last resource1 value dropped.
  public var lastDrop: UInt32 = 0
  public init() {}
}

/// A trap of a host import that refuses its arguments (`[static]resource1.assert` with another rep).
func hostTrap(_ function: String, _ message: String) -> ComponentTrap {
  ComponentTrap(.host("\(function): \(message)"))
}

/// The host imports of one run: the definitions and the state their functions share.
/// `resource1-again` is the same resource type as `resource1`.
public final class HostImports {
  public let store: CanonicalABI.Store
  /// The component instance that implements the host's resource types (their destructors run "in" it).
  public let hostInstance: ComponentInstance
  public let state: HostResourceState
  public let resource1: ResourceType
  public let resource2: ResourceType
  /// The top-level definitions, in order: `host-return-two`, `host-echo-u32`, `host`, `wasmtime`.
  public private(set) var root: [(name: String, value: ComponentExtern)] = []
  /// The top-level definitions by name, as instantiation takes its imports.
  public var imports: [String: ComponentExtern] { Dictionary(root.map { ($0.name, $0.value) }, uniquingKeysWith: { a, _ in a }) }

  /// The text of the core module `host.simple-module`.
  public static let simpleModuleText = """
    (module
      (global (export "g") i32 (i32.const 100))
      (func (export "f") (result i32) (i32.const 101)))
    """

  /// The host imports of a run of `runtime`: its store; its host instance implements the resource types.
  public init(runtime: ComponentRuntime) throws {
    store = runtime.store
    hostInstance = runtime.hostInstance
    let state = HostResourceState()
    self.state = state
    // resource1's destructor counts drops and records the last rep; resource2's does nothing.
    resource1 = runtime.hostResource("resource1") { rep in
      state.drops &+= 1
      state.lastDrop = rep
    }
    resource2 = runtime.hostResource("resource2") { _ in }
    root = [
      ("host-return-two", hostFunction("host-return-two", [], [.u32]) { _ in [.u32(2)] }),
      ("host-echo-u32", asyncHostFunction("host-echo-u32", [("v", .u32)], [.u32]) { _, onStart, onResolve, _ in
        try onResolve(try onStart())
      }),
      ("host", .instance(ComponentInstanceValue(exports: try hostInstanceExports()))),
      ("wasmtime", .instance(ComponentInstanceValue(exports: wasmtimeBuiltins()))),
    ]
  }

  /// The `wasmtime` instance wasmtime's `wast` gives its own test scripts (`register_wasmtime`):
  /// `gc` (nothing to collect here: a no-op) and `set-max-table-capacity`, which caps wasmtime's own
  /// host-side resource table. The spec has no such table, so that one traps, saying so.
  func wasmtimeBuiltins() -> [(name: String, value: ComponentExtern)] {
    [
      ("gc", hostFunction("gc", [], []) { _ in [] }),
      ("set-max-table-capacity", hostFunction("set-max-table-capacity", [("capacity", .u32)], []) { _ in
        throw hostTrap("wasmtime.set-max-table-capacity",
                       "not supported: it caps wasmtime's host-side resource table, which the spec does not have")
      }),
    ]
  }

  /// A host function of the given type.
  func hostFunction(_ name: String, _ params: [(String, CanonicalABI.ValType)], _ results: [CanonicalABI.ValType], _ body: @escaping HostBody) -> ComponentExtern {
    let ft = FuncType(named: params, results)
    return .function(ComponentFunc(type: ft, name: name, mkHostFunc(store, ft, body)))
  }

  /// A host function of the given `async` type, in the host-function shape.
  func asyncHostFunction(_ name: String, _ params: [(String, CanonicalABI.ValType)], _ results: [CanonicalABI.ValType], _ body: @escaping AsyncHostBody) -> ComponentExtern {
    let ft = FuncType(named: params, results, async_: true)
    return .function(ComponentFunc(type: ft, name: name, mkHostFunc(store, ft, body)))
  }

  /// `async func(...)` that takes its arguments and never resolves (unless the caller cancels it,
  /// which it acknowledges).
  func neverReturn(_ name: String, _ params: [(String, CanonicalABI.ValType)]) -> ComponentExtern {
    asyncHostFunction(name, params, []) { _, onStart, onResolve, thread in
      _ = try onStart()
      if try thread.waitUntil({ false }).bool { try onResolve(nil) }
    }
  }

  /// `async func(...) -> t` that takes its arguments, yields once, then returns `result(args)`
  /// (or acknowledges a cancellation that arrived meanwhile).
  func slowly(_ name: String, _ params: [(String, CanonicalABI.ValType)], _ t: CanonicalABI.ValType, _ result: @escaping ([CanonicalABI.Value]) -> [CanonicalABI.Value]) -> ComponentExtern {
    asyncHostFunction(name, params, [t]) { _, onStart, onResolve, thread in
      let args = try onStart()
      if try thread.yield_().bool { try onResolve(nil); return }
      try onResolve(result(args))
    }
  }

  /// The exports of the instance `host`.
  func hostInstanceExports() throws -> [(name: String, value: ComponentExtern)] {
    let r1 = resource1
    let state = state
    let module = try parseModule(HostImports.simpleModuleText)
    return [
      ("return-three", hostFunction("return-three", [], [.u32]) { _ in [.u32(3)] }),
      ("nested", .instance(ComponentInstanceValue(exports: [
        ("return-four", hostFunction("return-four", [], [.u32]) { _ in [.u32(4)] }),
      ]))),
      ("simple-module", .coreModule(module)),
      ("resource1", .type(.resource(r1))),
      ("resource2", .type(.resource(resource2))),
      ("resource1-again", .type(.resource(r1))),
      ("[constructor]resource1", hostFunction("[constructor]resource1", [("rep", .u32)], [.own(r1)]) { args in
        let rep = try u32Arg(args, 0, "[constructor]resource1")
        return [.handle(rep)]
      }),
      ("[static]resource1.assert", hostFunction("[static]resource1.assert", [("r", .own(r1)), ("rep", .u32)], []) { args in
        let have = try handleArg(args, 0, "[static]resource1.assert")
        let want = try u32Arg(args, 1, "[static]resource1.assert")
        guard have == want else { throw hostTrap("[static]resource1.assert", "rep \(have) is not \(want)") }
        return []
      }),
      ("[static]resource1.last-drop", hostFunction("[static]resource1.last-drop", [], [.u32]) { _ in [.u32(state.lastDrop)] }),
      ("[static]resource1.drops", hostFunction("[static]resource1.drops", [], [.u32]) { _ in [.u32(state.drops)] }),
      ("[method]resource1.simple", hostFunction("[method]resource1.simple", [("self", .borrow(r1)), ("rep", .u32)], []) { args in
        let have = try handleArg(args, 0, "[method]resource1.simple")
        let want = try u32Arg(args, 1, "[method]resource1.simple")
        guard have == want else { throw hostTrap("[method]resource1.simple", "rep \(have) is not \(want)") }
        return []
      }),
      ("[method]resource1.take-borrow", hostFunction("[method]resource1.take-borrow", [("self", .borrow(r1)), ("b", .borrow(r1))], []) { args in
        _ = try handleArg(args, 0, "[method]resource1.take-borrow")
        _ = try handleArg(args, 1, "[method]resource1.take-borrow")
        return []
      }),
      ("[method]resource1.take-own", hostFunction("[method]resource1.take-own", [("self", .borrow(r1)), ("b", .own(r1))], []) { args in
        _ = try handleArg(args, 0, "[method]resource1.take-own")
        _ = try handleArg(args, 1, "[method]resource1.take-own")
        return []
      }),
      ("return-hi", hostFunction("return-hi", [], [.string]) { _ in [.str("hi")] }),
      ("never-return", neverReturn("never-return", [])),
      ("[method]resource1.never-return", neverReturn("[method]resource1.never-return", [("self", .borrow(r1))])),
      // wasmtime's wast runner types return-two-slowly's result s32 (scripts import it so).
      ("return-two-slowly", slowly("return-two-slowly", [], .s32) { _ in [.s32(2)] }),
      ("echo-slowly", slowly("echo-slowly", [("v", .u32)], .u32) { $0 }),
    ]
  }

  /// The definition at a path of export names (`["host", "nested", "return-four"]`), if the host has it.
  public func lookup(_ path: [String]) -> ComponentExtern? {
    var exports = root
    var found: ComponentExtern?
    for (i, name) in path.enumerated() {
      guard let e = exports.first(where: { $0.name == name })?.value else { return nil }
      found = e
      if i < path.count - 1 {
        guard case .instance(let inner) = e else { return nil }
        exports = inner.exports
      }
    }
    return found
  }
}

/// The `n`th argument as a u32 (a misuse, not a trap, if canon_lower handed over something else).
private func u32Arg(_ args: [CanonicalABI.Value], _ n: Int, _ f: String) throws -> UInt32 {
  guard n < args.count, case .u32(let x) = args[n] else { throw CanonicalABIMisuse("\(f): argument \(n) is not a u32") }
  return x
}

/// The rep of the `n`th argument, an own or borrow handle.
private func handleArg(_ args: [CanonicalABI.Value], _ n: Int, _ f: String) throws -> UInt32 {
  guard n < args.count, case .handle(let rep) = args[n] else { throw CanonicalABIMisuse("\(f): argument \(n) is not a handle") }
  return rep
}
