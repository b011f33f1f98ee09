#!/usr/bin/env bash
# Applies deploy/ (RBAC, the scheduler ConfigMap, the berth-scheduler Deployment) to a cluster and waits until the
# Deployment is available. Usage: test-clusters/kind/deploy-berth.sh KUBECONFIG
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
kubeconfig="${1:?usage: deploy-berth.sh KUBECONFIG}"
kubectl --kubeconfig "$kubeconfig" apply -f "$root/deploy/"
kubectl --kubeconfig "$kubeconfig" -n kube-system rollout status deployment/berth-scheduler --timeout=300s
