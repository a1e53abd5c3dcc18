package dev.smallfirst.topology.kafka.internal;

import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.Configurable;
import org.apache.kafka.streams.errors.ErrorHandlerContext;

/** Base of the three dead-lettering Streams handlers: configured once from the Streams config. */
abstract class DeadLettering implements Configurable {
  /** Streams config key carrying the dead-letter topic's name to the handlers. */
  public static final String DLQ_TOPIC_CONFIG = DeadLetterHandlers.DLQ_TOPIC_CONFIG;

  private DeadLetterHandlers dlq;

  @Override
  public final void configure(Map<String, ?> configs) {
    dlq = DeadLetterHandlers.configure(configs);
  }

  /** The dead letter for the record of {@code context}, given up on by {@code component}. */
  final List<ProducerRecord<byte[], byte[]>> deadLetter(
      ErrorHandlerContext context, String component, Exception error) {
    return dlq.deadLetter(context, component, error);
  }

  /** Whether {@code topic} is the dead-letter topic itself. */
  final boolean isDeadLetterTopic(String topic) {
    return dlq.topic().equals(topic);
  }
}
