;; A realloc that returns whatever pointer the host last set, to show the checks on the pointers realloc
;; returns when the arguments are lowered (store_string_copy: trap_if(ptr != align_to(ptr, alignment)) and
;; trap_if(ptr + byte_length > len(memory))). A trap while lowering the arguments happens after the instance
;; was entered, so the instance is in lockdown afterwards.
(component
  (core module $m
    (memory (export "mem") 1)
    (global $ret (mut i32) (i32.const 1024))
    (func (export "realloc") (param i32 i32 i32 i32) (result i32) (global.get $ret))
    (func (export "set") (param i32) (global.set $ret (local.get 0)))
    (func (export "second") (param i32 i32) (result i32) (local.get 1))
    (func (export "first") (param i32 i32) (result i32) (i32.load8_u (local.get 0)))
  )
  (core instance $i (instantiate $m))
  (func (export "set-ptr") (param "p" u32) (canon lift (core func $i "set")))
  (func (export "len8") (param "s" string) (result u32)
    (canon lift (core func $i "second") (memory (core memory $i "mem")) (realloc (core func $i "realloc"))))
  (func (export "len16") (param "s" string) (result u32)
    (canon lift (core func $i "second") string-encoding=utf16 (memory (core memory $i "mem")) (realloc (core func $i "realloc"))))
  (func (export "first-byte") (param "l" (list u8)) (result u8)
    (canon lift (core func $i "first") (memory (core memory $i "mem")) (realloc (core func $i "realloc"))))
)
