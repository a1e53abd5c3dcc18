package dev.smallfirst.loadtest;

import dev.smallfirst.records.DeadLetter;
import dev.smallfirst.records.DraftedReply;
import dev.smallfirst.records.SupportMessage;
import dev.smallfirst.runtime.trace.HopStamps;
import dev.smallfirst.schemas.registry.SchemaRegistryClient;
import dev.smallfirst.schemas.serde.SerdeOptions;
import dev.smallfirst.schemas.serde.SpecificAvroSerde;
import dev.smallfirst.schemas.topics.TopicNames;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;
import java.util.function.IntFunction;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One open-loop load run against any cluster: sends messages on schedule to {@code
 * support.messages}, consumes {@code support.replies} and {@code support.dlq} (read_committed, from
 * their current ends), correlates by message id, and stops when every message is settled or the
 * drain timeout passes. Latency is measured from intended send times.
 *
 * <p>Messages that never reached the broker are reported as not sent, apart from missing ones: a
 * send that fails is counted when its callback says so, and the first send that throws at once (the
 * registry unreachable, no broker within {@value #MAX_BLOCK_MS} ms) stops the sender, every message
 * not yet sent counting as not sent. The drain timeout is honoured: after it the producer is closed
 * without waiting for what it still holds.
 */
public final class LoadRun {
  private static final Logger log = LoggerFactory.getLogger(LoadRun.class);

  /** The longest a send may block (metadata, a full buffer) before it counts as failed. */
  static final int MAX_BLOCK_MS = 10_000;

  private LoadRun() {}

  /**
   * Where and how hard to push.
   *
   * @param bootstrapServers Kafka
   * @param topics topic names (with the cluster's prefix)
   * @param messages how many messages to send
   * @param schedule when each is due
   * @param drainTimeout how long to wait for the last replies after the last send
   */
  public record Plan(
      String bootstrapServers,
      TopicNames topics,
      int messages,
      ArrivalSchedule schedule,
      Duration drainTimeout) {}

  /** Progress callback, called about twice a second from the run's thread. */
  @FunctionalInterface
  public interface Progress {
    void update(long sent, long settled, long total);
  }

  /** Runs {@code plan} with messages from {@code messages}; returns the report. */
  public static LoadReport run(
      Plan plan,
      SchemaRegistryClient registry,
      IntFunction<SupportMessage> messages,
      Progress progress)
      throws InterruptedException {
    return run(plan, registry, messages, progress, reply -> {});
  }

  /**
   * Runs {@code plan} as {@link #run(Plan, SchemaRegistryClient, IntFunction, Progress)} does,
   * handing {@code firstReplies} the first reply to each message sent, from the run's thread.
   */
  public static LoadReport run(
      Plan plan,
      SchemaRegistryClient registry,
      IntFunction<SupportMessage> messages,
      Progress progress,
      Consumer<DraftedReply> firstReplies)
      throws InterruptedException {
    ReplyTracker tracker = new ReplyTracker(firstReplies);
    AtomicLong sent = new AtomicLong();
    AtomicBoolean sending = new AtomicBoolean(true);
    SpecificAvroSerde<SupportMessage> messageSerde =
        SpecificAvroSerde.of(registry, SupportMessage.class, false, SerdeOptions.defaults());
    SpecificAvroSerde<DraftedReply> replySerde =
        SpecificAvroSerde.of(registry, DraftedReply.class, false, SerdeOptions.defaults());
    SpecificAvroSerde<DeadLetter> dlqSerde =
        SpecificAvroSerde.of(registry, DeadLetter.class, false, SerdeOptions.defaults());
    AtomicBoolean stop = new AtomicBoolean();
    KafkaProducer<String, SupportMessage> producer =
        new KafkaProducer<>(
            Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                plan.bootstrapServers(),
                ProducerConfig.ACKS_CONFIG,
                "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG,
                true,
                ProducerConfig.LINGER_MS_CONFIG,
                1,
                ProducerConfig.MAX_BLOCK_MS_CONFIG,
                MAX_BLOCK_MS),
            new StringSerializer(),
            messageSerde.serializer());
    try (KafkaConsumer<String, byte[]> consumer =
        new KafkaConsumer<>(
            Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                plan.bootstrapServers(),
                ConsumerConfig.ISOLATION_LEVEL_CONFIG,
                "read_committed",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
                false),
            new StringDeserializer(),
            new ByteArrayDeserializer())) {
      // Read replies and dead letters from their current ends: nothing older counts.
      List<TopicPartition> partitions = new ArrayList<>();
      for (String topic : List.of(plan.topics().replies(), plan.topics().deadLetters())) {
        for (PartitionInfo p : consumer.partitionsFor(topic, Duration.ofSeconds(30))) {
          partitions.add(new TopicPartition(p.topic(), p.partition()));
        }
      }
      consumer.assign(partitions);
      consumer.seekToEnd(partitions);
      partitions.forEach(consumer::position);

      Thread sender =
          new Thread(
              () -> {
                try {
                  new OpenLoopSender(plan.schedule(), System::nanoTime, LockSupport::parkNanos)
                      .run(
                          plan.messages(),
                          messages,
                          tracker,
                          m -> send(producer, plan, m, tracker, stop, sent));
                  producer.flush();
                } catch (SenderStopped e) {
                  log.error("load sender stopped: {}", e.getMessage());
                } finally {
                  sending.set(false);
                }
              },
              "load-sender");
      sender.setDaemon(true);
      sender.start();

      long lastProgress = 0;
      long drainDeadline = Long.MAX_VALUE;
      while (tracker.settled() + unsettledForGood(tracker, plan, sending) < plan.messages()) {
        for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(50))) {
          long now = System.nanoTime();
          try {
            if (r.topic().equals(plan.topics().replies())) {
              tracker.onReply(
                  replySerde.deserializer().deserialize(r.topic(), r.value()),
                  now,
                  HopStamps.read(r.headers()),
                  HopStamps.micros(Instant.now()));
            } else {
              tracker.onDeadLetter(
                  dlqSerde.deserializer().deserialize(r.topic(), r.value()).getMessageId());
            }
          } catch (SerializationException e) {
            log.warn(
                "skipping unreadable record {}/{}@{}: {}",
                r.topic(),
                r.partition(),
                r.offset(),
                e.getMessage());
          }
        }
        long now = System.nanoTime();
        if (now - lastProgress > 500_000_000L) {
          progress.update(sent.get(), tracker.settled(), plan.messages());
          lastProgress = now;
        }
        if (!sending.get() && drainDeadline == Long.MAX_VALUE) {
          drainDeadline = now + plan.drainTimeout().toNanos();
        }
        if (now > drainDeadline) {
          log.warn("drain timeout: {} of {} messages settled", tracker.settled(), plan.messages());
          break;
        }
      }
      progress.update(sent.get(), tracker.settled(), plan.messages());
      stop.set(true);
    } finally {
      producer.close(Duration.ofSeconds(1)); // bounded: the drain timeout has been spent already
    }
    return tracker.report(plan.messages());
  }

  /**
   * Messages that will never settle: those whose send failed, and, once the sender has stopped,
   * those it never sent.
   */
  private static long unsettledForGood(ReplyTracker tracker, Plan plan, AtomicBoolean sending) {
    return tracker.notSent() + (sending.get() ? 0 : plan.messages() - tracker.attempted());
  }

  private static void send(
      KafkaProducer<String, SupportMessage> producer,
      Plan plan,
      SupportMessage m,
      ReplyTracker tracker,
      AtomicBoolean stop,
      AtomicLong sent) {
    if (stop.get()) {
      throw new SenderStopped("the run ended before every message was sent");
    }
    try {
      ProducerRecord<String, SupportMessage> record =
          new ProducerRecord<>(plan.topics().messages(), m.getTicketId(), m);
      HopStamps.stamp(record.headers(), HopStamps.SENT, HopStamps.micros(Instant.now()));
      producer.send(
          record,
          (md, e) -> {
            if (e != null) {
              log.error("could not send {}: {}", m.getMessageId(), e.toString());
              tracker.onNotSent(m.getMessageId());
            }
          });
    } catch (RuntimeException e) {
      tracker.onNotSent(m.getMessageId());
      throw new SenderStopped("could not send " + m.getMessageId() + ": " + e);
    }
    sent.incrementAndGet();
  }

  /** Ends the sender: the rest of the plan counts as not sent. */
  private static final class SenderStopped extends RuntimeException {
    private static final long serialVersionUID = 1L;

    SenderStopped(String message) {
      super(message);
    }
  }
}
