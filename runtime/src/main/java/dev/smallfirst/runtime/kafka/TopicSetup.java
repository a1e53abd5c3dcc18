package dev.smallfirst.runtime.kafka;

import dev.smallfirst.runtime.config.ConfigException;
import dev.smallfirst.runtime.config.ConfigSource;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
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
 * s. Topics are created with {@code min.insync.replicas} 2 when replicated three times or more (1
 * below), so production defaults (replication factor 3) survive one broker down without losing an
 * acknowledged write; a replication factor above the cluster's broker count fails with a message
 * naming {@value #REPLICATION_KEY} and the dev override. Stateless.
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

  /** The setting of the replication factor of created topics, named in errors. */
  public static final String REPLICATION_KEY = "topic.replication.factor";

  /** The production default replication factor of created topics. */
  public static final short DEFAULT_REPLICATION = 3;

  private TopicSetup() {}

  /** The replication factor of created topics: {@value #REPLICATION_KEY}, default 3. */
  public static short replicationFactor(ConfigSource c) {
    return (short) c.integer(REPLICATION_KEY, DEFAULT_REPLICATION, 1, 32);
  }

  /** The {@code min.insync.replicas} a topic replicated {@code replication} times gets. */
  public static int minInsyncReplicas(short replication) {
    return replication >= 3 ? 2 : 1;
  }

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

  /**
   * Creates each of {@code wanted} that does not exist yet.
   *
   * @throws dev.smallfirst.runtime.config.ConfigException when a missing topic's replication factor
   *     exceeds the brokers the cluster has
   */
  public static void create(Admin admin, Collection<NewTopic> wanted) {
    List<NewTopic> missing = missing(admin, wanted);
    if (missing.isEmpty()) {
      return;
    }
    requireEnoughBrokers(admin, missing);
    for (var entry :
        admin
            .createTopics(missing.stream().map(TopicSetup::withMinIsr).toList())
            .values()
            .entrySet()) {
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

  private static List<NewTopic> missing(Admin admin, Collection<NewTopic> wanted) {
    try {
      Set<String> existing = await(admin.listTopics().names(), "list topics");
      return wanted.stream().filter(t -> !existing.contains(t.name())).toList();
    } catch (ExecutionException e) {
      throw new IllegalStateException("cannot list topics: " + e.getCause().getMessage(), e);
    }
  }

  private static void requireEnoughBrokers(Admin admin, List<NewTopic> missing) {
    int brokers;
    try {
      brokers = await(admin.describeCluster().nodes(), "describe the cluster").size();
    } catch (ExecutionException e) {
      throw new IllegalStateException(
          "cannot describe the cluster: " + e.getCause().getMessage(), e);
    }
    int wanted = missing.stream().mapToInt(NewTopic::replicationFactor).max().orElse(1);
    if (wanted > brokers) {
      throw new ConfigException(
          REPLICATION_KEY,
          "topics "
              + missing.stream().map(NewTopic::name).toList()
              + " need "
              + wanted
              + " replicas but the cluster has "
              + brokers
              + (brokers == 1 ? " broker" : " brokers")
              + "; on a development cluster set "
              + REPLICATION_KEY
              + "="
              + brokers
              + " (environment "
              + ConfigSource.envName(REPLICATION_KEY)
              + ")");
    }
  }

  private static NewTopic withMinIsr(NewTopic topic) {
    Map<String, String> configs =
        new HashMap<>(topic.configs() == null ? Map.of() : topic.configs());
    configs.putIfAbsent(
        TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG,
        String.valueOf(minInsyncReplicas(topic.replicationFactor())));
    return new NewTopic(topic.name(), topic.numPartitions(), topic.replicationFactor())
        .configs(configs);
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
