#!/usr/bin/env python3
"""Alter every recorded outcome of observation files, one at a time, to test that `cmref check` notices.

    alter-observations.py PATH... -o OUTDIR [--check CMREF]

PATH: observation files (`kind: observations`) or directories of them. For each step's outcome, this writes
a copy of its file with that one outcome changed (Docs/observations.md, "Catching a wrong runtime"):

- `value`:   a result becomes a different value of the same type (when the type has one to offer: a
             handle or `()` has none);
- `trap`:    a result becomes a trap;
- `no-trap`: a trap becomes a result (a value of the call's result type, `()` for none).

A step marked `differs:` (a known difference between the runtime and the spec) gets only the changed verdict:
its observed value already differs from the reference's, so another value would differ too.

The copies go to OUTDIR as NNNN-FILE.yaml, their `component:` path rewritten to reach the original component
(line numbers are unchanged), and OUTDIR/manifest.tsv lists them: copy, FILE:LINE of the altered outcome,
kind, old outcome, new outcome. A checker must fail every copy at that line.

Types come from the component, read with wasmtime-py (nothing is run). It does not use cmref, except that
with `--check CMREF` it then runs `CMREF check --json` on the copies and requires every copy to fail at the
line of its alteration: it prints the counts (made, flagged there, flagged elsewhere only, not flagged) and
exits 1 unless every alteration was flagged at its line.
"""
from __future__ import annotations

import argparse
import glob
import json
import subprocess
import math
import os
import re
import sys
from typing import Any, List, Optional, Tuple

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import wasmtime  # noqa: E402
import wasmtime.component as C  # noqa: E402

import wavevalues as wave  # noqa: E402

TRAP_TEXT = "altered: a trap where the runtime returned"


class Nothing:
    """No value to offer (None is a value: wasmtime-py's `none`)."""


NOTHING = Nothing()


def has_handles(ty: Any) -> bool:
    """Whether a value of `ty` can hold a resource handle (whose WAVE is `@N`, fixed by position)."""
    if isinstance(ty, (C.OwnType, C.BorrowType)):
        return True
    if isinstance(ty, C.ListType):
        return has_handles(ty.element)
    if isinstance(ty, C.TupleType):
        return any(has_handles(t) for t in ty.elements)
    if isinstance(ty, C.RecordType):
        return any(has_handles(t) for _, t in ty.fields)
    if wave.is_variant_like(ty):
        return any(t is not None and has_handles(t) for _, t in wave.cases_of(ty))
    return False


def default(ty: Any) -> Any:
    """Some value of `ty` (for a trap turned into a result); NOTHING for types with handles."""
    if isinstance(ty, C.Bool):
        return False
    if isinstance(ty, tuple(wave.INT_RANGES)):
        return 0
    if isinstance(ty, (C.F32, C.F64)):
        return 0.0
    if isinstance(ty, C.Char):
        return "a"
    if isinstance(ty, C.String):
        return ""
    if isinstance(ty, C.ListType):
        return b"" if isinstance(ty.element, C.U8) else []
    if isinstance(ty, C.TupleType):
        vs = [default(t) for t in ty.elements]
        return NOTHING if any(v is NOTHING for v in vs) else tuple(vs)
    if isinstance(ty, C.RecordType):
        rec = C.Record()
        for n, t in ty.fields:
            v = default(t)
            if v is NOTHING:
                return NOTHING
            setattr(rec, n, v)
        return rec
    if wave.is_variant_like(ty):
        return some_case(ty)
    if isinstance(ty, C.EnumType):
        return ty.names[0]
    if isinstance(ty, C.FlagsType):
        return set()
    return NOTHING


def some_case(ty: Any, skip: Optional[str] = None) -> Any:
    """A value of the first case of a variant, option or result (other than `skip`) that has one."""
    for label, pt in wave.cases_of(ty):
        if label == skip:
            continue
        if pt is None:
            return wave.to_variant_like(ty, label, None)
        p = default(pt)
        if p is not NOTHING:
            return wave.to_variant_like(ty, label, p)
    return NOTHING


def alter(v: Any, ty: Any) -> Any:
    """A value of `ty` different from `v`, or NOTHING when there is none to offer."""
    if isinstance(ty, C.Bool):
        return not v
    for k, (lo, hi) in wave.INT_RANGES.items():
        if isinstance(ty, k):
            return v + 1 if v < hi else v - 1
    if isinstance(ty, (C.F32, C.F64)):
        if math.isnan(v):
            return 1.5
        if math.isinf(v):
            return -v
        return 1.0 if v == 0 else -v
    if isinstance(ty, C.Char):
        for c in ("a", "b"):
            if c != v:
                return c
    if isinstance(ty, C.String):
        return v + "!"
    if isinstance(ty, C.ListType):
        el = ty.element
        items = list(v)
        for i, x in enumerate(items):
            y = alter(x, el)
            if y is not NOTHING:
                items[i] = y
                return bytes(items) if isinstance(el, C.U8) else items
        if items:
            items = items[:-1]
        else:
            d = default(el)
            if d is NOTHING:
                return NOTHING
            items = [d]
        return bytes(items) if isinstance(el, C.U8) else items
    if isinstance(ty, C.TupleType):
        items = list(v)
        for i, (x, t) in enumerate(zip(items, ty.elements)):
            y = alter(x, t)
            if y is not NOTHING:
                items[i] = y
                return tuple(items)
        return NOTHING
    if isinstance(ty, C.RecordType):
        for n, t in ty.fields:
            y = alter(getattr(v, n), t)
            if y is not NOTHING:
                rec = C.Record()
                for m, _ in ty.fields:
                    setattr(rec, m, getattr(v, m))
                setattr(rec, n, y)
                return rec
        return NOTHING
    if wave.is_variant_like(ty):
        label, pt, payload = wave.variant_case(ty, v)
        if pt is not None:
            y = alter(payload, pt)
            if y is not NOTHING:
                return wave.to_variant_like(ty, label, y)
        return some_case(ty, skip=label)
    if isinstance(ty, C.EnumType):
        names = ty.names
        return names[(names.index(v) + 1) % len(names)] if len(names) > 1 else NOTHING
    if isinstance(ty, C.FlagsType):
        first = ty.names[0]
        return set(v) ^ {first}
    return NOTHING


def yaml_quote(s: str) -> str:
    if "'" in s and '"' not in s and "\\" not in s:
        return '"' + s + '"'
    return "'" + s.replace("'", "''") + "'"


def unquote(text: str) -> str:
    """The value of a YAML flow scalar as the recorder writes them: 'single' ('' is '), "double" (no escapes), plain."""
    t = text.strip()
    if len(t) >= 2 and t[0] == t[-1] == "'":
        return t[1:-1].replace("''", "'")
    if len(t) >= 2 and t[0] == t[-1] == '"':
        return t[1:-1]
    return t


class Line:
    """A `key: value` line of an observation file: its number (1-based), the offsets of the key and the value's end."""

    def __init__(self, number: int, start: int, end: int, key: str, value: str):
        self.number, self.start, self.end, self.key, self.value = number, start, end, key, value


class Observation:
    """An observation file as the recorder lays it out (Docs/observations.md): its component's export types, the
    `component:` line, and each step's action and outcome lines. Read line by line (no YAML library needed)."""

    STEP = re.compile(r"^  - (call|drop): (.*)$")
    OUTCOME = re.compile(r"^    (result|trap): (.*)$")
    DIFFERS = re.compile(r"^    differs: ")

    def __init__(self, path: str, engine: wasmtime.Engine):
        self.path = path
        self.text = open(path, encoding="utf-8").read()
        lines = self.text.split("\n")
        if "kind: observations" not in lines:
            raise ValueError("not an observation file")
        offset = 0
        self.component_line: Optional[Line] = None
        inline: List[str] = []
        in_inline = False
        self.steps: List[Tuple[str, str, Line]] = []  # (action key, action text, outcome line)
        self.differs: set = set()  # the outcome line numbers of steps marked `differs:`
        action: Optional[Tuple[str, str]] = None
        for n, line in enumerate(lines, 1):
            if in_inline:
                if line.startswith("  ") or line == "":
                    inline.append(line[2:])
                else:
                    in_inline = False
            if line.startswith("component: "):
                value = line[len("component: "):]
                if value.strip() == "|":
                    in_inline = True
                else:
                    self.component_line = Line(n, offset + len("component: "), offset + len(line), "component", unquote(value))
            m = self.STEP.match(line)
            if m:
                action = (m.group(1), unquote(m.group(2)))
            if self.DIFFERS.match(line) and self.steps:
                self.differs.add(self.steps[-1][2].number)
            m = self.OUTCOME.match(line)
            if m and action is not None:
                self.steps.append((action[0], action[1], Line(n, offset + 4, offset + len(line), m.group(1), unquote(m.group(2)))))
                action = None
            offset += len(line) + 1
        if self.component_line is not None:
            self.component_path: Optional[str] = os.path.normpath(os.path.join(os.path.dirname(path), self.component_line.value))
            data: Any = open(self.component_path, "rb").read()
            if not data.startswith(b"\0asm"):
                data = data.decode("utf-8")
        else:
            self.component_path = None
            data = "\n".join(inline).strip() + "\n"
        self.engine = engine
        self.component = C.Component(engine, data)

    def result_type(self, call: str) -> Tuple[bool, Any]:
        """(has a result, its type) of the function a `call:` names."""
        name = call.split("(", 1)[0].strip()
        items = self.component.type.exports(self.engine)
        parts = name.split("#")
        for p in parts[:-1]:
            items = items[p].ty.exports(self.engine)
        ft = items[parts[-1]].ty
        r = ft.result
        return r is not None, r


def alterations(obs: Observation) -> List[Tuple[Line, str, str, str]]:
    """(outcome line, kind, old text, new outcome `key: value`) for every alteration of the file."""
    out = []
    handles_seen = 0
    for action, text, line in obs.steps:
        old = f"{line.key}: {line.value}"
        has_result, rty = (False, None) if action == "drop" else obs.result_type(text)
        known = line.number in obs.differs  # a known difference: only a changed verdict can be judged
        if line.key == "result":
            if has_result and not has_handles(rty) and not known:
                v = wave.parse(line.value, rty)
                y = alter(v, rty)
                if y is not NOTHING:
                    out.append((line, "value", old, f"result: {yaml_quote(wave.show(y, rty))}"))
            out.append((line, "trap", old, f"trap: {yaml_quote(TRAP_TEXT)}"))
            handles_seen += len(re.findall(r"@\d+", line.value))
        else:
            if not has_result:
                new = "()"
            else:
                d = default(rty)
                new = wave.show(d, rty) if d is not NOTHING else f"@{handles_seen + 1}"
            out.append((line, "no-trap", old, f"result: {yaml_quote(new)}"))
    return out


def observation_files(paths: List[str]) -> List[str]:
    files = []
    for p in paths:
        if os.path.isdir(p):
            files += sorted(glob.glob(os.path.join(p, "**", "*.yaml"), recursive=True))
        else:
            files.append(p)
    return files


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("paths", nargs="+", help="observation files or directories")
    ap.add_argument("-o", "--outdir", required=True, help="where the altered copies and manifest.tsv go")
    ap.add_argument("--check", metavar="CMREF", help="run CMREF check on the copies; each must fail at its line")
    a = ap.parse_args()
    os.makedirs(a.outdir, exist_ok=True)
    engine = wasmtime.Engine()
    manifest = ["copy\tat\tkind\told\tnew"]
    counts = {"value": 0, "trap": 0, "no-trap": 0}
    n = 0
    for path in observation_files(a.paths):
        try:
            obs = Observation(path, engine)
        except ValueError:
            continue
        base, shift = obs.text, 0
        comp = obs.component_line
        if comp is not None and obs.component_path is not None:
            # point the copy's component: at the original component; the line stays one line
            absolute = yaml_quote(os.path.abspath(obs.component_path))
            base = base[:comp.start] + absolute + base[comp.end:]
            shift = len(absolute) - (comp.end - comp.start)
        for line, kind, old, new in alterations(obs):
            start, end = line.start, line.end
            if comp is not None and start > comp.start:
                start, end = start + shift, end + shift
            text = base[:start] + new + base[end:]
            n += 1
            copy = f"{n:04d}-{os.path.basename(path)}"
            with open(os.path.join(a.outdir, copy), "w", encoding="utf-8") as f:
                f.write(text)
            manifest.append("\t".join([copy, f"{path}:{line.number}", kind, old.replace("\t", " "), new.replace("\t", " ")]))
            counts[kind] += 1
    with open(os.path.join(a.outdir, "manifest.tsv"), "w", encoding="utf-8") as f:
        f.write("\n".join(manifest) + "\n")
    print(f"{n} alterations ({counts['value']} values, {counts['trap']} traps added, "
          f"{counts['no-trap']} traps removed) in {a.outdir}; manifest: {os.path.join(a.outdir, 'manifest.tsv')}")
    if a.check:
        sys.exit(check(a.check, a.outdir, [row.split("\t") for row in manifest[1:]]))


def failures_of(cmref: str, paths: List[str]) -> Tuple[int, List[dict], str]:
    r = subprocess.run([cmref, "check", "--json"] + paths, capture_output=True, text=True)
    try:
        return r.returncode, json.loads(r.stdout).get("failures", []), r.stderr
    except json.JSONDecodeError:
        return r.returncode, [], r.stderr


def check(cmref: str, outdir: str, rows: List[List[str]]) -> int:
    """Runs the checker on every copy; 0 when each failed at the line of its alteration."""
    copies = [os.path.join(outdir, row[0]) for row in rows]
    code, failures, err = failures_of(cmref, copies)
    lines: dict = {}
    if code == 2:  # a copy the checker rejects as malformed stops the batch: check one by one
        for c in copies:
            code1, fs, err1 = failures_of(cmref, [c])
            if code1 == 2:
                lines.setdefault(os.path.basename(c), set()).add(("malformed", err1.strip()))
            for f in fs:
                lines.setdefault(os.path.basename(f["file"]), set()).add(f["line"])
    else:
        for f in failures:
            lines.setdefault(os.path.basename(f["file"]), set()).add(f["line"])
    at_line = elsewhere = missed = 0
    for row in rows:
        copy, at = row[0], row[1]
        want = int(at.rsplit(":", 1)[1])
        got = lines.get(copy, set())
        if want in got:
            at_line += 1
        elif got:
            elsewhere += 1
            print(f"flagged elsewhere: {copy} ({at}, {row[2]}: {row[3]} -> {row[4]}): {sorted(map(str, got))}")
        else:
            missed += 1
            print(f"NOT flagged: {copy} ({at}, {row[2]}: {row[3]} -> {row[4]})")
    print(f"alterations: {len(rows)} made, {at_line} flagged at their line, {elsewhere} flagged elsewhere only, "
          f"{missed} not flagged")
    return 0 if at_line == len(rows) else 1


if __name__ == "__main__":
    main()
