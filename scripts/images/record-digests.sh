#!/usr/bin/env bash
# Writes (or with "check", compares) the image digests in the AKS chart's global.azure.images and
# in docs/install.md's image table. Usage: record-digests.sh write|check <proxy digest> <operator digest>
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd); cd "$ROOT"
MODE=$1 PROXY=$2 OPERATOR=$3
VALUES=aks-extension/charts/socketx-aks/values.yaml DOC=docs/install.md
for d in "$PROXY" "$OPERATOR"; do [[ $d =~ ^sha256:[0-9a-f]{64}$ ]] || { echo "not a digest: $d" >&2; exit 1; }; done
if [ "$MODE" = check ]; then
  ok=0
  recorded() { sed -n "/^      $1:/,/digest:/ s|^        digest: \"\(.*\)\"|\1|p" $VALUES; }
  [ "$(recorded socketxProxy)" = "$PROXY" ] || { echo "socketx-proxy digest $PROXY not in $VALUES" >&2; ok=1; }
  [ "$(recorded socketxOperator)" = "$OPERATOR" ] || { echo "socketx-operator digest $OPERATOR not in $VALUES" >&2; ok=1; }
  grep -q "socketx-proxy@$PROXY" $DOC && grep -q "socketx-operator@$OPERATOR" $DOC || { echo "digests not in $DOC" >&2; ok=1; }
  exit $ok
fi
# Line-based edits keep the file's comments: the digest line follows each image's own block.
sed -i "/^      socketxOperator:/,/digest:/ s|^\(        digest: \).*|\1\"$OPERATOR\"|" $VALUES
sed -i "/^      socketxProxy:/,/digest:/ s|^\(        digest: \).*|\1\"$PROXY\"|" $VALUES
sed -i "s|socketx-proxy@sha256:[0-9a-f]\{64\}|socketx-proxy@$PROXY|g; s|socketx-operator@sha256:[0-9a-f]\{64\}|socketx-operator@$OPERATOR|g" $DOC
echo "recorded digests in $VALUES and $DOC"
