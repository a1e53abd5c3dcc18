package dev.smallfirst.worker.kafka;

import dev.smallfirst.models.StageOutcome;
import dev.smallfirst.records.StageRequest;
import dev.smallfirst.records.StageResult;
import dev.smallfirst.runtime.trace.HopStamps;
import dev.smallfirst.worker.batching.BatchOutcome;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.function.LongSupplier;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns finished {@link Work} into the records of the worker's transaction: a result keyed by
 * ticket id carrying the request's trace headers (plus the batch's {@link HopStamps}), or a dead
 * letter. Loop thread only.
 */
final class OutputRecords {
  // Logs under the loop's name, as before the split, so log settings keep applying.
  private static final Logger log = LoggerFactory.getLogger(WorkerLoop.class);

  private final WorkerLoop.Settings settings;
  private final WorkerLoop.Parts parts;
  private final LongSupplier nanos;
  private final Clock clock;

  OutputRecords(
      WorkerLoop.Settings settings, WorkerLoop.Parts parts, LongSupplier nanos, Clock clock) {
    this.settings = settings;
    this.parts = parts;
    this.nanos = nanos;
    this.clock = clock;
  }

  /**
   * The record for {@code w}; {@code onCommit} collects its metrics, counted once the transaction
   * commits.
   *
   * @param index its place among the batch's inference inputs, -1 when it had none
   */
  ProducerRecord<byte[], byte[]> output(
      Work w, BatchOutcome outcome, int index, int batchSize, List<Runnable> onCommit) {
    long now = nanos.getAsLong();
    long latency = now - w.polledNanos();
    return switch (w) {
      case Work.Poison p -> {
        onCommit.add(parts.metrics()::deadLettered);
        log.warn(
            "dead-lettering {}-{}@{}: {}",
            p.partition().topic(),
            p.partition().partition(),
            p.offset(),
            p.letter().getErrorMessage());
        yield new ProducerRecord<>(
            settings.deadLetterTopic(),
            null,
            p.letter().getKey() == null ? null : bytes(p.letter().getKey()),
            parts.deadLetters().serialize(settings.deadLetterTopic(), p.letter()));
      }
      case Work.Answered a -> result(a.request(), a.outcome(), a.trace(), latency, 0, 0, onCommit);
      case Work.Infer i -> {
        parts.metrics().queueWait(outcome.startedNanos() - i.polledNanos());
        yield result(
            i.request(),
            outcome.outcomes().get(index),
            stamped(i.trace(), outcome, now),
            latency,
            outcome.inferenceNanos() / 1_000,
            batchSize,
            onCommit);
      }
    };
  }

  private ProducerRecord<byte[], byte[]> result(
      StageRequest request,
      StageOutcome outcome,
      Headers trace,
      long latencyNanos,
      long inferenceMicros,
      int batchSize,
      List<Runnable> onCommit) {
    StageResult result =
        parts.factory().result(request, outcome, latencyNanos / 1_000, inferenceMicros, batchSize);
    if (outcome instanceof StageOutcome.Failed f) {
      onCommit.add(() -> parts.metrics().failed(f.code(), latencyNanos));
    } else {
      onCommit.add(() -> parts.metrics().answered(latencyNanos));
    }
    return new ProducerRecord<>(
        settings.resultTopic(),
        null,
        request.getTicketId().getBytes(StandardCharsets.UTF_8),
        parts.results().serialize(settings.resultTopic(), result),
        trace);
  }

  /**
   * A copy of {@code trace} with the batch's start and end as timing stamps: nano-clock instants
   * placed on the wall clock by their distance from {@code nowNanos}.
   */
  private Headers stamped(Headers trace, BatchOutcome outcome, long nowNanos) {
    long nowMicros = HopStamps.micros(clock.instant());
    long started = nowMicros - (nowNanos - outcome.startedNanos()) / 1_000;
    Headers out = new RecordHeaders(trace.toArray());
    HopStamps.stamp(out, HopStamps.WORKER_BATCH, started);
    return HopStamps.stamp(
        out, HopStamps.WORKER_INFERRED, started + outcome.inferenceNanos() / 1_000);
  }

  private static byte[] bytes(java.nio.ByteBuffer buffer) {
    java.nio.ByteBuffer b = buffer.duplicate();
    byte[] out = new byte[b.remaining()];
    b.get(out);
    return out;
  }
}
