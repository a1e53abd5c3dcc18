package dev.smallfirst.runtime.kafka;

import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Liveness of Kafka clients' own threads. A producer whose I/O thread died (an {@link Error} such
 * as a {@link StackOverflowError} in a callback) accepts sends that never leave, and nothing else
 * reports it: the status endpoint's {@code /health} asks here instead. Stateless and thread-safe.
 *
 * <pre>{@code
 * status.health(() -> KafkaThreads.deadProducers(List.of("worker-1-producer")).isEmpty() ? ...);
 * }</pre>
 */
public final class KafkaThreads {
  /** The name Kafka gives a producer's I/O thread, before {@code " | <client.id>"}. */
  static final String PRODUCER_THREAD = "kafka-producer-network-thread";

  private KafkaThreads() {}

  /** Those of {@code producerClientIds} whose I/O thread is not alive in this JVM, in order. */
  public static List<String> deadProducers(Collection<String> producerClientIds) {
    Set<String> alive =
        Thread.getAllStackTraces().keySet().stream()
            .filter(Thread::isAlive)
            .map(Thread::getName)
            .filter(n -> n.startsWith(PRODUCER_THREAD + " | "))
            .map(n -> n.substring(PRODUCER_THREAD.length() + 3))
            .collect(Collectors.toSet());
    return producerClientIds.stream().filter(id -> !alive.contains(id)).toList();
  }
}
