#!/usr/bin/env bash
# Checks the charts with the real tools against a real API server on 127.0.0.1 (no kubelet: pods
# never start, so this is about what the API server accepts, not about running workloads):
#   - helm v4 lint --strict of every chart,
#   - every chart installed with helm against kube-apiserver v1.20 (server-side validation of
#     every object, CRDs included), with the API versions that server offers,
#   - the examples applied with kubectl, server-side, and an invalid route rejected by the CRD,
#   - upgrade and uninstall.
# Tools come from scripts/k8s/install-tools.sh (cached in ~/.cache/k8s-tools). Ports can be moved
# with API_PORT/ETCD_PORT/PEER_PORT so that it can run beside other local API servers.
# Prints "N passed, N failed" last; exits non-zero on any failure.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
TOOLS=${K8S_TOOLS_DIR:-$HOME/.cache/k8s-tools}; B="$TOOLS/bin"
if [ ! -x "$B/kube-apiserver" ] || [ ! -x "$B/helm" ] || [ ! -x "$B/kubectl" ]; then
  bash "$ROOT/scripts/k8s/install-tools.sh"
fi
export D="$ROOT/packaging/target/helm-e2e" API_PORT=${API_PORT:-16543} ETCD_PORT=${ETCD_PORT:-23890} PEER_PORT=${PEER_PORT:-23900}
bash "$ROOT/scripts/k8s/up.sh" >/dev/null
trap 'bash "$ROOT/scripts/k8s/down.sh"' EXIT
export KUBECONFIG="$D/kubeconfig" HELM_CACHE_HOME="$D/helm/cache" HELM_CONFIG_HOME="$D/helm/config" HELM_DATA_HOME="$D/helm/data"
K="$B/kubectl"; W="$D/work"; mkdir -p "$W"
# Helm 4 applies server-side by default; API servers before 1.25 reject the CRDs' CEL rules
# (x-kubernetes-validations) in a server-side apply, while a client-side create has them dropped.
MINOR=$("$K" version -o json | sed -n 's/.*"minor": *"\([0-9]*\).*/\1/p' | tail -1)
SERVER_SIDE=true; [ "${MINOR:-99}" -lt 25 ] && SERVER_SIDE=false
echo "API server minor version ${MINOR}: helm --server-side=$SERVER_SIDE"
helm() { "$B/helm" "$@"; }
H=helm
passed=0; failed=0
check() { # check "description" command...
  local what=$1; shift
  if "$@" >"$W/last.log" 2>&1; then passed=$((passed + 1)); echo "ok   $what"
  else failed=$((failed + 1)); echo "FAIL $what"; sed 's/^/     /' "$W/last.log" | tail -20; fi
}
expect_fail() { # expect_fail "description" "expected message" command...
  local what=$1 message=$2; shift 2
  if "$@" >"$W/last.log" 2>&1; then failed=$((failed + 1)); echo "FAIL $what (succeeded)"
  elif grep -q -- "$message" "$W/last.log"; then passed=$((passed + 1)); echo "ok   $what"
  else failed=$((failed + 1)); echo "FAIL $what (wrong message)"; tail -5 "$W/last.log"; fi
}

# The AKS package as published: the bundle with the operator chart vendored as a directory.
check "bundle the AKS package (scripts/aks/bundle.sh)" bash "$ROOT/scripts/aks/bundle.sh" "$W/aks"
AKS="$W/aks/charts/socketx-aks"
SEED_VALUES="$ROOT/packaging/src/test/resources/seed/values.yaml"

for chart in "$ROOT/charts/socketx" "$ROOT/charts/socketx-operator" "$AKS"; do
  check "helm lint --strict $(basename "$chart")" "$H" lint --strict "$chart"
  check "NOTES of $(basename "$chart") tell how to test /api/socketx-echo" bash -c \
    "'$B/helm' install notes '$chart' -n notes --dry-run=client | sed -n '/^NOTES:/,\$p' | grep -q 'api/socketx-echo'"
done

# Operator chart: CRDs + operator, then our examples against the real schema.
check "helm install socketx-operator" "$H" install socketx-operator "$ROOT/charts/socketx-operator" \
  -n socketx-system --create-namespace --set replicaCount=2 --server-side=$SERVER_SIDE
check "CRDs established" "$K" wait --for=condition=Established --timeout=30s \
  crd/socketxproxies.socketx.io crd/socketxroutes.socketx.io
check "operator objects exist" "$K" -n socketx-system get deploy/socketx-operator sa/socketx-operator \
  clusterrole/socketx-operator clusterrolebinding/socketx-operator role/socketx-operator-leader-election pdb/socketx-operator
check "create namespace socketx-demo" "$K" create namespace socketx-demo
check "quickstart applies (server dry run)" "$K" apply -n socketx-demo --dry-run=server -f "$ROOT/examples/quickstart/proxy.yaml" -f "$ROOT/examples/quickstart/routes.yaml" -f "$ROOT/examples/quickstart/echo-upstream.yaml"
check "quickstart applies" "$K" apply -n socketx-demo -k "$ROOT/examples/quickstart"
check "quickstart objects exist" "$K" -n socketx-demo get socketxproxy/quickstart socketxroute/echo socketxroute/chat
check "multi-tenant applies" "$K" apply -f "$ROOT/examples/multi-tenant/namespaces.yaml" -f "$ROOT/examples/multi-tenant/shared-proxy.yaml" \
  -f "$ROOT/examples/multi-tenant/team-a-route.yaml" -f "$ROOT/examples/multi-tenant/team-b-routes.yaml" -f "$ROOT/examples/multi-tenant/team-c-route.yaml"
cat >"$W/bad-route.yaml" <<'YAML'
apiVersion: socketx.io/v1alpha1
kind: SocketXRoute
metadata: {name: bad, namespace: socketx-demo}
spec:
  proxyRef: {name: quickstart}
  hosts: ["api.example.com"]
  upstream: {url: "http://not-a-websocket"}
  allowedOrigins: ["*"]
YAML
expect_fail "invalid route rejected by the CRD schema" "spec.upstream.url" "$K" apply -f "$W/bad-route.yaml"
check "helm upgrade socketx-operator" "$H" upgrade socketx-operator "$ROOT/charts/socketx-operator" -n socketx-system --set replicaCount=1 --server-side=$SERVER_SIDE
check "single replica: no PDB after upgrade" bash -c "! '$K' -n socketx-system get pdb/socketx-operator"

# Standalone proxy chart across value sets (the server picks policy/v1beta1 on v1.20).
check "create namespace socketx" "$K" create namespace socketx
for type in ClusterIP LoadBalancer NodePort; do
  check "helm install socketx service.type=$type" "$H" upgrade --install "sx-$(echo "$type" | tr A-Z a-z)" "$ROOT/charts/socketx" \
    -n socketx --server-side=$SERVER_SIDE --set service.type=$type --set replicaCount=2 --set billingPlanId=payg --set-file domainMap=<(printf '%s' '{"*": {"upstream": "ws://echo:8080", "allowedOrigins": ["*"]}, "a.example.com": {"upstream": "wss://a:9443/x", "allowedOrigins": ["https://a.example.com"]}}')
done
check "proxy chart objects exist" "$K" -n socketx get deploy/sx-clusterip-socketx svc/sx-nodeport-socketx cm/sx-clusterip-socketx-domain-map pdb/sx-clusterip-socketx role/sx-clusterip-socketx-billing
expect_fail "invalid domain map fails at install" 'entry "x.example.com": "allowedOrigins" is missing' \
  "$H" install sx-bad "$ROOT/charts/socketx" -n socketx --set-file domainMap=<(printf '%s' '{"x.example.com": {"upstream": "ws://x"}}')
check "helm uninstall socketx releases" "$H" uninstall -n socketx sx-clusterip sx-loadbalancer sx-nodeport

# AKS extension chart with settings as the ARM template passes them (strings, map in base64).
MAP='{"*": {"upstream": "ws://echo.default.svc:8080", "allowedOrigins": ["*"]}, "api.example.com": {"upstream": "wss://api.internal/ws", "allowedOrigins": ["https://app.example.com"]}}'
# Beside the separately installed operator above, with no name overrides: nothing may clash.
check "helm install socketx-aks (portal settings)" "$H" install socketx-aks "$AKS" -n socketx-ext --create-namespace --server-side=$SERVER_SIDE \
  --set-string domainMapBase64="$(printf '%s' "$MAP" | base64 -w0)",replicaCount=3,logLevel=debug,service.type=LoadBalancer,service.port=8080
check "extension SocketXProxy and route exist" bash -c "'$K' -n socketx-ext get socketxproxy/socketx -o jsonpath='{.spec.replicas}' | grep -qx 3 && '$K' -n socketx-ext get socketxroutes -o name | grep -q api-example-com"
check "extension operator watches only its namespace" bash -c "'$K' -n socketx-ext get deploy/socketx-aks-socketx-operator -o jsonpath='{.spec.template.spec.containers[0].env[?(@.name==\"SOCKETX_WATCH_NAMESPACES\")].value}' | grep -qx socketx-ext"
check "separate operator's ClusterRole untouched" bash -c "'$K' get clusterrole/socketx-operator -o jsonpath='{.metadata.annotations.meta\\.helm\\.sh/release-name}' | grep -qx socketx-operator"
check "helm uninstall socketx-aks" "$H" uninstall -n socketx-ext socketx-aks
# The seed's (SocketX Server) values file, unchanged.
check "helm install socketx-aks -f seed values.yaml" "$H" install socketx-seed "$AKS" -n socketx-seed --create-namespace --server-side=$SERVER_SIDE -f "$SEED_VALUES"
check "seed install: ClusterIP service on 8080, billing none without a plan" bash -c "'$K' -n socketx-seed get socketxproxy/socketx -o jsonpath='{.spec.service.type}:{.spec.service.port}:{.spec.billing.strategy}' | grep -qx ClusterIP:8080:none"
check "helm uninstall socketx-seed" "$H" uninstall -n socketx-seed socketx-seed
check "helm uninstall socketx-operator" "$H" uninstall -n socketx-system socketx-operator

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
