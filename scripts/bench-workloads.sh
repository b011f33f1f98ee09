#!/usr/bin/env bash
# Runs every berth bench workload in one mode and prints one JSON line per workload (the --json line,
# plus the load average at its start); BENCH_RUNS=N measures N runs of each and reports the median one. Usage:
#   scripts/bench-workloads.sh full-stack 500 [TIMEOUT_SECONDS] [WORKLOAD...]
#   scripts/bench-workloads.sh in-process 5000 [TIMEOUT_SECONDS] [WORKLOAD...]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
mode="${1:?mode: full-stack or in-process}"
nodes="${2:?number of nodes}"
timeout="${3:-600}"
shift $(( $# < 3 ? $# : 3 ))
workloads=("$@")
if [ ${#workloads[@]} -eq 0 ]; then
  workloads=(SchedulingBasic SchedulingPodAntiAffinity SchedulingPodAffinity SchedulingNodeAffinity TopologySpreading
             PreferredTopologySpreading PreemptionBasic Unschedulable SchedulingWithMixedChurn Coscheduling)
fi
flags=()
if [ "$mode" = in-process ]; then flags+=(--in-process); fi
"$root/berth" --version >/dev/null   # builds the jar once, outside the measurements
for w in "${workloads[@]}"; do
  load="$(cut -d' ' -f1 /proc/loadavg)"
  if line="$("$root/berth" bench "${flags[@]}" --json --workload "$w" --nodes "$nodes" --timeout "$timeout" --runs "${BENCH_RUNS:-1}" | tail -n 1)"; then
    echo "{\"loadAverage\":$load,\"result\":$line}"
  else
    echo "{\"loadAverage\":$load,\"workload\":\"$w\",\"failed\":true}"
  fi
done
