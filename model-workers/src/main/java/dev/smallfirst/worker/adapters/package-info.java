/**
 * Stage adapters: one DJL {@code Translator} per stage model, from a padded {@link
 * dev.smallfirst.worker.djl.EncodedBatch} to {@link dev.smallfirst.worker.model.StageOutcome}s.
 * Classify and sentiment turn logits into temperature-calibrated probabilities and top-k; extract
 * decodes BIO tags into spans with per-span confidence and merges them with deterministic
 * validators for formats that must be exact; draft generates a reply greedily until EOS or a length
 * bound, with the mean token probability as its confidence. The pure parts ({@link
 * dev.smallfirst.worker.adapters.Calibration}, {@link dev.smallfirst.worker.adapters.BioDecoder},
 * {@link dev.smallfirst.worker.adapters.EntityValidators}, {@link
 * dev.smallfirst.worker.adapters.SpanMerger}, {@link dev.smallfirst.worker.adapters.GreedyDecoder})
 * need no engine.
 */
package dev.smallfirst.worker.adapters;
