#!/usr/bin/env bash
# Project copy of the team tool (shared/tools); kept here so users and CI need nothing outside the repo.
D=${D:-$PWD/target/k8s}
for p in controller-manager apiserver etcd; do
  [ -f "$D/$p.pid" ] || continue; pid=$(cat "$D/$p.pid"); rm -f "$D/$p.pid"
  kill "$pid" 2>/dev/null || continue
  for i in $(seq 1 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
  kill -9 "$pid" 2>/dev/null || true
done
