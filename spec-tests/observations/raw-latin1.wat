;; Strings the component makes from a raw pointer and length, with string-encoding=latin1+utf16, for the
;; loading checks that trap (load_string_from_range): bounds, alignment, and invalid code units.
(component
  (core module $m
    (memory (export "mem") 1)
    ;; a bump allocator that copies on growth, as `canon realloc` expects
    (global $bump (mut i32) (i32.const 4096))
    (func (export "realloc") (param $old i32) (param $old-size i32) (param $align i32) (param $size i32) (result i32)
      (local $p i32)
      (local.set $p (i32.and (i32.add (global.get $bump) (i32.sub (local.get $align) (i32.const 1)))
                             (i32.sub (i32.const 0) (local.get $align))))
      (global.set $bump (i32.add (local.get $p) (local.get $size)))
      (memory.copy (local.get $p) (local.get $old)
        (select (local.get $old-size) (local.get $size) (i32.lt_u (local.get $old-size) (local.get $size))))
      (local.get $p))
    ;; results that do not fit one flat value are returned through memory at 16
    (func (export "w2") (param i32 i32) (result i32)
      (i32.store (i32.const 16) (local.get 0)) (i32.store (i32.const 20) (local.get 1)) (i32.const 16))
    (func (export "w3") (param i32 i32 i32) (result i32)
      (i32.store (i32.const 16) (local.get 0)) (i32.store (i32.const 20) (local.get 1))
      (i32.store (i32.const 24) (local.get 2)) (i32.const 16))
    (func (export "id32") (param i32) (result i32) (local.get 0))
    (func (export "id64") (param i64) (result i64) (local.get 0))
    (func (export "second") (param i32 i32) (result i32) (local.get 1))
    (data (i32.const 256) "abcd")
    (data (i32.const 272) "caf\e9")            ;; Latin-1 "café"
    (data (i32.const 288) "\ac\20")            ;; UTF-16 "€" (tagged length 0x80000001)
    (data (i32.const 304) "\3d\d8a\00")        ;; UTF-16: a lone high surrogate, then "a"
  )
  (core instance $i (instantiate $m))
  (func (export "at") (param "ptr" u32) (param "len" u32) (result string)
    (canon lift (core func $i "w2") string-encoding=latin1+utf16 (memory (core memory $i "mem"))))
)
