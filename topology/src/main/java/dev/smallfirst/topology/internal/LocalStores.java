package dev.smallfirst.topology.internal;

import dev.smallfirst.records.state.AggregateState;
import dev.smallfirst.topology.kafka.Names;
import java.time.Instant;
import org.apache.kafka.streams.processor.api.ProcessingContext;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.WindowStore;
import org.apache.kafka.streams.state.WindowStoreIterator;

/**
 * The two local stores every processor of the message life cycle shares: in-flight messages by
 * message id, and recently answered message ids (a window store, so ids expire by themselves after
 * the dedupe window). Not thread-safe: one per processor instance.
 */
public final class LocalStores {
  private final KeyValueStore<String, AggregateState> inflight;
  private final WindowStore<String, Long> answered;

  private LocalStores(
      KeyValueStore<String, AggregateState> inflight, WindowStore<String, Long> answered) {
    this.inflight = inflight;
    this.answered = answered;
  }

  /** The stores as seen by the processor owning {@code context}. */
  public static LocalStores of(ProcessingContext context) {
    return new LocalStores(
        context.getStateStore(Names.INFLIGHT_STORE), context.getStateStore(Names.ANSWERED_STORE));
  }

  public KeyValueStore<String, AggregateState> inflight() {
    return inflight;
  }

  /** True when {@code messageId} is in flight or was answered within the dedupe window. */
  public boolean known(String messageId) {
    return inflight.get(messageId) != null || answered(messageId);
  }

  /** True when {@code messageId} was answered within the dedupe window. */
  public boolean answered(String messageId) {
    try (WindowStoreIterator<Long> hits =
        answered.fetch(messageId, Instant.EPOCH, Instant.ofEpochMilli(Long.MAX_VALUE / 2))) {
      return hits.hasNext();
    }
  }

  /** Records that {@code messageId} is answered and forgets its in-flight state. */
  public void markAnswered(String messageId, Instant now) {
    inflight.delete(messageId);
    answered.put(messageId, now.toEpochMilli(), now.toEpochMilli());
  }
}
