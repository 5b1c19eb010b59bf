;; Chars: identity, the i32 the core code receives, and chars lifted from core i32 values
;; (convert_i32_to_char accepts every Unicode scalar value).
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
  )
  (core instance $i (instantiate $m))
  (func (export "id-char") (param "c" char) (result char) (canon lift (core func $i "id32")))
  (func (export "code-of") (param "c" char) (result u32) (canon lift (core func $i "id32")))
  (func (export "char-of") (param "x" u32) (result char) (canon lift (core func $i "id32")))
  (func (export "pair") (param "a" char) (param "b" char) (result (tuple char char)) (canon lift (core func $i "w2") (memory (core memory $i "mem"))))
)
