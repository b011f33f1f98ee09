#!/usr/bin/env bash
# How long a follower takes to catch up after missing COUNT puts of 256-byte values (default 300,000, a state of
# about 75 MB, beyond the peer transport's 64 MiB frame): three `berth store` members on 127.0.0.1, the third
# stopped while the load runs, then restarted. Its log was compacted away meanwhile, so it must be sent the
# leader's snapshot. Prints the load's time, the seconds from the restart until the third member reports the
# leader's revision (or "no" after WAIT seconds), and etcdctl's hashes of the three members. Usage:
#   scripts/bench-catch-up.sh DATA_DIR [COUNT] [WAIT]      (defaults 300000 and 120; needs etcdctl)
# BERTH_JAR=path runs that jar instead of this checkout's, to compare two builds run by run.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
dir="${1:?usage: scripts/bench-catch-up.sh DATA_DIR [COUNT] [WAIT]}"
count="${2:-300000}"
wait_seconds="${3:-120}"
if [ -z "${BERTH_JAR:-}" ]; then
  "$root/berth" --version >/dev/null   # builds the jar once, outside the measurement
fi
jar="${BERTH_JAR:-$root/scheduler-app/target/berth.jar}"
rm -rf "$dir" && mkdir -p "$dir"

cluster="s1=http://127.0.0.1:32380,s2=http://127.0.0.1:32381,s3=http://127.0.0.1:32382"
pids=()
trap 'kill "${pids[@]}" 2>/dev/null || true; wait 2>/dev/null || true' EXIT
start() { # NAME INDEX
  "$root/berth" store --name "$1" --data-dir "$dir/$1" \
    --listen-client-urls "http://127.0.0.1:3237$2" --advertise-client-urls "http://127.0.0.1:3237$2" \
    --listen-peer-urls "http://127.0.0.1:3238$2" --initial-advertise-peer-urls "http://127.0.0.1:3238$2" \
    --initial-cluster "$cluster" --initial-cluster-state new >"$dir/$1.log" 2>&1 &
  pids[$2]=$!
}
revision() { # INDEX: the member's revision, or nothing while it does not answer
  { etcdctl --endpoints="127.0.0.1:3237$1" endpoint status -w json 2>/dev/null || true; } \
    | grep -o '"revision":[0-9]*' | head -1 | cut -d: -f2 || true
}

start s1 0; start s2 1; start s3 2
for _ in $(seq 60); do [ -n "$(revision 0)" ] && break; sleep 1; done
kill "${pids[2]}"; wait "${pids[2]}" 2>/dev/null || true
java -cp "$jar" "$root/scripts/CatchUpLoad.java" 127.0.0.1:32370,127.0.0.1:32371 "$count" 256

restarted=$(date +%s.%N)
start s3 2
caught=no
for _ in $(seq $((wait_seconds * 2))); do
  leader_revision=$(revision 0); own=$(revision 2)
  if [ -n "$own" ] && [ "$own" = "$leader_revision" ]; then caught=yes; break; fi
  sleep 0.5
done
echo "caught up: $caught after $(echo "$(date +%s.%N) - $restarted" | bc) s (s1 ${leader_revision:-?}, s3 ${own:-?})"
etcdctl --endpoints=127.0.0.1:32370,127.0.0.1:32371,127.0.0.1:32372 endpoint hashkv -w table
