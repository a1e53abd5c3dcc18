/**
 * Serves model directories of the {@code djl} format, written by our own Java trainer ({@code
 * ./smallfirst train}), through the worker's {@link dev.smallfirst.models.StageModel} seam.
 */
package dev.smallfirst.models.trained.internal;
