;; The text format's abbreviations (Spec: core/text/modules, core/text/instructions):
;; each abbreviated module must mean the same as its unabbreviated form.

;; Inline exports and imports, implicit type uses, named locals and labels, folded instructions.
(module
  (import "spectest" "global_i32" (global $g i32))
  (func $add (export "add") (param $a i32) (param $b i32) (result i32)
    (i32.add (local.get $a) (local.get $b)))
  (func (export "twice") (param i32) (result i32)
    (call $add (local.get 0) (local.get 0)))
  (func (export "imported") (result i32) (global.get $g))
  (func (export "labels") (param $n i32) (result i32)
    (local $acc i32)
    (block $done
      (loop $again
        (br_if $done (i32.eqz (local.get $n)))
        (local.set $acc (i32.add (local.get $acc) (local.get $n)))
        (local.set $n (i32.sub (local.get $n) (i32.const 1)))
        (br $again)))
    (local.get $acc))
  (func (export "if-folded") (param i32) (result i32)
    (if (result i32) (local.get 0) (then (i32.const 10)) (else (i32.const 20))))
  (func (export "if-flat") (param i32) (result i32)
    local.get 0
    if (result i32) i32.const 10 else i32.const 20 end)
)
(assert_return (invoke "add" (i32.const 2) (i32.const 3)) (i32.const 5))
(assert_return (invoke "twice" (i32.const 21)) (i32.const 42))
(assert_return (invoke "imported") (i32.const 666))
(assert_return (invoke "labels" (i32.const 10)) (i32.const 55))
(assert_return (invoke "if-folded" (i32.const 1)) (i32.const 10))
(assert_return (invoke "if-folded" (i32.const 0)) (i32.const 20))
(assert_return (invoke "if-flat" (i32.const 7)) (i32.const 10))
(assert_return (invoke "if-flat" (i32.const 0)) (i32.const 20))

;; Memory and data shorthand; table and elem shorthand.
(module
  (memory (export "mem") (data "\01\02\03\04"))
  (table $t funcref (elem $f1 $f2))
  (func $f1 (result i32) (i32.const 1))
  (func $f2 (result i32) (i32.const 2))
  (func (export "byte") (param i32) (result i32) (i32.load8_u (local.get 0)))
  (func (export "word") (result i32) (i32.load offset=0 align=4 (i32.const 0)))
  (func (export "size") (result i32) (memory.size))
  (func (export "call") (param i32) (result i32) (call_indirect $t (result i32) (local.get 0)))
)
(assert_return (invoke "byte" (i32.const 2)) (i32.const 3))
(assert_return (invoke "word") (i32.const 0x04030201))
(assert_return (invoke "size") (i32.const 1))
(assert_return (invoke "call" (i32.const 0)) (i32.const 1))
(assert_return (invoke "call" (i32.const 1)) (i32.const 2))
(assert_trap (invoke "call" (i32.const 2)) "undefined element")

;; Labels must match their names.
(assert_malformed (module quote "(func block $a end $b)") "mismatching label")
;; Alignment is written as a power of two.
(assert_malformed (module quote "(memory 1) (func (drop (i32.load align=3 (i32.const 0))))") "alignment")
;; An unknown identifier is a malformed module in text.
(assert_malformed (module quote "(func (local.get $nope) drop)") "unknown local")
