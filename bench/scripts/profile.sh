#!/usr/bin/env bash
# Profiles the SocketX proxy under the load generator with JDK Flight Recorder and prints what
# dominates: hottest methods (self and inclusive), allocation by class, GC pauses.
#
#   bench/scripts/profile.sh                         # 1 KiB relay, 64 connections, 20 s
#   SCENARIO=handshakes bench/scripts/profile.sh     # the handshake path instead
#   TLS=1 bench/scripts/profile.sh                   # wss client leg
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/../.." && pwd)
BENCH_JAR=${BENCH_JAR:-$ROOT/bench/target/socketx-bench.jar}
PROXY_JAR=${PROXY_JAR:-$ROOT/proxy/target/socketx-proxy.jar}
OUT=${OUT:-$ROOT/bench/target/profile}
SCENARIO=${SCENARIO:-messages}
SIZE=${SIZE:-1024}
CONNECTIONS=${CONNECTIONS:-64}
DURATION=${DURATION:-20s}
SUITE=${SUITE:-768}
TLS=${TLS:-0}
PROXY_JAVA_OPTS=${PROXY_JAVA_OPTS:-}
UPSTREAM_PORT=9101 PROXY_PORT=8180
PIDS=()
trap 'for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true' EXIT

wait_port() {
  local deadline=$((SECONDS + 60))
  until (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; do
    [ $SECONDS -lt $deadline ] || { echo "nothing listens on 127.0.0.1:$1" >&2; return 1; }
    sleep 0.2
  done
}

mkdir -p "$OUT"
name="$SCENARIO-$SIZE-tls$TLS"
java -jar "$BENCH_JAR" upstream --port $UPSTREAM_PORT >"$OUT/upstream.log" 2>&1 &
PIDS+=($!)
wait_port $UPSTREAM_PORT

# a load generator is one source opening many connections at once: no admission limits; the
# upstream is on 127.0.0.1; the admin port (/readyz, /metrics) on loopback
env=(LISTEN_HOST=127.0.0.1 LISTEN_PORT=$PROXY_PORT LOG_LEVEL=warn MTE_KYBER_STRENGTH=0
  ADMIN_HOST=127.0.0.1 ADMIN_PORT=0 UPSTREAM_ALLOW=loopback
  MAX_CONNECTIONS=0 MAX_CONCURRENT_HANDSHAKES=0 MAX_CONCURRENT_HANDSHAKES_PER_SOURCE=0 HANDSHAKE_RATE=0 HANDSHAKE_RATE_PER_SOURCE=0
  DOMAIN_MAP="{\"*\":{\"upstream\":\"ws://127.0.0.1:$UPSTREAM_PORT\",\"allowedOrigins\":[\"*\"]}}")
# protocol v2: the proxy needs an identity key (the generator does not pin it: same proxy work)
java -jar "$PROXY_JAR" keygen --force --out "$OUT/identity.pem" >/dev/null 2>&1
env+=(IDENTITY_KEY_FILE="$OUT/identity.pem")
scheme=ws
if [ "$TLS" = 1 ]; then
  mkdir -p "$OUT/tls"
  openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -days 2 \
    -subj /CN=127.0.0.1 -addext subjectAltName=IP:127.0.0.1 \
    -keyout "$OUT/tls/key.pem" -out "$OUT/tls/cert.pem" 2>/dev/null
  env+=(TLS_CERT_FILE="$OUT/tls/cert.pem" TLS_KEY_FILE="$OUT/tls/key.pem")
  scheme=wss
fi
rm -f "$OUT/$name.jfr"
# shellcheck disable=SC2086
env "${env[@]}" java $PROXY_JAVA_OPTS \
  -XX:StartFlightRecording=filename="$OUT/$name.jfr",settings=profile,dumponexit=true \
  -jar "$PROXY_JAR" >"$OUT/proxy.log" 2>&1 &
proxy=$!
PIDS+=($proxy)
wait_port $PROXY_PORT

java -jar "$BENCH_JAR" load --mode socketx --url "$scheme://127.0.0.1:$PROXY_PORT/" \
  --scenario "$SCENARIO" --connections "$CONNECTIONS" --size "$SIZE" --suite "$SUITE" \
  --warmup 5s --duration "$DURATION" --watch-pids "$proxy" --json "$OUT/$name.json" |
  tee "$OUT/$name.txt"

# CPU per proxy thread over the whole run: event loops vs JIT compiler vs GC vs JFR
{
  echo "Proxy threads by CPU time (user+system, whole run incl. start-up):"
  for t in /proc/"$proxy"/task/*; do
    awk '{ s = $0; sub(/^[^)]*\) /, "", s); split(s, f, " ");
           n = $0; sub(/^[^(]*\(/, "", n); sub(/\).*$/, "", n);
           printf "%8.2f s  %s\n", (f[12] + f[13]) / 100, n }' "$t/stat"
  done | sort -rn | head -12
} | tee "$OUT/$name-threads.txt"

kill -TERM "$proxy"
wait "$proxy" 2>/dev/null || true
python3 "$(dirname "$0")/summarize.py" jfr "$OUT/$name.jfr" | tee "$OUT/$name-profile.txt"
