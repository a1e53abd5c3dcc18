package dev.smallfirst.schemas.registry;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.OptionalInt;
import org.apache.avro.Schema;

/**
 * A client of the Confluent schema-registry REST API for Avro schemas, with retries, timeouts and
 * caches of ids and schemas, so that the hot path of a serde makes no HTTP call after the first.
 * Thread-safe; arguments must not be null. Failures are {@link SchemaRegistryException}s.
 *
 * <pre>{@code
 * try (SchemaRegistryClient registry = SchemaRegistryClient.create(RegistrySettings.of(url))) {
 *   int id = registry.register("support.messages-value", SupportMessage.getClassSchema());
 * }
 * }</pre>
 */
public final class SchemaRegistryClient implements AutoCloseable {

  private static final int CACHE_CAPACITY = 1_000;
  private static final int SUBJECT_NOT_FOUND = 40401;
  private static final int VERSION_NOT_FOUND = 40402;
  private static final int SCHEMA_NOT_FOUND = 40403;
  private static final int SUBJECT_LEVEL_NOT_CONFIGURED = 40408;

  private final RegistryTransport transport;
  private final BoundedCache<Integer, Schema> schemasById = new BoundedCache<>(CACHE_CAPACITY);
  private final BoundedCache<SubjectSchema, Integer> ids = new BoundedCache<>(CACHE_CAPACITY);

  private SchemaRegistryClient(RegistryTransport transport) {
    this.transport = transport;
  }

  /**
   * A client for the registry in {@code settings}; no request is made yet.
   *
   * @throws IllegalArgumentException when the configured truststore cannot be loaded
   */
  public static SchemaRegistryClient create(RegistrySettings settings) {
    return new SchemaRegistryClient(RegistryTransport.create(Objects.requireNonNull(settings)));
  }

  /** The registry's base URL, including any path prefix. */
  public URI url() {
    return transport.baseUrl();
  }

  /**
   * Registers {@code schema} under {@code subject}, or finds it registered, and returns its id.
   *
   * @throws IncompatibleSchemaException when the subject's compatibility level refuses it (409)
   * @throws InvalidSchemaException when the registry deems the schema invalid (422)
   */
  public int register(String subject, Schema schema) {
    SubjectSchema key = new SubjectSchema(subject, schema);
    Integer cached = ids.get(key);
    if (cached != null) {
      return cached;
    }
    RegistryReply reply =
        transport.post(subjectPath(subject) + "/versions", RegistryJson.schemaRequest(schema));
    if (reply.status() == 409) {
      throw new IncompatibleSchemaException(subject, reply.errorMessage(), reply.uri());
    }
    return remember(key, idFrom(reply, subject));
  }

  /** The id of {@code schema} under {@code subject}, or empty when it is not registered there. */
  public OptionalInt lookup(String subject, Schema schema) {
    SubjectSchema key = new SubjectSchema(subject, schema);
    Integer cached = ids.get(key);
    if (cached != null) {
      return OptionalInt.of(cached);
    }
    RegistryReply reply = transport.post(subjectPath(subject), RegistryJson.schemaRequest(schema));
    if (reply.isNotFound(SUBJECT_NOT_FOUND, SCHEMA_NOT_FOUND)) {
      return OptionalInt.empty();
    }
    return OptionalInt.of(remember(key, idFrom(reply, subject)));
  }

  /**
   * The schema with the registry-wide {@code id}; cached forever, since ids never change.
   *
   * @throws SchemaNotFoundException when the registry has no such id
   */
  public Schema schemaById(int id) {
    Schema cached = schemasById.get(id);
    if (cached != null) {
      return cached;
    }
    RegistryReply reply = transport.get("/schemas/ids/" + id);
    if (reply.status() == 404 && reply.errorCode() != RegistryReply.NO_ERROR_CODE) {
      throw SchemaNotFoundException.forId(id, reply.uri(), reply.errorMessage());
    }
    if (!reply.isSuccess()) {
      throw reply.unexpected();
    }
    return schemasById.putIfAbsent(id, RegistryJson.schema(reply, RegistryJson.body(reply)));
  }

  /**
   * The latest version registered under {@code subject}; not cached, as it changes.
   *
   * @throws SchemaNotFoundException when the subject has no version
   */
  public SchemaVersion latest(String subject) {
    RegistryReply reply = transport.get(subjectPath(subject) + "/versions/latest");
    if (reply.isNotFound(SUBJECT_NOT_FOUND, VERSION_NOT_FOUND)) {
      throw SchemaNotFoundException.forSubject(subject, reply.uri(), reply.errorMessage());
    }
    if (!reply.isSuccess()) {
      throw reply.unexpected();
    }
    JsonNode body = RegistryJson.body(reply);
    int id = RegistryJson.requiredInt(reply, body, "id");
    Schema schema = schemasById.putIfAbsent(id, RegistryJson.schema(reply, body));
    return new SchemaVersion(subject, RegistryJson.requiredInt(reply, body, "version"), id, schema);
  }

  /**
   * Asks whether {@code schema} may become the next version of {@code subject}; a subject that does
   * not exist yet accepts anything.
   */
  public CompatibilityCheck testCompatibility(String subject, Schema schema) {
    RegistryReply reply =
        transport.post(
            "/compatibility" + subjectPath(subject) + "/versions/latest?verbose=true",
            RegistryJson.schemaRequest(schema));
    if (reply.isNotFound(SUBJECT_NOT_FOUND, VERSION_NOT_FOUND)) {
      return CompatibilityCheck.compatibleResult();
    }
    if (reply.status() == 422) {
      throw new InvalidSchemaException(subject, reply.errorMessage(), reply.uri());
    }
    if (!reply.isSuccess()) {
      throw reply.unexpected();
    }
    return RegistryJson.compatibility(reply);
  }

  /** The compatibility level in force for {@code subject}: its own, else the global one. */
  public CompatibilityLevel compatibility(String subject) {
    RegistryReply reply = transport.get("/config/" + encode(subject) + "?defaultToGlobal=true");
    if (reply.isNotFound(SUBJECT_NOT_FOUND, SUBJECT_LEVEL_NOT_CONFIGURED)) {
      // Registries without defaultToGlobal answer 404 for subjects without their own level.
      return globalCompatibility();
    }
    return level(reply);
  }

  /** The registry-wide default compatibility level. */
  public CompatibilityLevel globalCompatibility() {
    return level(transport.get("/config"));
  }

  /** Sets the compatibility level of {@code subject}. */
  public void setCompatibility(String subject, CompatibilityLevel level) {
    RegistryReply reply =
        transport.put(
            "/config/" + encode(subject),
            RegistryJson.compatibilityRequest(Objects.requireNonNull(level)));
    if (!reply.isSuccess()) {
      throw reply.unexpected();
    }
  }

  /** Stops retries in progress and releases the HTTP client. */
  @Override
  public void close() {
    transport.close();
  }

  private static CompatibilityLevel level(RegistryReply reply) {
    if (!reply.isSuccess()) {
      throw reply.unexpected();
    }
    return RegistryJson.level(reply);
  }

  private static int idFrom(RegistryReply reply, String subject) {
    if (reply.status() == 422) {
      throw new InvalidSchemaException(subject, reply.errorMessage(), reply.uri());
    }
    if (!reply.isSuccess()) {
      throw reply.unexpected();
    }
    return RegistryJson.requiredInt(reply, RegistryJson.body(reply), "id");
  }

  private int remember(SubjectSchema key, int id) {
    schemasById.putIfAbsent(id, key.schema());
    return ids.putIfAbsent(key, id);
  }

  private static String subjectPath(String subject) {
    return "/subjects/" + encode(subject);
  }

  /** Encodes one path segment: {@link URLEncoder} is for forms, so '+' must become "%20". */
  private static String encode(String subject) {
    if (subject == null || subject.isEmpty()) {
      throw new IllegalArgumentException("subject must not be null or empty");
    }
    return URLEncoder.encode(subject, StandardCharsets.UTF_8).replace("+", "%20");
  }

  private record SubjectSchema(String subject, Schema schema) {
    SubjectSchema {
      Objects.requireNonNull(schema, "schema");
    }
  }
}
