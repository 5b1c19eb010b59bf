;; A loop dispatching through a table of four functions with call_indirect, n times.
(module
  (type $op (func (param i32) (result i32)))
  (table funcref (elem $inc $double $dec $xor))
  (func $inc (type $op) (i32.add (local.get 0) (i32.const 1)))
  (func $double (type $op) (i32.shl (local.get 0) (i32.const 1)))
  (func $dec (type $op) (i32.sub (local.get 0) (i32.const 3)))
  (func $xor (type $op) (i32.xor (local.get 0) (i32.const 0x5a5a)))
  (func (export "run") (param $n i32) (result i32)
    (local $i i32) (local $acc i32)
    (block $done
      (loop $again
        (br_if $done (i32.ge_u (local.get $i) (local.get $n)))
        (local.set $acc
          (call_indirect (type $op) (local.get $acc) (i32.and (local.get $i) (i32.const 3))))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $again)))
    (local.get $acc)))
