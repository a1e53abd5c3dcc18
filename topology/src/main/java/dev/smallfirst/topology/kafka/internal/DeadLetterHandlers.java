package dev.smallfirst.topology.kafka.internal;

import dev.smallfirst.records.DeadLetter;
import dev.smallfirst.schemas.registry.RegistrySettings;
import dev.smallfirst.schemas.registry.SchemaRegistryClient;
import dev.smallfirst.schemas.serde.SerdeOptions;
import dev.smallfirst.schemas.serde.SpecificAvroSerializer;
import dev.smallfirst.topology.dlq.DeadLetters;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the Streams error handlers share: turning the failing record's original bytes and
 * coordinates into a {@link DeadLetter} on the dead-letter topic. Configured from the Streams
 * config: {@value #DLQ_TOPIC_CONFIG} and the schema-registry keys.
 */
final class DeadLetterHandlers {
  /** Streams config key carrying the dead-letter topic's name to the handlers. */
  static final String DLQ_TOPIC_CONFIG = "smallfirst.dlq.topic";

  private static final Logger log = LoggerFactory.getLogger(DeadLetterHandlers.class);

  private final String topic;
  private final SpecificAvroSerializer<DeadLetter> serializer;

  private DeadLetterHandlers(String topic, SpecificAvroSerializer<DeadLetter> serializer) {
    this.topic = topic;
    this.serializer = serializer;
  }

  static DeadLetterHandlers configure(Map<String, ?> configs) {
    Object topic = configs.get(DLQ_TOPIC_CONFIG);
    if (topic == null) {
      throw new IllegalArgumentException(
          DLQ_TOPIC_CONFIG + ": required by the smallfirst error handlers");
    }
    SchemaRegistryClient registry =
        SchemaRegistryClient.create(RegistrySettings.fromConfig(configs));
    return new DeadLetterHandlers(
        topic.toString(),
        new SpecificAvroSerializer<>(registry, DeadLetter.class, false, SerdeOptions.defaults()));
  }

  /** The dead-letter record for the record described by {@code context}. */
  List<ProducerRecord<byte[], byte[]>> deadLetter(
      ErrorHandlerContext context, String component, Exception error) {
    log.error(
        "dead-lettering record at {}/{}@{} (processor {}): {}",
        context.topic(),
        context.partition(),
        context.offset(),
        context.processorNodeId(),
        error.toString(),
        error);
    byte[] key = context.sourceRawKey();
    DeadLetter dl =
        DeadLetters.of(
            context.topic(),
            context.partition(),
            context.offset(),
            key,
            context.sourceRawValue(),
            context.headers(),
            component,
            null,
            null,
            error,
            null,
            Instant.now());
    return List.of(new ProducerRecord<>(topic, null, key, serializer.serialize(topic, dl)));
  }

  String topic() {
    return topic;
  }

  static String describe(ErrorHandlerContext c) {
    return c.topic() + "/" + c.partition() + "@" + c.offset();
  }
}
