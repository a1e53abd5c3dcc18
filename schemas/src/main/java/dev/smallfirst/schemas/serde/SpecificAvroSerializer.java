package dev.smallfirst.schemas.serde;

import dev.smallfirst.schemas.registry.SchemaRegistryClient;
import dev.smallfirst.schemas.registry.SchemaVersion;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.SchemaNormalization;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DatumWriter;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Writes {@code T} in the Confluent wire format under the TopicNameStrategy subject. The schema id
 * is resolved once per topic, then the hot path is a map lookup and Avro encoding. Thread-safe once
 * configured; {@code null} serializes to {@code null} (tombstones).
 *
 * @param <T> the generated Avro record class
 */
public final class SpecificAvroSerializer<T extends SpecificRecord>
    extends SetupOnce<T, SpecificAvroSerializer.Ready<T>> implements Serializer<T> {

  private static final int INITIAL_BUFFER = 256;
  private static final ThreadLocal<BinaryEncoder> ENCODERS = new ThreadLocal<>();

  private final Map<String, Integer> idsByTopic = new ConcurrentHashMap<>();

  /** For Kafka's instantiation by class name; {@link #configure} must follow. */
  public SpecificAvroSerializer() {}

  /** A serializer using {@code client}, which the caller keeps and closes. */
  public SpecificAvroSerializer(
      SchemaRegistryClient client, Class<T> type, boolean isKey, SerdeOptions options) {
    this(SerdeSetup.of(client, type, isKey, options, false));
  }

  SpecificAvroSerializer(SerdeSetup<T> setup) {
    init(setup);
  }

  @Override
  Ready<T> prepare(SerdeSetup<T> setup) {
    return new Ready<>(setup, new SpecificDatumWriter<>(setup.schema(), setup.data()));
  }

  @Override
  SerdeSetup<T> setupOf(Ready<T> ready) {
    return ready.setup();
  }

  @Override
  public byte[] serialize(String topic, T data) {
    if (data == null) {
      return null;
    }
    Ready<T> current = state();
    int id = schemaId(current.setup(), topic);
    ByteArrayOutputStream out = new ByteArrayOutputStream(INITIAL_BUFFER);
    WireFormat.writeHeader(out, id);
    try {
      BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, ENCODERS.get());
      ENCODERS.set(encoder);
      current.writer().write(data, encoder);
      encoder.flush();
    } catch (IOException | RuntimeException e) {
      throw new SerializationException(
          "Cannot serialize a "
              + current.setup().type().getName()
              + " for topic '"
              + topic
              + "' with schema id "
              + id
              + ": "
              + e,
          e);
    }
    return out.toByteArray();
  }

  private int schemaId(SerdeSetup<T> setup, String topic) {
    Integer cached = topic == null ? null : idsByTopic.get(topic);
    if (cached != null) {
      return cached;
    }
    int id = resolveId(setup, topic); // throws for a null topic
    idsByTopic.putIfAbsent(topic, id);
    return id;
  }

  private static int resolveId(SerdeSetup<?> setup, String topic) {
    String subject = setup.subject(topic);
    SchemaRegistryClient client = setup.client();
    if (setup.options().autoRegister()) {
      return client.register(subject, setup.schema());
    }
    if (setup.options().useLatestVersion()) {
      SchemaVersion latest = client.latest(subject);
      if (SchemaNormalization.parsingFingerprint64(latest.schema())
          != SchemaNormalization.parsingFingerprint64(setup.schema())) {
        throw new SerializationException(
            "Latest version "
                + latest.version()
                + " (id "
                + latest.id()
                + ") of subject '"
                + subject
                + "' at "
                + client.url()
                + " does not encode like "
                + setup.type().getName()
                + "'s schema; upgrade the application or register its schema");
      }
      return latest.id();
    }
    return client
        .lookup(subject, setup.schema())
        .orElseThrow(
            () ->
                new SerializationException(
                    "The schema of "
                        + setup.type().getName()
                        + " is not registered under subject '"
                        + subject
                        + "' at "
                        + client.url()
                        + " and "
                        + SpecificAvroSerde.AUTO_REGISTER_SCHEMAS_CONFIG
                        + " is false; register it first"));
  }

  /** The setup and the writer made from it, published together. */
  record Ready<T extends SpecificRecord>(SerdeSetup<T> setup, DatumWriter<T> writer) {}
}
