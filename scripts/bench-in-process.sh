#!/usr/bin/env bash
# Runs the in-process scheduler benchmarks RUNS times each and prints, per row, the median of each
# figure over the runs (the machine is shared and noisy: quote medians). Usage:
#   scripts/bench-in-process.sh [RUNS]        (default 3)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
runs="${1:-3}"
"$root/berth" --version >/dev/null   # builds the jar once, outside the measurements

rows=(
  "minimal SchedulingBasic 5000 10000"
  "default SchedulingBasic 5000 10000"
  "default SchedulingPodAntiAffinity 5000 4000"
  "default TopologySpreading 5000 10000"
)
printf '%-8s %-26s %6s %6s | %9s %9s %9s | %8s %8s\n' profile workload nodes pods "avg pod/s" "p50 pod/s" "p99 pod/s" "p50 ms" "p99 ms"
for row in "${rows[@]}"; do
  read -r profile workload nodes pods <<<"$row"
  results=()
  for _ in $(seq "$runs"); do
    results+=("$("$root/berth" bench --in-process --json --profile "$profile" --workload "$workload" --nodes "$nodes" --pods "$pods" | tail -n 1)")
  done
  printf '%s\n' "${results[@]}" | python3 -c '
import json, statistics, sys
rs = [json.loads(l) for l in sys.stdin if l.strip()]
med = lambda f: statistics.median(f(r) for r in rs)
r = rs[0]
print("%-8s %-26s %6d %6d | %9.1f %9.1f %9.1f | %8.2f %8.2f" % (r["profile"], r["workload"], r["nodes"], r["pods"],
      med(lambda r: r["schedulingThroughput"]["average"]), med(lambda r: r["schedulingThroughput"]["p50"]),
      med(lambda r: r["schedulingThroughput"]["p99"]), med(lambda r: r["attemptLatencyMs"]["p50"]),
      med(lambda r: r["attemptLatencyMs"]["p99"])))'
done
