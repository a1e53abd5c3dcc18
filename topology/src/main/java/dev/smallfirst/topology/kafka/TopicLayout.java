package dev.smallfirst.topology.kafka;

import dev.smallfirst.schemas.topics.TopicNames;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates the pipeline's topics when absent and checks, before the topology starts, that the topics
 * meeting in the in-flight store have equal partition counts (otherwise a message and its results
 * could land in different tasks and never meet).
 */
public final class TopicLayout {
  private static final Logger log = LoggerFactory.getLogger(TopicLayout.class);
  private static final long TIMEOUT_SECONDS = 60;

  private TopicLayout() {}

  /**
   * Creates every missing topic of {@code topics}: {@code partitions} each; the policy topic
   * compacted with one.
   */
  public static void ensureTopics(
      Admin admin, TopicNames topics, int partitions, short replication) {
    List<NewTopic> wanted = new ArrayList<>();
    for (String name : topics.all()) {
      if (name.equals(topics.policy())) {
        wanted.add(
            new NewTopic(name, 1, replication)
                .configs(
                    Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT)));
      } else if (name.equals(topics.deadLetters())) {
        wanted.add(
            new NewTopic(name, partitions, replication)
                .configs(
                    Map.of(
                        TopicConfig.RETENTION_MS_CONFIG,
                        String.valueOf(TimeUnit.DAYS.toMillis(30)))));
      } else {
        wanted.add(new NewTopic(name, partitions, replication));
      }
    }
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

  /**
   * Fails with a message listing every count when {@code coPartitioned} topics differ in
   * partitions.
   */
  public static void requireEqualPartitions(Admin admin, List<String> coPartitioned) {
    Map<String, Integer> counts = new TreeMap<>();
    try {
      Map<String, TopicDescription> described =
          admin
              .describeTopics(coPartitioned)
              .allTopicNames()
              .get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
      described.forEach((name, d) -> counts.put(name, d.partitions().size()));
    } catch (ExecutionException e) {
      throw new IllegalStateException(
          "cannot describe topics " + coPartitioned + ": " + e.getCause().getMessage(),
          e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while describing topics", e);
    } catch (TimeoutException e) {
      throw new IllegalStateException(
          "Kafka did not describe topics within " + TIMEOUT_SECONDS + " s", e);
    }
    if (counts.values().stream().distinct().count() > 1) {
      throw new IllegalStateException(
          "refusing to start: topics that meet in the in-flight store must have the same number of partitions, but "
              + counts
              + "; repartition them (kafka-topics --alter --partitions N) to one count");
    }
  }
}
