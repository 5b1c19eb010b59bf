;; The runner's scheduler (issue 7): `invoke` of an async export runs Store.tick until the call
;; resolves; a call that can never resolve is reported at its line, never a hang: no thread can run
;; (wasmtime words it the same), or the call has not resolved after ComponentRuntime.maxTicksPerInvoke
;; ticks (wasmtime 49 runs the yield-forever call forever).
;; Sections: CanonicalABI.md#embedding (Store.invoke, Store.tick), #canon-lift (the callback loop).

;; A callback that yields a few times, then returns: the invoke ticks until it resolves.
(component
  (core func $task.return (canon task.return (result u32)))
  (core module $m
    (import "" "task.return" (func $task.return (param i32)))
    (global $n (mut i32) (i32.const 0))
    (func (export "f") (result i32) (i32.const 1 (; YIELD ;)))
    (func (export "f-cb") (param i32 i32 i32) (result i32)
      (if (i32.ne (local.get 0) (i32.const 0 (; NONE ;))) (then unreachable))
      (global.set $n (i32.add (global.get $n) (i32.const 1)))
      (if (i32.lt_u (global.get $n) (i32.const 5)) (then (return (i32.const 1 (; YIELD ;)))))
      (call $task.return (global.get $n))
      (i32.const 0 (; EXIT ;)))
    ;; never returns: YIELD forever
    (func (export "g") (result i32) (i32.const 1))
    (func (export "g-cb") (param i32 i32 i32) (result i32) (i32.const 1))
    ;; waits on an empty waitable set: nothing can ever wake it
    (func (export "h") (result i32) (i32.const 0)))
  (core instance $i (instantiate $m (with "" (instance (export "task.return" (func $task.return))))))
  (core func $ws.new (canon waitable-set.new))
  (core module $n
    (import "" "ws.new" (func $ws.new (result i32)))
    (func (export "h") (result i32) (i32.or (i32.const 2 (; WAIT ;)) (i32.shl (call $ws.new) (i32.const 4))))
    (func (export "h-cb") (param i32 i32 i32) (result i32) unreachable))
  (core instance $j (instantiate $n (with "" (instance (export "ws.new" (func $ws.new))))))
  (func (export "five-yields") async (result u32) (canon lift (core func $i "f") async (callback (core func $i "f-cb"))))
  (func (export "yield-forever") async (canon lift (core func $i "g") async (callback (core func $i "g-cb"))))
  (func (export "wait-forever") async (canon lift (core func $j "h") async (callback (core func $j "h-cb"))))
)
(assert_return (invoke "five-yields") (u32.const 5))
(assert_trap (invoke "wait-forever") "deadlock detected: event loop cannot make further progress")
(assert_trap (invoke "yield-forever") "deadlock detected: event loop cannot make further progress")
