package dev.smallfirst.worker.kafka;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Creates the worker's topics (requests, results, dead letters) when they are absent. */
public final class TopicSetup {
  private static final Logger log = LoggerFactory.getLogger(TopicSetup.class);
  private static final long TIMEOUT_SECONDS = 60;

  private TopicSetup() {}

  /**
   * Creates each of {@code topics} that is missing with {@code partitions} partitions; the
   * dead-letter topic keeps 30 days.
   */
  public static void ensure(
      Admin admin, List<String> topics, String deadLetters, int partitions, short replication) {
    List<NewTopic> wanted =
        topics.stream()
            .map(
                name -> {
                  NewTopic t = new NewTopic(name, partitions, replication);
                  return name.equals(deadLetters)
                      ? t.configs(
                          Map.of(
                              TopicConfig.RETENTION_MS_CONFIG,
                              String.valueOf(TimeUnit.DAYS.toMillis(30))))
                      : t;
                })
            .toList();
    try {
      for (var entry : admin.createTopics(wanted).values().entrySet()) {
        try {
          entry.getValue().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
          log.info("created topic {}", entry.getKey());
        } catch (ExecutionException e) {
          if (!(e.getCause() instanceof TopicExistsException)) {
            throw new IllegalStateException(
                "cannot create topic " + entry.getKey() + ": " + e.getCause().getMessage(),
                e.getCause());
          }
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while creating topics", e);
    } catch (TimeoutException e) {
      throw new IllegalStateException(
          "Kafka did not answer topic creation within " + TIMEOUT_SECONDS + " s", e);
    }
  }
}
