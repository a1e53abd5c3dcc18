package dev.smallfirst.frontier.budget;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The budget's persistence: a compacted topic of {@link LedgerEntry}s (one cumulative total per
 * bucket and instance), written in the worker's transactions and read back with {@code
 * read_committed}. {@link #restore} replays it into the {@link BudgetGuard} before the first call;
 * {@link #startFollowing()} then keeps applying other replicas' totals. Not thread-safe except
 * {@link #close()}.
 */
public final class SpendLedger implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(SpendLedger.class);

  private final KafkaConsumer<byte[], byte[]> consumer;
  private final String topic;
  private final BudgetGuard guard;
  private final AtomicBoolean running = new AtomicBoolean(true);
  private Thread follower;

  /**
   * @param consumerConfig Kafka client settings (bootstrap servers and overrides); group and
   *     isolation are set here
   */
  public SpendLedger(Map<String, Object> consumerConfig, String topic, BudgetGuard guard) {
    Map<String, Object> c = new HashMap<>(consumerConfig);
    c.remove(ConsumerConfig.GROUP_ID_CONFIG);
    c.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    c.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    this.consumer =
        new KafkaConsumer<>(c, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    this.topic = topic;
    this.guard = guard;
  }

  /** Reads the whole ledger up to its current end into the guard; returns the entries read. */
  public long restore(Duration timeout) {
    List<TopicPartition> partitions =
        consumer.partitionsFor(topic, timeout).stream()
            .map(p -> new TopicPartition(p.topic(), p.partition()))
            .toList();
    consumer.assign(partitions);
    consumer.seekToBeginning(partitions);
    Map<TopicPartition, Long> end = consumer.endOffsets(partitions, timeout);
    Instant giveUp = Instant.now().plus(timeout);
    long read = 0;
    while (!caughtUp(end)) {
      if (Instant.now().isAfter(giveUp)) {
        throw new IllegalStateException(
            "could not read the spend ledger " + topic + " to its end within " + timeout);
      }
      for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(100))) {
        apply(r, true);
        read++;
      }
    }
    return read;
  }

  /** Follows the ledger in a daemon thread, applying other replicas' totals as they commit. */
  public void startFollowing() {
    follower = new Thread(this::follow, "spend-ledger-follower");
    follower.setDaemon(true);
    follower.start();
  }

  /** The record that persists {@code e}, for the worker's transaction. */
  public ProducerRecord<byte[], byte[]> record(LedgerEntry e) {
    return new ProducerRecord<>(
        topic, e.kafkaKey().getBytes(StandardCharsets.UTF_8), LedgerCodec.encode(e));
  }

  public String topic() {
    return topic;
  }

  private void follow() {
    try {
      while (running.get()) {
        for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(500))) {
          apply(r, false);
        }
      }
    } catch (WakeupException closing) {
      log.debug("spend ledger follower woken up to close");
    } catch (RuntimeException e) {
      log.error(
          "spend ledger follower stopped; other replicas' spend is no longer seen until restart",
          e);
    } finally {
      consumer.close();
    }
  }

  private void apply(ConsumerRecord<byte[], byte[]> r, boolean restoring) {
    if (r.value() == null) {
      return; // tombstone
    }
    try {
      LedgerEntry e = LedgerCodec.decode(r.value());
      if (restoring) {
        guard.restore(e);
      } else {
        guard.observe(e);
      }
    } catch (IllegalArgumentException e) {
      log.warn(
          "skipping undecodable spend-ledger record {}-{}@{}: {}",
          r.topic(),
          r.partition(),
          r.offset(),
          e.getMessage());
    }
  }

  private boolean caughtUp(Map<TopicPartition, Long> end) {
    for (Map.Entry<TopicPartition, Long> e : end.entrySet()) {
      if (consumer.position(e.getKey()) < e.getValue()) {
        return false;
      }
    }
    return true;
  }

  @Override
  public void close() {
    running.set(false);
    if (follower != null) {
      consumer.wakeup();
      try {
        follower.join(10_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    } else {
      consumer.close();
    }
  }
}
