/**
 * The DJL path every model format shares: a {@link dev.smallfirst.models.translate.DjlStageModel}
 * wraps a DJL {@code ZooModel} whose one {@code Translator} (from {@code worker.adapters}) turns a
 * padded {@link dev.smallfirst.models.text.EncodedBatch} into outcomes; sessions are {@code
 * Predictor}s; inputs are tokenized by a {@link dev.smallfirst.models.text.TextEncoder}, checked
 * against the model's length and split into length buckets. Format loaders (TorchScript here, the
 * trainer's DJL parameters elsewhere) only build the {@code ZooModel}.
 */
package dev.smallfirst.models.translate;
