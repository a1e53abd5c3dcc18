package dev.smallfirst.frontier.kafka;

import dev.smallfirst.frontier.budget.BudgetGuard;
import dev.smallfirst.frontier.budget.SpendLedger;
import dev.smallfirst.frontier.polish.Polisher;
import dev.smallfirst.frontier.polish.Results;
import dev.smallfirst.frontier.status.FrontierMetrics;
import dev.smallfirst.records.EscalationRequest;
import dev.smallfirst.records.EscalationResult;
import dev.smallfirst.runtime.kafka.DeadLetterBuilder;
import dev.smallfirst.runtime.kafka.LoopProcessor;
import dev.smallfirst.runtime.kafka.LoopState;
import dev.smallfirst.runtime.kafka.TransactionalLoop;
import dev.smallfirst.runtime.kafka.Transient;
import dev.smallfirst.schemas.topics.TopicNames;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The worker's exactly-once read-process-write loop. One thread polls {@code support.escalations}
 * and hands each request to a call thread, so many provider calls are in flight at once (bounded by
 * pausing the consumer at {@code maxInflight}); every {@code commitInterval} one transaction writes
 * the results of each partition's finished prefix, the dead letters, the changed budget totals and
 * the consumed offsets. After a crash, uncommitted escalations are processed again, and a
 * read_committed consumer sees each result once. Polling, pausing and rebalances are the runtime's
 * {@link TransactionalLoop}; this class is its processor. Not thread-safe except {@link #close()}.
 */
public final class EscalationLoop implements AutoCloseable, LoopProcessor {
  private static final Logger log = LoggerFactory.getLogger(EscalationLoop.class);
  private static final Duration IDLE_POLL = Duration.ofMillis(200);
  private static final Duration BUSY_POLL = Duration.ofMillis(10);

  /** Tuning of the loop. */
  public record Tuning(int maxInflight, Duration commitInterval, Duration shutdownGrace) {}

  /**
   * The collaborators every transaction writes through: the serdes and topics of the worker's
   * records, the budget whose changed totals go to the spend ledger, and the metrics.
   */
  public record Wiring(
      FrontierSerdes serdes,
      BudgetGuard budget,
      SpendLedger ledger,
      FrontierMetrics metrics,
      TopicNames topics) {}

  private final Consumer<byte[], byte[]> consumer;
  private final Transactions transactions;
  private final FrontierSerdes serdes;
  private final Polisher polisher;
  // One virtual thread per escalation; the loop shuts it down when it ends (release()).
  private final ExecutorService calls =
      Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("frontier-call-", 0).factory());
  private final Tuning tuning;
  private final Clock clock;
  private final InflightTracker tracker = new InflightTracker();
  private final AtomicReference<Throwable> callThreadError = new AtomicReference<>();
  private final TransactionalLoop loop;
  private long lastCommitNanos = System.nanoTime();
  private Thread thread;

  /**
   * @param producer a transactional producer on which {@code initTransactions()} already ran
   * @param polisher runs on a call thread of its own per escalation
   */
  public EscalationLoop(
      Consumer<byte[], byte[]> consumer,
      Producer<byte[], byte[]> producer,
      Wiring wiring,
      Polisher polisher,
      Tuning tuning,
      Clock clock) {
    this.consumer = consumer;
    this.serdes = wiring.serdes();
    this.polisher = polisher;
    this.tuning = tuning;
    this.clock = clock;
    this.transactions = new Transactions(producer, consumer, wiring, tracker);
    TopicNames topics = wiring.topics();
    this.loop =
        new TransactionalLoop(
            "frontier", consumer, producer, List.of(topics.escalations()), this, false);
    wiring.metrics().bindInflight(() -> tracker.size() + transactions.pendingRecords());
    log.info(
        "will poll {} (up to {} escalations in flight)",
        topics.escalations(),
        tuning.maxInflight());
  }

  /** Starts polling in a thread of its own. */
  public void start() {
    thread = new Thread(loop, "frontier-loop");
    thread.start();
  }

  public LoopState state() {
    return loop.state();
  }

  /** How many partitions the loop holds now; thread-safe. */
  public int assignedPartitions() {
    return loop.assignedPartitions();
  }

  /** Blocks until the loop has stopped; returns whether it failed. */
  public boolean awaitTermination() throws InterruptedException {
    loop.awaitStopped();
    return loop.state() == LoopState.FAILED;
  }

  @Override
  public Duration pollTimeout() {
    return tracker.isEmpty() ? IDLE_POLL : BUSY_POLL;
  }

  @Override
  public boolean full() {
    return tracker.size() + transactions.pendingRecords() >= tuning.maxInflight();
  }

  @Override
  public void process(ConsumerRecords<byte[], byte[]> records) {
    for (ConsumerRecord<byte[], byte[]> r : records) {
      accept(r);
    }
    Throwable fatal = callThreadError.get();
    if (fatal != null) {
      // An Error in a call thread would leave its slot unfinished and stall the partition.
      throw new IllegalStateException("a call thread died: " + fatal, fatal);
    }
    commitIfDue();
  }

  /** Stops taking new work, lets calls in flight finish within the grace period, commits. */
  @Override
  public void drain() {
    consumer.pause(consumer.assignment());
    long deadline = System.nanoTime() + tuning.shutdownGrace().toNanos();
    while (!tracker.isEmpty() && System.nanoTime() < deadline) {
      consumer.poll(BUSY_POLL); // keeps the group membership while calls finish
      commitIfDue();
    }
    transactions.commit();
    if (!tracker.isEmpty()) {
      log.info(
          "{} escalations still in flight at shutdown; the next owner redoes them", tracker.size());
    }
  }

  private void accept(ConsumerRecord<byte[], byte[]> r) {
    InflightTracker.Slot slot = tracker.add(r);
    EscalationRequest request;
    try {
      request = serdes.requests().deserialize(r.topic(), r.headers(), r.value());
      if (request == null) {
        throw new IllegalArgumentException("escalation record has no value");
      }
    } catch (RuntimeException e) {
      if (Transient.isRegistryOutage(e)) {
        throw e; // good data met at a bad time: never dead-lettered; the loop stops, uncommitted
      }
      log.warn(
          "dead-lettering undecodable escalation {}-{}@{}: {}",
          r.topic(),
          r.partition(),
          r.offset(),
          e.toString());
      slot.complete(
          List.of(
              new Output.Dead(
                  r.key(),
                  DeadLetterBuilder.of(r, "frontier.decode", null, null, e, clock.instant()))));
      return;
    }
    slot.runningAs(
        calls.submit(
            () -> {
              try {
                slot.complete(handle(r, request));
              } catch (Error e) {
                callThreadError.compareAndSet(null, e);
                throw e;
              }
            }));
  }

  private List<Output> handle(ConsumerRecord<byte[], byte[]> r, EscalationRequest request) {
    byte[] key = r.key() != null ? r.key() : request.getTicketId().getBytes(StandardCharsets.UTF_8);
    try {
      return List.of(new Output.Reply(key, polisher.polish(request)));
    } catch (RuntimeException e) {
      log.error(
          "escalation {}-{}@{} (message {}) failed inside the worker; dead-lettering it and"
              + " falling back",
          r.topic(),
          r.partition(),
          r.offset(),
          request.getMessageId(),
          e);
      EscalationResult fallback =
          Results.internalError(request, polisher.provider(), e, clock.instant());
      return List.of(
          new Output.Dead(
              key,
              DeadLetterBuilder.of(
                  r, "frontier.polish", null, request.getMessageId(), e, clock.instant())),
          new Output.Reply(key, fallback));
    }
  }

  /**
   * Commits every commit interval, or after a tenth of it while the in-flight window is full (so
   * that a burst is not throttled to one window per interval).
   */
  private void commitIfDue() {
    long elapsed = System.nanoTime() - lastCommitNanos;
    long interval = tuning.commitInterval().toNanos();
    if (elapsed >= interval || (full() && elapsed >= interval / 10)) {
      lastCommitNanos = System.nanoTime();
      transactions.commit();
    }
  }

  /** Commits what is finished before partitions go; forgets (and cancels) the rest. */
  @Override
  public void onRevoked(Collection<TopicPartition> partitions, boolean failed) {
    if (!failed) {
      transactions.commit();
      transactions.forgetPendingBeforeRevocation();
    }
    tracker.drop(partitions);
  }

  @Override
  public void onLost(Collection<TopicPartition> partitions) {
    tracker.drop(new ArrayList<>(partitions));
  }

  /** The loop ended: stop the calls still running (their escalations are redone). */
  @Override
  public void release() {
    calls.shutdownNow();
  }

  /** Stops polling, lets in-flight calls finish within the grace period, commits, closes. */
  @Override
  public void close() {
    loop.stop();
    if (thread != null && thread.isAlive()) {
      try {
        thread.join(tuning.shutdownGrace().plusSeconds(30).toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
