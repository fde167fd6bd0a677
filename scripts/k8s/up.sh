#!/usr/bin/env bash
# Project copy of the team tool (shared/tools); kept here so users and CI need nothing outside the repo.
# Start etcd + kube-apiserver (+ kube-controller-manager for GC/namespace cleanup) on 127.0.0.1 only.
# Writes $D/kubeconfig (token auth, system:masters) and $D/*.pid. Usage: D=dir bash k8s-up.sh
set -euo pipefail
TOOLS=${K8S_TOOLS_DIR:-$HOME/.cache/k8s-tools}; B="$TOOLS/bin"
D=${D:-$PWD/target/k8s}; ETCD_PORT=${ETCD_PORT:-23790}; PEER_PORT=${PEER_PORT:-23800}; API_PORT=${API_PORT:-16443}
rm -rf "$D"; mkdir -p "$D/etcd" "$D/certs"
openssl genrsa -out "$D/certs/sa.key" 2048 2>/dev/null
openssl rsa -in "$D/certs/sa.key" -pubout -out "$D/certs/sa.pub" 2>/dev/null
TOKEN=$(od -An -N16 -tx1 /dev/urandom | tr -d ' \n'); echo "$TOKEN,admin,admin,system:masters" > "$D/tokens.csv"
start=$SECONDS
"$B/etcd" --name default --data-dir "$D/etcd" \
  --listen-client-urls http://127.0.0.1:$ETCD_PORT --advertise-client-urls http://127.0.0.1:$ETCD_PORT \
  --listen-peer-urls http://127.0.0.1:$PEER_PORT --initial-advertise-peer-urls http://127.0.0.1:$PEER_PORT \
  --initial-cluster default=http://127.0.0.1:$PEER_PORT >"$D/etcd.log" 2>&1 &
echo $! >"$D/etcd.pid"
# The apiserver command goes to a file so that apiserver.sh can restart it alone (e2e tests stop
# and restart the API server while the proxies keep serving).
cat >"$D/apiserver.sh" <<CMD
#!/usr/bin/env bash
"$B/kube-apiserver" --bind-address=127.0.0.1 --advertise-address=127.0.0.1 --secure-port=$API_PORT --insecure-port=0 \\
  --etcd-servers=http://127.0.0.1:$ETCD_PORT --cert-dir="$D/certs" --token-auth-file="$D/tokens.csv" \\
  --authorization-mode=RBAC --service-account-issuer=https://kubernetes.default.svc \\
  --service-account-key-file="$D/certs/sa.pub" --service-account-signing-key-file="$D/certs/sa.key" \\
  --service-cluster-ip-range=10.96.0.0/24 --disable-admission-plugins=ServiceAccount --allow-privileged=true \\
  >>"$D/apiserver.log" 2>&1 &
echo \$! >"$D/apiserver.pid"
CMD
bash "$D/apiserver.sh"
cat >"$D/kubeconfig" <<KC
apiVersion: v1
kind: Config
clusters: [{name: local, cluster: {server: "https://127.0.0.1:$API_PORT", insecure-skip-tls-verify: true}}]
users: [{name: admin, user: {token: "$TOKEN"}}]
contexts: [{name: local, context: {cluster: local, user: admin, namespace: default}}]
current-context: local
KC
for i in $(seq 1 1200); do
  "$B/kubectl" --kubeconfig "$D/kubeconfig" get ns default >/dev/null 2>&1 && break
  kill -0 "$(cat "$D/apiserver.pid")" 2>/dev/null || { tail -20 "$D/apiserver.log"; exit 1; }
  sleep 0.1
done
"$B/kubectl" --kubeconfig "$D/kubeconfig" get ns default >/dev/null
if [ -x "$B/kube-controller-manager" ] && [ "${K8S_CONTROLLERS:-1}" = 1 ]; then
  "$B/kube-controller-manager" --kubeconfig="$D/kubeconfig" --port=0 --secure-port=0 --leader-elect=false \
    --controllers=garbagecollector,namespace,serviceaccount-token,serviceaccount \
    --service-account-private-key-file="$D/certs/sa.key" --root-ca-file="$D/certs/apiserver.crt" \
    >"$D/controller-manager.log" 2>&1 &
  echo $! >"$D/controller-manager.pid"
fi
echo "k8s up in $((SECONDS-start))s: KUBECONFIG=$D/kubeconfig"
