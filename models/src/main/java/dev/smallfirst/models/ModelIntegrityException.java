package dev.smallfirst.models;

import java.nio.file.Path;

/**
 * The weights on disk are not the weights the manifest pins: their SHA-256 differs. The worker
 * refuses to start rather than answer with unknown weights under a known name.
 */
public final class ModelIntegrityException extends ModelLoadException {
  public ModelIntegrityException(Path weights, String expected, String actual) {
    super(
        Reason.HASH_MISMATCH,
        null,
        "refusing to load "
            + weights
            + ": its sha256 is "
            + actual
            + " but the manifest pins "
            + expected
            + " (tampered or partially copied weights?)",
        null);
  }
}
