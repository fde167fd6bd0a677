#!/usr/bin/env bash
# Assembles the AKS cluster-extension package that `cpa verify` / `cpa buildbundle` read:
# aks-extension/ copied to OUT_DIR with the socketx-operator chart vendored into the AKS chart's
# charts/ as a directory (the technical-asset rules forbid archives in the chart, so no
# `helm dependency build`). The source tree is never modified. Prints OUT_DIR.
#   bash scripts/aks/bundle.sh [OUT_DIR]      (default: aks-extension/target/bundle)
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
OUT=${1:-$ROOT/aks-extension/target/bundle}
rm -rf "$OUT"; mkdir -p "$OUT"
cp -r "$ROOT/aks-extension/manifest.yaml" "$ROOT/aks-extension/mainTemplate.json" \
  "$ROOT/aks-extension/createUIDefinition.json" "$ROOT/aks-extension/charts" "$OUT/"
rm -rf "$OUT/charts/socketx-aks/charts"; mkdir -p "$OUT/charts/socketx-aks/charts"
cp -r "$ROOT/charts/socketx-operator" "$OUT/charts/socketx-aks/charts/socketx-operator"
if archives=$(find "$OUT" -type f \( -name '*.tgz' -o -name '*.tar*' -o -name '*.zip' \) | grep .); then
  echo "archives in the bundle: $archives" >&2; exit 1
fi
echo "$OUT"
