#!/usr/bin/env bash
# A/B comparison of two proxy jars on the 1 KiB relay: rounds of A then B, each a fresh proxy
# process with its own warm-up, the same echo upstream and load generator; prints each round and
# the medians of proxy CPU per round trip and of round trips per second. On two shared cores a
# single pair differs by up to 15 % with identical jars (A/A), so decide on 4+ rounds.
#
#   bench/scripts/ab.sh /tmp/proxy-before.jar proxy/target/socketx-proxy.jar
#   ROUNDS=6 TLS=1 bench/scripts/ab.sh A.jar B.jar      # wss client leg
#   SIZE=16384 CONNECTIONS=16 bench/scripts/ab.sh A.jar B.jar
#   A_ENV=CRYPTO_PROVIDER=jdk B_ENV=CRYPTO_PROVIDER=accp bench/scripts/ab.sh P.jar P.jar
#
# A_ENV / B_ENV: extra NAME=value settings (space-separated) for that side's proxy only.
set -euo pipefail

[ $# -eq 2 ] || { echo "usage: $0 A.jar B.jar" >&2; exit 2; }
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
BENCH_JAR=${BENCH_JAR:-$ROOT/bench/target/socketx-bench.jar}
OUT=${OUT:-$ROOT/bench/target/ab}
ROUNDS=${ROUNDS:-4}
SIZE=${SIZE:-1024}
CONNECTIONS=${CONNECTIONS:-64}
WARMUP=${WARMUP:-4s}
DURATION=${DURATION:-8s}
TLS=${TLS:-0}
UPSTREAM_PORT=9201 PROXY_PORT=8280 ADMIN_PORT=9280
PIDS=()
trap 'for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true' EXIT

wait_ready() { # admin port of this build, else the public port of older builds
  local deadline=$((SECONDS + 60))
  until curl -sf "http://127.0.0.1:$ADMIN_PORT/readyz" >/dev/null 2>&1 ||
    curl -sf "http://127.0.0.1:$1/readyz" >/dev/null 2>&1 ||
    curl -sfk "https://127.0.0.1:$1/readyz" >/dev/null 2>&1; do
    [ $SECONDS -lt $deadline ] || { echo "no ready proxy on 127.0.0.1:$1" >&2; return 1; }
    sleep 0.2
  done
}

mkdir -p "$OUT"
java -jar "$BENCH_JAR" upstream --port $UPSTREAM_PORT >"$OUT/upstream.log" 2>&1 &
PIDS+=($!)
until (exec 3<>"/dev/tcp/127.0.0.1/$UPSTREAM_PORT") 2>/dev/null; do sleep 0.2; done

# a load generator is one source opening many connections at once: no admission limits; the
# upstream is on 127.0.0.1; the admin port (/readyz, /metrics) on loopback
env=(LISTEN_HOST=127.0.0.1 LISTEN_PORT=$PROXY_PORT LOG_LEVEL=warn MTE_KYBER_STRENGTH=0
  ADMIN_HOST=127.0.0.1 ADMIN_PORT=$ADMIN_PORT UPSTREAM_ALLOW=loopback
  MAX_CONNECTIONS=0 MAX_CONCURRENT_HANDSHAKES=0 MAX_CONCURRENT_HANDSHAKES_PER_SOURCE=0 HANDSHAKE_RATE=0 HANDSHAKE_RATE_PER_SOURCE=0
  DOMAIN_MAP="{\"*\":{\"upstream\":\"ws://127.0.0.1:$UPSTREAM_PORT\",\"allowedOrigins\":[\"*\"]}}")
# protocol v2: the proxy needs an identity key (the generator does not pin it: same proxy work)
java -jar "$1" keygen --force --out "$OUT/identity.pem" >/dev/null 2>&1
env+=(IDENTITY_KEY_FILE="$OUT/identity.pem")
scheme=ws
if [ "$TLS" = 1 ]; then
  openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -days 2 \
    -subj /CN=127.0.0.1 -addext subjectAltName=IP:127.0.0.1 \
    -keyout "$OUT/key.pem" -out "$OUT/cert.pem" 2>/dev/null
  env+=(TLS_CERT_FILE="$OUT/cert.pem" TLS_KEY_FILE="$OUT/key.pem")
  scheme=wss
fi

: >"$OUT/rounds.tsv"
for round in $(seq 1 "$ROUNDS"); do
  for side in A B; do
    jar=$1 side_env=${A_ENV:-}
    [ "$side" = B ] && jar=$2 side_env=${B_ENV:-}
    # shellcheck disable=SC2086
    env "${env[@]}" $side_env java -jar "$jar" >"$OUT/proxy-$side.log" 2>&1 &
    proxy=$!
    PIDS+=($proxy)
    wait_ready $PROXY_PORT
    java -jar "$BENCH_JAR" load --mode socketx --url "$scheme://127.0.0.1:$PROXY_PORT/" \
      --connections "$CONNECTIONS" --size "$SIZE" --warmup "$WARMUP" --duration "$DURATION" \
      --watch-pids "$proxy" --json "$OUT/$side-r$round.json" >/dev/null
    kill "$proxy"
    wait "$proxy" 2>/dev/null || true
    jq -r --arg s "$side" --arg r "$round" \
      '[$s, $r, .messagesPerSecond, .watchedCpuMicrosPerMessage] | @tsv' \
      "$OUT/$side-r$round.json" | tee -a "$OUT/rounds.tsv"
  done
done

python3 - "$OUT/rounds.tsv" <<'EOF'
import statistics, sys
rows = [line.split("\t") for line in open(sys.argv[1]) if line.strip()]
for side in ("A", "B"):
    mine = [r for r in rows if r[0] == side]
    rate = statistics.median(float(r[2]) for r in mine)
    cpu = statistics.median(float(r[3]) for r in mine)
    print(f"{side}: median {rate:,.0f} round trips/s, {cpu:.1f} us proxy CPU per round trip"
          f" ({len(mine)} rounds)")
EOF
