;; Core exceptions at the component boundary: CanonicalABI.md#canon-lift (call_and_trap_on_throw), and
;; Explainer.md#component-invariants (lockdown after a trap). Inside a component's core code an
;; exception is thrown and caught as in core wasm; one that leaves a lifted export (or its post-return)
;; is a trap, so it never reaches the caller's handlers.

;; Thrown and caught inside the component, across core instances; uncaught, a trap.
(component definition $Thrower
  (core module $M
    (tag $t (export "t") (param i32))
    (func (export "throw-if") (param i32) (result i32)
      (if (local.get 0) (then (throw $t (local.get 0))))
      (i32.const 0)))
  (core module $Catcher
    (import "m" "t" (tag $t (param i32)))
    (import "m" "throw-if" (func $throw-if (param i32) (result i32)))
    (func (export "catch") (param i32) (result i32)
      (block $h (result i32)
        (try_table (result i32) (catch $t $h)
          (call $throw-if (local.get 0)))
        (return))
      (i32.const 100)
      (i32.add)))
  (core instance $m (instantiate $M))
  (core instance $c (instantiate $Catcher (with "m" (instance $m))))
  (func (export "throw-if") (param "x" u32) (result u32) (canon lift (core func $m "throw-if")))
  (func (export "catch") (param "x" u32) (result u32) (canon lift (core func $c "catch")))
)

(component instance $thrower $Thrower)
(assert_return (invoke "catch" (u32.const 5)) (u32.const 105))
(assert_return (invoke "catch" (u32.const 0)) (u32.const 0))
(assert_return (invoke "throw-if" (u32.const 0)) (u32.const 0))
;; trap: call_and_trap_on_throw — CoreWebAssemblyException
;; (wasmtime 49 words an exception leaving the outermost call by the exception itself, one leaving a
;; callee component, below, as a trap; both are this trap.)
(assert_trap (invoke "throw-if" (u32.const 1)) "thrown Wasm exception")

;; An exception leaving a callee component is a trap at the callee's lift: the caller's catch_all,
;; around the call of the lowered import, never sees it.
(component definition $Pair
  (component $Callee
    (core module $M
      (tag $t (param i32))
      (func (export "throw-if") (param i32) (result i32)
        (if (local.get 0) (then (throw $t (local.get 0))))
        (i32.const 7)))
    (core instance $m (instantiate $M))
    (func (export "throw-if") (param "x" u32) (result u32) (canon lift (core func $m "throw-if"))))
  (component $Caller
    (import "throw-if" (func $throw-if (param "x" u32) (result u32)))
    (core func $throw-if' (canon lower (func $throw-if)))
    (core module $M
      (import "" "throw-if" (func $throw-if (param i32) (result i32)))
      (func (export "call") (param i32) (result i32)
        (block $all
          (try_table (result i32) (catch_all $all)
            (call $throw-if (local.get 0)))
          (return))
        (i32.const -1)))
    (core instance $m (instantiate $M (with "" (instance (export "throw-if" (func $throw-if'))))))
    (func (export "call") (param "x" u32) (result u32) (canon lift (core func $m "call"))))
  (instance $callee (instantiate $Callee))
  (instance $caller (instantiate $Caller (with "throw-if" (func $callee "throw-if"))))
  (export "call" (func $caller "call"))
)
(component instance $p1 $Pair)
(assert_return (invoke "call" (u32.const 0)) (u32.const 7))
;; trap: call_and_trap_on_throw — CoreWebAssemblyException
(assert_trap (invoke "call" (u32.const 1)) "uncaught exception propagated out of component")
