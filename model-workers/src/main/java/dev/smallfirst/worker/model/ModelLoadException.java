package dev.smallfirst.worker.model;

/**
 * A model directory cannot be served: a missing or invalid manifest field, an unknown format, a
 * stage mismatch, a weights hash that differs from the manifest, or an engine failure. The worker
 * refuses to start with this message, which names the directory and what is wrong.
 */
public class ModelLoadException extends RuntimeException {
  public ModelLoadException(String message) {
    super(message);
  }

  public ModelLoadException(String message, Throwable cause) {
    super(message, cause);
  }
}
