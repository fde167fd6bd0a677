#!/usr/bin/env bash
# Node (@socketx/client, the `ws` package) and Java (the client SDK, java.net.http) side by side: round
# trips/s for SIZE-byte binary messages through one proxy to the same echo upstream, closed loop
# with one message outstanding per connection, ROUNDS interleaved pairs (Java, then Node) in one
# run; prints every round and the medians. Needs the built jars (mvn -B -q -DskipTests package).
#
#   bench/scripts/js-vs-java.sh
#   ROUNDS=5 CONNECTIONS=64 SIZE=1024 bench/scripts/js-vs-java.sh
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/../.." && pwd)
BENCH_JAR=${BENCH_JAR:-$ROOT/bench/target/socketx-bench.jar}
PROXY_JAR=${PROXY_JAR:-$ROOT/proxy/target/socketx-proxy.jar}
OUT=${OUT:-$ROOT/bench/target/js-vs-java}
ROUNDS=${ROUNDS:-3}
SIZE=${SIZE:-1024}
CONNECTIONS=${CONNECTIONS:-16}
WARMUP=${WARMUP:-3}
DURATION=${DURATION:-10}
UPSTREAM_PORT=9301 PROXY_PORT=8380
PIDS=()
trap 'for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true' EXIT

mkdir -p "$OUT"
rm -f "$OUT/identity.pem"
PIN=$(java -jar "$PROXY_JAR" keygen --out "$OUT/identity.pem" 2>/dev/null)
java -jar "$BENCH_JAR" upstream --port $UPSTREAM_PORT >"$OUT/upstream.log" 2>&1 &
PIDS+=($!)
until (exec 3<>"/dev/tcp/127.0.0.1/$UPSTREAM_PORT") 2>/dev/null; do sleep 0.2; done
LISTEN_HOST=127.0.0.1 LISTEN_PORT=$PROXY_PORT LOG_LEVEL=warn IDENTITY_KEY_FILE="$OUT/identity.pem" \
  DOMAIN_MAP="{\"*\":{\"upstream\":\"ws://127.0.0.1:$UPSTREAM_PORT\",\"allowedOrigins\":[\"*\"]}}" \
  java -jar "$PROXY_JAR" >"$OUT/proxy.log" 2>&1 &
PIDS+=($!)
deadline=$((SECONDS + 120))
until curl -sf "http://127.0.0.1:$PROXY_PORT/readyz" >/dev/null 2>&1; do
  [ $SECONDS -lt $deadline ] || { echo "no ready proxy on 127.0.0.1:$PROXY_PORT" >&2; exit 1; }
  sleep 0.2
done

URL="ws://127.0.0.1:$PROXY_PORT/"
: >"$OUT/rounds.tsv"
for round in $(seq 1 "$ROUNDS"); do
  # the SDK, not socketx-bench load: the generator offers the v1 subprotocol (docs/benchmarks.md)
  java -cp "$ROOT/client/target/socketx-client.jar" "$ROOT/bench/scripts/JavaClientRoundTrips.java" \
    "$URL" "$PIN" "$CONNECTIONS" "$SIZE" "$WARMUP" "$DURATION" >"$OUT/java-r$round.json"
  jq -r --arg r "$round" '["java", $r, .roundTripsPerSecond] | @tsv' "$OUT/java-r$round.json" | tee -a "$OUT/rounds.tsv"
  node "$ROOT/clients/js/scripts/node-round-trips.mjs" --url "$URL" --pin "$PIN" --connections "$CONNECTIONS" \
    --size "$SIZE" --warmup "$WARMUP" --duration "$DURATION" >"$OUT/node-r$round.json"
  jq -r --arg r "$round" '["node", $r, .roundTripsPerSecond] | @tsv' "$OUT/node-r$round.json" | tee -a "$OUT/rounds.tsv"
done

python3 - "$OUT/rounds.tsv" "$CONNECTIONS" "$SIZE" <<'PY'
import statistics, sys
rows = [line.split("\t") for line in open(sys.argv[1]) if line.strip()]
for client in ("java", "node"):
    rates = [float(r[2]) for r in rows if r[0] == client]
    print(f"{client}: median {statistics.median(rates):,.0f} round trips/s of {sys.argv[3]} B"
          f" over {sys.argv[2]} connections ({len(rates)} rounds)")
PY
