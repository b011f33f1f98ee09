#!/usr/bin/env bash
# Creates the kind cluster of the end-to-end suite (cluster.yaml: 1 control plane, 3 workers), builds the Berth image
# as an archive with Jib (scripts/build-image.sh), loads it with `kind load image-archive`, applies deploy/ and waits
# for the Deployment.
# Usage: test-clusters/kind/create-cluster.sh [NAME [KUBECONFIG [ARCHIVE]]]
#   NAME        kind cluster name (default berth-e2e)
#   KUBECONFIG  where to write the cluster's kubeconfig (default test-clusters/target/kind-NAME.kubeconfig)
#   ARCHIVE     an image archive built already (the Maven build's -Pimage writes scheduler-app/target/berth-image.tar);
#               without it the image is built here into test-clusters/target/berth-image.tar
# Needs kind and kubectl, and the Docker engine kind runs on. Delete the cluster with delete-cluster.sh NAME.
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
name="${1:-berth-e2e}"
kubeconfig="${2:-$root/test-clusters/target/kind-$name.kubeconfig}"
mkdir -p "$root/test-clusters/target" "$(dirname "$kubeconfig")"
archive="${3:-}"
if [ -z "$archive" ]; then
  archive="$root/test-clusters/target/berth-image.tar"
  "$root/scripts/build-image.sh" --archive "$archive"
elif [ ! -f "$archive" ]; then
  echo "create-cluster: image archive $archive does not exist (build it with ./mvnw -Pimage package or scripts/build-image.sh)" >&2
  exit 2
fi
kind create cluster --name "$name" --config "$root/test-clusters/kind/cluster.yaml" --kubeconfig "$kubeconfig" --wait 180s
kind load image-archive "$archive" --name "$name"
"$root/test-clusters/kind/deploy-berth.sh" "$kubeconfig"
echo "create-cluster: kind cluster $name is up with Berth; kubectl --kubeconfig $kubeconfig get pods -A"
