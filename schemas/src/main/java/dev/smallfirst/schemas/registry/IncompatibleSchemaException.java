package dev.smallfirst.schemas.registry;

import java.net.URI;

/**
 * The registry refused a schema (HTTP 409) because it is incompatible with the subject's earlier
 * versions under its compatibility level. Carries the subject and the registry's explanation.
 */
public final class IncompatibleSchemaException extends SchemaRegistryException {
  private static final long serialVersionUID = 1L;

  private final String subject;

  IncompatibleSchemaException(String subject, String registryMessage, URI url) {
    super(
        String.format(
            "Schema for subject '%s' is incompatible with an earlier version: %s (%s)",
            subject, registryMessage, url),
        url,
        registryMessage,
        null);
    this.subject = subject;
  }

  /** The subject the schema was registered under. */
  public String subject() {
    return subject;
  }
}
