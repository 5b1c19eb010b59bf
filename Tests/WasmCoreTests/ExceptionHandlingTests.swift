import XCTest
@testable import WasmCore

/// Exception handling: `throw` and `try_table` with `catch`/`catch_all` clauses in text, binary,
/// printer and validator; executed, with what the host sees (uncaught exceptions, `exnref` values,
/// exceptions passing through a host function). spec-tests/core/exceptions.wast covers the rest.
final class ExceptionHandlingTests: XCTestCase {
    let features = Features.wasm2.with(.exceptions)

    let text = """
    (module
      (tag $t (param i32))
      (func $f (param i32) (result i32)
        (block $all
          (block $h (result i32)
            (try_table (catch $t $h) (catch_all $all)
              (throw $t (local.get 0)))
            (return (i32.const 99)))
          (return))
        (i32.const 77)))
    """

    func testTextBinaryPrinterAndValidation() throws {
        let m = try parseModule(text, features: features)
        let body = m.functions[0].body
        XCTAssertEqual(body[2], Instruction(.tryTable, .tryTable(.empty, [CatchClause(.catch, tag: 0, label: 0), CatchClause(.catchAll, label: 1)])))
        XCTAssertEqual(body[4], Instruction(.throw, .index(0)))
        XCTAssertNoThrow(try validateModule(m, features: features))
        let bytes = encodeModule(m)
        // try_table, empty block type, two clauses: catch 0 → 0, catch_all → 1.
        XCTAssertNotNil(bytes.firstRange(of: [0x1F, 0x40, 0x02, 0x00, 0x00, 0x00, 0x02, 0x01]))
        XCTAssertEqual(try decodeModule(bytes, features: features), m)
        XCTAssertEqual(try parseModule(printModule(m), features: features), m)
        XCTAssertThrowsError(try parseModule(text, features: .wasm2))
    }

    func testCatchLabelsAreCheckedAgainstTheTag() throws {
        let wrong = text.replacingOccurrences(of: "(block $h (result i32)", with: "(block $h (result i64)")
            .replacingOccurrences(of: "(return (i32.const 99))", with: "(return (i32.const 99)) (drop)")
        let m = try parseModule(wrong, features: features)
        XCTAssertThrowsError(try validateModule(m, features: features)) { XCTAssertTrue("\($0)".contains("type mismatch")) }
        let noTag = try parseModule("(module (func (throw 0)))", features: features)
        XCTAssertThrowsError(try validateModule(noTag, features: features)) { XCTAssertTrue("\($0)".contains("unknown tag")) }
        // `throw` ends the block's reachable code: a function with results may end right after it.
        let thrower = try parseModule("(module (tag) (func (result i32) (throw 0)))", features: features)
        XCTAssertNoThrow(try validateModule(thrower, features: features))
    }

    /// Parses, validates and instantiates a module with exceptions in a store.
    func instantiate(_ text: String, in store: Store, imports: [ExternalValue] = []) throws -> ModuleInstance {
        let m = try parseModule(text, features: features)
        _ = try validateModule(m, features: features)
        return try store.instantiate(m, imports: imports)
    }

    func function(_ instance: ModuleInstance, _ name: String) throws -> FunctionInstance {
        guard case .function(let f)? = instance.export(name) else { throw WasmError(.usage, "no export \(name)") }
        return f
    }

    func testCaughtByTagOrCatchAll() throws {
        let store = Store()
        let instance = try instantiate(text.replacingOccurrences(of: "(func $f", with: "(func $f (export \"f\")"), in: store)
        XCTAssertEqual(try store.invoke(try function(instance, "f"), [.i32(42)]), [.i32(42)])
        // Caught without `_ref`, the exception is never referred to: the store keeps nothing.
        XCTAssertEqual(store.exceptions.count, 0)
    }

    /// A loop that goes round through a catch pays fuel for each throw; one that keeps `exnref`s ends
    /// at the store's bound on them rather than growing without end.
    func testThrowLoopsAreBounded() throws {
        var bounds = Store.Bounds()
        bounds.fuel = 10_000
        bounds.maxExceptionReferences = 100
        let store = Store(bounds: bounds)
        let instance = try instantiate("""
            (module
              (tag $t)
              (func (export "forever") (loop $l (try_table (catch $t $l) (throw $t))))
              (func (export "keep") (param i32) (result i32) (local $n i32)
                (loop $l
                  (block $h (result exnref)
                    (try_table (catch_all_ref $h) (throw $t))
                    (unreachable))
                  (drop)
                  (local.set $n (i32.add (local.get $n) (i32.const 1)))
                  (br_if $l (i32.lt_u (local.get $n) (local.get 0))))
                (local.get $n)))
            """, in: store)
        XCTAssertThrowsError(try store.invoke(try function(instance, "forever"), [])) { error in
            XCTAssertEqual((error as? WasmError)?.message, "fuel exhausted")
        }
        XCTAssertEqual(store.exceptions.count, 0)
        XCTAssertEqual(try store.invoke(try function(instance, "keep"), [.i32(60)]), [.i32(60)])
        XCTAssertEqual(store.exceptions.count, 60)
        XCTAssertThrowsError(try store.invoke(try function(instance, "keep"), [.i32(60)])) { error in
            XCTAssertEqual((error as? WasmError)?.kind, .exhaustion)
            XCTAssertEqual((error as? WasmError)?.message, "too many exception references")
        }
    }

    func testUncaughtExceptionCarriesItsTagAndPayload() throws {
        let store = Store()
        let instance = try instantiate("""
            (module
              (tag $t (export "t") (param i32 f64))
              (func (export "throw") (param i32) (throw $t (local.get 0) (f64.const 2.5))))
            """, in: store)
        XCTAssertThrowsError(try store.invoke(try function(instance, "throw"), [.i32(7)])) { error in
            guard let e = error as? WasmException else { return XCTFail("not an exception: \(error)") }
            guard case .tag(let tag)? = instance.export("t") else { return XCTFail("no tag export") }
            XCTAssertTrue(e.exception.tag === tag)
            XCTAssertEqual(e.exception.payload, [.i32(7), .f64(2.5.bitPattern)])
        }
    }

    /// An `exnref` handed to the host and back rethrows the same exception; one the store never
    /// made traps instead of being trusted.
    func testExnrefRoundTripsThroughTheHost() throws {
        let store = Store()
        let instance = try instantiate("""
            (module
              (tag $t (param i32))
              (func (export "catch") (param i32) (result exnref)
                (block $h (result i32 exnref)
                  (try_table (catch_ref $t $h) (throw $t (local.get 0)))
                  (unreachable))
                (return))
              (func (export "rethrow") (param exnref) (throw_ref (local.get 0))))
            """, in: store)
        let caught = try store.invoke(try function(instance, "catch"), [.i32(3)])
        guard case .ref(.exception(let address))? = caught.first else { return XCTFail("not an exnref: \(caught)") }
        XCTAssertThrowsError(try store.invoke(try function(instance, "rethrow"), caught)) { error in
            XCTAssertEqual((error as? WasmException)?.exception.address, address)
            XCTAssertEqual((error as? WasmException)?.exception.payload, [.i32(3)])
        }
        XCTAssertThrowsError(try store.invoke(try function(instance, "rethrow"), [.ref(.exception(999))])) { error in
            XCTAssertEqual((error as? WasmError)?.kind, .trap)
        }
        XCTAssertThrowsError(try store.invoke(try function(instance, "rethrow"), [.ref(.null(.exn))])) { error in
            XCTAssertEqual((error as? WasmError)?.message, "null exception reference")
        }
    }

    /// A host function that calls back into wasm lets the callee's exception through; the wasm code
    /// that called the host function catches it as if the host function had thrown it.
    func testExceptionPassesThroughAHostFunction() throws {
        let store = Store()
        let inner = try instantiate("""
            (module
              (tag $t (export "t") (param i32))
              (func (export "throw") (param i32) (throw $t (local.get 0))))
            """, in: store)
        let thrower = try function(inner, "throw")
        guard case .tag(let tag)? = inner.export("t") else { return XCTFail("no tag export") }
        let host = store.allocateHostFunction(type: FunctionType(parameters: [.i32], results: [])) { store, args in
            try store.invoke(thrower, args)
        }
        let outer = try instantiate("""
            (module
              (import "m" "t" (tag $t (param i32)))
              (import "m" "host" (func $host (param i32)))
              (func (export "run") (param i32) (result i32)
                (block $h (result i32)
                  (try_table (catch $t $h) (call $host (local.get 0)))
                  (i32.const -1))))
            """, in: store, imports: [.tag(tag), .function(host)])
        XCTAssertEqual(try store.invoke(try function(outer, "run"), [.i32(12)]), [.i32(12)])
    }

    /// Unwinding pops the frames between the throw and the handler: the call depth is whole again, so
    /// the same deep call works any number of times under a tight bound, and a deeper one still exhausts.
    func testUnwindingRestoresTheCallDepth() throws {
        var bounds = Store.Bounds()
        bounds.maxCallDepth = 60
        let store = Store(bounds: bounds)
        let instance = try instantiate("""
            (module
              (tag $t (param i32))
              (func $down (param i32) (result i32)
                (if (i32.eqz (local.get 0)) (then (throw $t (i32.const 1))))
                (call $down (i32.sub (local.get 0) (i32.const 1))))
              (func (export "run") (param i32) (result i32)
                (block $h (result i32)
                  (try_table (result i32) (catch $t $h) (call $down (local.get 0))))))
            """, in: store)
        let run = try function(instance, "run")
        for _ in 0..<100 { XCTAssertEqual(try store.invoke(run, [.i32(50)]), [.i32(1)]) }
        XCTAssertThrowsError(try store.invoke(run, [.i32(100)])) { error in
            XCTAssertEqual((error as? WasmError)?.kind, .exhaustion)
        }
    }
}
