#!/usr/bin/env bash
# Retrains the default models shipped in model-workers/models, reproducibly: same seeds, same
# data, one PyTorch intra-op thread. Classify and sentiment are heads on the pretrained
# all-MiniLM-L6-v2 encoder (int8, pinned by Maven coordinates, never committed), trained on the
# real data sets in ../shared/datasets when present (Bitext support requests, GoEmotions) plus
# generated tickets; extract is the LSTM tagger (it measured better than the encoder's token head)
# on Bitext spans plus generated tickets; the draft model learns generated tickets. It prints what it used, and scores
# each model on the real rows it held out (15%, never trained on).
# Usage: ./smallfirst train-defaults   (about 30 minutes on 2 CPU cores; SMALLFIRST_DATASETS=DIR)
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
SF="$ROOT/smallfirst"
DATA="$ROOT/target/default-training-data"
OUT="$ROOT/model-workers/models"
DATASETS="${SMALLFIRST_DATASETS:-$ROOT/../shared/datasets}"
export SMALLFIRST_JAVA_OPTS="${SMALLFIRST_JAVA_OPTS:--Dai.djl.pytorch.num_threads=1}"

"$SF" generate --count 24000 --seed 20251123 --out "$DATA/generated"
"$SF" default-data "$DATASETS" "$DATA/generated" "$DATA"
common=(--seed 42 --version 2.0.0 --encoder minilm-int8)
"$SF" train --stage classify --data "$DATA/classify.jsonl" --out "$OUT/classify" \
  --name smallfirst-classify --label-groups "$DATA/label-groups.json" "${common[@]}" \
  --set ngram.hidden=64 --set ngram.members=2 --set ngram.minDf=3
"$SF" train --stage sentiment --data "$DATA/sentiment.jsonl" --out "$OUT/sentiment" \
  --name smallfirst-sentiment "${common[@]}" --set ngram=0
"$SF" train --stage extract --data "$DATA/extract.jsonl" --out "$OUT/extract" \
  --name smallfirst-extract --seed 42 --version 2.0.0 --encoder none --set dim=64 --set hidden=96
head -n 6000 "$DATA/generated/draft.jsonl" > "$DATA/draft.jsonl"
"$SF" train --stage draft --data "$DATA/draft.jsonl" --out "$OUT/draft" \
  --name smallfirst-draft --seed 42 --version 1.0.0 --set hidden=128 --epochs 10
du -sh "$OUT"/*

# Scores on real text the models never trained on (empty files when ../shared/datasets is absent).
for stage in classify sentiment extract; do
  holdout="$DATA/$stage-holdout.jsonl"
  if [[ -s "$holdout" ]]; then
    "$SF" eval --stage "$stage" --model "$OUT/$stage" --data "$holdout" \
      --predictions "$DATA/eval/$stage-predictions.jsonl" --report "$DATA/eval/$stage"
  fi
done
