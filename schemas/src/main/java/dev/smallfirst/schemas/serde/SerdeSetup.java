package dev.smallfirst.schemas.serde;

import static dev.smallfirst.schemas.serde.SpecificAvroSerde.AUTO_REGISTER_SCHEMAS_CONFIG;
import static dev.smallfirst.schemas.serde.SpecificAvroSerde.SPECIFIC_TYPE_CONFIG;
import static dev.smallfirst.schemas.serde.SpecificAvroSerde.USE_LATEST_VERSION_CONFIG;

import dev.smallfirst.schemas.registry.RegistrySettings;
import dev.smallfirst.schemas.registry.SchemaRegistryClient;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;

/**
 * What a serializer or deserializer needs: registry client, record type and schema, key or value,
 * and options. Building one trusts the record's classes with Avro. Immutable.
 */
record SerdeSetup<T extends SpecificRecord>(
    SchemaRegistryClient client,
    Class<T> type,
    Schema schema,
    SpecificData data,
    boolean isKey,
    SerdeOptions options,
    boolean ownsClient) {

  static <T extends SpecificRecord> SerdeSetup<T> of(
      SchemaRegistryClient client,
      Class<T> type,
      boolean isKey,
      SerdeOptions options,
      boolean ownsClient) {
    Objects.requireNonNull(client, "client");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(options, "options");
    SpecificData data = SpecificData.getForClass(type);
    Schema schema = data.getSchema(type);
    AvroClassTrust.trust(type, schema);
    return new SerdeSetup<>(client, type, schema, data, isKey, options, ownsClient);
  }

  /** Reads the record type, options and registry settings; the client it creates is owned. */
  static SerdeSetup<? extends SpecificRecord> fromConfigs(Map<String, ?> configs, boolean isKey) {
    Class<? extends SpecificRecord> type = recordType(configs.get(SPECIFIC_TYPE_CONFIG));
    SerdeOptions options =
        new SerdeOptions(
            flag(configs, AUTO_REGISTER_SCHEMAS_CONFIG, true),
            flag(configs, USE_LATEST_VERSION_CONFIG, false));
    RegistrySettings settings = RegistrySettings.fromConfig(configs);
    return of(SchemaRegistryClient.create(settings), type, isKey, options, true);
  }

  /** The same setup, with the client owned by someone else (a serde sharing it). */
  SerdeSetup<T> sharingClient() {
    return new SerdeSetup<>(client, type, schema, data, isKey, options, false);
  }

  /** The TopicNameStrategy subject: {@code <topic>-key} or {@code <topic>-value}. */
  String subject(String topic) {
    if (topic == null || topic.isEmpty()) {
      throw new SerializationException(
          "A topic name is required to derive the subject for " + type.getName());
    }
    return topic + (isKey ? "-key" : "-value");
  }

  private static Class<? extends SpecificRecord> recordType(Object value) {
    if (value instanceof Class<?> type) {
      return asRecord(type);
    }
    if (!(value instanceof String name) || name.isBlank()) {
      throw new IllegalArgumentException(
          SPECIFIC_TYPE_CONFIG
              + ": required, the fully qualified Avro record class, e.g."
              + " dev.smallfirst.records.SupportMessage");
    }
    try {
      ClassLoader loader = Thread.currentThread().getContextClassLoader();
      return asRecord(
          Class.forName(
              name.strip(), true, loader == null ? SerdeSetup.class.getClassLoader() : loader));
    } catch (ClassNotFoundException e) {
      throw new IllegalArgumentException(
          SPECIFIC_TYPE_CONFIG + ": class '" + name.strip() + "' not found", e);
    }
  }

  private static Class<? extends SpecificRecord> asRecord(Class<?> type) {
    if (!SpecificRecord.class.isAssignableFrom(type)) {
      throw new IllegalArgumentException(
          SPECIFIC_TYPE_CONFIG + ": class '" + type.getName() + "' is not an Avro SpecificRecord");
    }
    return type.asSubclass(SpecificRecord.class);
  }

  private static boolean flag(Map<String, ?> configs, String key, boolean defaultValue) {
    Object value = configs.get(key);
    if (value == null) {
      return defaultValue;
    }
    if (value instanceof Boolean flag) {
      return flag;
    }
    String text = value.toString().strip().toLowerCase(Locale.ROOT);
    return switch (text) {
      case "true" -> true;
      case "false" -> false;
      default ->
          throw new IllegalArgumentException(key + ": must be true or false, got '" + value + "'");
    };
  }
}
