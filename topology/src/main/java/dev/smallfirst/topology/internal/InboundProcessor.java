package dev.smallfirst.topology.internal;

import dev.smallfirst.records.Stage;
import dev.smallfirst.records.state.AggregateState;
import dev.smallfirst.runtime.kafka.Transient;
import dev.smallfirst.runtime.trace.HopStamps;
import dev.smallfirst.topology.dlq.DeadLetters;
import dev.smallfirst.topology.kafka.Names;
import dev.smallfirst.topology.kafka.TopologyMetrics;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.function.BiFunction;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.streams.processor.api.ContextualProcessor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Base of the processors that read a topic as raw bytes: it decodes each value, dead-letters what
 * cannot be decoded (with the original bytes and coordinates) and hands the rest to {@link
 * #process(Record, SpecificRecord)}. Decoding here rather than in the source keeps a poison record
 * from ever stalling a partition. It also opens the message life cycle's {@link LocalStores} and
 * carries out the {@link Transition}s its subclass computes, stamping what it forwards with the
 * cause's timing stamps plus {@link HopStamps#TOPOLOGY_IN} and {@link HopStamps#TOPOLOGY_OUT}.
 *
 * @param <V> the record type the topic carries
 */
public abstract class InboundProcessor<V>
    extends ContextualProcessor<String, byte[], String, SpecificRecord> {
  private static final Logger log = LoggerFactory.getLogger(InboundProcessor.class);

  private final Deserializer<V> deserializer;
  private final String component;
  protected final Clock clock;
  protected final TopologyMetrics metrics;
  private LocalStores stores;
  private Headers cause;
  private long causeInMicros;

  /**
   * @param inbound the topic's decoder, the clock and the metrics
   * @param component names the processor in dead letters and metrics
   */
  protected InboundProcessor(Inbound<V> inbound, String component) {
    this.deserializer = inbound.deserializer();
    this.component = component;
    this.clock = inbound.clock();
    this.metrics = inbound.metrics();
  }

  @Override
  public void init(ProcessorContext<String, SpecificRecord> context) {
    super.init(context);
    stores = LocalStores.of(context);
  }

  /** The life cycle's stores; available from {@link #init}. */
  protected final LocalStores stores() {
    return stores;
  }

  /**
   * For an answer about message {@code messageId}: carries out what {@code step} makes of its
   * in-flight state now; an answer for a message no longer (or never) in flight is only counted.
   */
  protected final void advance(
      String messageId, String ticketId, BiFunction<AggregateState, Instant, Transition> step) {
    AggregateState state = stores.inflight().get(messageId);
    if (state == null) {
      metrics.ignored(stores.answered(messageId) ? "late_result" : "unknown_message");
      return;
    }
    Instant now = clock.instant();
    apply(step.apply(state, now), messageId, ticketId, now);
  }

  /** Carries out {@code transition} for the message, or counts an ignored result. */
  protected final void apply(
      Transition transition, String messageId, String ticketId, Instant now) {
    switch (transition) {
      case Transition.Advanced t ->
          EffectApplier.apply(t, messageId, ticketId, context(), stores, metrics, now, trace());
      case Transition.Ignored i -> metrics.ignored("duplicate_result");
    }
  }

  /**
   * The timing stamps for what the current record causes: its own, then when the topology took it
   * up and now (about to forward).
   */
  protected final Headers trace() {
    Headers out = HopStamps.copy(cause);
    HopStamps.stamp(out, HopStamps.TOPOLOGY_IN, causeInMicros);
    return HopStamps.stamp(out, HopStamps.TOPOLOGY_OUT, HopStamps.micros(clock.instant()));
  }

  @Override
  public final void process(Record<String, byte[]> record) {
    cause = record.headers();
    causeInMicros = HopStamps.micros(clock.instant());
    Optional<RecordMetadata> where = context().recordMetadata();
    String topic = where.map(RecordMetadata::topic).orElse("unknown");
    V value;
    try {
      value = deserializer.deserialize(topic, record.headers(), record.value());
    } catch (SerializationException e) {
      if (Transient.isRegistryOutage(e)) {
        // Good data met at a bad time: fail the task, the thread is replaced after a pause and
        // the record is read again (ReplaceThenShutdownHandler), nothing goes to the DLQ.
        log.warn("schema registry unavailable at {}; retrying: {}", coordinates(), e.getMessage());
        throw e;
      }
      log.warn("dead-lettering undecodable record at {}: {}", coordinates(), e.getMessage());
      deadLetter(record, null, null, e, null);
      return;
    }
    if (value == null) {
      deadLetter(record, null, null, null, "tombstone (null value) where a record was expected");
      return;
    }
    process(record, value);
  }

  /** Handles one decoded record. */
  protected abstract void process(Record<String, byte[]> raw, V value);

  /** Sends the current record to the dead-letter topic. */
  protected final void deadLetter(
      Record<String, byte[]> raw, Stage stage, String messageId, Throwable error, String reason) {
    Optional<RecordMetadata> where = context().recordMetadata();
    context()
        .forward(
            new Record<String, SpecificRecord>(
                raw.key(),
                DeadLetters.of(
                    where.map(RecordMetadata::topic).orElse(null),
                    where.map(RecordMetadata::partition).orElse(-1),
                    where.map(RecordMetadata::offset).orElse(-1L),
                    raw.key() == null
                        ? null
                        : raw.key().getBytes(java.nio.charset.StandardCharsets.UTF_8),
                    raw.value(),
                    raw.headers(),
                    component,
                    stage,
                    messageId,
                    error,
                    reason,
                    clock.instant()),
                raw.timestamp()),
            Names.DLQ_SINK);
    metrics.deadLettered(component);
  }

  /** {@code topic/partition@offset} of the current record, for logs. */
  protected final String coordinates() {
    return context()
        .recordMetadata()
        .map(m -> m.topic() + "/" + m.partition() + "@" + m.offset())
        .orElse("(punctuation)");
  }
}
