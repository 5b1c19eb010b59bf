;; The async host imports component scripts may use (issue 7), through the runner: `host-echo-u32`
;; (returns at once), `host.return-two-slowly` (result s32, as wasmtime's runner types it) and
;; `host.echo-slowly` (yield once, then return),
;; `host.never-return` and `host.[method]resource1.never-return` (never resolve; a cancellation is
;; acknowledged). Sections: CanonicalABI.md#canon-lower (sync and async lowering of an async callee),
;; #-canon-subtaskcancel, #-canon-waitable-setwait, #embedding (Store.tick).

;; A synchronous lowering of an async host function that returns at once, from a sync export.
(component
  (import "host-echo-u32" (func $echo async (param "v" u32) (result u32)))
  (core func $echo (canon lower (func $echo)))
  (core module $m
    (import "" "echo" (func $echo (param i32) (result i32)))
    (func (export "twice") (param i32) (result i32) (i32.add (call $echo (local.get 0)) (call $echo (local.get 0)))))
  (core instance $i (instantiate $m (with "" (instance (export "echo" (func $echo))))))
  (func (export "twice") (param "v" u32) (result u32) (canon lift (core func $i "twice")))
)
(assert_return (invoke "twice" (u32.const 21)) (u32.const 42))

;; Async lowerings of the slow functions: each call is STARTED (1) with a subtask index, the
;; caller waits for RETURNED (2) and reads the result from its memory.
(component
  (import "host" (instance $host
    (export "return-two-slowly" (func async (result s32)))
    (export "echo-slowly" (func async (param "v" u32) (result u32)))
  ))
  (core module $Memory (memory (export "mem") 1))
  (core instance $memory (instantiate $Memory))
  (core func $two (canon lower (func $host "return-two-slowly") async (memory (core memory $memory "mem"))))
  (core func $echo (canon lower (func $host "echo-slowly") async (memory (core memory $memory "mem"))))
  (core func $echo-sync (canon lower (func $host "echo-slowly")))
  (core func $ws.new (canon waitable-set.new))
  (core func $ws.wait (canon waitable-set.wait (memory (core memory $memory "mem"))))
  (core func $join (canon waitable.join))
  (core func $drop (canon subtask.drop))
  (core module $m
    (import "" "mem" (memory 1))
    (import "" "two" (func $two (param i32) (result i32)))
    (import "" "echo" (func $echo (param i32 i32) (result i32)))
    (import "" "echo-sync" (func $echo-sync (param i32) (result i32)))
    (import "" "ws.new" (func $ws.new (result i32)))
    (import "" "ws.wait" (func $ws.wait (param i32 i32) (result i32)))
    (import "" "join" (func $join (param i32 i32)))
    (import "" "drop" (func $drop (param i32)))
    ;; Waits for subtask $st in a fresh set: SUBTASK (1) with state RETURNED (2).
    (func $await (param $st i32)
      (local $ws i32)
      (local.set $ws (call $ws.new))
      (call $join (local.get $st) (local.get $ws))
      (if (i32.ne (call $ws.wait (local.get $ws) (i32.const 0)) (i32.const 1)) (then unreachable))
      (if (i32.ne (i32.load (i32.const 0)) (local.get $st)) (then unreachable))
      (if (i32.ne (i32.load (i32.const 4)) (i32.const 2)) (then unreachable))
      (call $drop (local.get $st)))
    (func (export "sum") (result i32)
      (local $r1 i32) (local $r2 i32)
      (local.set $r1 (call $two (i32.const 16)))
      (if (i32.ne (i32.and (local.get $r1) (i32.const 0xf)) (i32.const 1)) (then unreachable))
      (local.set $r2 (call $echo (i32.const 40) (i32.const 20)))
      (if (i32.ne (i32.and (local.get $r2) (i32.const 0xf)) (i32.const 1)) (then unreachable))
      (call $await (i32.shr_u (local.get $r1) (i32.const 4)))
      (call $await (i32.shr_u (local.get $r2) (i32.const 4)))
      (i32.add (i32.load (i32.const 16)) (i32.load (i32.const 20))))
    (func (export "sync-echo") (param i32) (result i32) (call $echo-sync (local.get 0))))
  (core instance $i (instantiate $m (with "" (instance
    (export "mem" (memory $memory "mem")) (export "two" (func $two)) (export "echo" (func $echo))
    (export "echo-sync" (func $echo-sync)) (export "ws.new" (func $ws.new)) (export "ws.wait" (func $ws.wait))
    (export "join" (func $join)) (export "drop" (func $drop))))))
  (func (export "sum") async (result u32) (canon lift (core func $i "sum")))
  (func (export "sync-echo") async (param "v" u32) (result u32) (canon lift (core func $i "sync-echo")))
)
(assert_return (invoke "sum") (u32.const 42))
(assert_return (invoke "sync-echo" (u32.const 7)) (u32.const 7))

;; never-return: an async lowering stays STARTED; cancelling it resolves CANCELLED_BEFORE_RETURNED (4).
;; Waiting on it synchronously from an async export never resolves: the invoke reports a deadlock
;; (wasmtime 49 passes every command of this file but the last, where it waits forever).
(component
  (import "host" (instance $host
    (export "resource1" (type $r (sub resource)))
    (export "[constructor]resource1" (func (param "rep" u32) (result (own $r))))
    (export "never-return" (func async))
    (export "[method]resource1.never-return" (func async (param "self" (borrow $r))))
  ))
  (alias export $host "resource1" (type $r))
  (core func $ctor (canon lower (func $host "[constructor]resource1")))
  (core func $never (canon lower (func $host "never-return") async))
  (core func $never-sync (canon lower (func $host "never-return")))
  (core func $method-never (canon lower (func $host "[method]resource1.never-return") async))
  (core func $cancel (canon subtask.cancel))
  (core func $drop (canon subtask.drop))
  (core func $rdrop (canon resource.drop $r))
  (core module $m
    (import "" "ctor" (func $ctor (param i32) (result i32)))
    (import "" "never" (func $never (result i32)))
    (import "" "never-sync" (func $never-sync))
    (import "" "method-never" (func $method-never (param i32) (result i32)))
    (import "" "cancel" (func $cancel (param i32) (result i32)))
    (import "" "drop" (func $drop (param i32)))
    (import "" "rdrop" (func $rdrop (param i32)))
    (func (export "cancel-never") (result i32)
      (local $r i32)
      (local.set $r (call $never))
      (if (i32.ne (i32.and (local.get $r) (i32.const 0xf)) (i32.const 1)) (then unreachable))
      (local.set $r (i32.shr_u (local.get $r) (i32.const 4)))
      (if (i32.ne (call $cancel (local.get $r)) (i32.const 4)) (then unreachable))
      (call $drop (local.get $r))
      (i32.const 4))
    (func (export "cancel-method-never") (result i32)
      (local $h i32) (local $r i32)
      (local.set $h (call $ctor (i32.const 9)))
      (local.set $r (call $method-never (local.get $h)))
      (if (i32.ne (i32.and (local.get $r) (i32.const 0xf)) (i32.const 1)) (then unreachable))
      (local.set $r (i32.shr_u (local.get $r) (i32.const 4)))
      (if (i32.ne (call $cancel (local.get $r)) (i32.const 4)) (then unreachable))
      (call $drop (local.get $r))
      ;; the borrow ended with the cancelled call: the own handle can be dropped
      (call $rdrop (local.get $h))
      (i32.const 4))
    (func (export "wait-never") (call $never-sync)))
  (core instance $i (instantiate $m (with "" (instance
    (export "ctor" (func $ctor)) (export "never" (func $never)) (export "never-sync" (func $never-sync))
    (export "method-never" (func $method-never)) (export "cancel" (func $cancel)) (export "drop" (func $drop))
    (export "rdrop" (func $rdrop))))))
  (func (export "cancel-never") async (result u32) (canon lift (core func $i "cancel-never")))
  (func (export "cancel-method-never") async (result u32) (canon lift (core func $i "cancel-method-never")))
  (func (export "wait-never") async (canon lift (core func $i "wait-never")))
)
(assert_return (invoke "cancel-never") (u32.const 4))
(assert_return (invoke "cancel-method-never") (u32.const 4))
(assert_trap (invoke "wait-never") "deadlock detected: event loop cannot make further progress")
