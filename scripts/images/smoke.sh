#!/usr/bin/env bash
# Smoke test of the images built by scripts/images/build.sh, without a container engine: unpacks
# each image's layers into a root filesystem, then runs the image's entrypoint as its user (10001)
# with chroot inside a private mount namespace (unshare), the root filesystem read-only and a tmpfs
# on /tmp as in the charts. The proxy must answer /readyz on 127.0.0.1; the operator must print its
# version. Needs root (or CAP_SYS_ADMIN + CAP_SYS_CHROOT), jq, curl. IMAGES=<dir> picks other tarballs.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
IMAGES=${IMAGES:-$ROOT/images/target}
W=$(mktemp -d); trap 'rm -rf "$W"' EXIT
unpack() { # unpack <image tar> <dir>: layers in order (Jib writes no whiteouts)
  local tar=$1 dir=$2; mkdir -p "$dir/img" "$dir/rootfs"
  tar -xf "$tar" -C "$dir/img"
  for layer in $(jq -r '.[0].Layers[]' "$dir/img/manifest.json"); do
    tar -xzf "$dir/img/$layer" -C "$dir/rootfs" 2>/dev/null || tar -xf "$dir/img/$layer" -C "$dir/rootfs"
  done
  jq '.config' "$dir/img/$(jq -r '.[0].Config' "$dir/img/manifest.json")" > "$dir/config.json"
}
run() { # run <dir> <extra env...> -- <args...>: the entrypoint as the image's user, read-only root
  # (exec: the caller's $! is unshare itself, so it can stop unshare's child, the entrypoint)
  local dir=$1; shift; local env=() args=()
  while [ "$1" != -- ]; do env+=("$1"); shift; done; shift; args=("$@")
  mapfile -t image_env < <(jq -r '.Env[]' "$dir/config.json")
  mapfile -t entry < <(jq -r '.Entrypoint[]' "$dir/config.json")
  local user workdir; user=$(jq -r '.User' "$dir/config.json"); workdir=$(jq -r '.WorkingDir // "/"' "$dir/config.json")
  local r="$dir/rootfs"
  exec unshare --mount --fork --kill-child=SIGTERM /bin/sh -c '
    set -e; r=$1; shift
    mount --bind "$r" "$r"; mount -o remount,bind,ro "$r"
    mount -t tmpfs -o mode=1777 tmpfs "$r/tmp"; mount -t proc proc "$r/proc"
    exec "$@"' sh "$r" chroot --userspec="$user" "$r" /usr/bin/env -i "${image_env[@]}" "${env[@]}" \
      /bin/sh -c 'cd "$0" && exec "$@"' "$workdir" "${entry[@]}" "${args[@]}"
}
passed=0
# Operator: prints its version.
unpack "$IMAGES/socketx-operator.tar" "$W/operator"
[ "$(jq -r .User "$W/operator/config.json")" = 10001:10001 ]
version=$(run "$W/operator" -- --version)
echo "operator: $version"
[[ $version =~ ^socketx-operator\ [0-9]+\.[0-9]+\.[0-9]+ ]] && passed=$((passed + 1))
# Proxy: serves /readyz on its admin port on 127.0.0.1.
unpack "$IMAGES/socketx-proxy.tar" "$W/proxy"
[ "$(jq -r .User "$W/proxy/config.json")" = 10001:10001 ]
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
port=$(free_port)
admin=$(free_port)
# an identity key made by the image's own code (keygen), placed where a Secret would be mounted
mkdir -p "$W/proxy/rootfs/etc/socketx/identity"
java -cp "$W/proxy/rootfs/app/classes:$W/proxy/rootfs/app/resources:$W/proxy/rootfs/app/libs/*" \
  io.socketx.proxy.Main keygen --out "$W/proxy/rootfs/etc/socketx/identity/identity.pem" >/dev/null
chmod 0444 "$W/proxy/rootfs/etc/socketx/identity/identity.pem"
run "$W/proxy" LISTEN_HOST=127.0.0.1 LISTEN_PORT="$port" ADMIN_HOST=127.0.0.1 ADMIN_PORT="$admin" HANDSHAKE_WARMUP=0 \
  IDENTITY_KEY_FILE=/etc/socketx/identity/identity.pem \
  'DOMAIN_MAP={"*": {"upstream": "ws://127.0.0.1:9", "allowedOrigins": ["*"]}}' -- > "$W/proxy.log" 2>&1 &
pid=$!
ready=""
for _ in $(seq 1 120); do   # up to 60 s: a busy machine starts the JVM slowly
  if ready=$(curl -fsS "http://127.0.0.1:$admin/readyz" 2>/dev/null); then break; fi
  kill -0 $pid 2>/dev/null || break
  sleep 0.5
done
# unshare --fork ignores SIGTERM while it waits: stop its child (the JVM), then unshare exits
pkill -TERM -P $pid 2>/dev/null || true; wait $pid 2>/dev/null || true
echo "proxy /readyz: ${ready:-no answer}"
if [[ $ready == *'"status":"ready"'* ]]; then passed=$((passed + 1)); else tail -20 "$W/proxy.log"; fi
echo "$passed of 2 image smoke tests passed"
[ $passed -eq 2 ]
