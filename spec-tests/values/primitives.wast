;; Lifting and lowering of the scalar value types: bool, the integer types at
;; their bounds, floats with NaN canonicalization, and char.
;; Spec: CanonicalABI.md#flat-lifting (lift_flat, lift_flat_unsigned,
;;   lift_flat_signed, convert_int_to_bool, canonicalize_nan32/64,
;;   convert_i32_to_char), #flat-lowering (lower_flat, lower_flat_signed),
;;   #loading (load_int, decode_i32_as_float, convert_i32_to_char),
;;   #storing (store_int, encode_float_as_i32, char_to_i32).

;; Flat lifting from raw core values: each export takes a u32/u64/f32/f64 that
;; the core function returns unchanged, lifted at a narrower or different type.
(component
  (core module $M
    (func (export "id32") (param i32) (result i32) local.get 0)
    (func (export "id64") (param i64) (result i64) local.get 0)
    (func (export "idf32") (param f32) (result f32) local.get 0)
    (func (export "idf64") (param f64) (result f64) local.get 0)
    (func (export "bits-to-f32") (param i32) (result f32) (f32.reinterpret_i32 (local.get 0)))
    (func (export "bits-to-f64") (param i64) (result f64) (f64.reinterpret_i64 (local.get 0)))
    (func (export "f32-to-bits") (param f32) (result i32) (i32.reinterpret_f32 (local.get 0)))
    (func (export "f64-to-bits") (param f64) (result i64) (i64.reinterpret_f64 (local.get 0)))
    (func (export "f32-is-nan") (param f32) (result i32) (f32.ne (local.get 0) (local.get 0)))
    (func (export "f64-is-nan") (param f64) (result i32) (f64.ne (local.get 0) (local.get 0)))
  )
  (core instance $m (instantiate $M))
  ;; bool: any non-zero i32 lifts as true
  (func (export "u32-to-bool") (param "x" u32) (result bool) (canon lift (core func $m "id32")))
  (func (export "bool-to-u32") (param "x" bool) (result u32) (canon lift (core func $m "id32")))
  ;; integers narrower than 32 bits: the high bits are discarded (lift_flat_unsigned / lift_flat_signed)
  (func (export "u32-to-u8") (param "x" u32) (result u8) (canon lift (core func $m "id32")))
  (func (export "u32-to-s8") (param "x" u32) (result s8) (canon lift (core func $m "id32")))
  (func (export "u32-to-u16") (param "x" u32) (result u16) (canon lift (core func $m "id32")))
  (func (export "u32-to-s16") (param "x" u32) (result s16) (canon lift (core func $m "id32")))
  (func (export "u32-to-s32") (param "x" u32) (result s32) (canon lift (core func $m "id32")))
  (func (export "u64-to-s64") (param "x" u64) (result s64) (canon lift (core func $m "id64")))
  ;; lowering sign-extends signed types and zero-extends unsigned ones
  (func (export "s8-to-u32") (param "x" s8) (result u32) (canon lift (core func $m "id32")))
  (func (export "u8-to-u32") (param "x" u8) (result u32) (canon lift (core func $m "id32")))
  (func (export "s16-to-u32") (param "x" s16) (result u32) (canon lift (core func $m "id32")))
  (func (export "s64-to-u64") (param "x" s64) (result u64) (canon lift (core func $m "id64")))
  ;; identities at the bounds
  (func (export "u8") (param "x" u8) (result u8) (canon lift (core func $m "id32")))
  (func (export "s8") (param "x" s8) (result s8) (canon lift (core func $m "id32")))
  (func (export "u16") (param "x" u16) (result u16) (canon lift (core func $m "id32")))
  (func (export "s16") (param "x" s16) (result s16) (canon lift (core func $m "id32")))
  (func (export "u32") (param "x" u32) (result u32) (canon lift (core func $m "id32")))
  (func (export "s32") (param "x" s32) (result s32) (canon lift (core func $m "id32")))
  (func (export "u64") (param "x" u64) (result u64) (canon lift (core func $m "id64")))
  (func (export "s64") (param "x" s64) (result s64) (canon lift (core func $m "id64")))
  (func (export "f32") (param "x" (tuple f32)) (result (tuple f32)) (canon lift (core func $m "idf32")))
  (func (export "f64") (param "x" (tuple f64)) (result (tuple f64)) (canon lift (core func $m "idf64")))
  ;; floats travel in 1-tuples (same flattening as the bare float) because a bare
  ;; (f32.const ...) argument or result is a core value in the script syntax.
  ;; From raw bits: NaNs lift as the canonical NaN
  (func (export "bits-to-f32") (param "x" u32) (result (tuple f32)) (canon lift (core func $m "bits-to-f32")))
  (func (export "bits-to-f64") (param "x" u64) (result (tuple f64)) (canon lift (core func $m "bits-to-f64")))
  (func (export "f32-to-bits") (param "x" (tuple f32)) (result u32) (canon lift (core func $m "f32-to-bits")))
  (func (export "f64-to-bits") (param "x" (tuple f64)) (result u64) (canon lift (core func $m "f64-to-bits")))
  (func (export "f32-is-nan") (param "x" (tuple f32)) (result bool) (canon lift (core func $m "f32-is-nan")))
  (func (export "f64-is-nan") (param "x" (tuple f64)) (result bool) (canon lift (core func $m "f64-is-nan")))
  ;; char
  (func (export "u32-to-char") (param "x" u32) (result char) (canon lift (core func $m "id32")))
  (func (export "char-to-u32") (param "x" char) (result u32) (canon lift (core func $m "id32")))
  (func (export "char") (param "x" char) (result char) (canon lift (core func $m "id32")))
)

(assert_return (invoke "u32-to-bool" (u32.const 0)) (bool.const false))
(assert_return (invoke "u32-to-bool" (u32.const 1)) (bool.const true))
(assert_return (invoke "u32-to-bool" (u32.const 2)) (bool.const true))
(assert_return (invoke "u32-to-bool" (u32.const 0xffffffff)) (bool.const true))
(assert_return (invoke "bool-to-u32" (bool.const true)) (u32.const 1))
(assert_return (invoke "bool-to-u32" (bool.const false)) (u32.const 0))

(assert_return (invoke "u32-to-u8" (u32.const 0x1ff)) (u8.const 0xff))
(assert_return (invoke "u32-to-u8" (u32.const 0x100)) (u8.const 0))
(assert_return (invoke "u32-to-s8" (u32.const 0x80)) (s8.const -128))
(assert_return (invoke "u32-to-s8" (u32.const 0x17f)) (s8.const 127))
(assert_return (invoke "u32-to-s8" (u32.const 0xffffffff)) (s8.const -1))
(assert_return (invoke "u32-to-u16" (u32.const 0x12345678)) (u16.const 0x5678))
(assert_return (invoke "u32-to-s16" (u32.const 0x8000)) (s16.const -32768))
(assert_return (invoke "u32-to-s16" (u32.const 0xffff7fff)) (s16.const 32767))
(assert_return (invoke "u32-to-s32" (u32.const 0x80000000)) (s32.const -2147483648))
(assert_return (invoke "u32-to-s32" (u32.const 0xffffffff)) (s32.const -1))
(assert_return (invoke "u64-to-s64" (u64.const 0x8000000000000000)) (s64.const -9223372036854775808))

(assert_return (invoke "s8-to-u32" (s8.const -1)) (u32.const 0xffffffff))
(assert_return (invoke "s8-to-u32" (s8.const -128)) (u32.const 0xffffff80))
(assert_return (invoke "u8-to-u32" (u8.const 255)) (u32.const 255))
(assert_return (invoke "s16-to-u32" (s16.const -32768)) (u32.const 0xffff8000))
(assert_return (invoke "s64-to-u64" (s64.const -1)) (u64.const 0xffffffffffffffff))

(assert_return (invoke "u8" (u8.const 0)) (u8.const 0))
(assert_return (invoke "u8" (u8.const 255)) (u8.const 255))
(assert_return (invoke "s8" (s8.const -128)) (s8.const -128))
(assert_return (invoke "s8" (s8.const 127)) (s8.const 127))
(assert_return (invoke "u16" (u16.const 65535)) (u16.const 65535))
(assert_return (invoke "s16" (s16.const -32768)) (s16.const -32768))
(assert_return (invoke "s16" (s16.const 32767)) (s16.const 32767))
(assert_return (invoke "u32" (u32.const 4294967295)) (u32.const 4294967295))
(assert_return (invoke "s32" (s32.const -2147483648)) (s32.const -2147483648))
(assert_return (invoke "s32" (s32.const 2147483647)) (s32.const 2147483647))
(assert_return (invoke "u64" (u64.const 18446744073709551615)) (u64.const 18446744073709551615))
(assert_return (invoke "s64" (s64.const -9223372036854775808)) (s64.const -9223372036854775808))
(assert_return (invoke "s64" (s64.const 9223372036854775807)) (s64.const 9223372036854775807))

(assert_return (invoke "f32" (tuple.const (f32.const 1.5))) (tuple.const (f32.const 1.5)))
(assert_return (invoke "f32" (tuple.const (f32.const -0))) (tuple.const (f32.const -0)))
(assert_return (invoke "f32" (tuple.const (f32.const inf))) (tuple.const (f32.const inf)))
(assert_return (invoke "f32" (tuple.const (f32.const 0x1p-149))) (tuple.const (f32.const 0x1p-149)))
(assert_return (invoke "f64" (tuple.const (f64.const -0x1.fffffffffffffp+1023))) (tuple.const (f64.const -0x1.fffffffffffffp+1023)))
(assert_return (invoke "f64" (tuple.const (f64.const -inf))) (tuple.const (f64.const -inf)))
(assert_return (invoke "bits-to-f32" (u32.const 0x3fc00000)) (tuple.const (f32.const 1.5)))
(assert_return (invoke "bits-to-f64" (u64.const 0x3ff8000000000000)) (tuple.const (f64.const 1.5)))
;; A NaN is one value per float type (canonicalize_nan32/64 on lift,
;; maybe_scramble_nan32/64 on lower): the bit pattern is not observable
;; portably, so NaN-ness is checked by core code on the other side.
(assert_return (invoke "bits-to-f32" (u32.const 0x7fc00000)) (tuple.const (f32.const nan)))
(assert_return (invoke "bits-to-f64" (u64.const 0x7ff8000000000000)) (tuple.const (f64.const nan)))
(assert_return (invoke "f32-is-nan" (tuple.const (f32.const nan:0x200001))) (bool.const true))
(assert_return (invoke "f32-is-nan" (tuple.const (f32.const -nan))) (bool.const true))
(assert_return (invoke "f32-is-nan" (tuple.const (f32.const inf))) (bool.const false))
(assert_return (invoke "f64-is-nan" (tuple.const (f64.const -nan:0x4000000000001))) (bool.const true))
(assert_return (invoke "f64-is-nan" (tuple.const (f64.const 0))) (bool.const false))
(assert_return (invoke "f32-to-bits" (tuple.const (f32.const -0))) (u32.const 0x80000000))

(assert_return (invoke "u32-to-char" (u32.const 0x41)) (char.const "A"))
(assert_return (invoke "u32-to-char" (u32.const 0)) (char.const "\00"))
(assert_return (invoke "u32-to-char" (u32.const 0xd7ff)) (char.const "\u{d7ff}"))
(assert_return (invoke "u32-to-char" (u32.const 0xe000)) (char.const "\u{e000}"))
(assert_return (invoke "u32-to-char" (u32.const 0x10ffff)) (char.const "\u{10ffff}"))
(assert_return (invoke "u32-to-char" (u32.const 0x1f370)) (char.const "🍰"))
(assert_return (invoke "char-to-u32" (char.const "☃")) (u32.const 0x2603))
(assert_return (invoke "char" (char.const "\u{10ffff}")) (char.const "\u{10ffff}"))
;; trap: convert_i32_to_char — i >= 0x110000
(assert_trap (invoke "u32-to-char" (u32.const 0x110000)) "converted integer out of range for `char`")
(assert_trap (invoke "u32-to-char" (u32.const 0xffffffff)) "converted integer out of range for `char`")
;; trap: convert_i32_to_char — 0xD800 <= i <= 0xDFFF
(assert_trap (invoke "u32-to-char" (u32.const 0xd800)) "converted integer out of range for `char`")
(assert_trap (invoke "u32-to-char" (u32.const 0xdfff)) "converted integer out of range for `char`")

;; The same conversions through memory (load): a result that spills (more than
;; one flat result) is read from the returned pointer.
(component
  (core module $M
    (memory (export "mem") 1)
    (func (export "store") (param $a i32) (param $b i32) (result i32)
      (i32.store (i32.const 8) (local.get $a))
      (i32.store (i32.const 12) (local.get $b))
      (i32.const 8))
    (func (export "store64") (param $a i64) (param $b i64) (result i32)
      (i64.store (i32.const 16) (local.get $a))
      (i64.store (i32.const 24) (local.get $b))
      (i32.const 16))
  )
  (core instance $m (instantiate $M))
  (func (export "bools") (param "a" u32) (param "b" u32) (result (tuple bool bool))
    (canon lift (core func $m "store") (memory (core memory $m "mem"))))
  (func (export "u8s") (param "a" u32) (param "b" u32) (result (tuple u8 s8 u8 s8 u8 s8 u8 s8))
    (canon lift (core func $m "store") (memory (core memory $m "mem"))))
  (func (export "u16s") (param "a" u32) (param "b" u32) (result (tuple u16 s16 u16 s16))
    (canon lift (core func $m "store") (memory (core memory $m "mem"))))
  (func (export "chars") (param "a" u32) (param "b" u32) (result (tuple char char))
    (canon lift (core func $m "store") (memory (core memory $m "mem"))))
  (func (export "f32s") (param "a" u32) (param "b" u32) (result (tuple f32 f32))
    (canon lift (core func $m "store") (memory (core memory $m "mem"))))
  (func (export "f64s") (param "a" u64) (param "b" u64) (result (tuple f64 f64))
    (canon lift (core func $m "store64") (memory (core memory $m "mem"))))
  (func (export "u64s") (param "a" u64) (param "b" u64) (result (tuple u64 s64))
    (canon lift (core func $m "store64") (memory (core memory $m "mem"))))
)
;; convert_int_to_bool reads one byte: 0x100 has a zero low byte
(assert_return (invoke "bools" (u32.const 0x100) (u32.const 0x2))
  (tuple.const (bool.const false) (bool.const true)))
(assert_return (invoke "u8s" (u32.const 0x807f80ff) (u32.const 0x01020304))
  (tuple.const (u8.const 255) (s8.const -128) (u8.const 127) (s8.const -128)
               (u8.const 4) (s8.const 3) (u8.const 2) (s8.const 1)))
(assert_return (invoke "u16s" (u32.const 0x8000ffff) (u32.const 0x7fff0001))
  (tuple.const (u16.const 65535) (s16.const -32768) (u16.const 1) (s16.const 32767)))
(assert_return (invoke "chars" (u32.const 0x61) (u32.const 0x10ffff))
  (tuple.const (char.const "a") (char.const "\u{10ffff}")))
(assert_return (invoke "f32s" (u32.const 0x7fc00000) (u32.const 0xbf800000))
  (tuple.const (f32.const nan) (f32.const -1)))
(assert_return (invoke "f64s" (u64.const 0x7ff8000000000000) (u64.const 0x4000000000000000))
  (tuple.const (f64.const nan) (f64.const 2)))
(assert_return (invoke "u64s" (u64.const 0xffffffffffffffff) (u64.const 0x8000000000000000))
  (tuple.const (u64.const 0xffffffffffffffff) (s64.const -9223372036854775808)))
;; trap: convert_i32_to_char (via load) — i >= 0x110000
(assert_trap (invoke "chars" (u32.const 0x61) (u32.const 0x110000)) "converted integer out of range for `char`")
;; trap: convert_i32_to_char (via load) — 0xD800 <= i <= 0xDFFF
(assert_trap (invoke "chars" (u32.const 0xdc00) (u32.const 0x61)) "converted integer out of range for `char`")
