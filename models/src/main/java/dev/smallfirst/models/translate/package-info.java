/**
 * The DJL path that translator-based formats share: a {@link
 * dev.smallfirst.models.translate.DjlStageModel} wraps a DJL {@code ZooModel} whose one {@code
 * Translator} per stage (here, with their pure parts: calibration, BIO and greedy decoding, the
 * draft prompt) turns a padded {@link dev.smallfirst.models.text.EncodedBatch} into outcomes;
 * sessions are {@code Predictor}s; inputs are tokenized by a {@link
 * dev.smallfirst.models.text.TextEncoder}, checked against the model's length and split into length
 * buckets. Format loaders (TorchScript) only build the {@code ZooModel}; the trainer's {@code djl}
 * format keeps its own translators ({@code models.trained}).
 */
package dev.smallfirst.models.translate;
