#!/usr/bin/env bash
# Stops or starts only the kube-apiserver of a cluster made by up.sh (etcd keeps its data).
# Usage: D=dir bash apiserver.sh stop|start
set -euo pipefail
D=${D:-$PWD/target/k8s}
case "${1:-}" in
  stop)
    pid=$(cat "$D/apiserver.pid"); kill "$pid" 2>/dev/null || true
    for _ in $(seq 1 100); do kill -0 "$pid" 2>/dev/null || exit 0; sleep 0.1; done
    kill -9 "$pid" 2>/dev/null || true ;;
  start)
    bash "$D/apiserver.sh"
    B=${K8S_TOOLS_DIR:-$HOME/.cache/k8s-tools}/bin
    for _ in $(seq 1 600); do
      "$B/kubectl" --kubeconfig "$D/kubeconfig" get ns default >/dev/null 2>&1 && exit 0
      sleep 0.1
    done
    echo "apiserver did not come back" >&2; exit 1 ;;
  *) echo "usage: apiserver.sh stop|start" >&2; exit 2 ;;
esac
