/**
 * The Java trainer's {@code djl} model format: {@link dev.smallfirst.models.trained.ModelDirectory}
 * reads, verifies (SHA-256 of every file) and writes model directories described by a {@link
 * dev.smallfirst.models.trained.Manifest}, and rebuilds the trained models ({@code TextClassifier},
 * {@code SpanExtractor}, {@code DraftGenerator}). The worker serves them through {@code
 * models.trained.internal}; the trainer and evaluator use this API directly.
 */
package dev.smallfirst.models.trained;
