/**
 * Dynamic micro-batching: {@link dev.smallfirst.worker.batching.MicroBatcher} gathers requests
 * across polls until {@code maxBatch} of them wait or the oldest has waited {@code maxDelay};
 * {@link dev.smallfirst.worker.batching.InferencePool} runs batches on inference threads, each with
 * its own session (DJL {@code Predictor}), and maps model errors to outcomes.
 */
package dev.smallfirst.worker.batching;
