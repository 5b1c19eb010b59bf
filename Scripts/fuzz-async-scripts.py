#!/usr/bin/env python3
"""A deterministic mutation campaign over the async component scripts (issue 7, bar 3).

    Scripts/fuzz-async-scripts.py [--cmref PATH] [--mutants N] [--seed S] [--timeout SECONDS]
                                  [--stack K] [--jobs J] [--keep DIR] [FILE_OR_DIR ...]

Default inputs: ../shared/testsuite/component-model/async/*.wast and spec-tests/async/*.wast.
For each file, N mutants (seeded: the same seed gives the same mutants) of these kinds:
  const      the operand of an `i32.const`/`i64.const` or a script value (`u32.const` ...): callback
             codes, handle indices, lengths, pointers, invoke arguments (most mutants: these leave
             the script valid, so they reach execution);
  number     any integer literal (indices, limits, ... too), replaced by an edge value (0, 1, 2, 3, 15, 16, 0x7fffffff,
             0x80000000, 0xffffffff, -1, n±1, n<<4, n|1, n|2, a random 32-bit value);
  drop       a top-level command removed;
  duplicate  a top-level command written twice;
  swap       two top-level commands exchanged (invokes and assertions most often);
  truncate   the script cut after a command, or in the middle of one;
each mutant applies 1 to K of them (`--stack K`, default 3).
Each mutant runs as `cmref wast MUTANT` (a release build is best: `swift build -c release`) under a
per-file time limit. A bug is: a signal (crash), the time limit (hang), or an output line that is
neither `MUTANT:LINE: ...` nor the summary (an unlocated error). Bugs are printed with the command
that reproduces them; `--keep DIR` keeps the mutants that found one. Exit status 1 when any bug.
"""
import argparse
import glob
import os
import random
import re
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor

EDGE = [0, 1, 2, 3, 15, 16, 0x7fffffff, 0x80000000, 0xffffffff, -1]


def top_level_spans(text):
    """The (start, end) offsets of the top-level s-expressions, skipping comments and strings."""
    spans, depth, i, start, n = [], 0, 0, None, len(text)
    while i < n:
        c = text[i]
        if c == ';' and text.startswith(';;', i):
            j = text.find('\n', i)
            i = n if j < 0 else j + 1
            continue
        if c == '(' and text.startswith('(;', i):
            level, i = 1, i + 2
            while i < n and level:
                if text.startswith('(;', i): level, i = level + 1, i + 2
                elif text.startswith(';)', i): level, i = level - 1, i + 2
                else: i += 1
            continue
        if c == '"':
            i += 1
            while i < n and text[i] != '"':
                i += 2 if text[i] == '\\' else 1
            i += 1
            continue
        if c == '(':
            if depth == 0: start = i
            depth += 1
        elif c == ')':
            depth -= 1
            if depth == 0 and start is not None:
                spans.append((start, i + 1))
                start = None
            if depth < 0: return spans
        i += 1
    return spans


CONST = re.compile(r'\b[iusf](?:8|16|32|64)\.const\s+$')
NUMBER = re.compile(r'(?<![\w$.\-])(-?(?:0x[0-9a-fA-F_]+|[0-9][0-9_]*))(?![\w.])')


def numbers(text):
    """The integer literals outside comments and strings, as (start, end, value)."""
    out, skip = [], []
    for m in re.finditer(r';;[^\n]*|\(;.*?;\)|"(?:[^"\\]|\\.)*"', text, re.S):
        skip.append((m.start(), m.end()))
    k = 0
    for m in NUMBER.finditer(text):
        while k < len(skip) and skip[k][1] <= m.start(): k += 1
        if k < len(skip) and skip[k][0] <= m.start() < skip[k][1]: continue
        try: v = int(m.group(1).replace('_', ''), 0)
        except ValueError: continue
        out.append((m.start(), m.end(), v))
    return out


def mutate(text, rng):
    """One mutant of `text` and a short description of the mutation."""
    spans = top_level_spans(text)
    kind = rng.choices(['const', 'number', 'drop', 'duplicate', 'swap', 'truncate'], [6, 2, 1, 1, 1, 1])[0]
    if kind in ('const', 'number') or len(spans) < 2:
        nums = numbers(text)
        if kind == 'const':
            nums = [n for n in nums if CONST.search(text, max(0, n[0] - 12), n[0])] or nums
        if not nums: return text, 'none'
        s, e, v = rng.choice(nums)
        new = rng.choice(EDGE + [v + 1, v - 1, v << 4, v | 1, v | 2, rng.getrandbits(32)])
        if v >= 0 and new < 0 and rng.random() < 0.5: new &= 0xffffffff
        lit = hex(new) if new > 0xffff and rng.random() < 0.5 else str(new)
        return text[:s] + lit + text[e:], f'{kind} @{s}: {text[s:e]} -> {lit}'
    if kind == 'drop':
        s, e = rng.choice(spans)
        return text[:s] + text[e:], f'drop @{s}'
    if kind == 'duplicate':
        s, e = rng.choice(spans)
        return text[:e] + '\n' + text[s:e] + text[e:], f'duplicate @{s}'
    if kind == 'swap':
        actions = [sp for sp in spans if not text.startswith('(component', sp[0])] or spans
        a = rng.choice(actions)
        b = rng.choice(spans)
        if a == b: return text, 'none'
        (s1, e1), (s2, e2) = sorted([a, b])
        return text[:s1] + text[s2:e2] + text[e1:s2] + text[s1:e1] + text[e2:], f'swap @{s1} @{s2}'
    s, e = rng.choice(spans)
    cut = e if rng.random() < 0.5 else rng.randrange(s, e)
    return text[:cut], f'truncate @{cut}'


def run_one(cmref, path, timeout):
    """Runs cmref on one mutant; returns None or the bug found."""
    t0 = time.monotonic()
    try:
        p = subprocess.run([cmref, 'wast', path], capture_output=True, timeout=timeout)
    except subprocess.TimeoutExpired:
        return f'hang (> {timeout} s)', timeout
    dt = time.monotonic() - t0
    if p.returncode < 0 or p.returncode > 1:
        return f'crash (status {p.returncode}): {p.stderr.decode(errors="replace")[-400:]}', dt
    located = False  # a message may go on over several lines (a validation message quoted with its newline)
    for line in (p.stdout + p.stderr).decode(errors='replace').splitlines():
        if line.startswith(path + ':') and re.match(r'\d+: ', line[len(path) + 1:]):
            located = True
            continue
        if re.fullmatch(r'\d+ passed, \d+ failed, \d+ skipped|\d+ expected failures?', line):
            located = False
            continue
        if located: continue
        return f'unlocated: {line[:300]}', dt
    return None, dt


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    root = os.path.dirname(here)
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument('--cmref', default=os.path.join(root, '.build/release/cmref'))
    ap.add_argument('--mutants', type=int, default=50)
    ap.add_argument('--seed', type=int, default=7)
    ap.add_argument('--timeout', type=float, default=30)
    ap.add_argument('--stack', type=int, default=3)
    ap.add_argument('--jobs', type=int, default=1)
    ap.add_argument('--keep')
    ap.add_argument('inputs', nargs='*')
    a = ap.parse_args()
    inputs = a.inputs or [os.path.join(root, '../shared/testsuite/component-model/async'), os.path.join(root, 'spec-tests/async')]
    files = []
    for i in inputs:
        files += sorted(glob.glob(os.path.join(i, '*.wast'))) if os.path.isdir(i) else [i]
    work = tempfile.mkdtemp(prefix='cmref-fuzz-')
    jobs = []
    for f in files:
        text = open(f, encoding='utf-8').read()
        rng = random.Random(f'{a.seed}:{os.path.basename(f)}')
        for k in range(a.mutants):
            mutant, whats = text, []
            for _ in range(rng.randint(1, a.stack)):
                mutant, what = mutate(mutant, rng)
                whats.append(what)
            what = '; '.join(whats)
            path = os.path.join(work, f'{os.path.basename(f)[:-5]}-{k}.wast')
            with open(path, 'w', encoding='utf-8') as out: out.write(mutant)
            jobs.append((f, k, what, path))
    print(f'{len(files)} files x {a.mutants} mutants = {len(jobs)} runs (seed {a.seed}, limit {a.timeout} s)', flush=True)
    bugs, slowest, t0 = [], (0, None), time.monotonic()
    with ThreadPoolExecutor(max_workers=a.jobs) as pool:
        for (f, k, what, path), (bug, dt) in zip(jobs, pool.map(lambda j: run_one(a.cmref, j[3], a.timeout), jobs)):
            if dt > slowest[0]: slowest = (dt, path)
            if bug:
                bugs.append((f, k, what, path, bug))
                print(f'BUG {os.path.basename(f)} #{k} ({what}): {bug}\n    {a.cmref} wast {path}', flush=True)
                if a.keep:
                    os.makedirs(a.keep, exist_ok=True)
                    with open(os.path.join(a.keep, os.path.basename(path)), 'w') as out: out.write(open(path).read())
            else:
                os.remove(path)
    print(f'{len(jobs)} runs in {time.monotonic() - t0:.1f} s, slowest {slowest[0]:.2f} s ({slowest[1]}), {len(bugs)} bugs')
    return 1 if bugs else 0


if __name__ == '__main__':
    sys.exit(main())
