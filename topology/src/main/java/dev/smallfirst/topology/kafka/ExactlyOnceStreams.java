package dev.smallfirst.topology.kafka;

import dev.smallfirst.topology.kafka.internal.DeadLetteringDeserializationHandler;
import dev.smallfirst.topology.kafka.internal.DeadLetteringProcessingHandler;
import dev.smallfirst.topology.kafka.internal.DeadLetteringProductionHandler;
import java.nio.file.Path;
import java.util.Properties;
import org.apache.kafka.streams.StreamsConfig;

/**
 * The Streams settings every smallfirst Streams application shares: exactly-once v2, the default
 * commit interval (the topology's {@code commit.interval.ms} replaces it), and the three
 * dead-lettering exception handlers writing to one dead-letter topic. Stateless.
 */
public final class ExactlyOnceStreams {
  /**
   * The default commit interval: each exactly-once hop waits half of it on average. Kafka Streams'
   * own default under exactly-once is 100 ms; a shorter one shortens the small path's three
   * topology hops for a few more transactions per second (README: Speed, for the measured trade).
   */
  public static final int COMMIT_INTERVAL_MS = 25;

  private ExactlyOnceStreams() {}

  /** The shared settings for application {@code applicationId}; callers add their own. */
  public static Properties properties(
      String applicationId, String bootstrapServers, Path stateDir, String deadLetterTopic) {
    Properties p = new Properties();
    p.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId);
    p.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    p.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
    p.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
    p.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, COMMIT_INTERVAL_MS);
    p.put(
        StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG,
        DeadLetteringDeserializationHandler.class);
    p.put(
        StreamsConfig.PROCESSING_EXCEPTION_HANDLER_CLASS_CONFIG,
        DeadLetteringProcessingHandler.class);
    p.put(
        StreamsConfig.PRODUCTION_EXCEPTION_HANDLER_CLASS_CONFIG,
        DeadLetteringProductionHandler.class);
    p.put(DeadLetteringProductionHandler.DLQ_TOPIC_CONFIG, deadLetterTopic);
    return p;
  }
}
