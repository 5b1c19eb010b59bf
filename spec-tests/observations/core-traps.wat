;; Core WebAssembly traps inside a lifted function: each one ends the call with a trap and puts the component
;; instance in lockdown (Explainer.md#component-invariants: "prevents continued execution after a trap";
;; in definitions.py, Store.lift's enter_from is not undone, so the next call fails trap_if(not may_enter)).
(component
  (core module $m
    (memory 1)
    (func (export "ok") (param i32) (result i32) (i32.add (local.get 0) (i32.const 1)))
    (func (export "boom") unreachable)
    (func (export "div") (param i32 i32) (result i32) (i32.div_s (local.get 0) (local.get 1)))
    (func (export "load") (param i32) (result i32) (i32.load (local.get 0)))
    (func $down (export "down") (param i32) (result i32)
      (if (result i32) (i32.eqz (local.get 0))
        (then (i32.const 0))
        (else (i32.add (i32.const 1) (call $down (i32.sub (local.get 0) (i32.const 1)))))))
    (func $forever (export "forever") (param i32) (result i32)
      (call $forever (i32.add (local.get 0) (i32.const 1))))
    (func (export "to-int") (param f32) (result i32) (i32.trunc_f32_s (local.get 0)))
  )
  (core instance $i (instantiate $m))
  (func (export "ok") (param "x" u32) (result u32) (canon lift (core func $i "ok")))
  (func (export "boom") (canon lift (core func $i "boom")))
  (func (export "div") (param "a" s32) (param "b" s32) (result s32) (canon lift (core func $i "div")))
  (func (export "load") (param "addr" u32) (result u32) (canon lift (core func $i "load")))
  (func (export "down") (param "n" u32) (result u32) (canon lift (core func $i "down")))
  (func (export "forever") (param "n" u32) (result u32) (canon lift (core func $i "forever")))
  (func (export "to-int") (param "x" f32) (result s32) (canon lift (core func $i "to-int")))
)
