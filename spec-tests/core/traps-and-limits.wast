;; Traps name their cause in the suite's wording (Spec: core/exec/instructions, core/exec/numerics).
(module
  (memory 1 2)
  (func $loop (export "runaway-recursion") (call $loop))
  (func (export "div") (param i32 i32) (result i32) (i32.div_s (local.get 0) (local.get 1)))
  (func (export "trunc") (param f32) (result i32) (i32.trunc_f32_s (local.get 0)))
  (func (export "load") (param i32) (result i32) (i32.load (local.get 0)))
  (func (export "grow") (param i32) (result i32) (memory.grow (local.get 0)))
  (func (export "unreachable") (unreachable))
)
(assert_exhaustion (invoke "runaway-recursion") "call stack exhausted")
(assert_trap (invoke "div" (i32.const 1) (i32.const 0)) "integer divide by zero")
(assert_trap (invoke "div" (i32.const 0x80000000) (i32.const -1)) "integer overflow")
(assert_trap (invoke "trunc" (f32.const nan)) "invalid conversion to integer")
(assert_trap (invoke "trunc" (f32.const 3e9)) "integer overflow")
(assert_trap (invoke "load" (i32.const 65533)) "out of bounds memory access")
(assert_return (invoke "load" (i32.const 65532)) (i32.const 0))
;; Growth honours the declared maximum: 1 page to 2 works, beyond fails with -1.
(assert_return (invoke "grow" (i32.const 1)) (i32.const 1))
(assert_return (invoke "grow" (i32.const 1)) (i32.const -1))
(assert_return (invoke "load" (i32.const 131068)) (i32.const 0))
(assert_trap (invoke "unreachable") "unreachable")

;; Validation names the rule broken (Spec: core/valid).
(assert_invalid (module (func (result i32) (i64.const 0))) "type mismatch")
(assert_invalid (module (func (local.get 0) drop)) "unknown local")
(assert_invalid (module (memory 1) (memory 1)) "multiple memories")
(assert_invalid (module (func (export "a")) (func (export "a"))) "duplicate export name")
(assert_invalid (module (global i32 (i32.const 0)) (func (global.set 0 (i32.const 1)))) "global is immutable")
