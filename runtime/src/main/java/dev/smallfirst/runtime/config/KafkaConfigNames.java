package dev.smallfirst.runtime.config;

import java.util.Set;
import java.util.TreeSet;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;

/**
 * The allow-list of Kafka config names a deployable passes to its clients: a name counts when it is
 * one of {@link #names()}, or one of them behind a client prefix ({@code producer.}, {@code
 * consumer.}, and whatever prefixes the list was made with). Immutable.
 *
 * <pre>{@code
 * KafkaConfigNames streams = KafkaConfigNames.CLIENTS.and(StreamsConfig.configDef().names(),
 *     Set.of("main.consumer.", "restore.consumer.", "global.consumer.", "admin.", "topic."));
 * }</pre>
 */
public final class KafkaConfigNames {
  /**
   * Producer, consumer and admin client configs, also as {@code producer.x} and {@code consumer.x}.
   */
  public static final KafkaConfigNames CLIENTS =
      new KafkaConfigNames(clientNames(), Set.of("producer.", "consumer."));

  private final Set<String> names;
  private final Set<String> prefixes;

  private KafkaConfigNames(Set<String> names, Set<String> prefixes) {
    this.names = Set.copyOf(names);
    this.prefixes = Set.copyOf(prefixes);
  }

  /** These names and prefixes plus {@code moreNames} and {@code morePrefixes}. */
  public KafkaConfigNames and(Set<String> moreNames, Set<String> morePrefixes) {
    Set<String> n = new TreeSet<>(names);
    n.addAll(moreNames);
    Set<String> p = new TreeSet<>(prefixes);
    p.addAll(morePrefixes);
    return new KafkaConfigNames(n, p);
  }

  /** Whether {@code name} is a config name, or one behind a known prefix. */
  public boolean isKnown(String name) {
    if (names.contains(name)) {
      return true;
    }
    for (String prefix : prefixes) {
      if (name.startsWith(prefix) && names.contains(name.substring(prefix.length()))) {
        return true;
      }
    }
    return false;
  }

  /** The plain config names (without prefixes). */
  public Set<String> names() {
    return names;
  }

  private static Set<String> clientNames() {
    Set<String> all = new TreeSet<>(ProducerConfig.configNames());
    all.addAll(ConsumerConfig.configNames());
    all.addAll(AdminClientConfig.configNames());
    return all;
  }
}
