package dev.smallfirst.models;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Pins the exact weights that answer: the manifest's name and version and the lower-case hex
 * SHA-256 of the weights as verified at load. Travels in every result as its {@code ModelRef}.
 *
 * @param name model name from the manifest
 * @param version model version from the manifest
 * @param sha256 64 lower-case hex digits
 */
public record ModelIdentity(String name, String version, String sha256) {
  private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");

  public ModelIdentity {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(version, "version");
    if (sha256 == null || !SHA256.matcher(sha256).matches()) {
      throw new IllegalArgumentException(
          "sha256 must be 64 lower-case hex digits, got '" + sha256 + "'");
    }
  }

  @Override
  public String toString() {
    return name + "@" + version + " (sha256 " + sha256.substring(0, 12) + "...)";
  }
}
