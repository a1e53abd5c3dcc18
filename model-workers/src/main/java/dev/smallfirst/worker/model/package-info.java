/**
 * The seam between the worker runtime and the models: a {@link
 * dev.smallfirst.worker.model.StageModel} answers batches of {@link
 * dev.smallfirst.worker.model.StageInput}s with {@link dev.smallfirst.worker.model.StageOutcome}s
 * through per-thread {@link dev.smallfirst.worker.model.InferenceSession}s; {@link
 * dev.smallfirst.worker.model.StageModelLoader}s (found with {@link java.util.ServiceLoader}) turn
 * a model directory of one {@code format} into a {@code StageModel}; {@link
 * dev.smallfirst.worker.model.ModelLoaders} reads the manifest, picks the loader and checks the
 * pinning. Nothing here depends on DJL.
 */
package dev.smallfirst.worker.model;
