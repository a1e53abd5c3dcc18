package dev.smallfirst.models;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** SHA-256 of weight files and the check that pins them to a manifest. */
public final class ModelIntegrity {
  private ModelIntegrity() {}

  /** Lower-case hex SHA-256 of {@code file}'s bytes. */
  public static String sha256(Path file) {
    MessageDigest digest;
    try {
      digest = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
    byte[] buffer = new byte[1 << 16];
    try (InputStream in = Files.newInputStream(file)) {
      for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
        digest.update(buffer, 0, n);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
    return HexFormat.of().formatHex(digest.digest());
  }

  /**
   * Returns {@code expected} when {@code weights} hashes to it.
   *
   * @throws ModelIntegrityException when it does not
   */
  public static String verify(Path weights, String expected) {
    if (!Files.isRegularFile(weights)) {
      throw new ModelLoadException("weights file " + weights + " is missing");
    }
    String actual = sha256(weights);
    if (!actual.equals(expected)) {
      throw new ModelIntegrityException(weights, expected, actual);
    }
    return actual;
  }
}
