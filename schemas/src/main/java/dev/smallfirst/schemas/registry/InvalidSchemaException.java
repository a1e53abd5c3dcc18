package dev.smallfirst.schemas.registry;

import java.net.URI;

/** The registry rejected a schema as invalid (HTTP 422); carries the subject and the reason. */
public final class InvalidSchemaException extends SchemaRegistryException {

  private final String subject;

  InvalidSchemaException(String subject, String registryMessage, URI url) {
    super(
        "Registry rejected the schema for subject '"
            + subject
            + "' as invalid: "
            + registryMessage
            + " ("
            + url
            + ")",
        null);
    this.subject = subject;
  }

  /** The subject the schema was sent for. */
  public String subject() {
    return subject;
  }
}
