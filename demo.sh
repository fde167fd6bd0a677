#!/usr/bin/env bash
# Builds SocketX and runs the whole system locally, no cluster needed: an embedded Kubernetes API,
# the CRDs, the operator, a proxy watching the ConfigMap the operator writes, demo echo upstreams
# and the resources of examples/quickstart/. It prints, as lines to paste into another terminal,
# how to connect, how to change a route live and how to list the resources. Ctrl-C stops everything.
#   ./demo.sh                    embedded API (fabric8 mock server)
#   ./demo.sh --real-apiserver   a real kube-apiserver on 127.0.0.1 (after scripts/k8s/install-tools.sh)
#   ./demo.sh --port 9090        listen elsewhere than 8080
set -euo pipefail
cd "$(dirname "$0")"
if [ "${SKIP_BUILD:-0}" != 1 ]; then
  echo "==> Building (mvn -B -q -DskipTests package)"
  mvn -B -q -DskipTests package
fi
exec java -jar demo/target/socketx-demo.jar "$@"
