package dev.smallfirst.schemas.serde;

import dev.smallfirst.schemas.registry.SchemaRegistryClient;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Confluent wire-format Avro serde for a generated record class, usable programmatically or by
 * class name from Kafka configs. Thread-safe once configured; tombstones ({@code null}) pass
 * through. The subject is {@code <topic>-key} or {@code <topic>-value}.
 *
 * <pre>{@code
 * Serde<SupportMessage> serde =
 *     SpecificAvroSerde.of(registry, SupportMessage.class, false, SerdeOptions.defaults());
 * }</pre>
 *
 * @param <T> the generated Avro record class
 */
public final class SpecificAvroSerde<T extends SpecificRecord> implements Serde<T> {

  /** Fully qualified class name of the Avro record (required when configured by class name). */
  public static final String SPECIFIC_TYPE_CONFIG = "smallfirst.avro.specific.type";

  /** Whether the serializer registers the record's schema (default true). */
  public static final String AUTO_REGISTER_SCHEMAS_CONFIG = "auto.register.schemas";

  /** Whether the serializer writes with the subject's latest version (default false). */
  public static final String USE_LATEST_VERSION_CONFIG = "use.latest.version";

  private final SpecificAvroSerializer<T> serializer;
  private final SpecificAvroDeserializer<T> deserializer;
  private SchemaRegistryClient ownedClient; // guarded by this

  /** For Kafka's instantiation by class name; {@link #configure} must follow. */
  public SpecificAvroSerde() {
    this.serializer = new SpecificAvroSerializer<>();
    this.deserializer = new SpecificAvroDeserializer<>();
  }

  private SpecificAvroSerde(SerdeSetup<T> setup) {
    this.serializer = new SpecificAvroSerializer<>(setup);
    this.deserializer = new SpecificAvroDeserializer<>(setup);
  }

  /** A serde using {@code client}, which the caller keeps and closes. */
  public static <T extends SpecificRecord> SpecificAvroSerde<T> of(
      SchemaRegistryClient client, Class<T> type, boolean isKey, SerdeOptions options) {
    return new SpecificAvroSerde<>(SerdeSetup.of(client, type, isKey, options, false));
  }

  /**
   * Reads the registry settings, {@link #SPECIFIC_TYPE_CONFIG} and the options, with one registry
   * client for both directions; ignored when the serde was built with {@link #of}.
   */
  @Override
  @SuppressWarnings("unchecked")
  public synchronized void configure(Map<String, ?> configs, boolean isKey) {
    if (serializer.isConfigured()) {
      return;
    }
    SerdeSetup<T> setup = (SerdeSetup<T>) SerdeSetup.fromConfigs(configs, isKey);
    ownedClient = setup.client();
    serializer.init(setup.sharingClient());
    deserializer.init(setup.sharingClient());
  }

  @Override
  public Serializer<T> serializer() {
    return serializer;
  }

  @Override
  public Deserializer<T> deserializer() {
    return deserializer;
  }

  /** Closes the registry clients this serde or its parts created. */
  @Override
  public synchronized void close() {
    serializer.close();
    deserializer.close();
    if (ownedClient != null) {
      ownedClient.close();
    }
  }
}
