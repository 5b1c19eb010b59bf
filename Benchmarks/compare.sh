#!/usr/bin/env bash
# Core interpreter benchmark: cmref against WasmKit 0.4.2, release builds, same .wasm files, one run.
#   bash Benchmarks/compare.sh [REPEAT]
set -euo pipefail
cd "$(dirname "$0")/.."
repeat=${1:-3}
swift build -c release --product cmref >/dev/null
swift build -c release --package-path Benchmarks/WasmKitRunner >/dev/null
wasm=$(mktemp -d)
ours=$(.build/release/cmref bench --programs Benchmarks/programs --repeat "$repeat" --emit-wasm "$wasm" --plain)
theirs=$(Benchmarks/WasmKitRunner/.build/release/wasmkit-bench "$wasm" Benchmarks/programs/workloads.txt "$repeat")
rm -rf "$wasm"
python3 - "$ours" "$theirs" <<'PY'
import math, sys
ours = {l.split()[0]: l.split()[1:] for l in sys.argv[1].splitlines() if l.strip()}
theirs = {l.split()[0]: l.split()[1:] for l in sys.argv[2].splitlines() if l.strip()}
print(f"{'workload':<15}{'cmref (s)':>10}{'WasmKit (s)':>13}{'ratio':>8}  result")
ratios = []
for name, (t, r) in ours.items():
    tt, rr = theirs[name]
    ratio = float(t) / float(tt); ratios.append(ratio)
    print(f"{name:<15}{float(t):>10.4f}{float(tt):>13.4f}{ratio:>7.2f}x  {r if r == rr else 'MISMATCH ' + r + ' vs ' + rr}")
print(f"geometric mean (cmref / WasmKit): {math.exp(sum(map(math.log, ratios)) / len(ratios)):.2f}x")
PY
