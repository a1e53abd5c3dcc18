/**
 * The seam between the worker runtime and the models: a {@link dev.smallfirst.models.StageModel}
 * answers batches of {@link dev.smallfirst.models.StageInput}s with {@link
 * dev.smallfirst.models.StageOutcome}s through per-thread {@link
 * dev.smallfirst.models.InferenceSession}s; {@link dev.smallfirst.models.StageModelLoader}s (found
 * with {@link java.util.ServiceLoader}) turn a model directory of one {@code format} into a {@code
 * StageModel}; {@link dev.smallfirst.models.ModelLoaders} reads the manifest, picks the loader and
 * checks the pinning. The worker and the trainer's tools share this seam, its one {@link
 * dev.smallfirst.models.ModelLoadException} and the Avro {@code Stage} ({@link
 * dev.smallfirst.schemas.stages.StageCatalogue} for the lower-case ids). Nothing in this package
 * depends on DJL.
 */
package dev.smallfirst.models;
