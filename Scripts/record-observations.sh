#!/usr/bin/env bash
# Re-records every observation file of spec-tests/observations under wasmtime (wasmtime-py 50):
# each NAME.calls gives NAME.yaml, running the component its `component:` line names (default NAME.wat).
#
#   Scripts/record-observations.sh [NAME.calls...]     (from the package root; default: all of them)
#
# Needs the oracles: bash ../shared/tools/install-oracles.sh. PYTHON picks the interpreter (default: the
# first python3 on PATH that imports wasmtime).
set -euo pipefail
cd "$(dirname "$0")/.."
dir=spec-tests/observations

if [[ -z "${PYTHON:-}" ]]; then
  for p in python3 "$(command -v python3 2>/dev/null || true)" /usr/bin/python3; do
    if [[ -n "$p" ]] && "$p" -c 'import wasmtime.component' 2>/dev/null; then PYTHON=$p; break; fi
  done
fi
[[ -n "${PYTHON:-}" ]] || { echo "record-observations.sh: no python3 with wasmtime-py (bash ../shared/tools/install-oracles.sh)" >&2; exit 3; }

# an observation file without a NAME.calls (one whose component is inline, like example.yaml) is
# re-recorded from its own calls and component
if [[ $# -eq 0 ]]; then
  set -- "$dir"/*.calls
  for y in "$dir"/*.yaml; do [[ -e "${y%.yaml}.calls" ]] || set -- "$@" "$y"; done
fi
files=0
outs=()
for input in "$@"; do
  name=${input%.*}
  if [[ "$input" == *.yaml ]]; then
    "$PYTHON" Scripts/record-wasmtime.py "$input" -o "$input"
  else
    comp=$(sed -n 's/^component:[[:space:]]*//p' "$input" | head -n 1)
    comp=$(dirname "$input")/${comp:-$(basename "$name").wat}
    "$PYTHON" Scripts/record-wasmtime.py "$comp" "$input" -o "$name.yaml"
  fi
  outs+=("$name.yaml")
  files=$((files + 1))
done
steps=$(cat "${outs[@]}" | grep -c '^  - \(call\|drop\):' || true)
traps=$(cat "${outs[@]}" | grep -c '^    trap:' || true)
echo "recorded $files observation files, $steps calls ($traps traps) under wasmtime-py $("$PYTHON" -c 'import importlib.metadata as m; print(m.version("wasmtime"))')"
