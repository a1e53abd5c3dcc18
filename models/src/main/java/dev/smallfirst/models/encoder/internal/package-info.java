/** Serves {@code onnx-encoder} model directories through the worker's StageModel seam. */
package dev.smallfirst.models.encoder.internal;
