#!/usr/bin/env bash
# Floods (issue 14): the proxy under each attack with its production default limits, beside a
# legitimate client. For each flood, and once without one as the control: a fresh proxy, the
# legitimate client (open-loop SocketX messages on established sessions, plus a trickle of new
# sessions), the flood over the same window, and the proxy's RSS (VmRSS, VmHWM) and CPU sampled
# every second from /proc. Writes raw JSON under $OUT and the table into docs/benchmarks.md
# between <!-- bench:floods:begin --> and <!-- bench:floods:end -->.
#
#   bench/scripts/floods.sh              # every flood, 30 s windows (~6 min)
#   bench/scripts/floods.sh --quick      # 8 s windows (~3 min)
#   FLOODS="none handshake-flood" bench/scripts/floods.sh --no-doc
#
# Needs bench/target/socketx-bench.jar and proxy/target/socketx-proxy.jar
# (mvn -B -pl proxy,bench -am package -DskipTests). Loopback only.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/../.." && pwd)
SCRIPTS=$ROOT/bench/scripts
BENCH_JAR=${BENCH_JAR:-$ROOT/bench/target/socketx-bench.jar}
PROXY_JAR=${PROXY_JAR:-$ROOT/proxy/target/socketx-proxy.jar}
OUT=${OUT:-$ROOT/bench/target/floods}
DOC=${DOC:-$ROOT/docs/benchmarks.md}
FLOODS=${FLOODS:-"none ping-flood ping-flood-session handshake-flood handshake-flood-wide upgrade-flood idle-flood"}
# the legitimate client connects and warms up for SETUP, the flood starts then and ramps up for
# RAMP; the window of every measurement is the DURATION after SETUP + RAMP
SETUP=${SETUP:-4}
RAMP=${RAMP:-2}
DURATION=${DURATION:-30}
LEGIT_RATE=${LEGIT_RATE:-2000}
LEGIT_CONNECTIONS=${LEGIT_CONNECTIONS:-32}
PROBE_RATE=${PROBE_RATE:-5}
FLOOD_THREADS=${FLOOD_THREADS:-1}
IDLE_SESSIONS=${IDLE_SESSIONS:-2000}
# 20 addresses with a burst of 40 each open 400 connections at once
PING_CONNECTIONS=${PING_CONNECTIONS:-400}
# the chart's memory limit (512Mi) times the image's -XX:MaxRAMPercentage=75
PROXY_JAVA_OPTS=${PROXY_JAVA_OPTS:-"-Xmx384m -XX:+ExitOnOutOfMemoryError"}
WRITE_DOC=1

for arg in "$@"; do
  case $arg in
    --quick) DURATION=8 SETUP=3 RAMP=1 ;;
    --no-doc) WRITE_DOC=0 ;;
    -h | --help) sed -n '2,15p' "$0"; exit 0 ;;
    *) echo "floods.sh: unknown argument $arg" >&2; exit 2 ;;
  esac
done

UPSTREAM_PORT=9011 PROXY_PORT=8088 ADMIN_PORT=9191
# Source addresses: the legitimate sessions, the new-session probe and the flood never share one,
# so the per-source limit (HANDSHAKE_RATE_PER_SOURCE 20/s, burst 40) meters the flood alone. The
# handshake flood from 4 addresses meets the per-source limit (at most 80 admitted a second); from
# 64 addresses the per-source buckets allow 1,280/s together, so the proxy-wide HANDSHAKE_RATE
# (100/s per processor, burst 2x) is what binds, and that bucket is shared with the legitimate new
# sessions. The upgrade flood (upgrades that never send a byte) meets the per-source handshake cap
# (MAX_CONCURRENT_HANDSHAKES_PER_SOURCE, 16) before the proxy's 256 slots.
LEGIT_SOURCE=127.0.0.2 PROBE_SOURCE=127.0.0.3 FLOOD_FIRST_SOURCE=127.0.0.10
PIDS=()

# shellcheck source=bench/scripts/common.sh
. "$SCRIPTS/common.sh"

cleanup() {
  for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done
  wait 2>/dev/null || true
}
trap cleanup EXIT

ensure_tools() {
  install_missing python3:python3 curl:curl
  for jar in "$BENCH_JAR" "$PROXY_JAR"; do
    [ -f "$jar" ] || { echo "missing $jar: run mvn -B -pl proxy,bench -am package -DskipTests" >&2; exit 1; }
  done
}

start_upstream() {
  java -jar "$BENCH_JAR" upstream --port $UPSTREAM_PORT --threads 1 >"$OUT/upstream.log" 2>&1 &
  PIDS+=($!)
  wait_port $UPSTREAM_PORT
}

start_proxy() { # name; sets PROXY_PID. Production limits: only what loopback testing needs is set
  local name=$1
  env LISTEN_HOST=127.0.0.1 LISTEN_PORT=$PROXY_PORT ADMIN_HOST=127.0.0.1 ADMIN_PORT=$ADMIN_PORT \
    UPSTREAM_ALLOW=loopback IDENTITY_KEY_FILE="$OUT/identity.pem" \
    DOMAIN_MAP="{\"*\":{\"upstream\":\"ws://127.0.0.1:$UPSTREAM_PORT\",\"allowedOrigins\":[\"*\"]}}" \
    java $PROXY_JAVA_OPTS -jar "$PROXY_JAR" >"$OUT/runs/$name.proxy.log" 2>&1 &
  PROXY_PID=$!
  PIDS+=("$PROXY_PID")
  wait_port $PROXY_PORT 60
}

sample_proc() { # pid file: one line a second: epoch seconds, CPU ticks, VmRSS kB, VmHWM kB
  local pid=$1 file=$2
  while [ -r "/proc/$pid/stat" ]; do
    local ticks rss hwm
    ticks=$(awk '{print $14 + $15}' "/proc/$pid/stat" 2>/dev/null) || break
    rss=$(awk '/^VmRSS/ {print $2}' "/proc/$pid/status" 2>/dev/null) || break
    hwm=$(awk '/^VmHWM/ {print $2}' "/proc/$pid/status" 2>/dev/null) || break
    echo "$EPOCHREALTIME $ticks $rss $hwm" >>"$file"
    sleep 1
  done
}

flood_options() { # flood name -> options of the load command
  local sources=(--first-source-address $FLOOD_FIRST_SOURCE --threads "$FLOOD_THREADS")
  case $1 in
    ping-flood) # before the SocketX handshake (issue 14: "also before the SocketX handshake")
      echo "--scenario ping-flood --mode plain --connections $PING_CONNECTIONS --ping-size 125" \
        "--receive-buffer 4k --source-addresses 20 ${sources[*]}" ;;
    ping-flood-session) # on established SocketX sessions, which hold no handshake slot
      echo "--scenario ping-flood --mode socketx --connections $PING_CONNECTIONS --ping-size 125" \
        "--receive-buffer 4k --source-addresses 20 ${sources[*]}" ;;
    handshake-flood) # one fixed ML-KEM-1024 key share: the attacker pays for upgrades only
      echo "--scenario handshake-flood --suite 1024 --connections 64 --source-addresses 4" \
        "${sources[*]}" ;;
    handshake-flood-wide) # the same from 64 addresses: the proxy-wide rate is what binds
      echo "--scenario handshake-flood --suite 1024 --connections 64 --source-addresses 64" \
        "${sources[*]}" ;;
    upgrade-flood) # upgrades that never start the SocketX handshake hold handshake slots
      echo "--scenario upgrade-flood --connections 1024 --source-addresses 32 ${sources[*]}" ;;
    idle-flood) # complete SocketX sessions, opened as fast as the limits admit, then held idle
      echo "--scenario idle --mode socketx --connections $IDLE_SESSIONS --source-addresses 64" \
        "--connect-concurrency 64 ${sources[*]}" ;;
    *) echo "floods.sh: unknown flood $1" >&2; return 1 ;;
  esac
}

run_load() { # label json [options...]: never aborts the session
  local label=$1 json=$2
  shift 2
  if ! java -jar "$BENCH_JAR" load --url "ws://127.0.0.1:$PROXY_PORT/" "$@" --json "$json" \
    >"${json%.json}.txt" 2>&1; then
    log "$label failed (see ${json%.json}.txt)"
    rm -f "$json"
  fi
}

measure() { # flood name ("none": the control)
  local name=$1 run="$OUT/runs/$1"
  rm -f "$run".*
  start_proxy "$name"
  local pid=$PROXY_PID
  printf 'start=%s\nsetup=%s\nramp=%s\nduration=%s\n' "$EPOCHREALTIME" "$SETUP" "$RAMP" \
    "$DURATION" >"$run.env"
  sample_proc "$pid" "$run.proc" &
  local sampler=$!
  run_load legit "$run.legit.json" --mode socketx --connections "$LEGIT_CONNECTIONS" \
    --rate "$LEGIT_RATE" --size 1024 --first-source-address $LEGIT_SOURCE --threads 1 \
    --warmup "$((SETUP + RAMP))s" --duration "${DURATION}s" &
  local legit=$!
  run_load probe "$run.probe.json" --mode socketx --scenario handshakes --rate "$PROBE_RATE" \
    --first-source-address $PROBE_SOURCE --threads 1 \
    --warmup "$((SETUP + RAMP))s" --duration "${DURATION}s" &
  local probe=$!
  local flood=
  if [ "$name" != none ]; then
    sleep "$SETUP"
    # shellcheck disable=SC2046
    run_load "$name" "$run.flood.json" $(flood_options "$name") \
      --warmup "${RAMP}s" --duration "${DURATION}s" &
    flood=$!
  fi
  wait "$legit" "$probe" ${flood:+"$flood"} || true
  if kill -0 "$pid" 2>/dev/null; then
    curl -sf "http://127.0.0.1:$ADMIN_PORT/metrics" >"$run.metrics" || true
    echo "alive=1" >>"$run.env"
  else
    wait "$pid" 2>/dev/null || echo "exit=$?" >>"$run.env"
    echo "alive=0" >>"$run.env"
    log "$name: the proxy died (see $run.proxy.log)"
  fi
  kill "$sampler" 2>/dev/null || true
  kill "$pid" 2>/dev/null || true
  wait "$pid" "$sampler" 2>/dev/null || true
  log "$name: $(python3 "$SCRIPTS/summarize.py" flood-line "$OUT" "$name")"
}

main() {
  ensure_tools
  mkdir -p "$OUT/runs"
  java -jar "$PROXY_JAR" keygen --force --out "$OUT/identity.pem" >/dev/null 2>&1
  {
    echo "date=$(date -u +%Y-%m-%dT%H:%MZ)"
    echo "proxy=$(git -C "$ROOT" log -1 --format=%h -- proxy 2>/dev/null || echo '?')"
    echo "nproc=$(nproc)"
    echo "java_opts=$PROXY_JAVA_OPTS"
  } >"$OUT/machine.env"
  start_upstream
  log "floods: $FLOODS; $DURATION s windows; results in $OUT"
  for name in $FLOODS; do
    flood_options "$name" >/dev/null 2>&1 || [ "$name" = none ] || { echo "unknown flood $name" >&2; exit 2; }
    log "measuring $name"
    measure "$name"
  done
  mkdir -p "$OUT/sections"
  python3 "$SCRIPTS/summarize.py" floods "$OUT" | tee "$OUT/sections/floods.md"
  if [ "$WRITE_DOC" = 1 ]; then
    python3 "$SCRIPTS/summarize.py" splice "$DOC" "$OUT/sections"
    log "updated $DOC"
  fi
}

main
