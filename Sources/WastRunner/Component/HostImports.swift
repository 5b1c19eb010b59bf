// The host imports a component script may use, as component test runners conventionally provide them
// (issue 6; the same names, types and behaviour as the wast runners of other runtimes).
import CanonicalABI
import Foundation
import WasmCore

/// A host function: calls the host with the lifted arguments and resolves with the results to lower.
/// Swift differs: run_tests.py's host functions take `(caller, on_start, on_resolve, wait_until)`;
/// a synchronous host import never waits, so the body maps arguments to results and may throw a trap.
public typealias HostBody = ([CanonicalABI.Value]) throws -> [CanonicalABI.Value]

/// Wraps a host body as a component function instance: a fresh Task on its own Thread receives the
/// arguments through `on_start` and hands the results to `on_resolve`.
/// Spec: run_tests.py — def mk_host_func (the shape of a host callee in CanonicalABI.md#tasks)
public func mkHostFunc(_ store: CanonicalABI.Store, _ ft: FuncType, _ body: @escaping HostBody) -> FuncInst {
  return { onStart, onResolve, _ in
    let inst = ComponentInstance(store)
    let task = CanonicalABI.Task(ft, CanonicalOptions(), inst, onStart, onResolve)
    let hostThread = CanonicalABI.Thread(task) {
      let args = try onStart()
      try onResolve(try body(args))
    }
    try hostThread.resume()
    return { _ in try hostThread.resume(.true) }
  }
}

/// A host trap: a host import refused its arguments (not a Canonical ABI site).
public struct HostTrap: Error, CustomStringConvertible, Equatable {
  /// The host import that trapped (`[static]resource1.assert`).
  public var function: String
  public var message: String
  public init(_ function: String, _ message: String) { self.function = function; self.message = message }
  public var description: String { "trap: host \(function): \(message)" }
}

/// What the host's resource1 destructor observed, per store (never global).
public final class HostResourceState {
  /// How many resource1 values the host destructor dropped.
  public var drops: UInt32 = 0
  /// The rep of the last resource1 value dropped.
  public var lastDrop: UInt32 = 0
  public init() {}
}

/// One host-provided definition, by sort.
public indirect enum HostExtern {
  /// A component function: its type (parameter names as the host writes them) and its instance.
  case function(FuncType, FuncInst)
  /// An instance: its exports in order.
  case instance([(name: String, value: HostExtern)])
  /// A core module (not instantiated: the importer instantiates it).
  case coreModule(WasmCore.Module)
  /// A resource type.
  case resourceType(ResourceType)
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
  /// The top-level definitions, in order: `host-return-two`, `host`.
  public private(set) var root: [(name: String, value: HostExtern)] = []

  /// The text of the core module `host.simple-module`.
  public static let simpleModuleText = """
    (module
      (global (export "g") i32 (i32.const 100))
      (func (export "f") (result i32) (i32.const 101)))
    """

  public init(store: CanonicalABI.Store) throws {
    self.store = store
    let hostInstance = ComponentInstance(store)
    self.hostInstance = hostInstance
    let state = HostResourceState()
    self.state = state
    // resource1's destructor counts drops and records the last rep.
    let dtor1: CoreFuncInst = { args in
      guard args.count == 1, case .i32(let rep) = args[0] else {
        throw CanonicalABIMisuse("resource1 destructor: expected one i32, got \(args)")
      }
      state.drops &+= 1
      state.lastDrop = rep
      return []
    }
    resource1 = ResourceType(hostInstance, dtor1, name: "resource1")
    resource2 = ResourceType(hostInstance, { _ in [] }, name: "resource2")
    root = [
      ("host-return-two", hostFunction([], [.u32]) { _ in [.u32(2)] }),
      ("host", .instance(try hostInstanceExports())),
    ]
  }

  /// A host function of the given type.
  func hostFunction(_ params: [(String, ValType)], _ results: [ValType], _ body: @escaping HostBody) -> HostExtern {
    let ft = FuncType(named: params, results)
    return .function(ft, mkHostFunc(store, ft, body))
  }

  /// The exports of the instance `host`.
  func hostInstanceExports() throws -> [(name: String, value: HostExtern)] {
    let r1 = resource1
    let state = state
    let module = try parseModule(HostImports.simpleModuleText)
    return [
      ("return-three", hostFunction([], [.u32]) { _ in [.u32(3)] }),
      ("nested", .instance([("return-four", hostFunction([], [.u32]) { _ in [.u32(4)] })])),
      ("simple-module", .coreModule(module)),
      ("resource1", .resourceType(r1)),
      ("resource2", .resourceType(resource2)),
      ("resource1-again", .resourceType(r1)),
      ("[constructor]resource1", hostFunction([("rep", .u32)], [.own(r1)]) { args in
        let rep = try u32Arg(args, 0, "[constructor]resource1")
        return [.handle(rep)]
      }),
      ("[static]resource1.assert", hostFunction([("r", .own(r1)), ("rep", .u32)], []) { args in
        let have = try handleArg(args, 0, "[static]resource1.assert")
        let want = try u32Arg(args, 1, "[static]resource1.assert")
        guard have == want else { throw HostTrap("[static]resource1.assert", "rep \(have) is not \(want)") }
        return []
      }),
      ("[static]resource1.last-drop", hostFunction([], [.u32]) { _ in [.u32(state.lastDrop)] }),
      ("[static]resource1.drops", hostFunction([], [.u32]) { _ in [.u32(state.drops)] }),
      ("[method]resource1.simple", hostFunction([("self", .borrow(r1)), ("rep", .u32)], []) { args in
        let have = try handleArg(args, 0, "[method]resource1.simple")
        let want = try u32Arg(args, 1, "[method]resource1.simple")
        guard have == want else { throw HostTrap("[method]resource1.simple", "rep \(have) is not \(want)") }
        return []
      }),
      ("[method]resource1.take-borrow", hostFunction([("self", .borrow(r1)), ("b", .borrow(r1))], []) { args in
        _ = try handleArg(args, 0, "[method]resource1.take-borrow")
        _ = try handleArg(args, 1, "[method]resource1.take-borrow")
        return []
      }),
      ("[method]resource1.take-own", hostFunction([("self", .borrow(r1)), ("b", .own(r1))], []) { args in
        _ = try handleArg(args, 0, "[method]resource1.take-own")
        _ = try handleArg(args, 1, "[method]resource1.take-own")
        return []
      }),
      ("return-hi", hostFunction([], [.string]) { _ in [.str("hi")] }),
    ]
  }

  /// The definition at a path of export names (`["host", "nested", "return-four"]`), if the host has it.
  public func lookup(_ path: [String]) -> HostExtern? {
    var exports = root
    var found: HostExtern?
    for (i, name) in path.enumerated() {
      guard let e = exports.first(where: { $0.name == name })?.value else { return nil }
      found = e
      if i < path.count - 1 {
        guard case .instance(let inner) = e else { return nil }
        exports = inner
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
