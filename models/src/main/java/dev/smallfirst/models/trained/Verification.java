package dev.smallfirst.models.trained;

import dev.smallfirst.models.ModelLoadException;

/** The result of checking a model directory's manifest and file hashes without loading it. */
public sealed interface Verification {

  /** Every file is present and matches its SHA-256. */
  record Verified(Manifest manifest) implements Verification {}

  /** The directory must not be loaded: {@code reason} and a message naming the file. */
  record Rejected(ModelLoadException.Reason reason, String message) implements Verification {}
}
