import CanonicalABI
import WasmCore
import XCTest
@testable import ComponentModel

/// Spec: Explainer.md#instance-definitions, CanonicalABI.md#canon-lift / #canon-lower — small
/// components instantiated and called through `ComponentRuntime`.
final class ComponentExecutionTests: XCTestCase {
    /// Parses, validates and instantiates a component with the given imports.
    func instantiate(_ text: String, imports: [String: ComponentExtern] = [:], runtime: ComponentRuntime = ComponentRuntime()) throws -> ComponentInstanceValue {
        let c = try parseComponent(text)
        _ = try validateComponent(c)
        return try runtime.instantiate(c, imports: imports)
    }

    func call(_ runtime: ComponentRuntime, _ instance: ComponentInstanceValue, _ name: String, _ args: [CanonicalABI.Value] = []) throws -> [CanonicalABI.Value] {
        guard let f = instance.function(name) else { throw XCTSkip("no export \(name)") }
        return try runtime.invoke(f, args)
    }

    /// Asserts that `body` traps at a Canonical ABI site (and condition, if given).
    func assertCanonTrap(_ body: @autoclosure () throws -> [CanonicalABI.Value], at definition: String, _ condition: String? = nil,
                         file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertThrowsError(try body(), file: file, line: line) { e in
            guard case .canonicalABI(let t)? = (e as? ComponentTrap)?.site else { return XCTFail("\(e)", file: file, line: line) }
            XCTAssertEqual(t.definition, definition, file: file, line: line)
            if let condition { XCTAssertEqual(t.condition, condition, file: file, line: line) }
        }
    }

    func testLiftedAdditionReturnsItsSum() throws {
        let rt = ComponentRuntime()
        let i = try instantiate("""
        (component
          (core module $m (func (export "add") (param i32 i32) (result i32) (i32.add (local.get 0) (local.get 1))))
          (core instance $i (instantiate $m))
          (func (export "add") (param "a" u32) (param "b" u32) (result u32) (canon lift (core func $i "add")))
        )
        """, runtime: rt)
        XCTAssertEqual(try call(rt, i, "add", [.u32(40), .u32(2)]), [.u32(42)])
        XCTAssertEqual(try call(rt, i, "add", [.u32(0xffff_ffff), .u32(2)]), [.u32(1)])
    }

    func testStringsGoThroughMemoryAndRealloc() throws {
        let rt = ComponentRuntime()
        let i = try instantiate("""
        (component
          (core module $m
            (memory (export "mem") 1)
            (global $next (mut i32) (i32.const 1024))
            (func (export "realloc") (param i32 i32 i32 i32) (result i32)
              (local $r i32)
              (local.set $r (global.get $next))
              (global.set $next (i32.add (global.get $next) (local.get 3)))
              (local.get $r))
            ;; echo: returns a pointer to (ptr, len) of the same string
            (func (export "echo") (param i32 i32) (result i32)
              (i32.store (i32.const 16) (local.get 0))
              (i32.store (i32.const 20) (local.get 1))
              (i32.const 16)))
          (core instance $i (instantiate $m))
          (func (export "echo") (param "s" string) (result string)
            (canon lift (core func $i "echo") (memory (core memory $i "mem")) (realloc (core func $i "realloc"))))
        )
        """, runtime: rt)
        XCTAssertEqual(try call(rt, i, "echo", [.str("héllo")]), [.str("héllo")])
    }

    func testComponentToComponentCallsLinkThroughLowerAndLift() throws {
        let rt = ComponentRuntime()
        let i = try instantiate("""
        (component
          (component $A
            (core module $m (func (export "f") (result i32) (i32.const 7)))
            (core instance $i (instantiate $m))
            (func (export "f") (result u32) (canon lift (core func $i "f"))))
          (component $B
            (import "f" (func $f (result u32)))
            (core func $f' (canon lower (func $f)))
            (core module $m
              (import "" "f" (func $f (result i32)))
              (func (export "g") (result i32) (i32.mul (call $f) (i32.const 6))))
            (core instance $i (instantiate $m (with "" (instance (export "f" (func $f'))))))
            (func (export "g") (result u32) (canon lift (core func $i "g"))))
          (instance $a (instantiate $A))
          (instance $b (instantiate $B (with "f" (func $a "f"))))
          (export "g" (func $b "g"))
        )
        """, runtime: rt)
        XCTAssertEqual(try call(rt, i, "g"), [.u32(42)])
    }

    func testHostImportIsCalledWithLiftedArguments() throws {
        let rt = ComponentRuntime()
        var seen: [CanonicalABI.Value] = []
        let host = ComponentFunc.host("double", CanonicalABI.FuncType([.u32], [.u32])) { args in
            seen = args
            guard case .u32(let x)? = args.first else { return [] }
            return [.u32(x * 2)]
        }
        let i = try instantiate("""
        (component
          (import "double" (func $d (param "x" u32) (result u32)))
          (core func $d' (canon lower (func $d)))
          (core module $m
            (import "" "d" (func $d (param i32) (result i32)))
            (func (export "run") (result i32) (call $d (i32.const 21))))
          (core instance $i (instantiate $m (with "" (instance (export "d" (func $d'))))))
          (func (export "run") (result u32) (canon lift (core func $i "run")))
        )
        """, imports: ["double": .function(host)], runtime: rt)
        XCTAssertEqual(try call(rt, i, "run"), [.u32(42)])
        XCTAssertEqual(seen, [.u32(21)])
    }

    func testMissingImportIsUnlinkable() throws {
        XCTAssertThrowsError(try instantiate("(component (import \"f\" (func)))")) { e in
            XCTAssertEqual((e as? WasmError)?.kind, .unlinkable)
        }
    }

    func testCoreTrapEndsTheCallAndPoisonsTheInstance() throws {
        let rt = ComponentRuntime()
        let i = try instantiate("""
        (component
          (core module $m (func (export "boom") unreachable) (func (export "ok")))
          (core instance $i (instantiate $m))
          (func (export "boom") (canon lift (core func $i "boom")))
          (func (export "ok") (canon lift (core func $i "ok")))
        )
        """, runtime: rt)
        XCTAssertThrowsError(try call(rt, i, "boom")) { e in
            guard case .core(let w)? = (e as? ComponentTrap)?.site else { return XCTFail("\(e)") }
            XCTAssertEqual(w.kind, .trap)
        }
        // Spec: CanonicalABI.md#embedding — a trap leaves the instance entered, so it may not be entered again.
        assertCanonTrap(try call(rt, i, "ok"), at: "Store.lift")
    }

    func testResourceHandlesRoundTripAndADoubleDropTraps() throws {
        let rt = ComponentRuntime()
        let i = try instantiate("""
        (component
          (type $R (resource (rep i32)))
          (core func $new (canon resource.new $R))
          (core func $rep (canon resource.rep $R))
          (core func $drop (canon resource.drop $R))
          (core module $m
            (import "" "new" (func $new (param i32) (result i32)))
            (import "" "rep" (func $rep (param i32) (result i32)))
            (import "" "drop" (func $drop (param i32)))
            (func (export "roundtrip") (param i32) (result i32) (call $rep (call $new (local.get 0))))
            (func (export "double-drop") (local i32)
              (local.set 0 (call $new (i32.const 5)))
              (call $drop (local.get 0))
              (call $drop (local.get 0))))
          (core instance $i (instantiate $m (with "" (instance
            (export "new" (func $new)) (export "rep" (func $rep)) (export "drop" (func $drop))))))
          (func (export "roundtrip") (param "x" u32) (result u32) (canon lift (core func $i "roundtrip")))
          (func (export "double-drop") (canon lift (core func $i "double-drop")))
        )
        """, runtime: rt)
        XCTAssertEqual(try call(rt, i, "roundtrip", [.u32(99)]), [.u32(99)])
        assertCanonTrap(try call(rt, i, "double-drop"), at: "Table.get")
    }

    /// A host instance with a resource type, its constructor and a counting destructor.
    func hostInstance(_ rt: ComponentRuntime, drops: @escaping (UInt32) -> Void) -> ComponentInstanceValue {
        let r = rt.hostResource("r", destructor: { drops($0) })
        let make = ComponentFunc.host("[constructor]r", CanonicalABI.FuncType(named: [("rep", .u32)], [.own(r)])) { args in
            guard case .u32(let rep)? = args.first else { return [] }
            return [.handle(rep)]
        }
        return ComponentInstanceValue(exports: [("r", .type(.resource(r))), ("[constructor]r", .function(make))])
    }

    static let hostResourceUser = """
    (component
      (import "host" (instance $h
        (export "r" (type $r (sub resource)))
        (export "[constructor]r" (func (param "rep" u32) (result (own $r))))))
      (alias export $h "r" (type $r))
      (core func $make (canon lower (func $h "[constructor]r")))
      (core func $drop (canon resource.drop $r))
      (core module $m
        (import "" "make" (func $make (param i32) (result i32)))
        (import "" "drop" (func $drop (param i32)))
        (func (export "run") (param i32) (call $drop (call $make (local.get 0)))))
      (core instance $i (instantiate $m (with "" (instance (export "make" (func $make)) (export "drop" (func $drop))))))
      (func (export "run") (param "rep" u32) (canon lift (core func $i "run")))
    )
    """

    func testHostResourceIsConstructedInTheCallerTableAndDroppedByItsDestructor() throws {
        let rt = ComponentRuntime()
        var dropped: [UInt32] = []
        let i = try instantiate(Self.hostResourceUser, imports: ["host": .instance(hostInstance(rt) { dropped.append($0) })], runtime: rt)
        XCTAssertEqual(try call(rt, i, "run", [.u32(77)]), [])
        XCTAssertEqual(dropped, [77])
    }

    func testHostInstanceOfTheWrongShapeIsUnlinkable() throws {
        let rt = ComponentRuntime()
        let r = rt.hostResource("r")
        let wrong = ComponentFunc.host("[constructor]r", CanonicalABI.FuncType(named: [("rep", .u32)], [.u32])) { _ in [.u32(0)] }
        let bad = ComponentInstanceValue(exports: [("r", .type(.resource(r))), ("[constructor]r", .function(wrong))])
        XCTAssertThrowsError(try instantiate(Self.hostResourceUser, imports: ["host": .instance(bad)], runtime: rt)) { e in
            XCTAssertEqual((e as? WasmError)?.kind, .unlinkable, "\(e)")
        }
        let missing = ComponentInstanceValue(exports: [("r", .type(.resource(r)))])
        XCTAssertThrowsError(try instantiate(Self.hostResourceUser, imports: ["host": .instance(missing)], runtime: rt)) { e in
            XCTAssertEqual((e as? WasmError)?.kind, .unlinkable, "\(e)")
        }
    }

    func testStartFunctionCallsBuiltinsAsATaskOfItsInstance() throws {
        let rt = ComponentRuntime()
        let i = try instantiate("""
        (component
          (type $R (resource (rep i32)))
          (core func $new (canon resource.new $R))
          (core func $rep (canon resource.rep $R))
          (core module $m
            (import "" "new" (func $new (param i32) (result i32)))
            (import "" "rep" (func $rep (param i32) (result i32)))
            (global $h (mut i32) (i32.const 0))
            (func $start (global.set $h (call $new (i32.const 123))))
            (start $start)
            (func (export "rep") (result i32) (call $rep (global.get $h))))
          (core instance $i (instantiate $m (with "" (instance (export "new" (func $new)) (export "rep" (func $rep))))))
          (func (export "rep") (result u32) (canon lift (core func $i "rep")))
        )
        """, runtime: rt)
        XCTAssertEqual(try call(rt, i, "rep"), [.u32(123)])
    }

    func testSecondMemoryOfAModuleIsItsOwn() throws {
        let rt = ComponentRuntime()
        let i = try instantiate("""
        (component
          (core module $m
            (memory $a 1) (memory $b 1)
            (func (export "run") (result i32)
              (i32.store8 $a (i32.const 3) (i32.const 1))
              (i32.store8 $b (i32.const 3) (i32.const 2))
              (i32.add (i32.mul (i32.load8_u $a (i32.const 3)) (i32.const 10)) (i32.load8_u $b (i32.const 3)))))
          (core instance $i (instantiate $m))
          (func (export "run") (result u32) (canon lift (core func $i "run")))
        )
        """, runtime: rt)
        XCTAssertEqual(try call(rt, i, "run"), [.u32(12)])
    }

    func testPostReturnMayNotLeaveTheInstance() throws {
        let rt = ComponentRuntime()
        let host = ComponentFunc.host("f", CanonicalABI.FuncType([], [])) { _ in [] }
        let i = try instantiate("""
        (component
          (import "f" (func $f))
          (core func $f' (canon lower (func $f)))
          (core module $m
            (import "" "f" (func $f))
            (func (export "run") (result i32) (i32.const 5))
            (func (export "post") (param i32) (call $f)))
          (core instance $i (instantiate $m (with "" (instance (export "f" (func $f'))))))
          (func (export "run") (result u32) (canon lift (core func $i "run") (post-return (core func $i "post"))))
        )
        """, imports: ["f": .function(host)], runtime: rt)
        assertCanonTrap(try call(rt, i, "run"), at: "canon_lower", "not thread.task.inst.may_leave")
    }

    func testReenteringAChildFromItsParentTraps() throws {
        // Spec: CanonicalABI.md#component-instances — P calls C, C calls back into P (allowed: P is an
        // ancestor), P calls C again: C.may_enter is false.
        let rt = ComponentRuntime()
        let i = try instantiate("""
        (component $P
          (core module $Tbl (table (export "t") 1 funcref))
          (core instance $tbl (instantiate $Tbl))
          (core module $Back
            (import "" "t" (table 1 funcref))
            (type $v (func))
            (func (export "back") (call_indirect (type $v) (i32.const 0))))
          (core instance $back (instantiate $Back (with "" (instance $tbl))))
          (func $back (canon lift (core func $back "back")))
          (component $C
            (import "back" (func $back))
            (core func $back' (canon lower (func $back)))
            (core module $M (import "" "back" (func $back)) (func (export "run") (call $back)))
            (core instance $m (instantiate $M (with "" (instance (export "back" (func $back'))))))
            (func (export "run") (canon lift (core func $m "run"))))
          (instance $c (instantiate $C (with "back" (func $back))))
          (core func $run (canon lower (func $c "run")))
          (core module $Init
            (import "" "t" (table 1 funcref))
            (import "" "run" (func $run))
            (elem (i32.const 0) func $run))
          (core instance (instantiate $Init (with "" (instance (export "t" (table $tbl "t")) (export "run" (func $run))))))
          (core module $Entry (import "" "run" (func $run)) (func (export "go") (call $run)))
          (core instance $e (instantiate $Entry (with "" (instance (export "run" (func $run))))))
          (func (export "go") (canon lift (core func $e "go")))
        )
        """, runtime: rt)
        assertCanonTrap(try call(rt, i, "go"), at: "Store.lift")
    }

    func testAnAsyncCallThatYieldsForeverEndsAsUnresolved() throws {
        let rt = ComponentRuntime()
        rt.maxTicksPerInvoke = 50
        let i = try instantiate("""
        (component
          (core module $m
            (func (export "f") (result i32) (i32.const 1))
            (func (export "cb") (param i32 i32 i32) (result i32) (i32.const 1)))
          (core instance $i (instantiate $m))
          (func (export "f") async (canon lift (core func $i "f") async (callback (core func $i "cb"))))
        )
        """, runtime: rt)
        XCTAssertThrowsError(try call(rt, i, "f")) { e in
            guard case .unresolved? = (e as? ComponentTrap)?.site else { return XCTFail("\(e)") }
        }
    }
}
