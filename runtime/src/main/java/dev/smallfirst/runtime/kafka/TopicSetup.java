package dev.smallfirst.runtime.kafka;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates a deployable's topics when absent and describes them; every Admin call waits at most 60
 * s. Stateless.
 *
 * <pre>{@code
 * TopicSetup.create(admin, List.of(
 *     TopicSetup.plain("requests", 6, (short) 3),
 *     TopicSetup.deadLetters("support.dlq", 6, (short) 3)));
 * }</pre>
 */
public final class TopicSetup {
  private static final Logger log = LoggerFactory.getLogger(TopicSetup.class);
  private static final long TIMEOUT_SECONDS = 60;
  private static final Duration DEAD_LETTER_RETENTION = Duration.ofDays(30);

  private TopicSetup() {}

  /** A topic with default configuration. */
  public static NewTopic plain(String name, int partitions, short replication) {
    return new NewTopic(name, partitions, replication);
  }

  /** The dead-letter topic: kept 30 days. */
  public static NewTopic deadLetters(String name, int partitions, short replication) {
    return new NewTopic(name, partitions, replication)
        .configs(
            Map.of(
                TopicConfig.RETENTION_MS_CONFIG, String.valueOf(DEAD_LETTER_RETENTION.toMillis())));
  }

  /** Plain topics except {@code deadLetters}, which gets the dead-letter retention. */
  public static List<NewTopic> withDeadLetters(
      Collection<String> names, String deadLetters, int partitions, short replication) {
    return names.stream()
        .map(
            n ->
                n.equals(deadLetters)
                    ? deadLetters(n, partitions, replication)
                    : plain(n, partitions, replication))
        .toList();
  }

  /** Creates each of {@code wanted} that does not exist yet. */
  public static void create(Admin admin, Collection<NewTopic> wanted) {
    for (var entry : admin.createTopics(wanted).values().entrySet()) {
      try {
        await(entry.getValue(), "answer topic creation");
        log.info("created topic {}", entry.getKey());
      } catch (ExecutionException e) {
        if (!(e.getCause() instanceof TopicExistsException)) {
          throw new IllegalStateException(
              "cannot create topic " + entry.getKey() + ": " + e.getCause().getMessage(),
              e.getCause());
        }
      }
    }
  }

  /**
   * The partition count of each of {@code topics}, sorted by name. A topic created a moment ago may
   * not be in the answering broker's metadata yet, so "unknown topic" is retried with a growing
   * pause until the 60 s limit; any other error fails at once.
   */
  public static Map<String, Integer> partitionCounts(Admin admin, Collection<String> topics) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(TIMEOUT_SECONDS);
    long pauseMillis = 50;
    while (true) {
      try {
        Map<String, Integer> counts = new TreeMap<>();
        await(admin.describeTopics(topics).allTopicNames(), "describe topics")
            .forEach((name, d) -> counts.put(name, d.partitions().size()));
        return counts;
      } catch (ExecutionException e) {
        if (!(e.getCause() instanceof UnknownTopicOrPartitionException)
            || System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(pauseMillis) > deadline) {
          throw new IllegalStateException(
              "cannot describe topics " + topics + ": " + e.getCause().getMessage(), e.getCause());
        }
      }
      pause(pauseMillis);
      pauseMillis = Math.min(pauseMillis * 2, 1_000);
    }
  }

  /** Backs off between two metadata requests (a bounded retry, not a wait for an event). */
  private static void pause(long millis) {
    try {
      TimeUnit.MILLISECONDS.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for topic metadata", e);
    }
  }

  private static <T> T await(KafkaFuture<T> future, String what) throws ExecutionException {
    try {
      return future.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for Kafka to " + what, e);
    } catch (TimeoutException e) {
      throw new IllegalStateException(
          "Kafka did not " + what + " within " + TIMEOUT_SECONDS + " s", e);
    }
  }
}
