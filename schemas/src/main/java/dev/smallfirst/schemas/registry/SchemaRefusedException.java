package dev.smallfirst.schemas.registry;

import java.net.URI;

/**
 * The registry refused a schema sent for a subject: as incompatible ({@link
 * IncompatibleSchemaException}) or as invalid ({@link InvalidSchemaException}). Carries the subject
 * and the registry's explanation.
 */
public abstract sealed class SchemaRefusedException extends SchemaRegistryException
    permits IncompatibleSchemaException, InvalidSchemaException {
  private static final long serialVersionUID = 1L;

  private final String subject;

  /** {@code refusal} is the message's format, of the subject, the explanation and the URL. */
  SchemaRefusedException(String refusal, String subject, String registryMessage, URI url) {
    super(String.format(refusal, subject, registryMessage, url), url, registryMessage, null);
    this.subject = subject;
  }

  /** The subject the schema was sent for. */
  public String subject() {
    return subject;
  }
}
