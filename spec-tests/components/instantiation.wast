;; Instantiation and linking as the engine runs them (issue 6).
;; Sections: Explainer.md#instance-definitions (nested components, parents), Explainer.md#alias-definitions
;; (export and outer aliases), Explainer.md#resource-types (fresh per instance),
;; Explainer.md#component-invariants (lockdown after a trap), CanonicalABI.md#component-instances
;; (may_enter, may_leave), CanonicalABI.md#canon-lift (post-return), Explainer.md#import-and-export-definitions.

;; Outer aliases: a nested component reads its parent's module and type; two instances keep their
;; own core state.
(component
  (core module $Counter
    (global $n (mut i32) (i32.const 0))
    (func (export "next") (result i32)
      (global.set $n (i32.add (global.get $n) (i32.const 1)))
      (global.get $n)))
  (type $ft (func (result u32)))
  (component $C
    (alias outer 1 $Counter (core module $M))
    (alias outer 1 $ft (type $ft))
    (core instance $m (instantiate $M))
    (func (export "next") (type $ft) (canon lift (core func $m "next"))))
  (instance $c1 (instantiate $C))
  (instance $c2 (instantiate $C))
  (export "next1" (func $c1 "next"))
  (export "next2" (func $c2 "next"))
)
(assert_return (invoke "next1") (u32.const 1))
(assert_return (invoke "next1") (u32.const 2))
(assert_return (invoke "next2") (u32.const 1))

;; Resource types are fresh per instance: a handle of one instance's resource type is not a handle
;; of the other instance's type, though both come from the same definition.
(component
  (component $R
    (type $r (resource (rep i32)))
    (core func $new (canon resource.new $r))
    (core module $M
      (import "" "new" (func $new (param i32) (result i32)))
      (func (export "make") (param i32) (result i32) (call $new (local.get 0))))
    (core instance $m (instantiate $M (with "" (instance (export "new" (func $new))))))
    (export $t "r" (type $r))
    (func (export "make") (param "rep" u32) (result (own $t)) (canon lift (core func $m "make"))))
  (component $User
    (import "a" (instance $a
      (export "r" (type $r (sub resource)))
      (export "make" (func (param "rep" u32) (result (own $r))))))
    (import "b" (instance $b (export "r" (type (sub resource)))))
    (alias export $a "r" (type $ra))
    (alias export $b "r" (type $rb))
    (core func $make (canon lower (func $a "make")))
    (core func $drop-a (canon resource.drop $ra))
    (core func $drop-b (canon resource.drop $rb))
    (core module $M
      (import "" "make" (func $make (param i32) (result i32)))
      (import "" "drop-a" (func $drop-a (param i32)))
      (import "" "drop-b" (func $drop-b (param i32)))
      (func (export "same") (call $drop-a (call $make (i32.const 42))))
      (func (export "other") (call $drop-b (call $make (i32.const 42)))))
    (core instance $m (instantiate $M (with "" (instance
      (export "make" (func $make)) (export "drop-a" (func $drop-a)) (export "drop-b" (func $drop-b))))))
    (func (export "same") (canon lift (core func $m "same")))
    (func (export "other") (canon lift (core func $m "other"))))
  (instance $r1 (instantiate $R))
  (instance $r2 (instantiate $R))
  (instance $u (instantiate $User (with "a" (instance $r1)) (with "b" (instance $r2))))
  (instance $v (instantiate $User (with "a" (instance $r1)) (with "b" (instance $r2))))
  (export "same" (func $u "same"))
  (export "other" (func $v "other"))
)
(assert_return (invoke "same"))
(assert_trap (invoke "other") "handle index 1 used with the wrong type, expected guest-defined resource but found a different guest-defined resource")

;; A core start function runs as a task of its instance: it may create resources.
(component
  (type $r (resource (rep i32)))
  (core func $new (canon resource.new $r))
  (core func $rep (canon resource.rep $r))
  (core module $M
    (import "" "new" (func $new (param i32) (result i32)))
    (import "" "rep" (func $rep (param i32) (result i32)))
    (global $h (mut i32) (i32.const 0))
    (func $start (global.set $h (call $new (i32.const 7))))
    (start $start)
    (func (export "rep") (result i32) (call $rep (global.get $h))))
  (core instance $m (instantiate $M (with "" (instance (export "new" (func $new)) (export "rep" (func $rep))))))
  (func (export "rep") (result u32) (canon lift (core func $m "rep")))
)
(assert_return (invoke "rep") (u32.const 7))

;; A module with two memories: each access goes to its own memory.
(component
  (core module $M
    (memory $a 1) (memory $b 1)
    (func (export "run") (result i32)
      (i32.store $a (i32.const 8) (i32.const 3))
      (i32.store $b (i32.const 8) (i32.const 4))
      (i32.add (i32.mul (i32.load $a (i32.const 8)) (i32.const 10)) (i32.load $b (i32.const 8)))))
  (core instance $m (instantiate $M))
  (func (export "run") (result u32) (canon lift (core func $m "run")))
)
(assert_return (invoke "run") (u32.const 34))

;; Lockdown: after a trap, the instance cannot be entered again.
(component
  (core module $M (func (export "boom") unreachable) (func (export "ok") (result i32) (i32.const 1)))
  (core instance $m (instantiate $M))
  (func (export "boom") (canon lift (core func $m "boom")))
  (func (export "ok") (result u32) (canon lift (core func $m "ok")))
)
(assert_return (invoke "ok") (u32.const 1))
(assert_trap (invoke "boom") "unreachable")
(assert_trap (invoke "ok") "cannot enter component instance")

;; A post-return function may not call out of its instance.
(component
  (import "host-return-two" (func $two (result u32)))
  (core func $two (canon lower (func $two)))
  (core module $M
    (import "" "two" (func $two (result i32)))
    (func (export "f") (result i32) (i32.const 0))
    (func (export "post") (param i32) (drop (call $two))))
  (core instance $m (instantiate $M (with "" (instance (export "two" (func $two))))))
  (func (export "f") (result u32) (canon lift (core func $m "f") (post-return (core func $m "post"))))
)
(assert_trap (invoke "f") "cannot leave component instance")

;; Host imports are checked when linking: the wrong signature, a missing export, a missing import,
;; a core module of the wrong type. (The texts are words of wasmtime's messages, which `wasmtime wast`
;; finds in its error chain; cmref's runner checks that instantiation fails to link.)
(assert_unlinkable (component (import "host-return-two" (func (result string)))) "type mismatch")
(assert_unlinkable (component (import "host" (instance (export "no-such-function" (func))))) "missing")
(assert_unlinkable (component (import "no-such-import" (func))) "missing")
(assert_unlinkable
  (component (import "host" (instance (export "simple-module" (core module (export "f" (func (result i64))))))))
  "wrong type")
(assert_unlinkable
  (component (import "host" (instance (export "simple-module" (core module (export "h" (func)))))))
  "wrong type")

;; A host core module matching its declared type is instantiated by the importer.
(component
  (import "host" (instance $host
    (export "simple-module" (core module (export "f" (func (result i32))) (export "g" (global i32))))))
  (alias export $host "simple-module" (core module $sm))
  (core instance $i (instantiate $sm))
  (func (export "f") (result u32) (canon lift (core func $i "f")))
)
(assert_return (invoke "f") (u32.const 101))
