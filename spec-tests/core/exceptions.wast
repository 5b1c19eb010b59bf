;; Exception handling executed (Spec: core/exec/instructions#exec-throw, #exec-throw_ref, #exec-try_table;
;; core/exec/runtime#syntax-taginst, #exception-instances): throw, throw_ref and try_table's four
;; catch clauses, within a function, across calls and across module instances.
;;! exceptions = true

;; A tag module, registered: its tags are imported below under their own and other names.
(module $tags
  (tag $e (export "e") (param i32))
  (tag (export "empty"))
  (func (export "throw-e") (param i32) (throw $e (local.get 0)))
)
(register "tags" $tags)

(module $m
  (tag $e-imported (import "tags" "e") (param i32))
  (tag $e-alias (import "tags" "e") (param i32))
  (tag $empty (import "tags" "empty"))
  (func $throw-e-imported (import "tags" "throw-e") (param i32))
  (tag $t0)
  (tag $t1)
  (tag $i32 (param i32))
  (tag $many (param i32 i64 f32 f64))
  (tag $refs (param funcref externref))
  (table $fns funcref (elem $thrower $quiet))
  (global $saved (mut exnref) (ref.null exn))

  ;; --- payloads of every number type, in order ---
  (func (export "payload") (param i32 i64 f32 f64) (result i32 i64 f32 f64)
    (block $h (result i32 i64 f32 f64)
      (try_table (catch $many $h)
        (throw $many (local.get 0) (local.get 1) (local.get 2) (local.get 3)))
      (unreachable)))

  ;; --- reference payloads ---
  (func $f)
  (elem declare func $f)
  (func (export "payload-refs") (param externref) (result funcref externref)
    (block $h (result funcref externref)
      (try_table (catch $refs $h)
        (throw $refs (ref.func $f) (local.get 0)))
      (unreachable)))

  ;; --- the operand stack below the try_table is kept, what the body pushed is dropped ---
  (func (export "stack-height") (result i32)
    (i32.const 100)
    (block $h (result i32)
      (try_table (result i32) (catch $i32 $h)
        (i32.const 1) (i32.const 2) (drop) (drop)
        (i32.const 7) (i32.const 8) (throw $i32 (i32.const 3))))
    (i32.add))

  ;; --- across wasm calls: thrown three frames down, caught at the top ---
  (func $level3 (param i32) (result i32)
    (if (local.get 0) (then (throw $i32 (local.get 0))))
    (i32.const -1))
  (func $level2 (param i32) (result i32) (i32.add (call $level3 (local.get 0)) (i32.const 1000)))
  (func $level1 (param i32) (result i32) (i32.add (call $level2 (local.get 0)) (i32.const 1000)))
  (func (export "across-calls") (param i32) (result i32)
    (block $h (result i32)
      (try_table (result i32) (catch $i32 $h)
        (call $level1 (local.get 0)))
      (return))
    (i32.const 10000)
    (i32.add))

  ;; --- deep recursion: thrown at depth n, caught at the top; the frames between are left ---
  (func $recurse (param i32) (result i32)
    (if (i32.eqz (local.get 0)) (then (throw $i32 (i32.const 55))))
    (i32.add (call $recurse (i32.sub (local.get 0) (i32.const 1))) (i32.const 1)))
  (func (export "deep") (param i32) (result i32)
    (block $h (result i32)
      (try_table (result i32) (catch $i32 $h) (call $recurse (local.get 0))))
    ;; the frames are popped: a call afterwards works normally
    (drop)
    (block $h2 (result i32)
      (try_table (result i32) (catch $i32 $h2) (call $recurse (i32.const 3)))))

  ;; --- the innermost matching handler wins; non-matching inner ones are passed over ---
  (func (export "innermost") (param i32) (result i32)
    (block $outer (result i32)
      (block $inner (result i32)
        (block $none
          (try_table (result i32) (catch $i32 $outer)
            (try_table (result i32) (catch $i32 $inner)
              (try_table (result i32) (catch $t0 $none)
                (if (local.get 0) (then (throw $i32 (i32.const 1))))
                (throw $t1))))
          (return))
        (return (i32.const -1)))
      (i32.const 100)
      (i32.add)
      (return))
    (i32.const 200)
    (i32.add))
  (func (export "first-clause") (result i32)
    (block $a (result i32)
      (block $b (result i32)
        (try_table (catch $i32 $a) (catch $i32 $b)
          (throw $i32 (i32.const 5)))
        (unreachable))
      (i32.const 1000)
      (i32.add)
      (return))
    (i32.const 2000)
    (i32.add))

  ;; --- catch_all after a non-matching catch (1); a matching catch before catch_all (2); catch_all
  ;; before a matching catch wins (1) ---
  (func (export "catch-all") (param i32) (result i32)
    (block $all
      (block $h (result i32)
        (try_table (result i32) (catch $i32 $h) (catch_all $all)
          (if (local.get 0) (then (throw $t0)))
          (throw $i32 (i32.const 3)))
        (return))
      (return (i32.const 2)))
    (i32.const 1))
  (func (export "catch-all-first") (result i32)
    (block $all
      (block $h (result i32)
        (try_table (result i32) (catch_all $all) (catch $i32 $h)
          (throw $i32 (i32.const 3)))
        (return))
      (return (i32.const 2)))
    (i32.const 1))

  ;; --- rethrow with throw_ref: the outer handler sees the same exception and its payload ---
  (func (export "rethrow") (param i32) (result i32)
    (block $outer (result i32)
      (try_table (result i32) (catch $i32 $outer)
        (block $inner (result i32 exnref)
          (try_table (catch_ref $i32 $inner)
            (throw $i32 (local.get 0)))
          (unreachable))
        ;; drop the payload, rethrow the exception itself
        (local.set 0 (i32.const 0))
        (throw_ref)
        ))
    (i32.const 1)
    (i32.add))
  (func (export "rethrow-catch-all-ref") (param i32) (result i32)
    (block $outer (result i32)
      (try_table (result i32) (catch $i32 $outer)
        (block $inner (result exnref)
          (try_table (catch_all_ref $inner)
            (if (local.get 0) (then (call $throw-e-imported (local.get 0))))
            (throw $i32 (local.get 0)))
          (unreachable))
        (throw_ref)))
    (return))
  ;; An exnref kept in a global outlives its handler and is rethrown later.
  (func (export "save") (param i32)
    (block $h (result i32 exnref)
      (try_table (catch_ref $i32 $h) (throw $i32 (local.get 0)))
      (unreachable))
    (global.set $saved)
    (drop))
  (func (export "saved-is-null") (result i32) (ref.is_null (global.get $saved)))
  (func (export "rethrow-saved") (result i32)
    (block $h (result i32)
      (try_table (catch $i32 $h) (throw_ref (global.get $saved)))
      (unreachable)))
  (func (export "rethrow-saved-uncaught") (throw_ref (global.get $saved)))
  (func (export "throw-ref-null") (throw_ref (ref.null exn)))
  (func (export "null-exnref") (result exnref) (ref.null exn))

  ;; --- catch branching to a loop: retry until the thrower stops ---
  (func (export "retry") (param i32) (result i32)
    (local $tries i32)
    (loop $again
      (local.set $tries (i32.add (local.get $tries) (i32.const 1)))
      (try_table (catch $t0 $again)
        (if (i32.lt_u (local.get $tries) (local.get 0)) (then (throw $t0)))))
    (local.get $tries))

  ;; --- catch branching to the function's own label: the payload is the result ---
  (func (export "catch-to-function") (result i32)
    (try_table (catch $i32 0)
      (throw $i32 (i32.const 77)))
    (i32.const 0))

  ;; --- a try_table with parameters ---
  (func (export "with-params") (param i32) (result i32)
    (block $h (result i32)
      (local.get 0)
      (try_table (param i32) (result i32) (catch $i32 $h)
        (throw $i32 (i32.add (i32.const 1))))
      (unreachable)))

  ;; --- a throw from the catch's own label code is not caught by that try_table ---
  (func (export "not-in-handler") (result i32)
    (block $h
      (try_table (catch $t0 $h) (throw $t0)))
    (throw $t1))

  ;; --- leaving the try_table by br ends its scope ---
  (func (export "after-br") (result i32)
    (block $h
      (block $out
        (try_table (catch $t0 $h) (br $out)))
      (throw $t0))
    (i32.const 1))

  ;; --- a comparison before the try_table and the `if` inside it: the call is still covered ---
  (func $throw-t0 (throw $t0))
  (func (export "compare-before") (param i32) (result i32)
    (block $h
      (local.get 0) (i32.const 1) (i32.eq)
      (try_table (param i32) (catch $t0 $h)
        (if (then (call $throw-t0))))
      (return (i32.const 1)))
    (i32.const 2))

  ;; --- through call_indirect ---
  (func $thrower (param i32) (result i32) (throw $i32 (local.get 0)))
  (func $quiet (param i32) (result i32) (local.get 0))
  (type $sig (func (param i32) (result i32)))
  (func (export "indirect") (param i32 i32) (result i32)
    (block $h (result i32)
      (try_table (result i32) (catch $i32 $h)
        (call_indirect $fns (type $sig) (local.get 0) (local.get 1)))
      (i32.const 100)
      (i32.add)))

  ;; --- tag identity: imported under two names, and thrown by the exporting instance ---
  (func (export "alias") (result i32)
    (block $h (result i32)
      (try_table (catch $e-imported $h) (throw $e-alias (i32.const 9)))
      (unreachable)))
  (func (export "from-exporter") (result i32)
    (block $h (result i32)
      (try_table (catch $e-alias $h) (call $throw-e-imported (i32.const 11)))
      (unreachable)))
  (func (export "local-tag-differs") (result i32)
    (block $all
      (block $h (result i32)
        (try_table (catch $i32 $h) (catch_all $all) (call $throw-e-imported (i32.const 11)))
        (unreachable))
      (return))
    (i32.const 1))

  ;; --- traps are not exceptions: catch_all does not catch them ---
  (func (export "trap-not-caught") (result i32)
    (block $all
      (try_table (catch_all $all) (unreachable)))
    (i32.const 1))
  (func (export "div-not-caught") (param i32) (result i32)
    (block $all
      (try_table (catch_all $all) (drop (i32.div_u (i32.const 1) (local.get 0)))))
    (i32.const 1))

  ;; --- uncaught ---
  (func (export "uncaught") (param i32) (throw $i32 (local.get 0)))
  (func (export "uncaught-nested") (param i32) (drop (call $level1 (local.get 0))))
  (func (export "mismatch-uncaught")
    (block $h
      (try_table (catch $t0 $h) (throw $t1))))
)

(assert_return (invoke "payload" (i32.const -1) (i64.const 0x8000_0000_0000_0001) (f32.const -1.5) (f64.const nan:0x4))
  (i32.const -1) (i64.const 0x8000_0000_0000_0001) (f32.const -1.5) (f64.const nan:0x4))
(assert_return (invoke "payload-refs" (ref.extern 7)) (ref.func) (ref.extern 7))
(assert_return (invoke "payload-refs" (ref.null extern)) (ref.func) (ref.null extern))
(assert_return (invoke "stack-height") (i32.const 103))
(assert_return (invoke "across-calls" (i32.const 5)) (i32.const 10005))
(assert_return (invoke "across-calls" (i32.const 0)) (i32.const 1999))
(assert_return (invoke "deep" (i32.const 5000)) (i32.const 55))
(assert_return (invoke "innermost" (i32.const 1)) (i32.const 101))
(assert_exception (invoke "innermost" (i32.const 0)))
(assert_return (invoke "first-clause") (i32.const 2005))
(assert_return (invoke "catch-all" (i32.const 1)) (i32.const 1))
(assert_return (invoke "catch-all" (i32.const 0)) (i32.const 2))
(assert_return (invoke "catch-all-first") (i32.const 1))
(assert_return (invoke "rethrow" (i32.const 41)) (i32.const 42))
(assert_return (invoke "rethrow-catch-all-ref" (i32.const 0)) (i32.const 0))
(assert_exception (invoke "rethrow-catch-all-ref" (i32.const 4)))
(assert_return (invoke "saved-is-null") (i32.const 1))
(assert_trap (invoke "rethrow-saved-uncaught") "null exception reference")
(assert_return (invoke "save" (i32.const 31)))
(assert_return (invoke "saved-is-null") (i32.const 0))
(assert_return (invoke "rethrow-saved") (i32.const 31))
(assert_return (invoke "rethrow-saved") (i32.const 31))
(assert_exception (invoke "rethrow-saved-uncaught"))
(assert_trap (invoke "throw-ref-null") "null exception reference")
(assert_return (invoke "null-exnref") (ref.null exn))
(assert_return (invoke "retry" (i32.const 5)) (i32.const 5))
(assert_return (invoke "retry" (i32.const 0)) (i32.const 1))
(assert_return (invoke "catch-to-function") (i32.const 77))
(assert_return (invoke "with-params" (i32.const 4)) (i32.const 5))
(assert_exception (invoke "not-in-handler"))
(assert_exception (invoke "after-br"))
(assert_return (invoke "compare-before" (i32.const 0)) (i32.const 1))
(assert_return (invoke "compare-before" (i32.const 1)) (i32.const 2))
(assert_return (invoke "indirect" (i32.const 6) (i32.const 0)) (i32.const 6))
(assert_return (invoke "indirect" (i32.const 6) (i32.const 1)) (i32.const 106))
(assert_trap (invoke "indirect" (i32.const 6) (i32.const 2)) "undefined element")
(assert_return (invoke "alias") (i32.const 9))
(assert_return (invoke "from-exporter") (i32.const 11))
(assert_return (invoke "local-tag-differs") (i32.const 1))
(assert_trap (invoke "trap-not-caught") "unreachable")
(assert_trap (invoke "div-not-caught" (i32.const 0)) "integer divide by zero")
(assert_return (invoke "div-not-caught" (i32.const 1)) (i32.const 1))
(assert_exception (invoke "uncaught" (i32.const 1)))
(assert_exception (invoke "uncaught-nested" (i32.const 1)))
(assert_return (invoke "uncaught-nested" (i32.const 0)))
(assert_exception (invoke "mismatch-uncaught"))
;; The store is usable after an uncaught exception.
(assert_return (invoke "across-calls" (i32.const 2)) (i32.const 10002))

;; Tags are generative: two instances of one module define two tags. The second instance's
;; "throw-e" throws its own tag, which the first instance's catch does not match.
(module $tags2
  (tag $e (export "e") (param i32))
  (func (export "throw-e") (param i32) (throw $e (local.get 0)))
)
(register "tags2" $tags2)
(module
  (tag $e1 (import "tags" "e") (param i32))
  (func $throw1 (import "tags" "throw-e") (param i32))
  (func $throw2 (import "tags2" "throw-e") (param i32))
  (func (export "which") (param i32) (result i32)
    (block $all
      (block $h (result i32)
        (try_table (catch $e1 $h) (catch_all $all)
          (if (local.get 0)
            (then (call $throw2 (i32.const 2)))
            (else (call $throw1 (i32.const 1)))))
        (unreachable))
      (return))
    (i32.const 0))
)
(assert_return (invoke "which" (i32.const 0)) (i32.const 1))
(assert_return (invoke "which" (i32.const 1)) (i32.const 0))
