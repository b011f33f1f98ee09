#!/usr/bin/env bash
# Creates the kind cluster of the end-to-end suite (cluster.yaml: 1 control plane, 3 workers), builds the Berth image
# as an archive, loads it with `kind load image-archive`, applies deploy/ and waits for the Deployment.
# Usage: test-clusters/kind/create-cluster.sh [NAME [KUBECONFIG [--no-jar-build]]]
#   NAME        kind cluster name (default berth-e2e)
#   KUBECONFIG  where to write the cluster's kubeconfig (default test-clusters/target/kind-NAME.kubeconfig)
#   --no-jar-build  use scheduler-app/target/berth.jar as it is (the Maven build made it already)
# Needs kind, kubectl and a Docker engine. Delete the cluster with delete-cluster.sh NAME.
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
name="${1:-berth-e2e}"
kubeconfig="${2:-$root/test-clusters/target/kind-$name.kubeconfig}"
mkdir -p "$root/test-clusters/target" "$(dirname "$kubeconfig")"
archive="$root/test-clusters/target/berth-image.tar"
"$root/scripts/build-image.sh" --archive "$archive" ${3:+"$3"}
kind create cluster --name "$name" --config "$root/test-clusters/kind/cluster.yaml" --kubeconfig "$kubeconfig" --wait 180s
kind load image-archive "$archive" --name "$name"
"$root/test-clusters/kind/deploy-berth.sh" "$kubeconfig"
echo "create-cluster: kind cluster $name is up with Berth; kubectl --kubeconfig $kubeconfig get pods -A"
