package dev.smallfirst.schemas.registry;

import java.net.URI;

/**
 * The registry refused a schema (HTTP 409) because it is incompatible with the subject's earlier
 * versions under its compatibility level. Carries the subject and the registry's explanation.
 */
public final class IncompatibleSchemaException extends SchemaRefusedException {
  private static final long serialVersionUID = 1L;

  IncompatibleSchemaException(String subject, String registryMessage, URI url) {
    super(
        "Schema for subject '%s' is incompatible with an earlier version: %s (%s)",
        subject, registryMessage, url);
  }
}
