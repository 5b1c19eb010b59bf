;; Destructors: which instance runs them, with which rep, and the rules that
;; apply to the destructor call (it is a component-level call into the
;; resource's defining instance, so the re-entrance guard applies).
;; Spec: CanonicalABI.md#canon-resourcedrop (Store.lift of rt.dtor into rt.impl,
;;   lowered into the dropping instance), #embedding (Store.lift: trap_if(not
;;   inst.may_enter_from(caller))), #component-instances (may_enter_from,
;;   entering_set), #resource-state (ResourceType.dtor).

;; A child defines R with a destructor that logs its rep; the parent drops
;; handles of R. Without a destructor, drop only frees the handle.
(component definition $Parent
  (import "host-return-two" (func $two (result u32)))
  (component $Child
    (import "two" (func $two (result u32)))
    (import "cb" (func $cb))
    (core func $two' (canon lower (func $two)))
    (core module $Dtor
      (import "" "two" (func $two (result i32)))
      (global $log (mut i32) (i32.const 0))
      ;; the destructor may call out of its instance: log = log * 10 + rep + two() - 2
      (func (export "dtor") (param $rep i32)
        (global.set $log (i32.add (i32.mul (global.get $log) (i32.const 10))
          (i32.sub (i32.add (local.get $rep) (call $two)) (i32.const 2)))))
      (func (export "trapping-dtor") (param i32) unreachable)
      (func (export "log") (result i32) (global.get $log)))
    (core instance $dtor (instantiate $Dtor (with "" (instance (export "two" (func $two'))))))
    (type $R' (resource (rep i32) (dtor (core func $dtor "dtor"))))
    (type $T' (resource (rep i32) (dtor (core func $dtor "trapping-dtor"))))
    (type $N' (resource (rep i32)))
    (export $R "r" (type $R'))
    (export $T "t" (type $T'))
    (export $N "n" (type $N'))
    (core func $R.new (canon resource.new $R'))
    (core func $T.new (canon resource.new $T'))
    (core func $N.new (canon resource.new $N'))
    (core func $cb' (canon lower (func $cb)))
    (core module $M
      (import "" "R.new" (func $R.new (param i32) (result i32)))
      (import "" "T.new" (func $T.new (param i32) (result i32)))
      (import "" "N.new" (func $N.new (param i32) (result i32)))
      (import "" "cb" (func $cb))
      (func (export "make-r") (param i32) (result i32) (call $R.new (local.get 0)))
      (func (export "make-t") (param i32) (result i32) (call $T.new (local.get 0)))
      (func (export "make-n") (param i32) (result i32) (call $N.new (local.get 0)))
      (func (export "call-back") (call $cb)))
    (core instance $m (instantiate $M (with "" (instance
      (export "R.new" (func $R.new)) (export "T.new" (func $T.new)) (export "N.new" (func $N.new)) (export "cb" (func $cb'))))))
    (func (export "make-r") (param "rep" u32) (result (own $R)) (canon lift (core func $m "make-r")))
    (func (export "make-t") (param "rep" u32) (result (own $T)) (canon lift (core func $m "make-t")))
    (func (export "make-n") (param "rep" u32) (result (own $N)) (canon lift (core func $m "make-n")))
    (func (export "call-back") (canon lift (core func $m "call-back")))
    (func (export "log") (result u32) (canon lift (core func $dtor "log"))))

  ;; the parent's callback drops the handle it was given (see "drop-during-call");
  ;; resource.drop reaches it through a table, filled once R exists
  (core module $CbM
    (type $drop (func (param i32)))
    (table (export "t") 1 funcref)
    (global $h (mut i32) (i32.const 0))
    (func (export "set") (param i32) (global.set $h (local.get 0)))
    (func (export "cb") (if (global.get $h) (then (call_indirect (type $drop) (global.get $h) (i32.const 0))))))
  (core instance $cbm (instantiate $CbM))
  (func $cb (canon lift (core func $cbm "cb")))
  (instance $child (instantiate $Child (with "two" (func $two)) (with "cb" (func $cb))))
  (alias export $child "r" (type $R))
  (alias export $child "t" (type $T))
  (alias export $child "n" (type $N))
  (core func $R.drop (canon resource.drop $R))
  (core func $T.drop (canon resource.drop $T))
  (core func $N.drop (canon resource.drop $N))
  (core func $make-r (canon lower (func $child "make-r")))
  (core func $make-t (canon lower (func $child "make-t")))
  (core func $make-n (canon lower (func $child "make-n")))
  (core func $call-back (canon lower (func $child "call-back")))
  (core func $log (canon lower (func $child "log")))
  (core module $M
    (import "" "R.drop" (func $R.drop (param i32)))
    (import "" "T.drop" (func $T.drop (param i32)))
    (import "" "N.drop" (func $N.drop (param i32)))
    (import "" "make-r" (func $make-r (param i32) (result i32)))
    (import "" "make-t" (func $make-t (param i32) (result i32)))
    (import "" "make-n" (func $make-n (param i32) (result i32)))
    (import "" "call-back" (func $call-back))
    (import "" "log" (func $log (result i32)))
    (import "" "set" (func $set (param i32)))
    (import "" "t" (table 1 funcref))
    (elem declare func $R.drop)
    (func (export "drops") (result i32)
      (local $a i32) (local $b i32) (local $c i32)
      (local.set $a (call $make-r (i32.const 1)))
      (local.set $b (call $make-r (i32.const 2)))
      (local.set $c (call $make-r (i32.const 3)))
      (call $R.drop (local.get $b))
      (call $R.drop (local.get $c))
      (call $R.drop (local.get $a))
      ;; no destructor: nothing is logged
      (call $N.drop (call $make-n (i32.const 4)))
      (call $log))
    (func (export "trapping-dtor")
      (call $T.drop (call $make-t (i32.const 1))))
    ;; the callback runs while $Child is on the stack: dropping R there must
    ;; enter $Child for the destructor
    (func (export "drop-during-call")
      (table.set (i32.const 0) (ref.func $R.drop))
      (call $set (call $make-r (i32.const 1)))
      (call $call-back)))
  (core instance $m (instantiate $M (with "" (instance
    (export "R.drop" (func $R.drop)) (export "T.drop" (func $T.drop)) (export "N.drop" (func $N.drop))
    (export "make-r" (func $make-r)) (export "make-t" (func $make-t)) (export "make-n" (func $make-n))
    (export "call-back" (func $call-back)) (export "log" (func $log)) (export "set" (func $cbm "set")) (export "t" (table $cbm "t"))))))
  (func (export "drops") (result u32) (canon lift (core func $m "drops")))
  (func (export "trapping-dtor") (canon lift (core func $m "trapping-dtor")))
  (func (export "drop-during-call") (canon lift (core func $m "drop-during-call"))))

(component instance $p $Parent)
;; destructors ran for reps 2, 3, 1 in drop order
(assert_return (invoke "drops") (u32.const 231))
(component instance $p $Parent)
;; a trap in the destructor is a trap of resource.drop's caller
(assert_trap (invoke "trapping-dtor") "wasm `unreachable` instruction executed")
;; Not asserted here: dropping R from the parent's callback while $Child is on
;; the stack ("drop-during-call") must trap in Store.lift (not
;; inst.may_enter_from(caller)); wasmtime 49 runs the destructor instead. See
;; ../WASMTIME-DEVIATIONS.md.
