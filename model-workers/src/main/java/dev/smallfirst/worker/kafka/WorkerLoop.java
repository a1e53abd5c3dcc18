package dev.smallfirst.worker.kafka;

import dev.smallfirst.models.ModelIdentity;
import dev.smallfirst.models.StageInput;
import dev.smallfirst.models.StageOutcome;
import dev.smallfirst.records.DeadLetter;
import dev.smallfirst.records.FailureCode;
import dev.smallfirst.records.Stage;
import dev.smallfirst.records.StageRequest;
import dev.smallfirst.records.StageResult;
import dev.smallfirst.runtime.kafka.AcknowledgedWriter;
import dev.smallfirst.runtime.kafka.LoopProcessor;
import dev.smallfirst.runtime.kafka.LoopState;
import dev.smallfirst.runtime.kafka.OutputWriter;
import dev.smallfirst.runtime.kafka.TransactionalLoop;
import dev.smallfirst.runtime.kafka.TransactionalWriter;
import dev.smallfirst.schemas.registry.SchemaRegistryClient;
import dev.smallfirst.schemas.serde.SerdeOptions;
import dev.smallfirst.schemas.serde.SpecificAvroSerde;
import dev.smallfirst.worker.batching.BatchOutcome;
import dev.smallfirst.worker.batching.InferencePool;
import dev.smallfirst.worker.batching.MicroBatcher;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.LongSupplier;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The worker's poll loop: read-process-write with micro-batching across polls. It owns the consumer
 * and the producer and runs on one thread.
 *
 * <ol>
 *   <li>Poll; decode each record into {@link Work} (a request, or a dead letter for bytes that are
 *       not one); queue it in the {@link MicroBatcher}.
 *   <li>Hand due batches to the {@link InferencePool}; batches stay in a FIFO in arrival order.
 *   <li>When the batches at the head of the FIFO are done, write their results and dead letters,
 *       then the consumed offsets, through the {@link OutputWriter} the settings choose: in one
 *       transaction ({@code sendOffsetsToTransaction} with the consumer's group metadata), or
 *       offsets committed once every output is acknowledged. Offsets never run ahead of the outputs
 *       of their records.
 *   <li>Any failed write is aborted; everything buffered is dropped and the consumer rewinds to the
 *       last committed offsets, so nothing is lost. Transactional writes never duplicate a result;
 *       acknowledged writes may repeat one after a failure or crash, which the topology ignores.
 * </ol>
 *
 * On revocation (cooperative rebalancing) the in-flight batches are finished and committed, and the
 * revoked partitions' waiting records are dropped for their next owner; on loss everything buffered
 * is dropped. {@link #stop()} finishes the in-flight batches within the shutdown timeout (else
 * abandons them uncommitted) and leaves waiting records to the next owner. A fenced producer is
 * fatal: the loop ends {@link LoopState#FAILED}. The poll, transaction and rebalance mechanics are
 * the runtime's {@link TransactionalLoop}; this class is its processor. Not thread-safe except
 * {@link #stop()}, {@link #state()} and {@link #hasPolled()}.
 */
public final class WorkerLoop implements Runnable, LoopProcessor {
  private static final Logger log = LoggerFactory.getLogger(WorkerLoop.class);
  private static final long MAX_POLL_WAIT_NANOS = TimeUnit.MILLISECONDS.toNanos(100);
  private static final Duration FIRST_BACKOFF = Duration.ofMillis(200);
  private static final Duration MAX_BACKOFF = Duration.ofSeconds(30);

  /**
   * What the loop needs to know. Immutable.
   *
   * @param requestTopic the stage's request topic
   * @param resultTopic the stage's result topic
   * @param deadLetterTopic where undecodable requests go
   * @param maxBatch most requests per forward batch
   * @param maxDelay longest a request waits for a batch to fill
   * @param maxBuffered records held (waiting or in flight) before the consumer pauses
   * @param skipExpired answer requests whose deadline has passed with DEADLINE_EXCEEDED instead of
   *     running the model
   * @param shutdownTimeout how long in-flight batches may take to finish at shutdown or revocation
   * @param transactional results and offsets in one transaction per batch ({@link
   *     TransactionalWriter}); otherwise offsets committed after every result is acknowledged
   *     ({@link AcknowledgedWriter}: at least once, for a reader that drops repeats)
   */
  public record Settings(
      String requestTopic,
      String resultTopic,
      String deadLetterTopic,
      int maxBatch,
      Duration maxDelay,
      int maxBuffered,
      boolean skipExpired,
      Duration shutdownTimeout,
      boolean transactional) {}

  /**
   * The loop's collaborators.
   *
   * @param consumer reads the request topic; read_committed, no auto-commit
   * @param producer transactional; {@code initTransactions} is called by the loop
   * @param decoder turns records into work
   * @param results serializes results
   * @param deadLetters serializes dead letters
   * @param factory builds results
   * @param pool runs batches
   * @param metrics where measurements go
   */
  record Parts(
      Consumer<byte[], byte[]> consumer,
      Producer<byte[], byte[]> producer,
      RequestDecoder decoder,
      Serializer<StageResult> results,
      Serializer<DeadLetter> deadLetters,
      ResultFactory factory,
      InferencePool pool,
      WorkerMetrics metrics) {}

  private record InFlight(List<Work> items, CompletableFuture<BatchOutcome> future, int inputs) {
    boolean isDone() {
      return future == null || future.isDone();
    }
  }

  private final Settings settings;
  private final Parts parts;
  private final Consumer<byte[], byte[]> consumer;
  private final OutputWriter writer;
  private final TransactionalLoop loop;
  private volatile Thread thread; // set by start
  private final Clock clock;
  private final LongSupplier nanos;
  private final MicroBatcher<Work> batcher;
  private final OutputRecords outputs;
  private final ArrayDeque<InFlight> inflight = new ArrayDeque<>();
  private final Map<TopicPartition, Long> uncommittedFrom = new HashMap<>();
  private long backoffUntil;
  private Duration backoff = FIRST_BACKOFF;

  /**
   * A loop for {@code stage} answering with {@code pool}'s model; Avro serdes use {@code registry}.
   * Call {@link #run()} on a thread of its own.
   *
   * @param consumer reads the request topic: read_committed, auto-commit off, byte arrays
   * @param producer transactional ({@code transactional.id} set), byte arrays
   */
  public static WorkerLoop create(
      Settings settings,
      Consumer<byte[], byte[]> consumer,
      Producer<byte[], byte[]> producer,
      SchemaRegistryClient registry,
      Stage stage,
      ModelIdentity identity,
      String workerId,
      InferencePool pool,
      WorkerMetrics metrics,
      Clock clock,
      LongSupplier nanos) {
    SerdeOptions options = SerdeOptions.defaults();
    Parts parts =
        new Parts(
            consumer,
            producer,
            new RequestDecoder(
                SpecificAvroSerde.of(registry, StageRequest.class, false, options).deserializer(),
                stage,
                clock),
            SpecificAvroSerde.of(registry, StageResult.class, false, options).serializer(),
            SpecificAvroSerde.of(registry, DeadLetter.class, false, options).serializer(),
            new ResultFactory(identity, workerId, clock),
            pool,
            metrics);
    return new WorkerLoop(settings, parts, clock, nanos);
  }

  WorkerLoop(Settings settings, Parts parts, Clock clock, LongSupplier nanos) {
    this.settings = settings;
    this.parts = parts;
    this.consumer = parts.consumer();
    this.writer =
        settings.transactional()
            ? new TransactionalWriter(
                parts.producer(),
                consumer,
                "another worker with the same worker.id may have started")
            : new AcknowledgedWriter(parts.producer(), consumer);
    if (writer instanceof TransactionalWriter transactional) {
      parts.metrics().bindTimeouts(transactional);
    }
    this.loop =
        new TransactionalLoop(
            "worker",
            consumer,
            parts.producer(),
            List.of(settings.requestTopic()),
            this,
            settings.transactional());
    this.clock = clock;
    this.nanos = nanos;
    this.batcher =
        new MicroBatcher<>(
            settings.maxBatch(), settings.maxDelay().toNanos(), Work::needsInference);
    this.outputs = new OutputRecords(settings, parts, nanos, clock);
    this.backoffUntil = nanos.getAsLong();
  }

  @Override
  public void run() {
    log.info("consuming {} -> {}", settings.requestTopic(), settings.resultTopic());
    loop.run();
  }

  /** Runs the loop on a thread of its own, named {@code threadName}; call once. */
  public void start(String threadName) {
    Thread t = new Thread(this, threadName);
    thread = t;
    t.start();
  }

  /** Blocks until the thread {@link #start} began has ended. */
  public void join() throws InterruptedException {
    thread.join();
  }

  /** Asks the loop to finish its in-flight batches and stop; returns at once. */
  public void stop() {
    loop.stop();
  }

  /** Waits until the loop has ended; true when it did within {@code timeout}. */
  public boolean awaitStopped(Duration timeout) throws InterruptedException {
    return loop.awaitStopped(timeout);
  }

  public LoopState state() {
    return loop.state();
  }

  /** Why the loop failed, if it did. */
  public Optional<Throwable> failure() {
    return loop.failure();
  }

  /** Whether the consumer has polled at least once (it has joined or is joining the group). */
  public boolean hasPolled() {
    return loop.hasPolled();
  }

  /** How many partitions the loop holds now; thread-safe. */
  public int assignedPartitions() {
    return loop.assignedPartitions();
  }

  // --- the loop --------------------------------------------------------------------------------

  @Override
  public Duration pollTimeout() {
    return Duration.ofNanos(pollTimeoutNanos(nanos.getAsLong()));
  }

  @Override
  public boolean full() {
    return buffered() >= settings.maxBuffered() || nanos.getAsLong() < backoffUntil;
  }

  @Override
  public void process(ConsumerRecords<byte[], byte[]> records) {
    long polledAt = nanos.getAsLong();
    try {
      for (ConsumerRecord<byte[], byte[]> r : records) {
        uncommittedFrom.putIfAbsent(new TopicPartition(r.topic(), r.partition()), r.offset());
        batcher.add(parts.decoder().decode(r, polledAt), polledAt);
      }
    } catch (SerializationException e) {
      // The registry is unreachable: not the records' fault, so retry them rather than dead-letter.
      rewind("cannot decode requests (" + e.getMessage() + ")", true);
      return;
    }
    dispatchDue(nanos.getAsLong());
    commitCompleted();
    parts.metrics().buffered(buffered());
  }

  private long pollTimeoutNanos(long now) {
    long t = Math.min(batcher.nanosUntilDue(now), MAX_POLL_WAIT_NANOS);
    if (now < backoffUntil) {
      t = Math.min(t, backoffUntil - now);
    }
    return Math.max(0, t);
  }

  private void dispatchDue(long now) {
    for (Optional<List<Work>> due = batcher.poll(now); due.isPresent(); due = batcher.poll(now)) {
      List<Work> items = settings.skipExpired() ? expire(due.get()) : due.get();
      List<StageInput> inputs = new ArrayList<>();
      for (Work w : items) {
        if (w instanceof Work.Infer i) {
          inputs.add(
              new StageInput(
                  i.request().getText(),
                  Optional.ofNullable(i.request().getContext()),
                  i.request().getTenantId()));
        }
      }
      CompletableFuture<BatchOutcome> future = null;
      if (!inputs.isEmpty()) {
        future = parts.pool().submit(inputs);
        future.whenComplete((outcome, error) -> loop.wakeup());
      }
      inflight.addLast(new InFlight(items, future, inputs.size()));
    }
  }

  private List<Work> expire(List<Work> items) {
    Instant now = clock.instant();
    List<Work> out = new ArrayList<>(items.size());
    for (Work w : items) {
      if (w instanceof Work.Infer i && i.request().getDeadline().isBefore(now)) {
        out.add(
            new Work.Answered(
                i.partition(),
                i.offset(),
                i.polledNanos(),
                i.request(),
                i.trace(),
                new StageOutcome.Failed(
                    FailureCode.DEADLINE_EXCEEDED,
                    "deadline "
                        + i.request().getDeadline()
                        + " had passed when the request reached the model; not run",
                    false)));
      } else {
        out.add(w);
      }
    }
    return out;
  }

  private void commitCompleted() {
    List<InFlight> done = new ArrayList<>();
    while (!inflight.isEmpty() && inflight.peekFirst().isDone()) {
      done.add(inflight.pollFirst());
    }
    if (!done.isEmpty()) {
      commit(done);
    }
  }

  /** Writes the outputs and offsets of {@code done} in one transaction. */
  private void commit(List<InFlight> done) {
    List<ProducerRecord<byte[], byte[]>> out = new ArrayList<>();
    Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
    List<Runnable> onCommit = new ArrayList<>();
    try {
      for (InFlight batch : done) {
        BatchOutcome outcome = batch.future() == null ? null : batch.future().join();
        if (outcome != null) {
          parts.metrics().batch(batch.inputs(), outcome.inferenceNanos());
        }
        int k = 0;
        for (Work w : batch.items()) {
          out.add(outputs.output(w, outcome, outcome == null ? -1 : k, batch.inputs(), onCommit));
          if (w instanceof Work.Infer) {
            k++;
          }
          offsets.merge(
              w.partition(),
              new OffsetAndMetadata(w.offset() + 1),
              (a, b) -> a.offset() >= b.offset() ? a : b);
        }
      }
    } catch (SerializationException e) {
      rewind("cannot serialize results (" + e.getMessage() + ")", true);
      return;
    } catch (CancellationException | java.util.concurrent.CompletionException e) {
      throw new IllegalStateException("an inference batch ended without outcomes: " + e, e);
    }
    if (writer.write(out, offsets) == OutputWriter.Outcome.ABORTED) {
      parts.metrics().aborted();
      rewind(settings.transactional() ? "transaction aborted" : "write not confirmed", true);
      return;
    }
    parts.metrics().committed();
    backoff = FIRST_BACKOFF;
    offsets.forEach((tp, o) -> uncommittedFrom.put(tp, o.offset()));
    onCommit.forEach(Runnable::run);
  }

  // --- failure, rebalance and shutdown ----------------------------------------------------------

  /** Drops everything buffered and seeks back to the last committed offsets. */
  private void rewind(String reason, boolean withBackoff) {
    log.warn(
        "{}; dropping {} buffered records and rewinding {} to the last committed offsets",
        reason,
        buffered(),
        consumer.assignment());
    discardAll();
    for (TopicPartition tp : consumer.assignment()) {
      Long from = uncommittedFrom.get(tp);
      if (from != null) {
        consumer.seek(tp, from);
      }
    }
    if (withBackoff) {
      backoffUntil = nanos.getAsLong() + backoff.toNanos();
      backoff =
          backoff.multipliedBy(2).compareTo(MAX_BACKOFF) > 0
              ? MAX_BACKOFF
              : backoff.multipliedBy(2);
    }
  }

  private void discardAll() {
    for (InFlight f : inflight) {
      if (f.future() != null) {
        f.future().cancel(false);
      }
    }
    inflight.clear();
    batcher.clear();
  }

  private int buffered() {
    int n = batcher.size();
    for (InFlight f : inflight) {
      n += f.items().size();
    }
    return n;
  }

  /** Waits for every in-flight batch; false when one did not finish within {@code timeout}. */
  private boolean awaitInflight(Duration timeout) {
    long deadline = nanos.getAsLong() + timeout.toNanos();
    for (InFlight f : inflight) {
      if (f.future() == null) {
        continue;
      }
      try {
        f.future().get(Math.max(0, deadline - nanos.getAsLong()), TimeUnit.NANOSECONDS);
      } catch (TimeoutException | ExecutionException | CancellationException e) {
        return false;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return false;
      }
    }
    return true;
  }

  @Override
  public void onRevoked(Collection<TopicPartition> revoked, boolean failed) {
    log.info("finishing {} in-flight batches before revocation", inflight.size());
    if (failed) {
      discardAll();
    } else if (awaitInflight(settings.shutdownTimeout())) {
      commitCompleted();
    } else {
      rewind("in-flight batches did not finish before revocation", false);
    }
    batcher.removeIf(w -> revoked.contains(w.partition()));
    revoked.forEach(uncommittedFrom::remove);
  }

  @Override
  public void onLost(Collection<TopicPartition> lost) {
    log.warn("dropping {} buffered records", buffered());
    discardAll();
    Set<TopicPartition> kept = new HashSet<>(consumer.assignment());
    kept.removeAll(lost);
    for (TopicPartition tp : kept) {
      Long from = uncommittedFrom.get(tp);
      if (from != null) {
        consumer.seek(tp, from);
      }
    }
    lost.forEach(uncommittedFrom::remove);
  }

  @Override
  public void drain() {
    int waiting = batcher.size();
    if (awaitInflight(settings.shutdownTimeout())) {
      commitCompleted();
    } else {
      log.warn(
          "in-flight batches did not finish within {}; abandoning them uncommitted",
          settings.shutdownTimeout());
      discardAll();
    }
    batcher.clear();
    if (waiting > 0) {
      log.info("left {} waiting records uncommitted for the partitions' next owner", waiting);
    }
  }
}
