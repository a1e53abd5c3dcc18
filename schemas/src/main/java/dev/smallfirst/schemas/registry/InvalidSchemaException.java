package dev.smallfirst.schemas.registry;

import java.net.URI;

/** The registry rejected a schema as invalid (HTTP 422); carries the subject and the reason. */
public final class InvalidSchemaException extends SchemaRefusedException {
  private static final long serialVersionUID = 1L;

  InvalidSchemaException(String subject, String registryMessage, URI url) {
    super(
        "Registry rejected the schema for subject '%s' as invalid: %s (%s)",
        subject, registryMessage, url);
  }
}
