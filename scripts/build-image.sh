#!/usr/bin/env bash
# Builds the Berth container image with Jib (Maven profile `image` of scheduler-app): no Docker engine needed. It writes
# a docker-loadable archive, by default scheduler-app/target/berth-image.tar, the file `kind load image-archive` and
# `docker load` take.
# Usage: scripts/build-image.sh [--archive FILE] [--from IMAGE] [--kind [CLUSTER]] [--docker]
#   --archive FILE   write the archive to FILE instead
#   --from IMAGE     base image (default eclipse-temurin:17-jre from Docker Hub); tar:///path/base.tar takes a base
#                    image saved on disk (docker save's format), scratch builds without one (no java in it: a smoke test)
#   --kind [CLUSTER] load the archive into the kind cluster CLUSTER (default berth)
#   --docker         also load the archive into the local Docker engine (docker load); only this option needs one
# The image name is berth:dev, or BERTH_IMAGE. Exit 2 on a wrong argument, 1 when a step fails.
set -euo pipefail
cd "$(dirname "$0")/.."
tag="${BERTH_IMAGE:-berth:dev}"
archive="scheduler-app/target/berth-image.tar"
base=""
kind_cluster=""
docker_load=false
usage_error() {
  echo "build-image: $1 (see the usage at the top of $0)" >&2
  exit 2
}
while [ $# -gt 0 ]; do
  case "$1" in
    --archive) [ -n "${2:-}" ] || usage_error "--archive needs a FILE"; archive="$2"; shift 2 ;;
    --from) [ -n "${2:-}" ] || usage_error "--from needs an IMAGE"; base="$2"; shift 2 ;;
    --kind) if [ -n "${2:-}" ] && [ "${2#--}" = "$2" ]; then kind_cluster="$2"; shift 2; else kind_cluster=berth; shift; fi ;;
    --docker) docker_load=true; shift ;;
    *) usage_error "unknown argument $1" ;;
  esac
done
if $docker_load && ! docker info >/dev/null 2>&1; then
  echo "build-image: --docker, but no Docker engine answers here (docker info failed)" >&2
  exit 1
fi
archive="$(mkdir -p "$(dirname "$archive")" && cd "$(dirname "$archive")" && pwd)/$(basename "$archive")"
./mvnw -q -B -DskipTests -Pimage package -pl scheduler-app -am \
  "-Djib.to.image=$tag" "-Djib.outputPaths.tar=$archive" ${base:+"-Djib.from.image=$base"}
echo "build-image: $tag written to $archive"
if $docker_load; then
  docker load -i "$archive"
fi
if [ -n "$kind_cluster" ]; then
  kind load image-archive "$archive" --name "$kind_cluster"
fi
