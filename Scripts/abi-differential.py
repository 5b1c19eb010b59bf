#!/usr/bin/env python3
"""Differential check of the Swift Canonical ABI against definitions.py itself.

Generates random (type, value, string encoding) cases and runs each through the spec's Python definitions:
  roundtrip: store into a Heap + load back, and lower_flat + lift_flat (bytes, flat values, values)
  load:      load of a type from random bytes (value or trap)
  lift:      lift_flat of a type from random flat values (value or trap)
and writes the cases with the Python results to a JSON file. The Swift side
(Tests/CanonicalABITests/DifferentialTests.swift, run with CMREF_DIFF_CASES=that file) replays every case and
reports each disagreement.

Usage: Scripts/abi-differential.py PATH/TO/definitions.py [N=10000] [OUT=/tmp/cmref-abi-diff.json] [SEED=1]
definitions.py must be a local copy at the pinned commit (never committed to this project).
"""
import json, os, random, struct, sys

defs_path = sys.argv[1]
N = int(sys.argv[2]) if len(sys.argv) > 2 else 10000
OUT = sys.argv[3] if len(sys.argv) > 3 else "/tmp/cmref-abi-diff.json"
SEED = int(sys.argv[4]) if len(sys.argv) > 4 else 1
sys.path.insert(0, os.path.dirname(os.path.abspath(defs_path)))
import importlib.util
spec = importlib.util.spec_from_file_location("definitions", defs_path)
D = importlib.util.module_from_spec(spec)
sys.modules['definitions'] = D
spec.loader.exec_module(D)
D.DETERMINISTIC_PROFILE = True
rng = random.Random(SEED)

PRIMS = ['bool','s8','u8','s16','u16','s32','u32','s64','u64','f32','f64','char','string']
PRIM_CLS = {'bool':D.BoolType,'s8':D.S8Type,'u8':D.U8Type,'s16':D.S16Type,'u16':D.U16Type,'s32':D.S32Type,
            'u32':D.U32Type,'s64':D.S64Type,'u64':D.U64Type,'f32':D.F32Type,'f64':D.F64Type,'char':D.CharType,
            'string':D.StringType}
ENCODINGS = ['utf8', 'utf16', 'latin1+utf16']

def gen_type(depth=0):
  r = rng.random()
  if depth >= 3 or r < 0.45:
    return rng.choice(PRIMS)
  k = rng.choice(['list','flist','record','tuple','variant','enum','option','result','flags','map'])
  labels = lambda n: ['l%d' % i for i in range(n)]
  if k == 'list': return {'list': gen_type(depth+1)}
  if k == 'flist': return {'list': gen_type(depth+1), 'len': rng.randint(1,3)}
  if k == 'record': return {'record': [[l, gen_type(depth+1)] for l in labels(rng.randint(1,4))]}
  if k == 'tuple': return {'tuple': [gen_type(depth+1) for _ in range(rng.randint(1,4))]}
  if k == 'variant':
    return {'variant': [[l, gen_type(depth+1) if rng.random() < 0.7 else None] for l in labels(rng.randint(1,4))]}
  if k == 'enum': return {'enum': labels(rng.randint(1,5))}
  if k == 'option': return {'option': gen_type(depth+1)}
  if k == 'result':
    return {'result': [gen_type(depth+1) if rng.random() < 0.7 else None, gen_type(depth+1) if rng.random() < 0.7 else None]}
  if k == 'flags': return {'flags': labels(rng.choice([1,2,8,9,16,17,31,32]))}
  return {'map': [rng.choice(PRIMS), gen_type(depth+1)]}

def to_py_type(t):
  if isinstance(t, str): return PRIM_CLS[t]()
  if 'list' in t: return D.ListType(to_py_type(t['list']), t.get('len'))
  if 'record' in t: return D.RecordType([D.FieldType(l, to_py_type(u)) for l,u in t['record']])
  if 'tuple' in t: return D.TupleType([to_py_type(u) for u in t['tuple']])
  if 'variant' in t: return D.VariantType([D.CaseType(l, to_py_type(u) if u is not None else None) for l,u in t['variant']])
  if 'enum' in t: return D.EnumType(t['enum'])
  if 'option' in t: return D.OptionType(to_py_type(t['option']))
  if 'result' in t:
    o, e = t['result']
    return D.ResultType(to_py_type(o) if o is not None else None, to_py_type(e) if e is not None else None)
  if 'flags' in t: return D.FlagsType(t['flags'])
  if 'map' in t: return D.MapType(to_py_type(t['map'][0]), to_py_type(t['map'][1]))
  raise Exception(t)

SCALARS = [0x41, 0x7a, 0x20, 0x0, 0xe9, 0xff, 0x80, 0x100, 0x3b1, 0x4e2d, 0xd7ff, 0xe000, 0xfffd, 0x1f600, 0x10ffff]
def gen_text():
  n = rng.choice([0,1,2,3,5,8,13])
  pool = rng.choice([SCALARS[:4], SCALARS[:7], SCALARS])
  return ''.join(chr(rng.choice(pool)) for _ in range(n))

def mk_string(s):
  enc = rng.choice(ENCODINGS)
  if enc == 'utf8': return (s, enc, len(s.encode('utf-8')))
  if enc == 'utf16': return (s, enc, len(s.encode('utf-16-le')) // 2)
  try:
    return (s, enc, len(s.encode('latin-1')))
  except UnicodeEncodeError:
    return (s, enc, (len(s.encode('utf-16-le')) // 2) | D.utf16_tag('i32'))

def f32_of_bits(b): return struct.unpack('<f', struct.pack('<I', b))[0]
def f64_of_bits(b): return struct.unpack('<d', struct.pack('<Q', b))[0]

INT_RANGES = {'s8':(-128,127),'u8':(0,255),'s16':(-2**15,2**15-1),'u16':(0,2**16-1),'s32':(-2**31,2**31-1),
              'u32':(0,2**32-1),'s64':(-2**63,2**63-1),'u64':(0,2**64-1)}
def gen_value(t):
  """A Python value of type t (as definitions.py represents it) and its JSON form."""
  if isinstance(t, str):
    if t == 'bool':
      b = rng.random() < 0.5; return b, b
    if t in INT_RANGES:
      lo, hi = INT_RANGES[t]
      x = rng.choice([lo, hi, 0, rng.randint(lo, hi)]); return x, str(x)
    if t == 'f32':
      b = rng.choice([rng.getrandbits(32), 0x7fc00001, 0x3fc00000, 0x80000000]); f = f32_of_bits(b)
      return f, 'f:%016x' % struct.unpack('<Q', struct.pack('<d', f))[0]
    if t == 'f64':
      b = rng.choice([rng.getrandbits(64), 0x7ff8000000000001, 0x3ff0000000000000]); f = f64_of_bits(b)
      return f, 'f:%016x' % b
    if t == 'char':
      c = rng.choice([rng.randint(0, 0xd7ff), rng.randint(0xe000, 0x10ffff), 0x41]); return chr(c), c
    if t == 'string':
      s = mk_string(gen_text()); return s, list(s)
  if 'list' in t:
    n = t['len'] if 'len' in t else rng.choice([0,1,2,3,7])
    pairs = [gen_value(t['list']) for _ in range(n)]
    return [p for p,_ in pairs], [j for _,j in pairs]
  if 'record' in t:
    d, j = {}, []
    for l,u in t['record']:
      p, q = gen_value(u); d[l] = p; j.append(q)
    return d, j
  if 'tuple' in t:
    d, j = {}, []
    for i,u in enumerate(t['tuple']):
      p, q = gen_value(u); d[str(i)] = p; j.append(q)
    return d, j
  if 'variant' in t:
    cases = t['variant']; i = rng.randrange(len(cases)); l, u = cases[i]
    if u is None: return {l: None}, [l, None]
    p, q = gen_value(u); return {l: p}, [l, q]
  if 'enum' in t:
    l = rng.choice(t['enum']); return {l: None}, [l, None]
  if 'option' in t:
    if rng.random() < 0.3: return {'none': None}, ['none', None]
    p, q = gen_value(t['option']); return {'some': p}, ['some', q]
  if 'result' in t:
    o, e = t['result']
    l, u = rng.choice([('ok', o), ('error', e)])
    if u is None: return {l: None}, [l, None]
    p, q = gen_value(u); return {l: p}, [l, q]
  if 'flags' in t:
    d = {l: rng.random() < 0.5 for l in t['flags']}
    return d, [l for l in t['flags'] if d[l]]
  if 'map' in t:
    n = rng.choice([0,1,2,3])
    vs, js = [], []
    for _ in range(n):
      k, kj = gen_value(t['map'][0]); v, vj = gen_value(t['map'][1])
      vs.append({'0': k, '1': v}); js.append([kj, vj])
    return vs, js
  raise Exception(t)

def ser(v, t):
  """The canonical result string of a value (the Swift side builds the same)."""
  if isinstance(t, str):
    if t == 'bool': return 'true' if v else 'false'
    if t in INT_RANGES: return str(v)
    if t in ('f32', 'f64'):
      if v != v: return 'nan'
      return 'f:%016x' % struct.unpack('<Q', struct.pack('<d', v))[0]
    if t == 'char': return 'c:%d' % ord(v)
    if t == 'string': return 's:%s:%s:%d' % (json.dumps(v[0]), v[1], v[2])
  if 'list' in t: return '[' + ','.join(ser(x, t['list']) for x in v) + ']'
  if 'record' in t: return '{' + ','.join('%s=%s' % (l, ser(v[l], u)) for l,u in t['record']) + '}'
  if 'tuple' in t: return '(' + ','.join(ser(v[str(i)], u) for i,u in enumerate(t['tuple'])) + ')'
  cases = None
  if 'variant' in t: cases = t['variant']
  if 'enum' in t: cases = [[l, None] for l in t['enum']]
  if 'option' in t: cases = [['none', None], ['some', t['option']]]
  if 'result' in t: cases = [['ok', t['result'][0]], ['error', t['result'][1]]]
  if cases is not None:
    [(l, x)] = v.items()
    [u] = [u for cl,u in cases if cl == l]
    return l if u is None else '%s(%s)' % (l, ser(x, u))
  if 'flags' in t: return '{' + ','.join(l for l in t['flags'] if v[l]) + '}'
  if 'map' in t: return '[' + ','.join('(%s,%s)' % (ser(e['0'], t['map'][0]), ser(e['1'], t['map'][1])) for e in v) + ']'
  raise Exception(t)

def ser_flat(vals, flat_types):
  out = []
  for v, ft in zip(vals, flat_types):
    if ft == 'i32' or ft == 'i64': out.append('%s:%d' % (ft, v))
    elif ft == 'f32': out.append('f32:%08x' % struct.unpack('<I', struct.pack('<f', v))[0])
    else: out.append('f64:%016x' % struct.unpack('<Q', struct.pack('<d', v))[0])
  return ' '.join(out)

class Heap:
  def __init__(self, n):
    self.memory = bytearray(n); self.last_alloc = 0
  def realloc(self, args):
    original_ptr, original_size, alignment, new_size = args
    if original_ptr != 0 and new_size < original_size:
      return [D.align_to(original_ptr, alignment)]
    ret = D.align_to(self.last_alloc, alignment)
    self.last_alloc = ret + new_size
    if self.last_alloc > len(self.memory): raise D.Trap()
    self.memory[ret : ret + original_size] = self.memory[original_ptr : original_ptr + original_size]
    return [ret]

def mk_cx(mem, enc, realloc=None):
  opts = D.CanonicalOptions()
  opts.memory = D.MemInst(mem, 'i32'); opts.string_encoding = enc; opts.realloc = realloc
  return D.LiftLowerContext(opts, D.ComponentInstance(D.Store()))

HEAP = 4096
def run_roundtrip(t, pv, enc):
  pt = to_py_type(t)
  heap = Heap(HEAP)
  cx = mk_cx(heap.memory, enc, heap.realloc)
  try:
    ptr = cx.allocate(D.alignment(pt, 'i32'), D.elem_size(pt, 'i32'))
    D.store(cx, pv, pt, ptr)
    stored = heap.memory[:heap.last_alloc].hex()
    loaded = ser(D.load(cx, ptr, pt), t)
  except D.Trap:
    stored, loaded = 'trap', 'trap'
  heap2 = Heap(HEAP)
  cx2 = mk_cx(heap2.memory, enc, heap2.realloc)
  try:
    flat = D.lower_flat(cx2, pv, pt)
    flat_s = ser_flat(flat, D.flatten_type(pt, cx2.opts))
    lifted = ser(D.lift_flat(cx2, D.CoreValueIter(flat), pt), t)
  except D.Trap:
    flat_s, lifted = 'trap', 'trap'
  return {'stored': stored, 'loaded': loaded, 'flat': flat_s, 'lifted': lifted}

def run_load(t, mem_bytes, enc):
  pt = to_py_type(t)
  cx = mk_cx(bytearray(mem_bytes), enc)
  try:
    return {'loaded': ser(D.load(cx, 0, pt), t)}
  except D.Trap:
    return {'loaded': 'trap'}

def gen_flat(ft, memlen):
  if ft == 'i32': return rng.choice([0, 1, 2, 3, 4, 8, rng.randrange(memlen), rng.getrandbits(32), 0x80000003, 0xd800, 0x10ffff])
  if ft == 'i64': return rng.choice([0, 1, rng.getrandbits(64)])
  if ft == 'f32': return f32_of_bits(rng.getrandbits(32))
  return f64_of_bits(rng.getrandbits(64))

def run_lift(t, flat, mem_bytes, enc):
  pt = to_py_type(t)
  cx = mk_cx(bytearray(mem_bytes), enc)
  try:
    return {'lifted': ser(D.lift_flat(cx, D.CoreValueIter(flat), pt), t)}
  except D.Trap:
    return {'lifted': 'trap'}

def flat_json(vals, fts):
  return [[ft, ('%d' % v) if ft in ('i32','i64') else ('%08x' % struct.unpack('<I', struct.pack('<f', v))[0] if ft == 'f32'
           else '%016x' % struct.unpack('<Q', struct.pack('<d', v))[0])] for v, ft in zip(vals, fts)]

def main():
  cases = []
  kinds = {'roundtrip': 0, 'load': 0, 'lift': 0}
  for i in range(N):
    t = gen_type()
    enc = rng.choice(ENCODINGS)
    pt = to_py_type(t)
    k = rng.choices(['roundtrip', 'load', 'lift'], [6, 2, 2])[0]
    kinds[k] += 1
    if k == 'roundtrip':
      pv, jv = gen_value(t)
      cases.append({'kind': k, 'type': t, 'value': jv, 'encoding': enc, 'expect': run_roundtrip(t, pv, enc)})
    elif k == 'load':
      size = D.elem_size(pt, 'i32')
      mem = bytes(rng.choice([0, 1, 2, 0x41, 0xff, rng.getrandbits(8)]) for _ in range(size + 64))
      cases.append({'kind': k, 'type': t, 'memory': mem.hex(), 'encoding': enc, 'expect': run_load(t, mem, enc)})
    else:
      cxo = mk_cx(bytearray(), enc).opts
      fts = D.flatten_type(pt, cxo)
      mem = bytes(rng.getrandbits(8) for _ in range(96))
      flat = [gen_flat(ft, len(mem)) for ft in fts]
      cases.append({'kind': k, 'type': t, 'flat': flat_json(flat, fts), 'memory': mem.hex(), 'encoding': enc,
                    'expect': run_lift(t, flat, mem, enc)})
  with open(OUT, 'w') as f:
    json.dump({'seed': SEED, 'cases': cases}, f)
  traps = sum(1 for c in cases if 'trap' in c['expect'].values())
  print('%d cases (%s), %d with traps -> %s' % (len(cases), ', '.join('%s %d' % kv for kv in kinds.items()), traps, OUT))

main()
