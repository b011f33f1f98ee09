#!/usr/bin/env bash
# Builds the berth:dev image (deploy/Dockerfile) from scheduler-app/target/berth.jar.
# Usage: scripts/build-image.sh [--archive FILE] [--kind [CLUSTER]] [--no-jar-build]
#   --archive FILE   also write the image as an archive (docker save), as `kind load image-archive` takes it
#   --kind [CLUSTER] load the image into the kind cluster CLUSTER (default berth)
#   --no-jar-build   use the existing berth.jar instead of running `./mvnw package` first
# Needs a Docker engine; without one it says so and exits 1.
set -euo pipefail
cd "$(dirname "$0")/.."
tag="${BERTH_IMAGE:-berth:dev}"
archive=""
kind_cluster=""
build_jar=true
while [ $# -gt 0 ]; do
  case "$1" in
    --archive) archive="${2:?--archive needs a FILE}"; shift 2 ;;
    --kind) if [ -n "${2:-}" ] && [ "${2#--}" = "$2" ]; then kind_cluster="$2"; shift 2; else kind_cluster=berth; shift; fi ;;
    --no-jar-build) build_jar=false; shift ;;
    *) echo "build-image: unknown argument $1 (see the usage at the top of $0)" >&2; exit 2 ;;
  esac
done
if ! docker info >/dev/null 2>&1; then
  echo "build-image: no Docker engine answers here (docker info failed); the image needs one to build" >&2
  exit 1
fi
if $build_jar; then
  ./mvnw -q -B -DskipTests package -pl scheduler-app -am
elif [ ! -f scheduler-app/target/berth.jar ]; then
  echo "build-image: --no-jar-build, but scheduler-app/target/berth.jar does not exist" >&2
  exit 2
fi
docker build -f deploy/Dockerfile -t "$tag" .
if [ -n "$archive" ] || [ -n "$kind_cluster" ]; then
  archive="${archive:-$(mktemp -d)/berth-image.tar}"
  docker save "$tag" -o "$archive"
  echo "build-image: $tag saved to $archive"
fi
if [ -n "$kind_cluster" ]; then
  kind load image-archive "$archive" --name "$kind_cluster"
fi
