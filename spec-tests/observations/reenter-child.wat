;; Re-entering a child from its parent while the child is on the stack (a known difference of wasmtime).
;; The parent P holds a child C. The host calls C's `g` (entering C and P); `g` calls P's callback `cb`, which
;; is allowed (entering P from C enters no new instance); `cb` calls C's `h` through a lowered import. That
;; enters C again while C's `g` is still running: Store.lift traps, trap_if(not inst.may_enter_from(caller)),
;; because C.entering_set(P) = {C} and C.may_enter is False (CanonicalABI.md#component-instances,
;; Explainer.md#component-invariants invariant 2). The table indirection breaks the instantiation cycle.
(component
  (core module $tbl
    (table (export "t") 1 funcref))
  (core instance $t (instantiate $tbl))
  (core module $pm
    (import "t" "t" (table 1 funcref))
    (type $f (func (result i32)))
    (func (export "cb") (result i32) (i32.add (call_indirect (type $f) (i32.const 0)) (i32.const 100))))
  (core instance $p (instantiate $pm (with "t" (instance $t))))
  (func $cb (result u32) (canon lift (core func $p "cb")))
  (component $child
    (import "cb" (func $cb (result u32)))
    (core func $cb-low (canon lower (func $cb)))
    (core module $cm
      (import "p" "cb" (func $cb (result i32)))
      (func (export "g") (result i32) (call $cb))
      (func (export "h") (result i32) (i32.const 7)))
    (core instance $ci (instantiate $cm (with "p" (instance (export "cb" (func $cb-low))))))
    (func (export "g") (result u32) (canon lift (core func $ci "g")))
    (func (export "h") (result u32) (canon lift (core func $ci "h"))))
  (instance $c (instantiate $child (with "cb" (func $cb))))
  (alias export $c "h" (func $h))
  (alias export $c "g" (func $g))
  (core func $h-low (canon lower (func $h)))
  (core module $fill
    (import "t" "t" (table 1 funcref))
    (import "c" "h" (func $h (result i32)))
    (elem (table 0) (i32.const 0) func $h))
  (core instance (instantiate $fill (with "t" (instance $t)) (with "c" (instance (export "h" (func $h-low))))))
  (export "g" (func $g))
  (export "h" (func $h))
)
