#!/usr/bin/env bash
# Retrains the default models shipped in model-workers/models from generated tickets, so a fresh
# clone works offline. Deterministic: same seeds, same data, one intra-op thread.
# Usage: ./smallfirst train-defaults      (about 10 minutes on 2 CPU cores)
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
SF="$ROOT/smallfirst"
DATA="$ROOT/target/default-training-data"
OUT="$ROOT/model-workers/models"
export SMALLFIRST_JAVA_OPTS="${SMALLFIRST_JAVA_OPTS:--Dai.djl.pytorch.num_threads=1}"

"$SF" generate --count 6000 --seed 20251123 --out "$DATA"
common=(--seed 42 --version 1.0.0)
"$SF" train --stage classify --data "$DATA/classify.jsonl" --out "$OUT/classify" \
  --name smallfirst-classify "${common[@]}" --set hidden=64 --set members=2 --set minDf=3 \
  --label-groups "$DATA/label-groups.json"
"$SF" train --stage sentiment --data "$DATA/sentiment.jsonl" --out "$OUT/sentiment" \
  --name smallfirst-sentiment "${common[@]}" --set hidden=32 --set members=2 --set minDf=3
"$SF" train --stage extract --data "$DATA/extract.jsonl" --out "$OUT/extract" \
  --name smallfirst-extract "${common[@]}" --set dim=64 --set hidden=96
"$SF" train --stage draft --data "$DATA/draft.jsonl" --out "$OUT/draft" \
  --name smallfirst-draft "${common[@]}" --set hidden=128 --epochs 10
du -sh "$OUT"/*
