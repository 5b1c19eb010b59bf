;; Values from the test runner's host functions, lowered into a component's
;; memory: `host-return-two`, `host.return-three`, `host.nested.return-four`,
;; and `host.return-hi` received in each string encoding.
;; Spec: CanonicalABI.md#canon-lower (sync lower of a host function:
;;   lower_flat_values with the caller's options), #storing
;;   (store_string_into_range for each destination encoding),
;;   #lifting-and-lowering-context (allocate through the caller's realloc).
(component
  (import "host-return-two" (func $two (result u32)))
  (import "host" (instance $host
    (export "return-three" (func (result u32)))
    (export "nested" (instance (export "return-four" (func (result u32)))))
    (export "return-hi" (func (result string)))))
  (alias export $host "nested" (instance $nested))
  (core module $Libc
    (memory (export "mem") 1)
    (global $bump (mut i32) (i32.const 1024))
    (func (export "realloc") (param i32 i32) (param $align i32) (param $size i32) (result i32)
      (local $p i32)
      (local.set $p (i32.and (i32.add (global.get $bump) (i32.sub (local.get $align) (i32.const 1)))
                             (i32.sub (i32.const 0) (local.get $align))))
      (global.set $bump (i32.add (local.get $p) (local.get $size)))
      (local.get $p)))
  (core instance $libc (instantiate $Libc))
  (core func $two' (canon lower (func $two)))
  (core func $three' (canon lower (func $host "return-three")))
  (core func $four' (canon lower (func $nested "return-four")))
  (core func $hi8 (canon lower (func $host "return-hi") (memory (core memory $libc "mem")) (realloc (core func $libc "realloc"))))
  (core func $hi16 (canon lower (func $host "return-hi") (memory (core memory $libc "mem")) (realloc (core func $libc "realloc")) string-encoding=utf16))
  (core func $hiL (canon lower (func $host "return-hi") (memory (core memory $libc "mem")) (realloc (core func $libc "realloc")) string-encoding=latin1+utf16))
  (core module $M
    (import "" "mem" (memory 1))
    (import "" "two" (func $two (result i32)))
    (import "" "three" (func $three (result i32)))
    (import "" "four" (func $four (result i32)))
    (import "" "hi8" (func $hi8 (param i32)))
    (import "" "hi16" (func $hi16 (param i32)))
    (import "" "hiL" (func $hiL (param i32)))
    (func (export "sum") (result i32)
      (i32.add (i32.mul (call $two) (i32.const 100))
        (i32.add (i32.mul (call $three) (i32.const 10)) (call $four))))
    ;; each returns len << 24 | the first bytes read at the returned pointer
    (func (export "hi8") (result i32)
      (call $hi8 (i32.const 8))
      (i32.or (i32.shl (i32.load (i32.const 12)) (i32.const 24)) (i32.load16_u (i32.load (i32.const 8)))))
    (func (export "hi16") (result i32)
      (call $hi16 (i32.const 8))
      (if (i32.and (i32.load (i32.const 8)) (i32.const 1)) (then unreachable))
      (i32.or (i32.shl (i32.load (i32.const 12)) (i32.const 24)) (i32.load (i32.load (i32.const 8)))))
    (func (export "hi-through") (result i32)
      (call $hi8 (i32.const 8))
      (i32.const 8))
    (func (export "hiL") (result i32)
      (call $hiL (i32.const 8))
      (i32.or (i32.shl (i32.load (i32.const 12)) (i32.const 24)) (i32.load16_u (i32.load (i32.const 8))))))
  (core instance $m (instantiate $M (with "" (instance
    (export "mem" (memory $libc "mem")) (export "two" (func $two')) (export "three" (func $three'))
    (export "four" (func $four')) (export "hi8" (func $hi8)) (export "hi16" (func $hi16)) (export "hiL" (func $hiL))))))
  (func (export "sum") (result u32) (canon lift (core func $m "sum")))
  (func (export "hi8") (result u32) (canon lift (core func $m "hi8")))
  (func (export "hi16") (result u32) (canon lift (core func $m "hi16")))
  (func (export "hi-latin1") (result u32) (canon lift (core func $m "hiL")))
  ;; the host's string passed straight through: lowered, then lifted again
  (func (export "hi") (result string) (canon lift (core func $m "hi-through") (memory (core memory $libc "mem")))))
(assert_return (invoke "sum") (u32.const 234))
;; "hi": utf8 68 69, length 2
(assert_return (invoke "hi8") (u32.const 0x02006968))
;; utf16: 0068 0069, length 2 code units, 2-aligned
(assert_return (invoke "hi16") (u32.const 0x02690068))
;; latin1+utf16: every char fits in latin1, so 68 69 and an untagged length 2
(assert_return (invoke "hi-latin1") (u32.const 0x02006968))
(assert_return (invoke "hi") (str.const "hi"))
