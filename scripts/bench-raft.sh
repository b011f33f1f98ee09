#!/usr/bin/env bash
# Runs `berth bench raft` for 1 and 3 members RUNS times each, alternating, and prints per row the median
# of each figure, with the disk's raw fsync rate measured in the same runs (group commit is bounded by
# it). The WALs go to .berth-bench/ on the project's disk. Usage:
#   scripts/bench-raft.sh [RUNS] [PROPOSALS] [CLIENTS]      (defaults 5, 20000, 64)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
runs="${1:-5}"
proposals="${2:-20000}"
clients="${3:-64}"
"$root/berth" --version >/dev/null   # builds the jar once, outside the measurements

declare -A results
for _ in $(seq "$runs"); do
  for members in 1 3; do
    results[$members]+="$("$root/berth" bench raft --json --members "$members" --proposals "$proposals" --clients "$clients" \
      --data-dir "$root/.berth-bench" 2>/dev/null | tail -n 1)"$'\n'
  done
done
printf '%-7s %9s %7s | %12s %10s %10s | %12s %12s\n' members proposals clients "proposals/s" "p50 ms" "p99 ms" "disk fsync/s" "fsync p50 ms"
for members in 1 3; do
  printf '%s' "${results[$members]}" | python3 -c '
import json, statistics, sys
rs = [json.loads(l) for l in sys.stdin if l.strip()]
med = lambda f: statistics.median(f(r) for r in rs)
r = rs[0]
print("%-7d %9d %7d | %12.0f %10.2f %10.2f | %12.0f %12.2f" % (r["members"], r["proposals"], r["clients"],
      med(lambda r: r["proposalsPerSecond"]), med(lambda r: r["commitLatencyMs"]["p50"]),
      med(lambda r: r["commitLatencyMs"]["p99"]), med(lambda r: r["diskFsyncsPerSecond"]), med(lambda r: r["diskFsyncP50Ms"])))'
done
