;; A word-at-a-time copy loop between two 256 KiB buffers, repeated n times; returns a checksum.
(module
  (memory 8)
  (func (export "run") (param $n i32) (result i32)
    (local $round i32) (local $i i32) (local $sum i32)
    ;; seed the source buffer
    (block $seeded
      (loop $seed
        (br_if $seeded (i32.ge_u (local.get $i) (i32.const 262144)))
        (i32.store (local.get $i) (i32.mul (local.get $i) (i32.const 2654435761)))
        (local.set $i (i32.add (local.get $i) (i32.const 4)))
        (br $seed)))
    (block $finished
      (loop $rounds
        (br_if $finished (i32.ge_u (local.get $round) (local.get $n)))
        (local.set $i (i32.const 0))
        (block $copied
          (loop $copy
            (br_if $copied (i32.ge_u (local.get $i) (i32.const 262144)))
            (i64.store offset=262144 (local.get $i) (i64.load (local.get $i)))
            (local.set $i (i32.add (local.get $i) (i32.const 8)))
            (br $copy)))
        (local.set $sum (i32.add (local.get $sum) (i32.load offset=262144 (i32.and (i32.mul (local.get $round) (i32.const 4)) (i32.const 262140)))))
        (local.set $round (i32.add (local.get $round) (i32.const 1)))
        (br $rounds)))
    (local.get $sum)))
