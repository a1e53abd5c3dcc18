package dev.smallfirst.schemas.registry;

import java.net.URI;

/** The registry rejected a schema as invalid (HTTP 422); carries the subject and the reason. */
public final class InvalidSchemaException extends SchemaRegistryException {
  private static final long serialVersionUID = 1L;

  private final String subject;

  InvalidSchemaException(String subject, String registryMessage, URI url) {
    super(
        String.format(
            "Registry rejected the schema for subject '%s' as invalid: %s (%s)",
            subject, registryMessage, url),
        url,
        registryMessage,
        null);
    this.subject = subject;
  }

  /** The subject the schema was sent for. */
  public String subject() {
    return subject;
  }
}
