;; The host imports component scripts may use (issue 6), through the runner: each function, the core
;; module `simple-module`, the resource types and resource1's destructor count.
;; Sections: Explainer.md#import-and-export-definitions (host imports), CanonicalABI.md#canon-lower,
;; CanonicalABI.md#canon-resourcedrop (a host destructor), CanonicalABI.md#loading (lift_own, lift_borrow).

;; Numbers from the top level, the instance `host` and its nested instance.
(component
  (import "host-return-two" (func $two (result u32)))
  (import "host" (instance $host
    (export "return-three" (func (result u32)))
    (export "nested" (instance (export "return-four" (func (result u32)))))
  ))
  (alias export $host "nested" (instance $nested))
  (core func $two (canon lower (func $two)))
  (core func $three (canon lower (func $host "return-three")))
  (core func $four (canon lower (func $nested "return-four")))
  (core module $m
    (import "" "two" (func $two (result i32)))
    (import "" "three" (func $three (result i32)))
    (import "" "four" (func $four (result i32)))
    (func (export "sum") (result i32) (i32.add (i32.add (call $two) (call $three)) (call $four))))
  (core instance $i (instantiate $m (with "" (instance
    (export "two" (func $two)) (export "three" (func $three)) (export "four" (func $four))))))
  (func (export "sum") (result u32) (canon lift (core func $i "sum")))
)
(assert_return (invoke "sum") (u32.const 9))

;; Parameter names follow the importer: the host checks types, not names.
(component
  (import "host" (instance $host
    (export "resource1" (type $r (sub resource)))
    (export "[constructor]resource1" (func (param "any-name" u32) (result (own $r))))
  ))
  (alias export $host "resource1" (type $r))
  (core func $ctor (canon lower (func $host "[constructor]resource1")))
  (core module $m
    (import "" "ctor" (func $ctor (param i32) (result i32)))
    (func (export "new") (param i32) (result i32) (call $ctor (local.get 0))))
  (core instance $i (instantiate $m (with "" (instance (export "ctor" (func $ctor))))))
  (func (export "new") (param "rep" u32) (result (own $r)) (canon lift (core func $i "new")))
  (func (export "new-handle") (param "rep" u32) (result u32) (canon lift (core func $i "new")))
)
(assert_return (invoke "new-handle" (u32.const 5)) (u32.const 1))
(assert_return (invoke "new-handle" (u32.const 6)) (u32.const 2))

;; The core module `simple-module`: global g is 100, f returns 101.
(component
  (import "host" (instance $host
    (export "simple-module" (core module
      (export "g" (global i32))
      (export "f" (func (result i32)))))
  ))
  (alias export $host "simple-module" (core module $sm))
  (core instance $s (instantiate $sm))
  (core module $reader
    (import "sm" "g" (global $g i32))
    (func (export "g") (result i32) (global.get $g)))
  (core instance $r (instantiate $reader (with "sm" (instance $s))))
  (func (export "f") (result u32) (canon lift (core func $s "f")))
  (func (export "g") (result u32) (canon lift (core func $r "g")))
)
(assert_return (invoke "f") (u32.const 101))
(assert_return (invoke "g") (u32.const 100))

;; `return-hi` lowers "hi" into the caller's memory through its realloc.
(component
  (import "host" (instance $host (export "return-hi" (func (result string)))))
  (core module $mem
    (memory (export "mem") 1)
    (global $next (mut i32) (i32.const 64))
    (func (export "realloc") (param i32 i32 i32 i32) (result i32)
      (local $p i32)
      (local.set $p (global.get $next))
      (global.set $next (i32.add (local.get $p) (local.get 3)))
      (local.get $p)))
  (core instance $mi (instantiate $mem))
  (core func $hi (canon lower (func $host "return-hi") (memory (core memory $mi "mem")) (realloc (core func $mi "realloc"))))
  (core module $m
    (import "" "hi" (func $hi (param i32)))
    (func (export "hi") (result i32) (call $hi (i32.const 8)) (i32.const 8)))
  (core instance $i (instantiate $m (with "" (instance (export "hi" (func $hi))))))
  (func (export "hi") (result string) (canon lift (core func $i "hi") (memory (core memory $mi "mem"))))
)
(assert_return (invoke "hi") (str.const "hi"))

;; resource1: constructor, methods on borrows, taking ownership, and the host destructor's count.
;; A trap leaves its instance unusable (Explainer.md#component-invariants): each trap gets a fresh instance.
(component definition $R
  (import "host" (instance $host
    (export "resource1" (type $r (sub resource)))
    (export "[constructor]resource1" (func (param "rep" u32) (result (own $r))))
    (export "[static]resource1.assert" (func (param "r" (own $r)) (param "rep" u32)))
    (export "[static]resource1.last-drop" (func (result u32)))
    (export "[static]resource1.drops" (func (result u32)))
    (export "[method]resource1.simple" (func (param "self" (borrow $r)) (param "rep" u32)))
    (export "[method]resource1.take-borrow" (func (param "self" (borrow $r)) (param "b" (borrow $r))))
    (export "[method]resource1.take-own" (func (param "self" (borrow $r)) (param "b" (own $r))))
  ))
  (alias export $host "resource1" (type $r))
  (core func $ctor (canon lower (func $host "[constructor]resource1")))
  (core func $assert (canon lower (func $host "[static]resource1.assert")))
  (core func $last (canon lower (func $host "[static]resource1.last-drop")))
  (core func $drops (canon lower (func $host "[static]resource1.drops")))
  (core func $simple (canon lower (func $host "[method]resource1.simple")))
  (core func $take-borrow (canon lower (func $host "[method]resource1.take-borrow")))
  (core func $take-own (canon lower (func $host "[method]resource1.take-own")))
  (core func $drop (canon resource.drop $r))
  (core module $m
    (import "" "ctor" (func $ctor (param i32) (result i32)))
    (import "" "assert" (func $assert (param i32 i32)))
    (import "" "last" (func $last (result i32)))
    (import "" "drops" (func $drops (result i32)))
    (import "" "simple" (func $simple (param i32 i32)))
    (import "" "take-borrow" (func $take-borrow (param i32 i32)))
    (import "" "take-own" (func $take-own (param i32 i32)))
    (import "" "drop" (func $drop (param i32)))
    ;; Make 3 and 4; borrow both; give 4 away; check 3; drop 3: one drop, of rep 3.
    (func (export "run") (result i32)
      (local $a i32) (local $b i32)
      (local.set $a (call $ctor (i32.const 3)))
      (local.set $b (call $ctor (i32.const 4)))
      (call $simple (local.get $a) (i32.const 3))
      (call $take-borrow (local.get $a) (local.get $b))
      (call $take-own (local.get $a) (local.get $b))
      (if (i32.ne (call $drops) (i32.const 0)) (then unreachable))
      (call $assert (local.get $a) (i32.const 3))
      (if (i32.ne (call $drops) (i32.const 0)) (then unreachable))
      (local.set $a (call $ctor (i32.const 7)))
      (call $drop (local.get $a))
      (if (i32.ne (call $last) (i32.const 7)) (then unreachable))
      (call $drops))
    (func (export "drops") (result i32) (call $drops))
    (func (export "last") (result i32) (call $last))
    (func (export "assert-wrong") (call $assert (call $ctor (i32.const 1)) (i32.const 2)))
    (func (export "simple-wrong") (call $simple (call $ctor (i32.const 1)) (i32.const 2)))
    (func (export "take-own-twice") (local $a i32)
      (local.set $a (call $ctor (i32.const 1)))
      (call $take-own (local.get $a) (local.get $a)))
  )
  (core instance $i (instantiate $m (with "" (instance
    (export "ctor" (func $ctor)) (export "assert" (func $assert)) (export "last" (func $last))
    (export "drops" (func $drops)) (export "simple" (func $simple)) (export "take-borrow" (func $take-borrow))
    (export "take-own" (func $take-own)) (export "drop" (func $drop))))))
  (func (export "run") (result u32) (canon lift (core func $i "run")))
  (func (export "drops") (result u32) (canon lift (core func $i "drops")))
  (func (export "last-drop") (result u32) (canon lift (core func $i "last")))
  (func (export "assert-wrong") (canon lift (core func $i "assert-wrong")))
  (func (export "simple-wrong") (canon lift (core func $i "simple-wrong")))
  (func (export "take-own-twice") (canon lift (core func $i "take-own-twice")))
)
(component instance $r $R)
(assert_return (invoke "run") (u32.const 1))
(assert_return (invoke "last-drop") (u32.const 7))
(assert_trap (invoke "assert-wrong") "[static]resource1.assert")
(component instance $r $R)
(assert_trap (invoke "simple-wrong") "[method]resource1.simple")
;; Passing a handle as a borrow and as an own in one call: the lend blocks taking it (lift_own).
(component instance $r $R)
(assert_trap (invoke "take-own-twice") "cannot remove owned resource while borrowed")

;; The count belongs to the script's run, not to an instance: another component sees the one drop above.
(component
  (import "host" (instance $host
    (export "resource1" (type $r (sub resource)))
    (export "[static]resource1.drops" (func (result u32)))))
  (core func $drops (canon lower (func $host "[static]resource1.drops")))
  (core module $m (import "" "drops" (func $drops (result i32))) (func (export "drops") (result i32) (call $drops)))
  (core instance $i (instantiate $m (with "" (instance (export "drops" (func $drops))))))
  (func (export "drops") (result u32) (canon lift (core func $i "drops")))
)
(assert_return (invoke "drops") (u32.const 1))

;; resource1-again is resource1; resource2 is another type.
(component
  (import "host" (instance $host
    (export "resource1" (type $r (sub resource)))
    (export "resource1-again" (type (eq $r)))
    (export "resource2" (type $r2 (sub resource)))
  ))
)
(assert_unlinkable
  (component
    (import "host" (instance $host
      (export "resource1" (type $r (sub resource)))
      (export "resource2" (type (eq $r)))
    ))
  )
  "resource")

;; A host function's type is fixed: importing it at another type does not link.
(assert_unlinkable
  (component (import "host" (instance (export "return-three" (func (result u64))))))
  "type mismatch")
(assert_unlinkable
  (component (import "host" (instance (export "no-such-function" (func)))))
  "no-such-function")
