package dev.smallfirst.models;

import java.io.IOException;
import java.nio.file.Path;

/** A model directory that cannot be loaded; the message says which file and why. */
public final class ModelLoadException extends IOException {

  /** Why a directory was refused. */
  public enum Reason {
    MISSING_FILE,
    BAD_MANIFEST,
    HASH_MISMATCH,
    UNSUPPORTED,
    CORRUPT_WEIGHTS
  }

  private final Reason reason;
  private final Path directory;

  public ModelLoadException(Reason reason, Path directory, String message) {
    super("model " + directory + ": " + message);
    this.reason = reason;
    this.directory = directory;
  }

  public ModelLoadException(Reason reason, Path directory, String message, Throwable cause) {
    super("model " + directory + ": " + message, cause);
    this.reason = reason;
    this.directory = directory;
  }

  public Reason reason() {
    return reason;
  }

  public Path directory() {
    return directory;
  }
}
