;;! gc = true
;;! function_references = true
;; GC type definitions in the type section (Spec: core/syntax/types, core/valid/types,
;; core/valid/matching): sub types, struct and array types, recursion groups, and concrete heap
;; types in signatures, locals, globals and tables. GC instructions are not part of this script.

;; Every form of the type section, and a function whose types refer to them; the module runs.
(module
  (type $bytes (array (mut i8)))
  (type $point (struct (field $x i32) (field $y (mut f32)) (field i8 i16)))
  (type $t1 (sub (func)))
  (type (sub final $t1 (func)))
  (type $node (sub (struct (field $next (ref null $node)))))
  (type $leaf (sub final $node (struct (field (ref null $leaf)) (field i32))))
  (rec)
  (rec (type $f (func (param (ref $g)) (result i32))) (type $g (struct (field (ref null $f)))))
  (global (export "point") (ref null $point) (ref.null $point))
  (table 2 (ref null $bytes))
  (func (export "leaf-is-node") (param (ref null $leaf)) (result (ref null $node)) (local.get 0))
  (func (export "add") (param i32 i32) (result i32) (i32.add (local.get 0) (local.get 1))))
(assert_return (invoke "add" (i32.const 2) (i32.const 3)) (i32.const 5))

;; Two definitions of the same recursion group are the same type (iso-recursive equality).
(module
  (type $a (struct (field (ref null $a))))
  (type $b (struct (field (ref null $b))))
  (func (param (ref $a)) (result (ref $b)) (local.get 0)))

;; A member of a larger group is another type than the same definition alone.
(assert_invalid
  (module
    (rec (type $x (struct)) (type (struct (field i32))))
    (type $y (struct))
    (func (param (ref $x)) (result (ref $y)) (local.get 0)))
  "type mismatch")

;; Subtyping is declared, not structural.
(assert_invalid
  (module
    (type $p (sub (struct)))
    (type $q (sub (struct (field i32))))
    (func (param (ref $q)) (result (ref $p)) (local.get 0)))
  "type mismatch")

;; The type section's rules, in wasmparser's words.
(assert_invalid
  (module (type $a (func)) (type (sub $a (func))))
  "sub type cannot have a final super type")
(assert_invalid
  (module (type $a (sub (struct (field i32)))) (type (sub $a (struct (field (mut i32))))))
  "sub type must match super type")
(assert_invalid
  (module (type (sub 1 (struct))) (type (sub (struct))))
  "supertypes must be defined before subtypes")
(assert_invalid
  (module (type (struct)) (func (type 0)))
  "type index 0 is not a function type")
