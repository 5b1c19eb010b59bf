;; The script format's commands (Spec: the reference interpreter's README, "Scripts").

;; A named module, actions on it by name and on the most recent module.
(module $A
  (global (export "g") (mut i32) (i32.const 7))
  (func (export "set") (param i32) (global.set 0 (local.get 0)))
  (func (export "id") (param i32) (result i32) (local.get 0))
)
(get "g")
(assert_return (get $A "g") (i32.const 7))
(invoke "set" (i32.const 9))
(assert_return (get "g") (i32.const 9))

;; register makes a module's exports importable by another.
(register "a" $A)
(module $B
  (import "a" "id" (func $id (param i32) (result i32)))
  (func (export "twice") (param i32) (result i32) (call $id (i32.add (local.get 0) (local.get 0))))
)
(assert_return (invoke $B "twice" (i32.const 21)) (i32.const 42))
(assert_return (invoke $A "id" (i32.const -1)) (i32.const 0xffffffff))

;; Modules in binary and quoted text; both are decoded or parsed when the command runs.
(module $C binary "\00asm" "\01\00\00\00")
(module quote "(func (export \"q\") (result i64)" " (i64.const -2))")
(assert_return (invoke "q") (i64.const -2))
(assert_malformed (module quote "(func (result i32) (i32.const 1)") "unexpected end")
(assert_malformed (module binary "\00asm" "\01\00\00") "unexpected end")
(assert_invalid (module (func (result i32) (i64.const 1))) "type mismatch")

;; Instantiation failures.
(assert_unlinkable (module (import "a" "missing" (func))) "unknown import")
(assert_trap (module (func $f unreachable) (start $f)) "unreachable")
(module (func $f (call $f)) (func (export "loop") (call $f)))
(assert_exhaustion (invoke "loop") "call stack exhausted")
