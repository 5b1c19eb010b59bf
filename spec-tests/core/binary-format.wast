;; The binary format, decoded strictly (Spec: core/binary).
;; The smallest module: magic and version.
(module binary "\00asm" "\01\00\00\00")
;; A type section with one function type, [i32] -> [i32], then function and code sections.
(module binary
  "\00asm" "\01\00\00\00"
  "\01\06\01\60\01\7f\01\7f"        ;; type section: 1 type, (func (param i32) (result i32))
  "\03\02\01\00"                    ;; function section: 1 function of type 0
  "\07\07\01\03inc\00\00"           ;; export section: "inc" = func 0
  "\0a\09\01\07\00\20\00\41\01\6a\0b" ;; code: local.get 0, i32.const 1, i32.add, end
)
(assert_return (invoke "inc" (i32.const 41)) (i32.const 42))

(assert_malformed (module binary "\00asm") "unexpected end")
(assert_malformed (module binary "\00asm" "\02\00\00\00") "unknown binary version")
(assert_malformed (module binary "\00ams" "\01\00\00\00") "magic header not detected")
;; A LEB128 u32 with a fifth byte over 4 bits is too large.
(assert_malformed
  (module binary "\00asm" "\01\00\00\00" "\05\07\01\00\82\80\80\80\70")
  "integer too large")
;; Sections out of order: a function section after the code section.
(assert_malformed
  (module binary "\00asm" "\01\00\00\00" "\01\04\01\60\00\00" "\0a\04\01\02\00\0b" "\03\02\01\00")
  "unexpected content after last section")
