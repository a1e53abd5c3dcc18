package dev.smallfirst.runtime.kafka;

import dev.smallfirst.runtime.http.StatusServer.Probe;
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
 * status.health(() -> KafkaThreads.health(loop.state() == LoopState.FAILED, loop.state().name(),
 *     List.of("worker-1-producer")));
 * }</pre>
 */
public final class KafkaThreads {
  /** The name Kafka gives a producer's I/O thread, before {@code " | <client.id>"}. */
  static final String PRODUCER_THREAD = "kafka-producer-network-thread";

  private KafkaThreads() {}

  /**
   * Liveness of a poll loop and its producers: dead when the loop failed or a producer's I/O thread
   * is gone.
   *
   * @param state the loop's state, for the body
   */
  public static Probe health(boolean failed, String state, Collection<String> producerClientIds) {
    if (failed) {
      return new Probe(false, "dead: the loop " + state);
    }
    List<String> dead = deadProducers(producerClientIds);
    return dead.isEmpty()
        ? new Probe(true, "ok")
        : new Probe(false, "dead: the I/O thread of producer " + dead + " died");
  }

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
