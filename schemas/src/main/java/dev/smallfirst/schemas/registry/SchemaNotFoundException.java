package dev.smallfirst.schemas.registry;

import java.net.URI;

/**
 * The registry has no schema with the requested id, or no version under the requested subject (HTTP
 * 404). The message names the id or subject and the URL.
 */
public final class SchemaNotFoundException extends SchemaRegistryException {

  private SchemaNotFoundException(String message) {
    super(message, null);
  }

  static SchemaNotFoundException forId(int id, URI url, String registryMessage) {
    return new SchemaNotFoundException(
        "No schema with id " + id + " in the registry: " + registryMessage + " (" + url + ")");
  }

  static SchemaNotFoundException forSubject(String subject, URI url, String registryMessage) {
    return new SchemaNotFoundException(
        "No schema version under subject '"
            + subject
            + "' in the registry: "
            + registryMessage
            + " ("
            + url
            + ")");
  }
}
