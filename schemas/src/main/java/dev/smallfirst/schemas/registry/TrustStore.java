package dev.smallfirst.schemas.registry;

import java.nio.file.Path;
import java.util.Objects;

/**
 * A truststore file the registry client trusts for TLS instead of the JDK's default. Immutable; the
 * password may be null for stores that have none, and is masked by {@link #toString()}.
 *
 * @param location path of the store file
 * @param password store password, or null
 * @param type keystore type such as {@code PKCS12} or {@code JKS}
 */
public record TrustStore(Path location, String password, String type) {

  /** Keystore type used when none is configured. */
  public static final String DEFAULT_TYPE = "PKCS12";

  /** Validates the fields; errors name the configuration key. */
  public TrustStore {
    Objects.requireNonNull(location, RegistrySettings.TRUSTSTORE_LOCATION_CONFIG + ": required");
    if (type == null || type.isBlank()) {
      throw new IllegalArgumentException(
          RegistrySettings.TRUSTSTORE_TYPE_CONFIG + ": must not be blank");
    }
  }

  @Override
  public String toString() {
    return "TrustStore[location="
        + location
        + ", password="
        + (password == null ? "null" : "****")
        + ", type="
        + type
        + "]";
  }
}
