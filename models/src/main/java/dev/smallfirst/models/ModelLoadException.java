package dev.smallfirst.models;

import java.nio.file.Path;
import java.util.Optional;

/**
 * A model directory cannot be served: a missing or invalid manifest field, an unknown format, a
 * stage mismatch, a weights hash that differs from the manifest, or an engine failure. The worker
 * refuses to start, and the evaluator stops, with this message, which names the directory and what
 * is wrong; {@link #reason()} classifies it.
 */
public class ModelLoadException extends RuntimeException {

  /** Why a directory was refused. */
  public enum Reason {
    MISSING_FILE,
    BAD_MANIFEST,
    HASH_MISMATCH,
    UNSUPPORTED,
    CORRUPT_WEIGHTS,
    /** Anything else: the engine, the device, a stage that does not fit. */
    OTHER
  }

  private final Reason reason;
  private final transient Path directory;

  public ModelLoadException(String message) {
    this(Reason.OTHER, null, message, null);
  }

  public ModelLoadException(String message, Throwable cause) {
    this(Reason.OTHER, null, message, cause);
  }

  public ModelLoadException(Reason reason, Path directory, String message) {
    this(reason, directory, message, null);
  }

  /** A refusal of {@code directory} (null when no directory is concerned), prefixed with it. */
  public ModelLoadException(Reason reason, Path directory, String message, Throwable cause) {
    super(directory == null ? message : "model " + directory + ": " + message, cause);
    this.reason = reason;
    this.directory = directory;
  }

  public Reason reason() {
    return reason;
  }

  /** The refused directory, when the message is about one. */
  public Optional<Path> directory() {
    return Optional.ofNullable(directory);
  }
}
