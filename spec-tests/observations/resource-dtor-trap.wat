;; A resource whose destructor traps on rep 13. The host's drop calls the destructor as a host-to-component
;; call into the defining instance; its trap puts that instance in lockdown.
(component
  (core module $state
    (memory (export "mem") 1)
    (global $n (mut i32) (i32.const 0))
    (func (export "dtor") (param $rep i32)
      (if (i32.eq (local.get $rep) (i32.const 13)) (then unreachable))
      (global.set $n (i32.add (global.get $n) (i32.const 1))))
    (func (export "drops") (result i32) (global.get $n))
  )
  (core instance $s (instantiate $state))
  (type $thing (resource (rep i32) (dtor (core func $s "dtor"))))
  (core func $new (canon resource.new $thing))
  (core func $drop (canon resource.drop $thing))
  (core module $impl
    (import "r" "new" (func $new (param i32) (result i32)))
    (import "r" "drop" (func $drop (param i32)))
    (func (export "ctor") (param i32) (result i32) (call $new (local.get 0)))
    (func (export "rep") (param i32) (result i32) (local.get 0))
    (func (export "consume") (param i32) (call $drop (local.get 0)))
  )
  (core instance $i (instantiate $impl (with "r" (instance (export "new" (func $new)) (export "drop" (func $drop))))))
  (export $t "thing" (type $thing))
  (func (export "[constructor]thing") (param "rep" u32) (result (own $t)) (canon lift (core func $i "ctor")))
  (func (export "[method]thing.rep") (param "self" (borrow $t)) (result u32) (canon lift (core func $i "rep")))
  (func (export "consume") (param "t" (own $t)) (canon lift (core func $i "consume")))
  (func (export "drops") (result u32) (canon lift (core func $s "drops")))
)
