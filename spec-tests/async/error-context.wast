;;! component_model_error_context = true
;; error-context values: creation, the debug message, passing one between
;; components (lifting copies the reference; the sender keeps its handle), and
;; the traps of lift_error_context and the error-context built-ins.
;; Spec: CanonicalABI.md#-canon-error-contextnew, #-canon-error-contextdebug-message,
;;   #-canon-error-contextdrop, #loading (lift_error_context),
;;   #storing (lower_error_context), #table-state.
;; The debug message is host-defined (it may be empty), so only its shape is checked.
(component definition $Pair
  (component $C
    (core module $Libc (memory (export "mem") 1) (data (i32.const 64) "boom"))
    (core instance $libc (instantiate $Libc))
    (core func $ec.new (canon error-context.new (memory (core memory $libc "mem"))))
    (core func $ec.drop (canon error-context.drop))
    (core func $ws.new (canon waitable-set.new))
    (core module $CM
      (import "" "ec.new" (func $ec.new (param i32 i32) (result i32)))
      (import "" "ec.drop" (func $ec.drop (param i32)))
      (import "" "ws.new" (func $ws.new (result i32)))
      (global $last (mut i32) (i32.const 0))
      (func (export "make") (result i32)
        (global.set $last (call $ec.new (i32.const 64) (i32.const 4)))
        (global.get $last))
      (func (export "drop-last") (call $ec.drop (global.get $last)))
      (func (export "bad-index") (result i32) (i32.const 99))
      (func (export "not-errctx") (result i32) (call $ws.new)))
    (core instance $cm (instantiate $CM (with "" (instance
      (export "ec.new" (func $ec.new)) (export "ec.drop" (func $ec.drop)) (export "ws.new" (func $ws.new))))))
    (func (export "make") (result error-context) (canon lift (core func $cm "make")))
    (func (export "drop-last") (canon lift (core func $cm "drop-last")))
    (func (export "bad-index") (result error-context) (canon lift (core func $cm "bad-index")))
    (func (export "not-errctx") (result error-context) (canon lift (core func $cm "not-errctx"))))
  (component $D
    (import "c" (instance $c
      (export "make" (func (result error-context)))
      (export "drop-last" (func))
      (export "bad-index" (func (result error-context)))
      (export "not-errctx" (func (result error-context)))))
    (core module $Libc
      (memory (export "mem") 1)
      (func (export "realloc") (param i32 i32 i32 i32) (result i32) (i32.const 256)))
    (core instance $libc (instantiate $Libc))
    (core func $make (canon lower (func $c "make")))
    (core func $drop-last (canon lower (func $c "drop-last")))
    (core func $bad-index (canon lower (func $c "bad-index")))
    (core func $not-errctx (canon lower (func $c "not-errctx")))
    (core func $ec.message (canon error-context.debug-message (memory (core memory $libc "mem")) (realloc (core func $libc "realloc"))))
    (core func $ec.drop (canon error-context.drop))
    (core module $DM
      (import "" "mem" (memory 1))
      (import "" "make" (func $make (result i32)))
      (import "" "drop-last" (func $drop-last))
      (import "" "bad-index" (func $bad-index (result i32)))
      (import "" "not-errctx" (func $not-errctx (result i32)))
      (import "" "ec.message" (func $ec.message (param i32 i32)))
      (import "" "ec.drop" (func $ec.drop (param i32)))
      (func $expect (param $got i32) (param $want i32)
        (if (i32.ne (local.get $got) (local.get $want)) (then unreachable)))
      (func (export "run") (result i32)
        (local $e i32) (local $f i32)
        (local.set $e (call $make))
        (call $expect (local.get $e) (i32.const 1))
        (local.set $f (call $make))
        (call $expect (local.get $f) (i32.const 2))
        ;; the debug message is a string (ptr, len) in this memory: at most "boom"'s 4 bytes
        (call $ec.message (local.get $e) (i32.const 8))
        (if (i32.gt_u (i32.load (i32.const 12)) (i32.const 4)) (then unreachable))
        (call $ec.drop (local.get $e))
        (call $ec.drop (local.get $f))
        ;; the sender still holds its own handle to the last one it made
        (call $drop-last)
        (i32.const 1))
      (func (export "bad-index") (drop (call $bad-index)))
      (func (export "not-errctx") (drop (call $not-errctx)))
      (func (export "drop-twice")
        (local $e i32)
        (local.set $e (call $make))
        (call $ec.drop (local.get $e))
        (call $ec.drop (local.get $e))))
    (core instance $dm (instantiate $DM (with "" (instance
      (export "mem" (memory $libc "mem")) (export "make" (func $make)) (export "drop-last" (func $drop-last))
      (export "bad-index" (func $bad-index)) (export "not-errctx" (func $not-errctx))
      (export "ec.message" (func $ec.message)) (export "ec.drop" (func $ec.drop))))))
    (func (export "run") (result u32) (canon lift (core func $dm "run")))
    (func (export "bad-index") (canon lift (core func $dm "bad-index")))
    (func (export "not-errctx") (canon lift (core func $dm "not-errctx")))
    (func (export "drop-twice") (canon lift (core func $dm "drop-twice"))))
  (instance $c (instantiate $C))
  (instance $d (instantiate $D (with "c" (instance $c))))
  (export "run" (func $d "run"))
  (export "bad-index" (func $d "bad-index"))
  (export "not-errctx" (func $d "not-errctx"))
  (export "drop-twice" (func $d "drop-twice")))

(component instance $p $Pair)
(assert_return (invoke "run") (u32.const 1))
(component instance $p $Pair)
;; trap: lift_error_context — Table.get: i >= len(array)
(assert_trap (invoke "bad-index") "unknown handle index 99")
(component instance $p $Pair)
;; trap: lift_error_context — not isinstance(errctx, ErrorContext)
(assert_trap (invoke "not-errctx") "handle is not an error-context")
(component instance $p $Pair)
;; trap: canon_error_context_drop — Table.remove: array[i] is None
(assert_trap (invoke "drop-twice") "unknown handle index 1")
