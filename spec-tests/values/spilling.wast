;; Spilling: parameters beyond MAX_FLAT_PARAMS (16) and results beyond
;; MAX_FLAT_RESULTS (1) travel through linear memory, in both directions of a
;; call, with the pointer checks of lift_flat_values / lower_flat_values.
;; Spec: CanonicalABI.md#flattening (flatten_functype, MAX_FLAT_PARAMS,
;;   MAX_FLAT_RESULTS), #lifting-and-lowering-values (lift_flat_values,
;;   lower_flat_values), #canon-lift, #canon-lower, #lifting-and-lowering-context (allocate).

;; Called from the host: 16 flat parameters stay flat; 17 are stored by the
;; caller (here the host, through the callee's realloc) and passed as a pointer.
(component definition $FromHost
  (core module $M
    (memory (export "mem") 1)
    (global $args (mut i32) (i32.const 0))
    (global $bump (mut i32) (i32.const 256))
    ;; records the first call's (align, size); allocates 256, 512, ...
    (func (export "realloc") (param $old i32) (param $old-size i32) (param $align i32) (param $size i32) (result i32)
      (if (i32.eqz (global.get $args))
        (then (global.set $args (i32.or (i32.shl (local.get $align) (i32.const 16)) (local.get $size)))))
      (global.set $bump (i32.add (global.get $bump) (i32.const 256)))
      (i32.sub (global.get $bump) (i32.const 256)))
    (func (export "sum16") (param i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 ) (result i32)
      (i32.add (local.get 0) (i32.mul (local.get 15) (i32.const 1000))))
    (func (export "sum17") (param $p i32) (result i32)
      (if (i32.ne (local.get $p) (i32.const 256)) (then unreachable))
      (i32.add (i32.load (local.get $p)) (i32.mul (i32.load offset=64 (local.get $p)) (i32.const 1000))))
    (func (export "mixed") (param $p i32) (result i32)
      ;; (u8, u64, u8, string, ... 15 u32): a u8 @0, the u64 @8, u8 @16, the string @20
      (if (i32.ne (i32.load8_u (local.get $p)) (i32.const 1)) (then unreachable))
      (if (i64.ne (i64.load offset=8 (local.get $p)) (i64.const 2)) (then unreachable))
      (if (i32.ne (i32.load8_u offset=16 (local.get $p)) (i32.const 3)) (then unreachable))
      (i32.load offset=24 (local.get $p)))
    (func (export "args") (result i32) (global.get $args))
    (func (export "pair") (param $a i32) (param $b i32) (result i32)
      (i32.store (i32.const 8) (local.get $a))
      (i32.store (i32.const 12) (local.get $b))
      (i32.const 8))
    (func (export "ret") (param $p i32) (result i32) (local.get $p)))
  (core instance $m (instantiate $M))
  (func (export "sum16") (param "p1" u32) (param "p2" u32) (param "p3" u32) (param "p4" u32) (param "p5" u32) (param "p6" u32) (param "p7" u32) (param "p8" u32) (param "p9" u32) (param "p10" u32) (param "p11" u32) (param "p12" u32) (param "p13" u32) (param "p14" u32) (param "p15" u32) (param "p16" u32) (result u32)
    (canon lift (core func $m "sum16")))
  (func (export "sum17") (param "p1" u32) (param "p2" u32) (param "p3" u32) (param "p4" u32) (param "p5" u32) (param "p6" u32) (param "p7" u32) (param "p8" u32) (param "p9" u32) (param "p10" u32) (param "p11" u32) (param "p12" u32) (param "p13" u32) (param "p14" u32) (param "p15" u32) (param "p16" u32) (param "p17" u32)(result u32)
    (canon lift (core func $m "sum17") (memory (core memory $m "mem")) (realloc (core func $m "realloc"))))
  (func (export "mixed") (param "a" u8) (param "b" u64) (param "c" u8) (param "s" string)
      (param "d" u32) (param "e" u32) (param "f" u32) (param "g" u32) (param "h" u32) (param "i" u32)
      (param "j" u32) (param "k" u32) (param "l" u32) (param "m" u32) (param "n" u32) (param "o" u32) (result u32)
    (canon lift (core func $m "mixed") (memory (core memory $m "mem")) (realloc (core func $m "realloc"))))
  (func (export "args") (result u32) (canon lift (core func $m "args")))
  (func (export "pair") (param "a" u32) (param "b" u32) (result (tuple u32 u32))
    (canon lift (core func $m "pair") (memory (core memory $m "mem"))))
  (func (export "ret-u64-pair") (param "p" u32) (result (tuple u64 u64))
    (canon lift (core func $m "ret") (memory (core memory $m "mem"))))
)
(component instance $fromHost $FromHost)
(assert_return (invoke "sum16" (u32.const 1) (u32.const 2) (u32.const 3) (u32.const 4) (u32.const 5) (u32.const 6) (u32.const 7) (u32.const 8) (u32.const 9) (u32.const 10) (u32.const 11) (u32.const 12) (u32.const 13) (u32.const 14) (u32.const 15) (u32.const 16) ) (u32.const 16001))
(assert_return (invoke "sum17" (u32.const 1) (u32.const 2) (u32.const 3) (u32.const 4) (u32.const 5) (u32.const 6) (u32.const 7) (u32.const 8) (u32.const 9) (u32.const 10) (u32.const 11) (u32.const 12) (u32.const 13) (u32.const 14) (u32.const 15) (u32.const 16) (u32.const 17)) (u32.const 17001))
;; the 17 u32s are one tuple: alignment 4, size 68
(assert_return (invoke "args") (u32.const 0x40044))
;; string (2 flat values) + 3 + 12 = 17 flat values: spilled; realloc is called for the string too
(assert_return (invoke "mixed" (u8.const 1) (u64.const 2) (u8.const 3) (str.const "hello")
  (u32.const 0) (u32.const 0) (u32.const 0) (u32.const 0) (u32.const 0) (u32.const 0)
  (u32.const 0) (u32.const 0) (u32.const 0) (u32.const 0) (u32.const 0) (u32.const 0)) (u32.const 5))
(assert_return (invoke "pair" (u32.const 1) (u32.const 2)) (tuple.const (u32.const 1) (u32.const 2)))
(assert_return (invoke "ret-u64-pair" (u32.const 65520)) (tuple.const (u64.const 0) (u64.const 0)))
;; trap: lift_flat_values — ptr != align_to(ptr, alignment(tuple)) (returned pointer)
(assert_trap (invoke "ret-u64-pair" (u32.const 4)) "return pointer not aligned")
;; trap: lift_flat_values — ptr + elem_size(tuple) > len(memory) (returned pointer)
(component instance $fromHost $FromHost)
(assert_trap (invoke "ret-u64-pair" (u32.const 65528)) "pointer out of bounds of memory")
(component instance $fromHost $FromHost)
(assert_trap (invoke "ret-u64-pair" (u32.const 0xfffffff0)) "pointer out of bounds of memory")

;; A misbehaving realloc for spilled parameters (lower_flat_values allocates).
(component definition $BadRealloc
  (core module $M
    (memory (export "mem") 1)
    (func (export "realloc-odd") (param i32 i32 i32 i32) (result i32) (i32.const 2))
    (func (export "realloc-end") (param i32 i32 i32 i32) (result i32) (i32.const 65532))
    (func (export "f") (param i32) (result i32) (local.get 0)))
  (core instance $m (instantiate $M))
  (func (export "odd") (param "p1" u32) (param "p2" u32) (param "p3" u32) (param "p4" u32) (param "p5" u32) (param "p6" u32) (param "p7" u32) (param "p8" u32) (param "p9" u32) (param "p10" u32) (param "p11" u32) (param "p12" u32) (param "p13" u32) (param "p14" u32) (param "p15" u32) (param "p16" u32) (param "p17" u32)(result u32)
    (canon lift (core func $m "f") (memory (core memory $m "mem")) (realloc (core func $m "realloc-odd"))))
  (func (export "end") (param "p1" u32) (param "p2" u32) (param "p3" u32) (param "p4" u32) (param "p5" u32) (param "p6" u32) (param "p7" u32) (param "p8" u32) (param "p9" u32) (param "p10" u32) (param "p11" u32) (param "p12" u32) (param "p13" u32) (param "p14" u32) (param "p15" u32) (param "p16" u32) (param "p17" u32)(result u32)
    (canon lift (core func $m "f") (memory (core memory $m "mem")) (realloc (core func $m "realloc-end"))))
)
(component instance $badRealloc $BadRealloc)
;; trap: lower_flat_values — ptr != align_to(ptr, alignment(tuple))
(assert_trap (invoke "odd" (u32.const 1) (u32.const 2) (u32.const 3) (u32.const 4) (u32.const 5) (u32.const 6) (u32.const 7) (u32.const 8) (u32.const 9) (u32.const 10) (u32.const 11) (u32.const 12) (u32.const 13) (u32.const 14) (u32.const 15) (u32.const 16) (u32.const 17)) "realloc return: result not aligned")
;; trap: lower_flat_values — ptr + elem_size(tuple) > len(memory)
(component instance $badRealloc $BadRealloc)
(assert_trap (invoke "end" (u32.const 1) (u32.const 2) (u32.const 3) (u32.const 4) (u32.const 5) (u32.const 6) (u32.const 7) (u32.const 8) (u32.const 9) (u32.const 10) (u32.const 11) (u32.const 12) (u32.const 13) (u32.const 14) (u32.const 15) (u32.const 16) (u32.const 17)) "realloc return: beyond end of memory")

;; Between components: the caller's canon lower passes a pointer to its spilled
;; arguments and a pointer for the results (the out-param); both are checked
;; against the caller's memory.
(component definition $Pair
  (component $C
    (core module $M
      (memory (export "mem") 1)
      (func (export "realloc") (param i32 i32 i32 i32) (result i32) (i32.const 256))
      (func (export "f") (param $p i32) (result i32)
        (i64.store (i32.const 16) (i64.load (local.get $p)))
        (i64.store (i32.const 24) (i64.extend_i32_u (i32.load offset=64 (local.get $p))))
        (i32.const 16)))
    (core instance $m (instantiate $M))
    (func (export "f") (param "p1" u32) (param "p2" u32) (param "p3" u32) (param "p4" u32) (param "p5" u32) (param "p6" u32) (param "p7" u32) (param "p8" u32) (param "p9" u32) (param "p10" u32) (param "p11" u32) (param "p12" u32) (param "p13" u32) (param "p14" u32) (param "p15" u32) (param "p16" u32) (param "p17" u32)(result (tuple u64 u64))
      (canon lift (core func $m "f") (memory (core memory $m "mem")) (realloc (core func $m "realloc")))))
  (component $D
    (import "f" (func $f (param "p1" u32) (param "p2" u32) (param "p3" u32) (param "p4" u32) (param "p5" u32) (param "p6" u32) (param "p7" u32) (param "p8" u32) (param "p9" u32) (param "p10" u32) (param "p11" u32) (param "p12" u32) (param "p13" u32) (param "p14" u32) (param "p15" u32) (param "p16" u32) (param "p17" u32)(result (tuple u64 u64))))
    (core module $Libc (memory (export "mem") 1))
    (core instance $libc (instantiate $Libc))
    (core func $f' (canon lower (func $f) (memory (core memory $libc "mem"))))
    (core module $M
      (import "" "mem" (memory 1))
      (import "" "f" (func $f (param i32 i32)))
      (data (i32.const 64) "\01\00\00\00\02\00\00\00\03\00\00\00\04\00\00\00\05\00\00\00\06\00\00\00\07\00\00\00\08\00\00\00")
      (data (i32.const 96) "\09\00\00\00\0a\00\00\00\0b\00\00\00\0c\00\00\00\0d\00\00\00\0e\00\00\00\0f\00\00\00\10\00\00\00\11\00\00\00")
      (func (export "run") (param $args i32) (param $out i32) (result i64)
        (call $f (local.get $args) (local.get $out))
        (i64.add (i64.load (local.get $out)) (i64.mul (i64.load offset=8 (local.get $out)) (i64.const 100)))))
    (core instance $m (instantiate $M (with "" (instance (export "mem" (memory $libc "mem")) (export "f" (func $f'))))))
    (func (export "run") (param "args" u32) (param "out" u32) (result u64) (canon lift (core func $m "run"))))
  (instance $c (instantiate $C))
  (instance $d (instantiate $D (with "f" (func $c "f"))))
  (export "run" (func $d "run")))
(component instance $pair $Pair)
;; arguments 1..17 at 64; results at 512: 0x0000000200000001 + 17 * 100 = 0x2000006a5
(assert_return (invoke "run" (u32.const 64) (u32.const 512)) (u64.const 0x2000006a5))
;; trap: lift_flat_values — ptr != align_to(ptr, alignment(tuple)) (caller's argument pointer)
(assert_trap (invoke "run" (u32.const 66) (u32.const 512)) "unaligned pointer")
(component instance $pair $Pair)
;; trap: lift_flat_values — ptr + elem_size(tuple) > len(memory) (caller's argument pointer)
(assert_trap (invoke "run" (u32.const 65532) (u32.const 512)) "out of bounds memory access")
(component instance $pair $Pair)
;; trap: lower_flat_values — ptr != align_to(ptr, alignment(tuple)) (caller's out-param)
(assert_trap (invoke "run" (u32.const 64) (u32.const 516)) "unaligned pointer")
(component instance $pair $Pair)
;; trap: lower_flat_values — ptr + elem_size(tuple) > len(memory) (caller's out-param)
(assert_trap (invoke "run" (u32.const 64) (u32.const 65528)) "out of bounds memory access")
