package dev.smallfirst.topology.kafka;

import dev.smallfirst.runtime.kafka.TopicSetup;
import dev.smallfirst.schemas.topics.TopicNames;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;

/**
 * Creates the pipeline's topics when absent and checks, before the topology starts, that the topics
 * meeting in the in-flight store have equal partition counts (otherwise a message and its results
 * could land in different tasks and never meet). The Admin calls are the runtime's {@link
 * TopicSetup}.
 */
public final class TopicLayout {

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
        wanted.add(TopicSetup.deadLetters(name, partitions, replication));
      } else {
        wanted.add(TopicSetup.plain(name, partitions, replication));
      }
    }
    TopicSetup.create(admin, wanted);
  }

  /**
   * Fails with a message listing every count when {@code coPartitioned} topics differ in
   * partitions.
   */
  public static void requireEqualPartitions(Admin admin, List<String> coPartitioned) {
    Map<String, Integer> counts = TopicSetup.partitionCounts(admin, coPartitioned);
    if (counts.values().stream().distinct().count() > 1) {
      throw new IllegalStateException(
          "refusing to start: topics that meet in the in-flight store must have the same number of partitions, but "
              + counts
              + "; repartition them (kafka-topics --alter --partitions N) to one count");
    }
  }
}
