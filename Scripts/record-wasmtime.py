#!/usr/bin/env python3
"""Record what wasmtime does with a component: run a list of calls and write an observation file.

    record-wasmtime.py COMPONENT CALLS [-o OUT.yaml]
    record-wasmtime.py OBSERVATION.yaml [-o OUT.yaml]

COMPONENT is a component in the text (.wat) or binary (.wasm) format. CALLS lists the calls, either as a
`.calls` text file or as an observation file (`kind: observations`, its `calls` section is replayed and its
outcomes ignored). With one argument, an observation file gives both: its calls and its component (a path,
or inline component text). The observation file (Docs/observations.md) goes to OUT (default: stdout); the
component is named by a path relative to OUT's directory, or written inline when it was inline.

A `.calls` file has one step per line:
    # a comment (ignored)
    component: raw-values.wat            the component (read by Scripts/record-observations.sh only)
    spec: CanonicalABI.md#strings        file-level: a spec section the file exercises (repeatable)
    note: free text                      before the first step: the file's note; after a step: that step's
    differs: SECTION: why                after a step: a known difference between the runtime and the spec
    echo("héllo", 3)                     a call: an export name, then WAVE arguments in parentheses
    api#get(@1)                          an export of the exported instance `api`; @1 = the first handle
    drop @1                              the host drops its handle @1 (runs the guest destructor, if any)

Runs on wasmtime-py 50 (`bash ../shared/tools/install-oracles.sh`). Does not use cmref in any way.
"""
from __future__ import annotations

import argparse
import importlib.metadata
import os
import re
import sys
from typing import Any, List, Optional, Tuple, Union

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import wasmtime  # noqa: E402
import wasmtime.component as C  # noqa: E402

import wavevalues as wave  # noqa: E402


class Step:
    """One line of the calls: a call (`name`, argument text) or a host drop of a handle."""

    def __init__(self, line: int, text: str):
        self.line = line
        self.text = text.strip()
        self.notes: List[str] = []
        self.differs: List[str] = []
        m = re.fullmatch(r"drop\s+@(\d+)", self.text)
        self.drop: Optional[int] = int(m.group(1)) if m else None
        if self.drop is None:
            if "(" not in self.text or not self.text.endswith(")"):
                raise SystemExit(f"line {line}: expected `name(args)` or `drop @N`, found: {self.text}")
            self.name, rest = self.text.split("(", 1)
            self.name = self.name.strip()
            self.args = "(" + rest


def is_inline(component: str) -> bool:
    """An observation file's `component:` is inline component text when it starts with `(`."""
    return component.lstrip().startswith("(")


def read_observation(path: str) -> dict:
    try:
        import yaml  # only for re-recording from an observation file
    except ImportError:
        raise SystemExit("record-wasmtime.py: reading an observation file needs PyYAML (python3 -m pip install pyyaml)")
    doc = yaml.safe_load(open(path, encoding="utf-8"))
    if not isinstance(doc, dict) or doc.get("kind") != "observations":
        raise SystemExit(f"{path}: not an observation file (kind: observations)")
    return doc


def read_calls(path: str) -> Tuple[List[Step], List[str], List[str]]:
    """The steps of a `.calls` file or of an observation file's calls section; and the spec and note lines."""
    steps: List[Step] = []
    specs: List[str] = []
    notes: List[str] = []
    if path.endswith((".yaml", ".yml")):
        doc = read_observation(path)
        spec = doc.get("spec") or []
        specs = [spec] if isinstance(spec, str) else list(spec)
        if doc.get("note"):
            notes = [str(doc["note"])]
        for n, c in enumerate(doc.get("calls") or [], 1):
            if "drop" in c:
                s = Step(n, f"drop {c['drop']}")
            else:
                s = Step(n, str(c["call"]))
            if c.get("note"):
                s.notes.append(str(c["note"]))
            if c.get("differs"):
                s.differs.append(str(c["differs"]))
            steps.append(s)
        return steps, specs, notes
    for n, raw in enumerate(open(path, encoding="utf-8"), 1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        if line.startswith("component:"):
            continue  # read by Scripts/record-observations.sh
        if line.startswith("spec:"):
            specs.append(line[5:].strip())
        elif line.startswith("note:"):
            (steps[-1].notes if steps else notes).append(line[5:].strip())
        elif line.startswith("differs:"):
            if not steps:
                raise SystemExit(f"{path}:{n}: differs: belongs to the step before it")
            steps[-1].differs.append(line[8:].strip())
        else:
            steps.append(Step(n, line))
    return steps, specs, notes


def trap_message(err: BaseException) -> str:
    """The cause wasmtime gives for a failed call, on one line (the wasm backtrace left out)."""
    text = str(err).strip()
    if "Caused by:" in text:
        cause = text.split("Caused by:", 1)[1]
        lines = [ln.strip() for ln in cause.splitlines() if ln.strip()]
        lines = [re.sub(r"^\d+:\s*", "", ln) for ln in lines]
        text = ": ".join(lines)
    else:
        text = " ".join(ln.strip() for ln in text.splitlines() if ln.strip() and not ln.startswith(" "))
    return re.sub(r"[\x00-\x1f\x7f]", " ", text)


def yaml_quote(s: str) -> str:
    """A YAML flow scalar for `s`: double quotes when that needs no escapes (WAVE chars are 'x'), else single."""
    if "'" in s and '"' not in s and "\\" not in s:
        return '"' + s + '"'
    return "'" + s.replace("'", "''") + "'"


class Recorder:
    def __init__(self, component: Union[str, bytes]):
        self.engine = wasmtime.Engine()
        self.component = C.Component(self.engine, component)
        self.store = wasmtime.Store(self.engine)
        self.instance = C.Linker(self.engine).instantiate(self.store, self.component)
        self.handles = wave.Handles()

    def func(self, name: str) -> Any:
        idx = None
        for part in name.split("#"):
            nxt = self.component.get_export_index(part, idx)
            if nxt is None:
                where = f" in {name.rsplit('#', 1)[0]}" if idx is not None else ""
                raise SystemExit(f"no export {part}{where}")
            idx = nxt
        f = self.instance.get_func(self.store, idx)
        if f is None:
            raise SystemExit(f"export {name} is not a function")
        return f

    def run(self, step: Step) -> Tuple[str, str]:
        """(`result` or `trap`, text) for one step."""
        if step.drop is not None:
            res = self.handles.take(step.drop, 0)
            try:
                res.drop(self.store)
            except wasmtime.WasmtimeError as e:
                return "trap", trap_message(e)
            return "result", "()"
        f = self.func(step.name)
        ft = f.type(self.store)
        r = wave.Reader(step.args, self.handles)
        r.expect("(")
        args = []
        for n, (_pname, pty) in enumerate(ft.params):
            if n:
                r.expect(",")
            args.append(r.value(pty))
        r.accept(",")
        r.expect(")")
        if not r.at_end():
            raise r.fail("unexpected text after the arguments")
        try:
            out = f(self.store, *args)
        except (wasmtime.WasmtimeError, wasmtime.Trap) as e:
            return "trap", trap_message(e)
        if ft.result is None:
            return "result", "()"
        return "result", wave.show(out, ft.result, self.handles)


def record(component: Optional[str], calls: str, out: Optional[str]) -> str:
    """The observation file for the calls of `calls` on `component` (a path; None: the observation's own)."""
    steps, specs, notes = read_calls(calls)
    base = os.path.dirname(os.path.abspath(out)) if out else os.getcwd()
    inline: Optional[str] = None
    if component is None:
        given = str(read_observation(calls).get("component", ""))
        if is_inline(given):
            inline = given
        else:
            component = os.path.join(os.path.dirname(os.path.abspath(calls)), given)
    if inline is not None:
        rec = Recorder(inline)
        comp_lines = ["component: |"] + ["  " + ln if ln else "" for ln in inline.rstrip("\n").split("\n")]
    else:
        assert component is not None
        data: Union[str, bytes] = open(component, "rb").read()
        if not data.startswith(b"\0asm"):
            data = data.decode("utf-8")
        rec = Recorder(data)
        comp_lines = [f"component: {yaml_quote(os.path.relpath(os.path.abspath(component), base))}"]
    version = importlib.metadata.version("wasmtime")
    lines = [
        "# Recorded by Scripts/record-wasmtime.py (re-record all: Scripts/record-observations.sh).",
        "kind: observations",
        "runtime:",
        "  name: wasmtime",
        f"  version: {yaml_quote(version + ' (wasmtime-py)')}",
    ] + comp_lines
    if specs:
        lines.append("spec:")
        lines += [f"  - {yaml_quote(s)}" for s in specs]
    if notes:
        lines.append(f"note: {yaml_quote(' '.join(notes))}")
    lines.append("calls:")
    for s in steps:
        try:
            key, text = rec.run(s)
        except wave.WaveError as e:
            raise SystemExit(f"{calls}:{s.line}: {s.text}: {e}")
        if s.drop is not None:
            lines.append(f"  - drop: '@{s.drop}'")
        else:
            lines.append(f"  - call: {yaml_quote(s.text)}")
        lines.append(f"    {key}: {yaml_quote(text)}")
        if s.notes:
            lines.append(f"    note: {yaml_quote(' '.join(s.notes))}")
        if s.differs:
            lines.append(f"    differs: {yaml_quote(' '.join(s.differs))}")
    return "\n".join(lines) + "\n"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("inputs", nargs="+", metavar="COMPONENT CALLS | OBSERVATION",
                    help="the component (.wat or .wasm) and a .calls file or observation .yaml whose calls are "
                         "replayed; or just an observation .yaml (its component and calls)")
    ap.add_argument("-o", "--output", help="the observation file to write (default: stdout)")
    a = ap.parse_args()
    if len(a.inputs) > 2:
        ap.error("expected COMPONENT CALLS, or OBSERVATION")
    component, calls = (None, a.inputs[0]) if len(a.inputs) == 1 else a.inputs
    text = record(component, calls, a.output)
    if a.output:
        with open(a.output, "w", encoding="utf-8") as f:
            f.write(text)
    else:
        sys.stdout.write(text)


if __name__ == "__main__":
    main()
