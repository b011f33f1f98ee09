#!/usr/bin/env bash
# Runs `berth bench store` for 1- and 3-member clusters: the same etcd v3 KV workload against Berth's
# store and etcd 3.4 (apt-get install etcd-server), RUNS times, etcd first on even runs, and prints the
# medians table (throughput and p99 of both, and the ratio berth/etcd). Data dirs go to .berth-bench/ on
# the project's disk and are deleted after each cluster. Usage:
#   scripts/bench-store.sh [RUNS] [REQUESTS] [CLIENTS]      (defaults: 3 runs; the command's own for the others)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
runs="${1:-3}"
"$root/berth" --version >/dev/null   # builds the jar once, outside the measurements

"$root/berth" bench store --members 1,3 --runs "$runs" ${2:+--requests "$2"} ${3:+--clients "$3"} \
  --data-dir "$root/.berth-bench"
