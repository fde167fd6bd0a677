#!/usr/bin/env bash
# Runs the JMH microbenchmarks of socketx-bench.jar (record codec, handshake per suite, route
# lookup in 10,000 routes, DOMAIN_MAP parse) and writes their table into docs/benchmarks.md.
#
#   bench/scripts/jmh.sh                  # all benchmarks, ~2.5 min
#   bench/scripts/jmh.sh RouteTable       # a regex of benchmarks; extra JMH options after it
#   WRITE_DOC=0 bench/scripts/jmh.sh
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/../.." && pwd)
BENCH_JAR=${BENCH_JAR:-$ROOT/bench/target/socketx-bench.jar}
OUT=${OUT:-$ROOT/bench/target/jmh}
DOC=${DOC:-$ROOT/docs/benchmarks.md}
WRITE_DOC=${WRITE_DOC:-1}
mkdir -p "$OUT/sections"

java -jar "$BENCH_JAR" jmh "${@:-.*}" -prof gc -rf json -rff "$OUT/jmh.json" | tee "$OUT/jmh.txt"
python3 "$(dirname "$0")/summarize.py" jmh "$OUT/jmh.json" >"$OUT/sections/jmh.md"
cat "$OUT/sections/jmh.md"
if [ "$WRITE_DOC" = 1 ]; then
  python3 "$(dirname "$0")/summarize.py" splice "$DOC" "$OUT/sections"
fi
