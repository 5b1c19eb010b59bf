import XCTest
@testable import WasmCore

/// The interpreter and instantiation, on small modules written in the text format.
final class ExecutionTests: XCTestCase {
    /// Parses, validates and instantiates a module in a fresh store.
    func instantiate(_ text: String, store: Store = Store(), imports: [ExternalValue] = []) throws -> (Store, ModuleInstance) {
        let module = try parseModule(text)
        _ = try validateModule(module)
        return (store, try store.instantiate(module, imports: imports))
    }

    func call(_ store: Store, _ instance: ModuleInstance, _ name: String, _ args: [Value] = []) throws -> [Value] {
        guard case .function(let f)? = instance.export(name) else {
            XCTFail("no export \(name)")
            return []
        }
        return try store.invoke(f, args)
    }

    func assertTrap(_ expression: @autoclosure () throws -> Any, _ message: String, kind: WasmError.Kind = .trap,
                    file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertThrowsError(try expression(), file: file, line: line) { error in
            guard let e = error as? WasmError else { return XCTFail("not a WasmError: \(error)", file: file, line: line) }
            XCTAssertEqual(e.kind, kind, file: file, line: line)
            XCTAssertTrue(e.message.hasPrefix(message), "\(e.message) does not start with \(message)", file: file, line: line)
        }
    }

    func testRecursiveFactorialAndLoops() throws {
        let (store, instance) = try instantiate("""
        (module
          (func $fac (export "fac") (param i64) (result i64)
            (if (result i64) (i64.eqz (local.get 0))
              (then (i64.const 1))
              (else (i64.mul (local.get 0) (call $fac (i64.sub (local.get 0) (i64.const 1)))))))
          (func (export "sum") (param i32) (result i32) (local i32)
            (block $done
              (loop $next
                (br_if $done (i32.eqz (local.get 0)))
                (local.set 1 (i32.add (local.get 1) (local.get 0)))
                (local.set 0 (i32.sub (local.get 0) (i32.const 1)))
                (br $next)))
            (local.get 1))
          (func (export "multi") (result i32 i64) (i32.const 7) (i64.const -1))
          (func (export "table") (param i32) (result i32)
            (block $a (block $b (block $c (br_table $a $b $c (local.get 0))) (return (i32.const 30)))
              (return (i32.const 20)))
            (i32.const 10)))
        """)
        XCTAssertEqual(try call(store, instance, "fac", [.i64(20)]), [.i64(2_432_902_008_176_640_000)])
        XCTAssertEqual(try call(store, instance, "sum", [.i32(100_000)]), [.i32(UInt32(truncatingIfNeeded: 5_000_050_000 as UInt64))])
        XCTAssertEqual(try call(store, instance, "multi"), [.i32(7), .i64(UInt64.max)])
        XCTAssertEqual(try call(store, instance, "table", [.i32(0)]), [.i32(10)])
        XCTAssertEqual(try call(store, instance, "table", [.i32(1)]), [.i32(20)])
        XCTAssertEqual(try call(store, instance, "table", [.i32(2)]), [.i32(30)])
        XCTAssertEqual(try call(store, instance, "table", [.i32(99)]), [.i32(30)])
    }

    func testUnboundedRecursionIsExhaustionNotACrash() throws {
        let (store, instance) = try instantiate("""
        (module (func $f (export "f") (param i32) (result i32) (call $f (i32.add (local.get 0) (i32.const 1)))))
        """)
        assertTrap(try call(store, instance, "f", [.i32(0)]), "call stack exhausted", kind: .exhaustion)
        // The store is usable afterwards, and its depth counter is back to zero.
        XCTAssertEqual(store.callDepth, 0)
        assertTrap(try call(store, instance, "f", [.i32(0)]), "call stack exhausted", kind: .exhaustion)
    }

    func testFuelStopsARunawayLoop() throws {
        var bounds = Store.Bounds()
        bounds.fuel = 100_000
        let (store, instance) = try instantiate("""
        (module (func (export "spin") (loop $l (br $l))))
        """, store: Store(bounds: bounds))
        assertTrap(try call(store, instance, "spin"), "fuel exhausted", kind: .exhaustion)
    }

    func testHostCallsNestWithATrapAtTheInnermostLevel() throws {
        let store = Store()
        var depthSeen: [Int] = []
        var inner: FunctionInstance?
        // host(n): records n, then calls back into wasm's "down" with n - 1.
        let host = store.allocateHostFunction(type: FunctionType(parameters: [.i32], results: [.i32])) { store, args in
            guard case .i32(let n) = args[0] else { return [.i32(0)] }
            depthSeen.append(Int(n))
            guard let down = inner else { return [.i32(0)] }
            return try store.invoke(down, [.i32(n - 1)])
        }
        let (_, instance) = try instantiate("""
        (module
          (import "env" "host" (func $host (param i32) (result i32)))
          (func (export "down") (param i32) (result i32)
            (if (result i32) (i32.eqz (local.get 0))
              (then (unreachable))
              (else (i32.add (call $host (local.get 0)) (i32.const 1))))))
        """, store: store, imports: [.function(host)])
        guard case .function(let down)? = instance.export("down") else { return XCTFail() }
        inner = down
        // wasm(3) → host(3) → wasm(2) → host(2) → wasm(1) → host(1) → wasm(0): unreachable.
        assertTrap(try store.invoke(down, [.i32(3)]), "unreachable")
        XCTAssertEqual(depthSeen, [3, 2, 1])
        XCTAssertEqual(store.callDepth, 0)
        XCTAssertEqual(store.stackPool.count, 4, "every value stack went back to the pool")
        // A host that does not recurse all the way: the store still works after the trap.
        inner = nil
        XCTAssertEqual(try store.invoke(down, [.i32(5)]), [.i32(1)])
    }

    func testIntegerTraps() throws {
        let (store, instance) = try instantiate("""
        (module
          (func (export "div_s") (param i32 i32) (result i32) (i32.div_s (local.get 0) (local.get 1)))
          (func (export "rem_s") (param i64 i64) (result i64) (i64.rem_s (local.get 0) (local.get 1))))
        """)
        assertTrap(try call(store, instance, "div_s", [.i32(1), .i32(0)]), "integer divide by zero")
        assertTrap(try call(store, instance, "div_s", [.i32(0x8000_0000), .i32(UInt32.max)]), "integer overflow")
        XCTAssertEqual(try call(store, instance, "rem_s", [.i64(1 << 63), .i64(UInt64.max)]), [.i64(0)])
        XCTAssertEqual(try call(store, instance, "div_s", [.i32(UInt32(bitPattern: -7)), .i32(2)]), [.i32(UInt32(bitPattern: -3))])
    }

    func testFloatSemantics() throws {
        let (store, instance) = try instantiate("""
        (module
          (func (export "min") (param f32 f32) (result f32) (f32.min (local.get 0) (local.get 1)))
          (func (export "max") (param f64 f64) (result f64) (f64.max (local.get 0) (local.get 1)))
          (func (export "nearest") (param f32) (result f32) (f32.nearest (local.get 0)))
          (func (export "neg") (param f32) (result f32) (f32.neg (local.get 0)))
          (func (export "copysign") (param f64 f64) (result f64) (f64.copysign (local.get 0) (local.get 1)))
          (func (export "trunc") (param f32) (result i32) (i32.trunc_f32_s (local.get 0)))
          (func (export "trunc_u64") (param f64) (result i64) (i64.trunc_f64_u (local.get 0)))
          (func (export "sat") (param f64) (result i32) (i32.trunc_sat_f64_s (local.get 0)))
          (func (export "demote") (param f64) (result f32) (f32.demote_f64 (local.get 0)))
          (func (export "add") (param f32 f32) (result f32) (f32.add (local.get 0) (local.get 1))))
        """)
        let negZero32 = Value.f32((-0.0 as Float).bitPattern), posZero32 = Value.f32(0)
        XCTAssertEqual(try call(store, instance, "min", [posZero32, negZero32]), [negZero32])
        XCTAssertEqual(try call(store, instance, "min", [negZero32, posZero32]), [negZero32])
        XCTAssertEqual(try call(store, instance, "max", [.f64((-0.0 as Double).bitPattern), .f64(0)]), [.f64(0)])
        // min with a NaN is a NaN (not the other operand, as IEEE minNum would give).
        guard case .f32(let m)? = try call(store, instance, "min", [.f32(0x7FC0_0000), .f32(Float(1).bitPattern)]).first else { return XCTFail() }
        XCTAssertTrue(Float(bitPattern: m).isNaN)
        XCTAssertEqual(try call(store, instance, "nearest", [.f32(Float(2.5).bitPattern)]), [.f32(Float(2).bitPattern)])
        XCTAssertEqual(try call(store, instance, "nearest", [.f32(Float(-3.5).bitPattern)]), [.f32(Float(-4).bitPattern)])
        // neg and copysign act on the bits: a signalling NaN payload survives.
        XCTAssertEqual(try call(store, instance, "neg", [.f32(0x7FA0_0001)]), [.f32(0xFFA0_0001)])
        XCTAssertEqual(try call(store, instance, "copysign", [.f64(0x7FF0_0000_0000_0001), .f64((-1.0 as Double).bitPattern)]),
                       [.f64(0xFFF0_0000_0000_0001)])
        assertTrap(try call(store, instance, "trunc", [.f32(0x7FC0_0000)]), "invalid conversion to integer")
        assertTrap(try call(store, instance, "trunc", [.f32(Float(2147483648).bitPattern)]), "integer overflow")
        XCTAssertEqual(try call(store, instance, "trunc", [.f32(Float(-2147483648).bitPattern)]), [.i32(0x8000_0000)])
        XCTAssertEqual(try call(store, instance, "trunc_u64", [.f64((-0.9 as Double).bitPattern)]), [.i64(0)])
        assertTrap(try call(store, instance, "trunc_u64", [.f64((-1.0 as Double).bitPattern)]), "integer overflow")
        XCTAssertEqual(try call(store, instance, "sat", [.f64((1e10 as Double).bitPattern)]), [.i32(0x7FFF_FFFF)])
        XCTAssertEqual(try call(store, instance, "sat", [.f64(0x7FF8_0000_0000_0000)]), [.i32(0)])
        // Demoting a canonical NaN gives a canonical NaN; an arithmetic one stays arithmetic.
        guard case .f32(let d)? = try call(store, instance, "demote", [.f64(0x7FF8_0000_0000_0000)]).first else { return XCTFail() }
        XCTAssertEqual(d & 0x7FFF_FFFF, 0x7FC0_0000)
        guard case .f32(let a)? = try call(store, instance, "add", [.f32(0x7F80_0001), .f32(0)]).first else { return XCTFail() }
        XCTAssertNotEqual(a & 0x0040_0000, 0, "arithmetic NaN: quiet bit set")
    }

    func testMemoryAndTableTraps() throws {
        let (store, instance) = try instantiate("""
        (module
          (memory 1 2)
          (table 2 funcref)
          (type $t (func (result i32)))
          (func $k (result i32) (i32.const 42))
          (func $p (param i32) (result i32) (local.get 0))
          (elem (i32.const 0) $k $p)
          (func (export "load") (param i32) (result i32) (i32.load offset=4 (local.get 0)))
          (func (export "grow") (param i32) (result i32) (memory.grow (local.get 0)))
          (func (export "call") (param i32) (result i32) (call_indirect (type $t) (local.get 0)))
          (func (export "fill") (param i32 i32 i32) (memory.fill (local.get 0) (local.get 1) (local.get 2))))
        """)
        XCTAssertEqual(try call(store, instance, "load", [.i32(65528)]), [.i32(0)])
        assertTrap(try call(store, instance, "load", [.i32(65529)]), "out of bounds memory access")
        assertTrap(try call(store, instance, "load", [.i32(UInt32.max)]), "out of bounds memory access")
        XCTAssertEqual(try call(store, instance, "grow", [.i32(1)]), [.i32(1)])
        XCTAssertEqual(try call(store, instance, "grow", [.i32(1)]), [.i32(UInt32.max)], "the maximum is 2 pages")
        XCTAssertEqual(try call(store, instance, "load", [.i32(65529)]), [.i32(0)])
        XCTAssertEqual(try call(store, instance, "call", [.i32(0)]), [.i32(42)])
        assertTrap(try call(store, instance, "call", [.i32(1)]), "indirect call type mismatch")
        assertTrap(try call(store, instance, "call", [.i32(2)]), "undefined element")
        assertTrap(try call(store, instance, "fill", [.i32(131072), .i32(0), .i32(1)]), "out of bounds memory access")
        XCTAssertEqual(try call(store, instance, "fill", [.i32(131072), .i32(0), .i32(0)]), [])
    }

    func testInstantiationErrorsAndPartialInitialization() throws {
        let store = Store()
        let table = try store.allocateTable(type: TableType(limits: Limits(min: 3), elementType: .funcRef))
        let memory = try store.allocateMemory(type: MemoryType(limits: Limits(min: 1)))
        let text = """
        (module
          (import "m" "t" (table 3 funcref))
          (import "m" "mem" (memory 1))
          (func $f)
          (elem (i32.const 0) $f)
          (elem (i32.const 2) $f $f)
          (data (i32.const 0) "hi"))
        """
        let module = try parseModule(text)
        _ = try validateModule(module)
        // The second segment does not fit: the first one's effect stays; data is never reached.
        XCTAssertThrowsError(try store.instantiate(module, imports: [.table(table), .memory(memory)])) { error in
            XCTAssertEqual((error as? WasmError)?.message, "out of bounds table access")
        }
        XCTAssertNotEqual(table.element(at: 0), .null(.func))
        XCTAssertEqual(table.element(at: 2), .null(.func))
        XCTAssertEqual(try memory.read(at: 0, count: 2), [0, 0])
        // Linking errors.
        XCTAssertThrowsError(try store.instantiate(module, imports: [.memory(memory), .table(table)])) { error in
            XCTAssertEqual((error as? WasmError)?.kind, .unlinkable)
            XCTAssertTrue((error as? WasmError)?.message.hasPrefix("incompatible import type") ?? false)
        }
        let small = try store.allocateTable(type: TableType(limits: Limits(min: 2), elementType: .funcRef))
        XCTAssertThrowsError(try store.instantiate(module, imports: [.table(small), .memory(memory)])) { error in
            XCTAssertEqual((error as? WasmError)?.kind, .unlinkable)
        }
    }

    func testSIMDModulesInstantiateButTheirCodeTraps() throws {
        let (store, instance) = try instantiate("""
        (module
          (global $g (export "g") v128 (v128.const i32x4 1 2 3 4))
          (func (export "plain") (result i32) (i32.const 1))
          (func (export "vec") (result i32) (i32x4.extract_lane 0 (global.get $g))))
        """)
        XCTAssertEqual(try call(store, instance, "plain"), [.i32(1)])
        assertTrap(try call(store, instance, "vec"), "SIMD not supported yet")
        guard case .global(let g)? = instance.export("g") else { return XCTFail() }
        XCTAssertEqual(g.value, .v128(V128(bytes: [1, 0, 0, 0, 2, 0, 0, 0, 3, 0, 0, 0, 4, 0, 0, 0])))
    }

    func testExportNamesCompareByBytes() throws {
        let (store, instance) = try instantiate("""
        (module
          (func (export "\\u{c5}") (result i32) (i32.const 1))
          (func (export "A\\u{30a}") (result i32) (i32.const 2)))
        """)
        XCTAssertEqual(try call(store, instance, "\u{c5}"), [.i32(1)])
        XCTAssertEqual(try call(store, instance, "A\u{30a}"), [.i32(2)])
    }

    func testACalleeGrowingASharedMemoryIsSeenByItsCaller() throws {
        let store = Store()
        let (_, a) = try instantiate("""
        (module (memory (export "mem") 1) (func (export "grow") (result i32) (memory.grow (i32.const 1))))
        """, store: store)
        guard case .memory(let mem)? = a.export("mem"), case .function(let grow)? = a.export("grow") else { return XCTFail() }
        let (_, b) = try instantiate("""
        (module
          (import "a" "mem" (memory 1))
          (import "a" "grow" (func $grow (result i32)))
          (func (export "f") (result i32)
            (drop (call $grow))
            (i32.store (i32.const 65536) (i32.const 42))
            (i32.load (i32.const 65536))))
        """, store: store, imports: [.memory(mem), .function(grow)])
        XCTAssertEqual(try call(store, b, "f"), [.i32(42)])
        XCTAssertEqual(mem.pageCount, 2)
    }

    func testEndlessHostReentryIsExhaustionNotAStackOverflow() throws {
        let store = Store()
        var target: FunctionInstance?
        let host = store.allocateHostFunction(type: FunctionType()) { store, _ in
            guard let f = target else { return [] }
            return try store.invoke(f, [])
        }
        let (_, instance) = try instantiate("""
        (module (import "env" "h" (func $h)) (func (export "f") (call $h)))
        """, store: store, imports: [.function(host)])
        guard case .function(let f)? = instance.export("f") else { return XCTFail() }
        target = f
        assertTrap(try store.invoke(f, []), "call stack exhausted", kind: .exhaustion)
        XCTAssertEqual(store.nestedInvocations, 0)
        XCTAssertEqual(store.callDepth, 0)
    }
}
