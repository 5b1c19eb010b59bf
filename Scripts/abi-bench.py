#!/usr/bin/env python3
"""The benchmark work of Tests/CanonicalABITests/BenchmarkTests.swift, run by definitions.py at smaller sizes:
lower into memory (lower_flat with a bump realloc) and lift back (lift_flat) of
(a) list<u8>, (b) list<string> of short strings, (c) list<record { a: u32, b: string, c: option<f64> }>.
Prints ns per element for comparison with the Swift numbers.

Usage: Scripts/abi-bench.py PATH/TO/definitions.py [N_BYTES=65536] [N=5000]
"""
import os, sys, time, importlib.util
defs_path = sys.argv[1]
NB = int(sys.argv[2]) if len(sys.argv) > 2 else 65536
N = int(sys.argv[3]) if len(sys.argv) > 3 else 5000
spec = importlib.util.spec_from_file_location("definitions", defs_path)
D = importlib.util.module_from_spec(spec); sys.modules['definitions'] = D; spec.loader.exec_module(D)
D.DETERMINISTIC_PROFILE = True

def mk_cx(size):
  mem = bytearray(size)
  last = [0]
  def realloc(args):
    _, _, align, n = args
    p = D.align_to(last[0], align); last[0] = p + n
    if last[0] > size: raise D.Trap()
    return [p]
  opts = D.CanonicalOptions(); opts.memory = D.MemInst(mem, 'i32'); opts.string_encoding = 'utf8'; opts.realloc = realloc
  return D.LiftLowerContext(opts, D.ComponentInstance(D.Store()))

def run(name, t, v, count, size):
  cx = mk_cx(size)
  t0 = time.perf_counter(); flat = D.lower_flat(cx, v, t); t1 = time.perf_counter()
  back = D.lift_flat(cx, D.CoreValueIter(flat), t); t2 = time.perf_counter()
  assert len(back) == count
  print("PYBENCH %s: %d elements: lower %.3f s (%.1f ns/elem), lift %.3f s (%.1f ns/elem), total %.1f ns/elem" % (
    name, count, t1 - t0, (t1 - t0) / count * 1e9, t2 - t1, (t2 - t1) / count * 1e9, (t2 - t0) / count * 1e9))

run("list<u8>", D.ListType(D.U8Type()), [(i * 31) & 0xff for i in range(NB)], NB, NB + 64)
run("list<string>", D.ListType(D.StringType()), [("str%d" % (i % 10007), 'utf8', len("str%d" % (i % 10007))) for i in range(N)], N, 40 * N + 64)
rt = D.RecordType([D.FieldType('a', D.U32Type()), D.FieldType('b', D.StringType()), D.FieldType('c', D.OptionType(D.F64Type()))])
recs = [{'a': i, 'b': ("r%d" % (i % 1000), 'utf8', len("r%d" % (i % 1000))), 'c': ({'some': i / 3} if i % 2 == 0 else {'none': None})} for i in range(N)]
run("list<record>", D.ListType(rt), recs, N, 48 * N + 64)
