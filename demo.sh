#!/usr/bin/env bash
# Builds SocketX and runs it locally: the proxy in demo mode (every host routed to a built-in echo
# upstream), then one round trip with the client CLI so you can see it work. Ctrl-C stops it.
set -euo pipefail
cd "$(dirname "$0")"
PORT=${LISTEN_PORT:-8080}
if [ "${SKIP_BUILD:-0}" != 1 ]; then
  mvn -B -q -DskipTests package
fi
LISTEN_HOST=127.0.0.1 LISTEN_PORT=$PORT USE_CONSOLE_LOGS=true \
  java -jar proxy/target/socketx-proxy.jar --demo &
proxy=$!
trap 'kill $proxy 2>/dev/null; wait $proxy 2>/dev/null' EXIT INT TERM
for _ in $(seq 1 100); do
  (exec 3<>"/dev/tcp/127.0.0.1/$PORT") 2>/dev/null && break
  kill -0 $proxy 2>/dev/null || { echo "proxy failed to start" >&2; exit 1; }
  sleep 0.1
done
echo
echo "== round trip through the proxy with the client CLI =="
printf 'hello, SocketX\n' | java -jar client/target/socketx-client.jar --verbose "ws://127.0.0.1:$PORT/demo"
echo
echo "The proxy keeps running on ws://127.0.0.1:$PORT. Try:"
echo "  java -jar client/target/socketx-client.jar ws://127.0.0.1:$PORT/any/path     (type lines)"
echo "  curl 'http://127.0.0.1:$PORT/api/socketx-echo?msg=test'"
echo "  curl http://127.0.0.1:$PORT/metrics"
echo "Ctrl-C to stop."
wait $proxy
