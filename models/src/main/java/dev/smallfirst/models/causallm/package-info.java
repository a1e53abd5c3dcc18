/**
 * The {@code causal-lm} draft format: a user's own fine-tuned generative model (a Hugging Face
 * causal LM exported with its past key/values to ONNX in Hugging Face Optimum's layout or to
 * TorchScript) continues a documented prompt ({@link PromptLayout}) greedily with a KV cache
 * ({@link CausalDecoder}) until an EOS or stop token from the manifest; its reply then passes the
 * same grounding as the reply bank's ({@link dev.smallfirst.models.grounding.DraftChecks}).
 */
package dev.smallfirst.models.causallm;
