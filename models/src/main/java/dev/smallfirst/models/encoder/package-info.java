/**
 * Pretrained ONNX sentence encoders (all-MiniLM-L6-v2, int8 and fp32, from Maven artifacts) run by
 * DJL's OnnxRuntime engine, and the {@code onnx-encoder} model-directory format: a pinned encoder
 * plus a head trained by our Java trainer on its embeddings.
 */
package dev.smallfirst.models.encoder;
