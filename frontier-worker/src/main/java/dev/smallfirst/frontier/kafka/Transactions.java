package dev.smallfirst.frontier.kafka;

import dev.smallfirst.frontier.budget.LedgerEntry;
import dev.smallfirst.runtime.kafka.TransactionalWriter;
import dev.smallfirst.schemas.topics.TopicNames;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes one transaction: the finished escalations' results and dead letters, the budget totals
 * that changed, and the consumed offsets. When encoding fails (the registry is unreachable) the
 * batch is kept and retried at the next commit, so no paid call is repeated; when Kafka aborts the
 * transaction the loop rewinds to the committed offsets; fencing is fatal (the runtime's {@link
 * TransactionalWriter} does the writing). Loop thread only.
 */
final class Transactions {
  private static final Logger log = LoggerFactory.getLogger(Transactions.class);

  private final EscalationLoop.Wiring wiring;
  private final InflightTracker tracker;
  private final TransactionalWriter writer;
  private InflightTracker.Ready pending; // drained but not yet committed, or null

  Transactions(
      Producer<byte[], byte[]> producer,
      Consumer<byte[], byte[]> consumer,
      EscalationLoop.Wiring wiring,
      InflightTracker tracker) {
    this.wiring = wiring;
    this.tracker = tracker;
    this.writer =
        new TransactionalWriter(
            producer, consumer, "another frontier worker with the same worker.id may have started");
    wiring.metrics().bindTimeouts(writer);
  }

  /** Records drained from the tracker whose commit is being retried. */
  int pendingRecords() {
    InflightTracker.Ready p = pending;
    return p == null ? 0 : p.records();
  }

  /** Commits everything finished so far; a no-op when nothing is. */
  void commit() {
    InflightTracker.Ready ready = merge(pending, tracker.drainReady());
    pending = null;
    List<LedgerEntry> spend = wiring.budget().drainDirty();
    if (ready.isEmpty() && spend.isEmpty()) {
      return;
    }
    List<ProducerRecord<byte[], byte[]>> records;
    try {
      records = encode(ready, spend);
    } catch (RuntimeException e) {
      log.warn(
          "cannot encode {} results yet, retrying at the next commit: {}",
          ready.records(),
          e.toString());
      pending = ready;
      wiring.budget().requeue(spend);
      return;
    }
    long start = System.nanoTime();
    if (writer.write(records, ready.offsets()) == TransactionalWriter.Outcome.ABORTED) {
      abortAndRewind(spend);
      return;
    }
    wiring.metrics().commitTook(Duration.ofNanos(System.nanoTime() - start));
    for (Output o : ready.outputs()) {
      switch (o) {
        case Output.Reply reply -> wiring.metrics().committed(reply.result());
        case Output.Dead dead -> wiring.metrics().deadLettered();
      }
    }
  }

  private List<ProducerRecord<byte[], byte[]>> encode(
      InflightTracker.Ready ready, List<LedgerEntry> spend) {
    TopicNames topics = wiring.topics();
    FrontierSerdes serdes = wiring.serdes();
    List<ProducerRecord<byte[], byte[]>> out =
        new ArrayList<>(ready.outputs().size() + spend.size());
    for (Output o : ready.outputs()) {
      out.add(
          switch (o) {
            case Output.Reply r ->
                new ProducerRecord<>(
                    topics.escalationResults(),
                    r.key(),
                    serdes.results().serialize(topics.escalationResults(), r.result()));
            case Output.Dead d ->
                new ProducerRecord<>(
                    topics.deadLetters(),
                    d.key(),
                    serdes.deadLetters().serialize(topics.deadLetters(), d.letter()));
          });
    }
    spend.forEach(e -> out.add(wiring.ledger().record(e)));
    return out;
  }

  /**
   * Kafka gave up on the transaction: abort, and redo every uncommitted escalation from the
   * committed offsets (their calls may be paid twice; the budget keeps the spend either way).
   */
  private void abortAndRewind(List<LedgerEntry> spend) {
    log.warn("transaction aborted; rewinding to the committed offsets");
    wiring.metrics().transactionAborted();
    wiring.budget().requeue(spend);
    rewind();
  }

  /**
   * Before partitions are revoked: results still waiting to be encoded may belong to them, and must
   * not be committed by a later transaction once another member owns them. Drops them and redoes
   * everything uncommitted (rare: the registry was unreachable during a rebalance).
   */
  void forgetPendingBeforeRevocation() {
    if (pending != null) {
      log.warn(
          "{} results could not be committed before a rebalance; redoing them", pending.records());
      rewind();
    }
  }

  private void rewind() {
    pending = null;
    tracker.clear();
    writer.rewind();
  }

  private static InflightTracker.Ready merge(
      InflightTracker.Ready older, InflightTracker.Ready newer) {
    if (older == null) {
      return newer;
    }
    List<Output> outputs = new ArrayList<>(older.outputs());
    outputs.addAll(newer.outputs());
    Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>(older.offsets());
    offsets.putAll(newer.offsets());
    return new InflightTracker.Ready(outputs, offsets, older.records() + newer.records());
  }
}
