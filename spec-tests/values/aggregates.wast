;; Records, tuples, variants, enums, options, results and flags: flat lifting
;; and lowering, their memory layout (alignment and padding), and the
;; discriminant traps.
;; Spec: CanonicalABI.md#alignment, #element-size, #loading (load_record,
;;   load_variant, load_flags, unpack_flags_from_int), #storing (store_record,
;;   store_variant, store_flags), #flattening (flatten_variant, join),
;;   #flat-lifting (lift_flat_record, lift_flat_variant, wrap_i64_to_i32,
;;   lift_flat_flags), #flat-lowering (lower_flat_variant, lower_flat_flags),
;;   #despecialization (tuple, enum, option, result as record/variant).

;; Flat lifting and lowering: the core functions return their parameters, so
;; what goes in must come back, and raw core values can be lifted directly.
(component definition $Flat
  (type $rec' (record (field "a" u8) (field "b" s16) (field "c" u64)))
  (export $rec "t-rec" (type $rec'))
  (type $var' (variant (case "a" u32) (case "b" f32) (case "c" u64) (case "d") (case "e" s8)))
  (export $var "t-var" (type $var'))
  (type $yn' (variant (case "n") (case "y")))
  (export $yn "t-yn" (type $yn'))
  (type $en' (enum "red" "green" "blue"))
  (export $en "t-en" (type $en'))
  (type $fl3' (flags "x" "y" "z"))
  (export $fl3 "t-fl3" (type $fl3'))
  (type $fl9' (flags "f0" "f1" "f2" "f3" "f4" "f5" "f6" "f7" "f8"))
  (export $fl9 "t-fl9" (type $fl9'))
  (type $fl32' (flags "f0" "f1" "f2" "f3" "f4" "f5" "f6" "f7" "f8" "f9" "f10" "f11" "f12" "f13" "f14" "f15"
                     "f16" "f17" "f18" "f19" "f20" "f21" "f22" "f23" "f24" "f25" "f26" "f27" "f28" "f29" "f30" "f31"))
  (export $fl32 "t-fl32" (type $fl32'))
  (core module $M
    (func (export "id-i32") (param i32) (result i32) local.get 0)
    (func (export "rec") (param i32 i32 i64) (result i32)
      ;; a + b + c as an i32 checksum
      (i32.add (i32.add (local.get 0) (local.get 1)) (i32.wrap_i64 (local.get 2))))
    ;; variant $var flattens to (i32, i64): returns the case index and the payload as two numbers
    (func (export "var") (param i32 i64) (result i64)
      (i64.add (i64.shl (i64.extend_i32_u (local.get 0)) (i64.const 56)) (local.get 1)))
    (func (export "opt") (param i32 i32) (result i32)
      (if (result i32) (local.get 0) (then (i32.add (local.get 1) (i32.const 1000))) (else (i32.const 0))))
    (func (export "res") (param i32 i32) (result i32)
      (i32.add (i32.mul (local.get 0) (i32.const 1000)) (local.get 1)))
  )
  (core instance $m (instantiate $M))
  (func (export "rec-sum") (param "r" $rec) (result u32) (canon lift (core func $m "rec")))
  (func (export "var-code") (param "v" $var) (result u64) (canon lift (core func $m "var")))
  (func (export "opt-code") (param "o" (option u32)) (result u32) (canon lift (core func $m "opt")))
  (func (export "res-code") (param "r" (result u32 (error u8))) (result u32) (canon lift (core func $m "res")))
  (func (export "u32-to-enum") (param "x" u32) (result $en) (canon lift (core func $m "id-i32")))
  (func (export "enum-to-u32") (param "x" $en) (result u32) (canon lift (core func $m "id-i32")))
  (func (export "u32-to-result") (param "x" u32) (result (result)) (canon lift (core func $m "id-i32")))
  (func (export "u32-to-bool-variant") (param "x" u32) (result $yn) (canon lift (core func $m "id-i32")))
  (func (export "u32-to-flags3") (param "x" u32) (result $fl3) (canon lift (core func $m "id-i32")))
  (func (export "flags3-to-u32") (param "x" $fl3) (result u32) (canon lift (core func $m "id-i32")))
  (func (export "u32-to-flags9") (param "x" u32) (result $fl9) (canon lift (core func $m "id-i32")))
  (func (export "flags32-to-u32") (param "x" $fl32) (result u32) (canon lift (core func $m "id-i32")))
  (func (export "u32-to-flags32") (param "x" u32) (result $fl32) (canon lift (core func $m "id-i32")))
)
(component instance $flat $Flat)
(assert_return (invoke "rec-sum" (record.const (field "a" u8.const 1) (field "b" s16.const -1) (field "c" u64.const 0x100000005))) (u32.const 5))
;; lower_flat_variant: payloads are converted to the joined flat type (f32 bits in an i64)
(assert_return (invoke "var-code" (variant.const "a" (u32.const 7))) (u64.const 7))
(assert_return (invoke "var-code" (variant.const "b" (f32.const 1))) (u64.const 0x010000003f800000))
(assert_return (invoke "var-code" (variant.const "c" (u64.const 0xffffffffffff))) (u64.const 0x0200ffffffffffff))
(assert_return (invoke "var-code" (variant.const "d")) (u64.const 0x0300000000000000))
;; a signed payload is sign-extended to i32 and then zero-extended to i64
(assert_return (invoke "var-code" (variant.const "e" (s8.const -1))) (u64.const 0x04000000ffffffff))
(assert_return (invoke "opt-code" (option.none)) (u32.const 0))
(assert_return (invoke "opt-code" (option.some (u32.const 5))) (u32.const 1005))
(assert_return (invoke "res-code" (result.ok (u32.const 5))) (u32.const 5))
(assert_return (invoke "res-code" (result.err (u8.const 5))) (u32.const 1005))
(assert_return (invoke "u32-to-enum" (u32.const 0)) (enum.const "red"))
(assert_return (invoke "u32-to-enum" (u32.const 2)) (enum.const "blue"))
(assert_return (invoke "enum-to-u32" (enum.const "green")) (u32.const 1))
(assert_return (invoke "u32-to-result" (u32.const 0)) (result.ok))
(assert_return (invoke "u32-to-result" (u32.const 1)) (result.err))
(assert_return (invoke "u32-to-bool-variant" (u32.const 1)) (variant.const "y"))
;; lift_flat_flags / unpack_flags_from_int: bits beyond the labels are ignored
(assert_return (invoke "u32-to-flags3" (u32.const 0)) (flags.const))
(assert_return (invoke "u32-to-flags3" (u32.const 5)) (flags.const "x" "z"))
(assert_return (invoke "u32-to-flags3" (u32.const 0xfffffff8)) (flags.const))
(assert_return (invoke "u32-to-flags3" (u32.const 0xffffffff)) (flags.const "x" "y" "z"))
(assert_return (invoke "flags3-to-u32" (flags.const "y" "z")) (u32.const 6))
(assert_return (invoke "u32-to-flags9" (u32.const 0x1ff01)) (flags.const "f0" "f8"))
(assert_return (invoke "flags32-to-u32" (flags.const "f0" "f31")) (u32.const 0x80000001))
(assert_return (invoke "u32-to-flags32" (u32.const 0x80000002)) (flags.const "f1" "f31"))
;; trap: lift_flat_variant — case_index >= len(cases) (enum)
(assert_trap (invoke "u32-to-enum" (u32.const 3)) "discriminant 3 out of range [0..3)")
;; trap: lift_flat_variant — case_index >= len(cases) (result)
(component instance $flat $Flat)
(assert_trap (invoke "u32-to-result" (u32.const 2)) "discriminant 2 out of range [0..2)")
;; trap: lift_flat_variant — case_index >= len(cases) (variant)
(component instance $flat $Flat)
(assert_trap (invoke "u32-to-bool-variant" (u32.const 0xffffffff)) "discriminant 4294967295 out of range [0..2)")

;; Flat lifting of a variant result with a joined payload: the flat results are
;; (i32 disc, i64 payload) and spill to memory (two flat results), so the core
;; function stores them at the returned pointer.
(component definition $FlatVariant
  (type $var' (variant (case "a" u32) (case "b" f32) (case "c" u64) (case "d") (case "e" s8)))
  (export $var "t-var" (type $var'))
  (core module $M
    (memory (export "mem") 1)
    (func (export "mk") (param $d i32) (param $v i64) (result i32)
      (i32.store (i32.const 0) (local.get $d))
      (i64.store (i32.const 8) (local.get $v))
      (i32.const 0)))
  (core instance $m (instantiate $M))
  (func (export "mk") (param "d" u32) (param "v" u64) (result $var) (canon lift (core func $m "mk") (memory (core memory $m "mem"))))
)
(component instance $flatVariant $FlatVariant)
(assert_return (invoke "mk" (u32.const 0) (u64.const 7)) (variant.const "a" (u32.const 7)))
(assert_return (invoke "mk" (u32.const 1) (u64.const 0x3fc00000)) (variant.const "b" (f32.const 1.5)))
(assert_return (invoke "mk" (u32.const 2) (u64.const 0xffffffffffffffff)) (variant.const "c" (u64.const 0xffffffffffffffff)))
(assert_return (invoke "mk" (u32.const 3) (u64.const 99)) (variant.const "d"))
(assert_return (invoke "mk" (u32.const 4) (u64.const 0x80)) (variant.const "e" (s8.const -128)))
;; trap: load_variant — case_index >= len(cases)
(assert_trap (invoke "mk" (u32.const 5) (u64.const 0)) "discriminant 5 out of range [0..5)")
;; the discriminant of a 5-case variant is one byte: 0x105 reads as case 5
(component instance $flatVariant $FlatVariant)
(assert_trap (invoke "mk" (u32.const 0x105) (u64.const 0)) "discriminant 5 out of range [0..5)")

;; Memory layout: results that do not fit in one flat value are loaded from the
;; returned pointer, using the type's alignment and padding. "at" returns its
;; argument as the pointer; the data below is read at different types.
(component definition $Layout
  (type $rec' (record (field "a" u8) (field "b" u64) (field "c" u16)))
  (export $rec "t-rec" (type $rec'))
  (type $en' (enum "a" "b" "c"))
  (export $en "t-en" (type $en'))
  (type $v' (variant (case "x" u8) (case "y" u64)))
  (export $v "t-v" (type $v'))
  (type $fl9' (flags "f0" "f1" "f2" "f3" "f4" "f5" "f6" "f7" "f8"))
  (export $fl9 "t-fl9" (type $fl9'))
  (type $fl17' (flags "f0" "f1" "f2" "f3" "f4" "f5" "f6" "f7" "f8" "f9" "f10" "f11" "f12" "f13" "f14" "f15" "f16"))
  (export $fl17 "t-fl17" (type $fl17'))
  (core module $M
    (memory (export "mem") 1)
    ;; @64: a record {a: 0x11, pad, b: 0x2222222222222222, c: 0x3333}
    (data (i32.const 64) "\11\ff\ff\ff\ff\ff\ff\ff\22\22\22\22\22\22\22\22\33\33\ff\ff\ff\ff\ff\ff")
    ;; @128: variant case "y" (disc byte 1, payload at offset 8)
    (data (i32.const 128) "\01\ff\ff\ff\ff\ff\ff\ff\08\07\06\05\04\03\02\01")
    ;; @160: variant with a bad discriminant 2; @176 an option<u32> with discriminant 2
    (data (i32.const 160) "\02\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00")
    (data (i32.const 176) "\02\00\00\00\05\00\00\00")
    ;; @192: enum bytes a=0, c=2, bad=3
    (data (i32.const 192) "\00\02\03")
    ;; @200: flags: 9 labels stored in 2 bytes, 17 labels in 4 bytes, extra bits set
    (data (i32.const 200) "\01\ff\00\00")
    (data (i32.const 208) "\01\00\ff\ff")
    (func (export "at") (param i32) (result i32) local.get 0))
  (core instance $m (instantiate $M))
  (func (export "rec") (param "p" u32) (result $rec) (canon lift (core func $m "at") (memory (core memory $m "mem"))))
  (func (export "tup") (param "p" u32) (result (tuple u8 u64 u16)) (canon lift (core func $m "at") (memory (core memory $m "mem"))))
  (func (export "var") (param "p" u32) (result $v) (canon lift (core func $m "at") (memory (core memory $m "mem"))))
  (func (export "opt") (param "p" u32) (result (option u32)) (canon lift (core func $m "at") (memory (core memory $m "mem"))))
  (func (export "res") (param "p" u32) (result (result u32 (error u32))) (canon lift (core func $m "at") (memory (core memory $m "mem"))))
  (func (export "enums") (param "p" u32) (result (tuple $en $en)) (canon lift (core func $m "at") (memory (core memory $m "mem"))))
  (func (export "flags") (param "p" u32) (result (tuple $fl9 $fl9)) (canon lift (core func $m "at") (memory (core memory $m "mem"))))
  (func (export "flags17") (param "p" u32) (result (tuple $fl17 u8)) (canon lift (core func $m "at") (memory (core memory $m "mem"))))
)
(component instance $layout $Layout)
(assert_return (invoke "rec" (u32.const 64))
  (record.const (field "a" u8.const 0x11) (field "b" u64.const 0x2222222222222222) (field "c" u16.const 0x3333)))
(assert_return (invoke "tup" (u32.const 64))
  (tuple.const (u8.const 0x11) (u64.const 0x2222222222222222) (u16.const 0x3333)))
(assert_return (invoke "var" (u32.const 128)) (variant.const "y" (u64.const 0x0102030405060708)))
(assert_return (invoke "opt" (u32.const 128)) (option.some (u32.const 0xffffffff)))
(assert_return (invoke "res" (u32.const 192)) (result.ok (u32.const 0)))
(assert_return (invoke "res" (u32.const 200)) (result.err (u32.const 0)))
(assert_return (invoke "enums" (u32.const 192)) (tuple.const (enum.const "a") (enum.const "c")))
(assert_return (invoke "flags" (u32.const 200)) (tuple.const (flags.const "f0" "f8") (flags.const)))
(assert_return (invoke "flags17" (u32.const 208)) (tuple.const (flags.const "f0" "f16") (u8.const 0)))
;; trap: load_variant — case_index >= len(cases) (variant)
(assert_trap (invoke "var" (u32.const 160)) "discriminant 2 out of range [0..2)")
;; trap: load_variant — case_index >= len(cases) (option)
(component instance $layout $Layout)
(assert_trap (invoke "opt" (u32.const 176)) "discriminant 2 out of range [0..2)")
;; trap: load_variant — case_index >= len(cases) (result)
(component instance $layout $Layout)
(assert_trap (invoke "res" (u32.const 160)) "discriminant 2 out of range [0..2)")
;; trap: load_variant — case_index >= len(cases) (enum)
(component instance $layout $Layout)
(assert_trap (invoke "enums" (u32.const 193)) "discriminant 3 out of range [0..3)")
;; trap: lift_flat_values — ptr != align_to(ptr, alignment(tuple)): the record is 8-aligned
(component instance $layout $Layout)
(assert_trap (invoke "rec" (u32.const 68)) "return pointer not aligned")
;; trap: lift_flat_values — ptr + elem_size(tuple) > len(memory)
(component instance $layout $Layout)
(assert_trap (invoke "rec" (u32.const 65520)) "pointer out of bounds of memory")

;; Storing aggregates into memory: a record and a variant passed as list
;; elements are stored with their padding; the callee checks the bytes.
(component
  (type $rec' (record (field "a" u8) (field "b" u32) (field "c" u16)))
  (export $rec "t-rec" (type $rec'))
  (type $v' (variant (case "x" u8) (case "y" u64) (case "z")))
  (export $v "t-v" (type $v'))
  (core module $M
    (memory (export "mem") 1)
    (func (export "realloc") (param i32 i32 i32 i32) (result i32) (i32.const 64))
    (func (export "rec") (param $p i32) (param $n i32) (result i64)
      ;; element size 12: a@0, b@4, c@8
      (if (i32.ne (local.get $n) (i32.const 1)) (then unreachable))
      (i64.or (i64.or (i64.load8_u (local.get $p)) (i64.shl (i64.load32_u offset=4 (local.get $p)) (i64.const 8)))
              (i64.shl (i64.load16_u offset=8 (local.get $p)) (i64.const 40))))
    (func (export "var") (param $p i32) (param $n i32) (result i64)
      ;; element size 16: disc@0, payload@8; returns disc << 56 | payload of element 1 (x) and 0 (y) summed
      (i64.add (i64.add (i64.shl (i64.load8_u (local.get $p)) (i64.const 56)) (i64.load offset=8 (local.get $p)))
               (i64.add (i64.shl (i64.load8_u offset=16 (local.get $p)) (i64.const 48)) (i64.load8_u offset=24 (local.get $p))))))
  (core instance $m (instantiate $M))
  (func (export "rec") (param "l" (list $rec)) (result u64)
    (canon lift (core func $m "rec") (memory (core memory $m "mem")) (realloc (core func $m "realloc"))))
  (func (export "var") (param "l" (list $v)) (result u64)
    (canon lift (core func $m "var") (memory (core memory $m "mem")) (realloc (core func $m "realloc"))))
)
(assert_return (invoke "rec" (list.const (record.const (field "a" u8.const 0xaa) (field "b" u32.const 0x11223344) (field "c" u16.const 0xbbcc))))
  (u64.const 0xbbcc11223344aa))
(assert_return (invoke "var" (list.const (variant.const "y" (u64.const 0x1000)) (variant.const "x" (u8.const 7))))
  (u64.const 0x0100000000001007))
