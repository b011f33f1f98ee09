#!/usr/bin/env bash
# Deletes the kind cluster create-cluster.sh made. Usage: test-clusters/kind/delete-cluster.sh [NAME]
set -euo pipefail
kind delete cluster --name "${1:-berth-e2e}"
