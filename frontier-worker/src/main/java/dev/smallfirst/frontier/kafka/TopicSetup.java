package dev.smallfirst.frontier.kafka;

import java.time.Duration;
import java.util.ArrayList;
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

/**
 * Creates the worker's topics when absent: the escalation topics and the dead-letter topic with the
 * deployment's partition count, and the spend ledger compacted on one partition (its old windows
 * deleted after three days).
 */
public final class TopicSetup {
  private static final Logger log = LoggerFactory.getLogger(TopicSetup.class);
  private static final long TIMEOUT_SECONDS = 60;
  static final Duration LEDGER_RETENTION = Duration.ofDays(3);

  private TopicSetup() {}

  /** Creates whichever of {@code dataTopics} and {@code ledgerTopic} do not exist. */
  public static void ensure(
      Admin admin, List<String> dataTopics, String ledgerTopic, int partitions, short replication) {
    List<NewTopic> wanted = new ArrayList<>();
    dataTopics.forEach(t -> wanted.add(new NewTopic(t, partitions, replication)));
    wanted.add(
        new NewTopic(ledgerTopic, 1, replication)
            .configs(
                Map.of(
                    TopicConfig.CLEANUP_POLICY_CONFIG,
                    TopicConfig.CLEANUP_POLICY_COMPACT + "," + TopicConfig.CLEANUP_POLICY_DELETE,
                    TopicConfig.RETENTION_MS_CONFIG,
                    String.valueOf(LEDGER_RETENTION.toMillis()))));
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
