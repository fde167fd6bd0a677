#!/usr/bin/env bash
# Builds the proxy and operator OCI images offline and reproducibly with Jib (jib:buildTar) on the
# local Debian JRE 17 base (scripts/images/base-image.sh), writes images/target/<name>.tar and
# images/target/<name>.digest, and records the digests in the AKS chart's global.azure.images and
# in docs/install.md. No Docker engine needed. Building again from the same sources and base gives
# the same digests. Usage: bash scripts/images/build.sh [--check]
#   --check  fail if the digests differ from the ones recorded (instead of writing them).
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd); cd "$ROOT"
MODE=${1:-write}
BASE=$(bash scripts/images/base-image.sh)
VERSION=$(sed -n 's:^  <version>\(.*\)-SNAPSHOT</version>:\1:p' pom.xml | head -1)
OUT="$ROOT/images/target"; mkdir -p "$OUT"
# Heap from the container's memory limit; temp files (Netty's native libraries) in /tmp, the
# emptyDir the charts mount under a read-only root filesystem.
JVM_FLAGS="-XX:MaxRAMPercentage=75,-XX:+ExitOnOutOfMemoryError,-Djava.io.tmpdir=/tmp,-Dsocketx.version=$VERSION"
build() { # build <module> <main class> <port>
  local module=$1 main=$2 port=$3 name="socketx-$1"
  # A fixed archive timestamp makes the reactor jars (crd, protocol, …) in the image byte-identical.
  mvn -B -q -pl "$module" -am package jib:buildTar -DskipTests -Djacoco.skip=true \
    -Dproject.build.outputTimestamp=2024-01-01T00:00:00Z \
    -Djib.disableUpdateChecks=true -Djib.containerize="io.socketx:$name" \
    -Djib.from.image="tar://$BASE" \
    -Djib.to.image="ghcr.io/socketx/$name:$VERSION" \
    -Djib.container.mainClass="$main" -Djib.container.jvmFlags="$JVM_FLAGS" \
    -Djib.container.user=10001:10001 -Djib.container.ports="$port" \
    -Djib.container.appRoot=/app -Djib.container.workingDirectory=/app \
    -Djib.container.labels="org.opencontainers.image.title=$name,org.opencontainers.image.version=$VERSION,org.opencontainers.image.licenses=Apache-2.0" \
    -Djib.outputPaths.tar="$OUT/$name.tar" -Djib.outputPaths.digest="$OUT/$name.digest" \
    -Djib.outputPaths.imageId="$OUT/$name.id" -Djib.outputPaths.imageJson="$OUT/$name.json"
  echo "$name $(cat "$OUT/$name.digest")"
}
build proxy io.socketx.proxy.Main 8080,9090
build operator io.socketx.operator.SocketXOperator 8081
bash scripts/images/record-digests.sh "$MODE" "$(cat "$OUT/socketx-proxy.digest")" "$(cat "$OUT/socketx-operator.digest")"
