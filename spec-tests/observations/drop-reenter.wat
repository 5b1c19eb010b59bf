;; Dropping an own handle while the resource's instance is on the stack (a known difference of wasmtime).
;; The child C defines resource `r` with a destructor. The parent P keeps a handle of `r` (keep) and, when C's
;; `run` calls P's callback, drops it. The destructor call is a call into C (canon_resource_drop lifts the
;; destructor in r's instance), which is on the stack: Store.lift traps, trap_if(not inst.may_enter_from(caller)).
;; drop-now shows the same drop outside a call of C, which runs the destructor.
(component
  (core module $tbl (table (export "t") 1 funcref) (memory (export "m") 1))
  (core instance $t (instantiate $tbl))
  (core module $pm
    (import "t" "t" (table 1 funcref))
    (type $f (func))
    (func (export "cb") (call_indirect (type $f) (i32.const 0))))
  (core instance $p (instantiate $pm (with "t" (instance $t))))
  (func $cb (canon lift (core func $p "cb")))
  (component $child
    (import "cb" (func $cb))
    (core module $state
      (global $d (mut i32) (i32.const 0))
      (func (export "dtor") (param i32) (global.set $d (i32.add (global.get $d) (i32.const 1))))
      (func (export "drops") (result i32) (global.get $d)))
    (core instance $s (instantiate $state))
    (type $r (resource (rep i32) (dtor (core func $s "dtor"))))
    (core func $new (canon resource.new $r))
    (core func $cb-low (canon lower (func $cb)))
    (core module $cm
      (import "x" "new" (func $new (param i32) (result i32)))
      (import "x" "cb" (func $cb))
      (func (export "make") (param i32) (result i32) (call $new (local.get 0)))
      (func (export "run") (result i32) (call $cb) (i32.const 1)))
    (core instance $ci (instantiate $cm (with "x" (instance (export "new" (func $new)) (export "cb" (func $cb-low))))))
    (export $re "r" (type $r))
    (func (export "make") (param "rep" u32) (result (own $re)) (canon lift (core func $ci "make")))
    (func (export "run") (result u32) (canon lift (core func $ci "run")))
    (func (export "drops") (result u32) (canon lift (core func $s "drops"))))
  (instance $c (instantiate $child (with "cb" (func $cb))))
  (alias export $c "r" (type $r))
  (alias export $c "make" (func $make))
  (alias export $c "run" (func $run))
  (alias export $c "drops" (func $drops))
  (core func $make-low (canon lower (func $make)))
  (core func $drop (canon resource.drop $r))
  (core module $fill
    (import "t" "t" (table 1 funcref))
    (import "t" "m" (memory 1))
    (import "x" "make" (func $make (param i32) (result i32)))
    (import "x" "drop" (func $drop (param i32)))
    (func $drop-stored (call $drop (i32.load (i32.const 0))))
    (func (export "keep") (param i32) (i32.store (i32.const 0) (call $make (local.get 0))))
    (func (export "drop-now") (call $drop-stored))
    (elem (table 0) (i32.const 0) func $drop-stored))
  (core instance $f (instantiate $fill (with "t" (instance $t)) (with "x" (instance (export "make" (func $make-low)) (export "drop" (func $drop))))))
  (func (export "keep") (param "rep" u32) (canon lift (core func $f "keep")))
  (func (export "drop-now") (canon lift (core func $f "drop-now")))
  (export "run" (func $run))
  (export "drops" (func $drops))
)
