// Each host import, called from a guest through the Canonical ABI (store.lift of a guest core function that
// calls store.lower of the host function), as run_tests.py calls its host functions.
import CanonicalABI
import ComponentModel
import WasmCore
@testable import WastRunner
import XCTest

final class HostImportsTests: XCTestCase {
  /// A guest instance and a way to run core code inside a synchronous lifted call of it.
  final class Guest {
    let store: CanonicalABI.Store
    let host: HostImports
    let inst: ComponentInstance
    let memory = MemInst([UInt8](repeating: 0, count: 256))
    var next: UInt64 = 64
    init() throws {
      let runtime = ComponentRuntime()
      store = runtime.store
      host = try HostImports(runtime: runtime)
      inst = ComponentInstance(store)
    }
    /// Options with this guest's memory and a bump realloc.
    var opts: CanonicalOptions {
      CanonicalOptions(memory: memory, realloc: { [unowned self] args in
        let a = try args.map { v -> UInt64 in guard case .i32(let x) = v else { throw CanonicalABIMisuse("i32") }; return UInt64(x) }
        let p = (self.next + a[2] - 1) / a[2] * a[2]
        self.next = p + a[3]
        return [.i32(UInt32(p))]
      })
    }
    /// The host function at a path under `host` (or top-level), with its type.
    func function(_ path: String...) throws -> (FuncType, FuncInst) { try function(path) }
    func function(_ path: [String]) throws -> (FuncType, FuncInst) {
      guard case .function(let f)? = host.lookup(path) else { throw CanonicalABIMisuse("no host function \(path)") }
      return (f.type, f.call)
    }
    /// Runs `body` as the core code of a synchronous export of the guest.
    func run(_ body: @escaping () throws -> Void) throws {
      let ft = FuncType([], [])
      let f = store.lift({ _ in try body(); return [] }, ft, CanonicalOptions(), inst)
      var resolved = false
      _ = try store.invoke(f, { [] }, { _ in resolved = true })
      XCTAssertTrue(resolved)
    }
    /// Calls a host function from inside `run`, as a lowered import.
    func call(_ path: String..., args: [CoreValue] = []) throws -> [CoreValue] {
      let (ft, f) = try function(path)
      return try store.lower(f, ft, opts, inst)(args)
    }
    /// The resource handle at index `i` of the guest's table.
    func handle(_ i: CoreValue) throws -> ResourceHandle {
      guard case .i32(let x) = i, let h = try inst.handles.get(x) as? ResourceHandle else { throw CanonicalABIMisuse("no handle") }
      return h
    }
  }

  func testNumberReturningFunctions() throws {
    let g = try Guest()
    try g.run {
      XCTAssertEqual(try g.call("host-return-two"), [.i32(2)])
      XCTAssertEqual(try g.call("host", "return-three"), [.i32(3)])
      XCTAssertEqual(try g.call("host", "nested", "return-four"), [.i32(4)])
    }
    XCTAssertEqual(try g.function("host-return-two").0, FuncType(named: [], [.u32]))
  }

  func testWasmtimeBuiltins() throws {
    let g = try Guest()
    try g.run { XCTAssertEqual(try g.call("wasmtime", "gc"), []) }
    XCTAssertThrowsError(try g.run { _ = try g.call("wasmtime", "set-max-table-capacity", args: [.i32(4)]) }) { error in
      XCTAssertTrue("\(error)".contains("wasmtime.set-max-table-capacity: not supported"), "\(error)")
    }
    XCTAssertEqual(try g.function("wasmtime", "set-max-table-capacity").0, FuncType(named: [("capacity", .u32)], []))
  }

  func testReturnHiLowersAStringIntoTheCallersMemory() throws {
    let g = try Guest()
    try g.run {
      // One string result flattens to two i32s, more than MAX_FLAT_RESULTS: the caller passes a return pointer.
      XCTAssertEqual(try g.call("host", "return-hi", args: [.i32(8)]), [])
    }
    let ptr = Int(g.memory.bytes[8]) | Int(g.memory.bytes[9]) << 8
    let len = Int(g.memory.bytes[12])
    XCTAssertEqual(len, 2)
    XCTAssertEqual(String(decoding: g.memory.bytes[ptr..<ptr + len], as: UTF8.self), "hi")
  }

  func testConstructorMakesAnOwnedResource1WithTheRep() throws {
    let g = try Guest()
    try g.run {
      let i = try g.call("host", "[constructor]resource1", args: [.i32(42)])
      XCTAssertEqual(i.count, 1)
      let h = try g.handle(i[0])
      XCTAssertEqual(h.rep, 42)
      XCTAssertTrue(h.own)
      XCTAssertTrue(h.rt === g.host.resource1)
    }
  }

  func testAssertTakesOwnershipAndTrapsOnAnotherRep() throws {
    let g = try Guest()
    try g.run {
      let i = try g.call("host", "[constructor]resource1", args: [.i32(7)])[0]
      XCTAssertEqual(try g.call("host", "[static]resource1.assert", args: [i, .i32(7)]), [])
      // The handle moved to the host: the index is gone from the guest's table.
      XCTAssertThrowsError(try g.handle(i)) { XCTAssertEqual(($0 as? CanonicalABITrap)?.definition, "Table.get") }
      // Ownership moving to the host does not run the destructor.
      XCTAssertEqual(try g.call("host", "[static]resource1.drops"), [.i32(0)])
      let j = try g.call("host", "[constructor]resource1", args: [.i32(8)])[0]
      XCTAssertThrowsError(try g.call("host", "[static]resource1.assert", args: [j, .i32(9)])) {
        XCTAssertTrue("\($0)".contains("[static]resource1.assert"), "\($0)")
      }
    }
  }

  func testDestructorCountsDropsAndRecordsTheLastRep() throws {
    let g = try Guest()
    try g.run {
      XCTAssertEqual(try g.call("host", "[static]resource1.drops"), [.i32(0)])
      for rep: UInt32 in [3, 5] {
        let i = try g.call("host", "[constructor]resource1", args: [.i32(rep)])[0]
        guard case .i32(let x) = i else { return XCTFail("not an index") }
        _ = try canonResourceDrop(g.host.resource1, x)
      }
      XCTAssertEqual(try g.call("host", "[static]resource1.drops"), [.i32(2)])
      XCTAssertEqual(try g.call("host", "[static]resource1.last-drop"), [.i32(5)])
    }
    // Another run (another store) starts from zero: the state is per store, not global.
    let other = try Guest()
    try other.run { XCTAssertEqual(try other.call("host", "[static]resource1.drops"), [.i32(0)]) }
    XCTAssertEqual(g.host.state.drops, 2)
  }

  func testMethodsTakeBorrowsAndOwns() throws {
    let g = try Guest()
    try g.run {
      let a = try g.call("host", "[constructor]resource1", args: [.i32(11)])[0]
      let b = try g.call("host", "[constructor]resource1", args: [.i32(12)])[0]
      XCTAssertEqual(try g.call("host", "[method]resource1.simple", args: [a, .i32(11)]), [])
      XCTAssertEqual(try g.call("host", "[method]resource1.take-borrow", args: [a, b]), [])
      // Borrows end with the call: both handles are still the guest's, with no lends outstanding.
      XCTAssertEqual(try g.handle(a).numLends, 0)
      XCTAssertEqual(try g.handle(b).rep, 12)
      XCTAssertEqual(try g.call("host", "[method]resource1.take-own", args: [a, b]), [])
      XCTAssertEqual(try g.handle(a).rep, 11)
      XCTAssertThrowsError(try g.handle(b))
      // A trap ends the call (and leaves the lend in place, as the spec's trap leaves the instance).
      XCTAssertThrowsError(try g.call("host", "[method]resource1.simple", args: [a, .i32(12)])) {
        XCTAssertTrue("\($0)".contains("[method]resource1.simple"), "\($0)")
      }
    }
  }

  func testResourceTypes() throws {
    let g = try Guest()
    guard case .type(.resource(let r1))? = g.host.lookup(["host", "resource1"]),
          case .type(.resource(let again))? = g.host.lookup(["host", "resource1-again"]),
          case .type(.resource(let r2))? = g.host.lookup(["host", "resource2"]) else { return XCTFail("missing resource types") }
    XCTAssertTrue(r1 === again)
    XCTAssertFalse(r1 === r2)
    // A handle of resource2 is not a resource1: passing it traps at lift_borrow.
    try g.run {
      let i = try canonResourceNew(r2, 1)[0]
      XCTAssertThrowsError(try g.call("host", "[method]resource1.simple", args: [i, .i32(1)])) {
        XCTAssertEqual(($0 as? CanonicalABITrap)?.definition, "lift_borrow")
      }
    }
    XCTAssertNil(g.host.lookup(["host", "no-such-thing"]))
    XCTAssertNil(g.host.lookup(["host-return-two", "x"]))
  }

  func testSimpleModuleExportsGlobalAndFunction() throws {
    let g = try Guest()
    guard case .coreModule(let module)? = g.host.lookup(["host", "simple-module"]) else { return XCTFail("no module") }
    _ = try validateModule(module)
    let store = WasmCore.Store()
    let instance = try store.instantiate(module, imports: [])
    guard case .global(let global)? = instance.export("g"), case .function(let f)? = instance.export("f") else {
      return XCTFail("missing exports")
    }
    XCTAssertEqual(global.value, .i32(100))
    XCTAssertEqual(try store.invoke(f, []), [.i32(101)])
  }
}
