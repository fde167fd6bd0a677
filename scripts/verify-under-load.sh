#!/usr/bin/env bash
# Runs the README's test command (or the command given) N times while competing processes keep
# every core busy — what a laptop with an IDE open, or a shared CI runner, looks like — and prints
# "N passed, M failed". A test that fails here depends on the machine's speed: fix it at its cause.
#
#   scripts/verify-under-load.sh                                  # 3 runs of: mvn -B verify
#   RUNS=5 scripts/verify-under-load.sh mvn -B -pl proxy -am verify
#
# RUNS (default 3) runs; BUSY (default 2 x cores) spinning shells compete for the CPUs; NET
# (default 1) loopback TCP pumps add kernel network work when python3 is present; logs go to
# LOGS (default target/verify-under-load), one per run. Only processes this script started are
# stopped, by their PIDs.
set -u
cd "$(dirname "$0")/.."
RUNS=${RUNS:-3}
BUSY=${BUSY:-$((2 * $(nproc)))}
NET=${NET:-1}
LOGS=${LOGS:-target/verify-under-load}
[ $# -gt 0 ] || set -- mvn -B verify

# A sender and a sink on 127.0.0.1 that move 64 KiB writes as fast as the kernel takes them.
PUMP='import socket, threading
server = socket.socket(); server.bind(("127.0.0.1", 0)); server.listen(1)
sender = socket.create_connection(server.getsockname()); sink, _ = server.accept()
def drain():
    while sink.recv(1 << 20): pass
threading.Thread(target=drain, daemon=True).start()
chunk = b"x" * 65536
while True: sender.sendall(chunk)'

mkdir -p "$LOGS"
load_pids=()
stop_load() {
  for pid in "${load_pids[@]}"; do kill "$pid" 2>/dev/null; done
  wait "${load_pids[@]}" 2>/dev/null
  load_pids=()
}
trap stop_load EXIT

passed=0
failed=0
for run in $(seq 1 "$RUNS"); do
  for _ in $(seq 1 "$BUSY"); do
    (while :; do :; done) &
    load_pids+=($!)
  done
  if command -v python3 >/dev/null; then
    for _ in $(seq 1 "$NET"); do
      python3 -c "$PUMP" &
      load_pids+=($!)
    done
  fi
  log="$LOGS/run-$run.log"
  started=$SECONDS
  if "$@" >"$log" 2>&1; then
    passed=$((passed + 1))
    verdict=passed
  else
    failed=$((failed + 1))
    verdict=FAILED
  fi
  load=$(cut -d' ' -f1 /proc/loadavg)
  stop_load
  echo "run $run: $verdict in $((SECONDS - started)) s (load average $load); log $log"
  if [ "$verdict" = FAILED ]; then
    grep -E '<<< (FAILURE|ERROR)|Tests run:.*(Failures|Errors): [1-9]|BUILD FAILURE' "$log" |
      sed -n '1,8s/^/    /p'
  fi
done
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
