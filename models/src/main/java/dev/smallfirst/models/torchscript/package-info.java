/**
 * The TorchScript model format: what a user's ML team exports from a Hugging Face fine-tune ({@code
 * torch.jit.script} or {@code trace}) plus its {@code tokenizer.json} and a {@code manifest.json}
 * with {@code "format": "torchscript"}.
 */
package dev.smallfirst.models.torchscript;
