;; post-return: called after the results are lifted, with the core results as arguments (canon_lift). Here it
;; counts its calls and traps when asked to, which traps the call that it follows.
(component
  (core module $m
    (memory (export "mem") 1)
    (global $calls (mut i32) (i32.const 0))
    (global $fail (mut i32) (i32.const 0))
    (global $last (mut i32) (i32.const 0))
    (func (export "get") (param i32) (result i32) (i32.add (local.get 0) (i32.const 100)))
    (func (export "post") (param i32)
      (global.set $calls (i32.add (global.get $calls) (i32.const 1)))
      (global.set $last (local.get 0))
      (if (global.get $fail) (then unreachable)))
    (func (export "calls") (result i32) (global.get $calls))
    (func (export "last") (result i32) (global.get $last))
    (func (export "fail") (param i32) (global.set $fail (local.get 0)))
  )
  (core instance $i (instantiate $m))
  (func (export "get") (param "x" u32) (result u32) (canon lift (core func $i "get") (post-return (core func $i "post"))))
  (func (export "calls") (result u32) (canon lift (core func $i "calls")))
  (func (export "last") (result u32) (canon lift (core func $i "last")))
  (func (export "fail-next") (param "on" bool) (canon lift (core func $i "fail")))
)
