#!/usr/bin/env bash
# Runs a command and prints the most OS threads its process had at once (sampled from
# /proc/PID/status every 20 ms; Linux only), after the command's own output.
#
#   Scripts/peak-threads.sh COMMAND ARGS...
set -uo pipefail
"$@" &
pid=$!
peak=0
while kill -0 "$pid" 2>/dev/null; do
  n=$(awk '/^Threads:/ {print $2}' "/proc/$pid/status" 2>/dev/null || echo 0)
  [[ -n "$n" && "$n" -gt "$peak" ]] && peak=$n
  sleep 0.02
done
wait "$pid"; rc=$?
echo "peak OS threads: $peak"
exit $rc
