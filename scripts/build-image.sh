#!/usr/bin/env bash
# Builds the berth:dev image (deploy/Dockerfile) and, with --kind [CLUSTER], loads it into a kind cluster.
# Needs a Docker engine; without one it says so and exits 1.
set -euo pipefail
cd "$(dirname "$0")/.."
tag="${BERTH_IMAGE:-berth:dev}"
if ! docker info >/dev/null 2>&1; then
  echo "build-image: no Docker engine answers here (docker info failed); the image needs one to build" >&2
  exit 1
fi
./mvnw -q -B -DskipTests package -pl scheduler-app -am
docker build -f deploy/Dockerfile -t "$tag" .
if [ "${1:-}" = "--kind" ]; then
  cluster="${2:-berth}"
  archive="$(mktemp -d)/berth-image.tar"
  docker save "$tag" -o "$archive"
  kind load image-archive "$archive" --name "$cluster"
fi
