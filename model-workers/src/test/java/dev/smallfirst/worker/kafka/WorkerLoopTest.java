package dev.smallfirst.worker.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.smallfirst.records.Classification;
import dev.smallfirst.records.FailureCode;
import dev.smallfirst.records.Stage;
import dev.smallfirst.records.StageFailure;
import dev.smallfirst.records.StageRequest;
import dev.smallfirst.records.StageResult;
import dev.smallfirst.runtime.kafka.LoopState;
import dev.smallfirst.runtime.trace.HopStamps;
import dev.smallfirst.worker.FakeModel;
import dev.smallfirst.worker.batching.InferencePool;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The poll loop against Kafka's mock clients: offsets only ever commit with their results, an
 * aborted transaction rewinds, expired requests skip the model, and a fenced producer is fatal.
 */
class WorkerLoopTest {
  private static final String IN = "stage.classify.requests";
  private static final String OUT = "stage.classify.results";
  private static final TopicPartition P0 = new TopicPartition(IN, 0);
  private static final TopicPartition P1 = new TopicPartition(IN, 1);
  private static final Instant NOW = Instant.parse("2024-06-01T12:00:00Z");
  private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

  private final MockConsumer<byte[], byte[]> consumer = new MockConsumer<>("earliest");
  private final MockProducer<byte[], byte[]> producer =
      new MockProducer<>(true, null, new ByteArraySerializer(), new ByteArraySerializer());
  private final InferencePool pool =
      new InferencePool(new FakeModel(), 1, List.of(), System::nanoTime);
  private WorkerLoop loop;
  private Thread thread;

  @AfterEach
  void stop() throws InterruptedException {
    if (loop != null) {
      loop.stop();
      thread.join(10_000);
    }
    pool.close();
  }

  private void start(int maxBatch) {
    Deserializer<StageRequest> requests =
        (topic, data) -> {
          try {
            return StageRequest.fromByteBuffer(ByteBuffer.wrap(data));
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
        };
    Serializer<StageResult> results = (topic, r) -> encode(r);
    WorkerLoop.Parts parts =
        new WorkerLoop.Parts(
            consumer,
            producer,
            new RequestDecoder(requests, Stage.CLASSIFY, CLOCK),
            results,
            (topic, d) -> encode(d),
            new ResultFactory(FakeModel.IDENTITY, "w-1", CLOCK),
            pool,
            new WorkerMetrics(new io.micrometer.core.instrument.simple.SimpleMeterRegistry()));
    loop =
        new WorkerLoop(
            new WorkerLoop.Settings(
                IN,
                OUT,
                "support.dlq",
                maxBatch,
                Duration.ofMillis(1),
                1_000,
                true,
                Duration.ofSeconds(5),
                true),
            parts,
            CLOCK,
            System::nanoTime);
    consumer.updateBeginningOffsets(Map.of(P0, 0L, P1, 0L));
    consumer.schedulePollTask(() -> consumer.rebalance(List.of(P0, P1)));
    thread = new Thread(loop, "loop-under-test");
    thread.start();
  }

  @Test
  void shouldCommitEachPartitionsNextOffsetWithItsResults() {
    start(4);
    consumer.schedulePollTask(
        () -> {
          for (int i = 0; i < 5; i++) {
            consumer.addRecord(record(P0, i, request("m" + i, NOW.plusSeconds(60))));
          }
          consumer.addRecord(record(P1, 0, request("n0", NOW.plusSeconds(60))));
        });

    await().atMost(Duration.ofSeconds(10)).until(() -> producer.history().size() == 6);

    assertThat(lastCommittedOffsets()).containsEntry(P0, 5L).containsEntry(P1, 1L);
    assertThat(results()).extracting(StageResult::getMessageId).contains("m0", "m4", "n0");
    assertThat(results())
        .allSatisfy(
            r -> {
              assertThat(r.getOutcome()).isInstanceOf(Classification.class);
              assertThat(r.getModel().getName()).isEqualTo("fake");
              assertThat(r.getBatchSize()).isBetween(1, 4);
            });
    for (int i = 0; i < results().size(); i++) {
      assertThat(new String(producer.history().get(i).key()))
          .isEqualTo("ticket-" + results().get(i).getMessageId());
    }
  }

  @Test
  void shouldRewindToTheFirstUncommittedOffsetWhenATransactionAborts() {
    producer.commitTransactionException = new KafkaException("broker went away");
    start(8);
    consumer.schedulePollTask(
        () -> {
          for (int i = 0; i < 3; i++) {
            consumer.addRecord(record(P0, i, request("m" + i, NOW.plusSeconds(60))));
          }
        });

    await().atMost(Duration.ofSeconds(10)).until(producer::transactionAborted);

    assertThat(consumer.position(P0)).isZero();
    assertThat(producer.history()).isEmpty();
    assertThat(producer.consumerGroupOffsetsHistory()).isEmpty();
  }

  @Test
  void shouldAnswerAnExpiredRequestWithoutTheModel() {
    start(8);
    consumer.schedulePollTask(
        () -> consumer.addRecord(record(P0, 0, request("late", NOW.minusSeconds(1)))));

    await().atMost(Duration.ofSeconds(10)).until(() -> producer.history().size() == 1);

    StageResult r = results().get(0);
    assertThat(r.getOutcome()).isInstanceOf(StageFailure.class);
    assertThat(((StageFailure) r.getOutcome()).getCode()).isEqualTo(FailureCode.DEADLINE_EXCEEDED);
    assertThat(r.getBatchSize()).isZero();
    assertThat(lastCommittedOffsets()).containsEntry(P0, 1L);
  }

  @Test
  void shouldPassTheTimingStampsOnAndAddPollBatchAndInference() {
    // Given a request stamped by the load test and the topology
    start(4);
    long sent = HopStamps.micros(NOW) - 9_000;
    ConsumerRecord<byte[], byte[]> in = record(P0, 0, request("m0", NOW.plusSeconds(60)));
    HopStamps.stamp(in.headers(), HopStamps.SENT, sent);
    HopStamps.stamp(in.headers(), HopStamps.TOPOLOGY_OUT, sent + 1_000);
    in.headers().add("unrelated", new byte[] {1});
    consumer.schedulePollTask(() -> consumer.addRecord(in));

    await().atMost(Duration.ofSeconds(10)).until(() -> producer.history().size() == 1);

    // Then the result carries them, then the poll (the fixed clock) and the batch's pass
    List<HopStamps.Stamp> stamps = HopStamps.read(producer.history().get(0).headers());
    assertThat(stamps)
        .extracting(HopStamps.Stamp::event)
        .containsExactly(
            HopStamps.SENT,
            HopStamps.TOPOLOGY_OUT,
            HopStamps.WORKER_POLLED,
            HopStamps.WORKER_BATCH,
            HopStamps.WORKER_INFERRED);
    assertThat(stamps.get(0).epochMicros()).isEqualTo(sent);
    assertThat(stamps.get(2).epochMicros()).isEqualTo(HopStamps.micros(NOW));
    assertThat(stamps.get(3).epochMicros()).isLessThanOrEqualTo(stamps.get(4).epochMicros());
    assertThat(stamps.get(4).epochMicros()).isLessThanOrEqualTo(HopStamps.micros(NOW));
    assertThat(producer.history().get(0).headers().lastHeader("unrelated")).isNull();
  }

  @Test
  void shouldStopWithFailureWhenAnotherInstanceFencesTheProducer() throws Exception {
    producer.commitTransactionException = new ProducerFencedException("fenced by w-1's successor");
    start(8);
    consumer.schedulePollTask(
        () -> consumer.addRecord(record(P0, 0, request("m0", NOW.plusSeconds(60)))));

    thread.join(10_000);

    assertThat(loop.state()).isEqualTo(LoopState.FAILED);
    assertThat(loop.failure()).get().asString().contains("same worker.id");
    assertThat(producer.history()).isEmpty();
  }

  private Map<TopicPartition, Long> lastCommittedOffsets() {
    Map<TopicPartition, Long> out = new java.util.HashMap<>();
    for (Map<String, Map<TopicPartition, OffsetAndMetadata>> commit :
        producer.consumerGroupOffsetsHistory()) {
      commit.values().forEach(m -> m.forEach((tp, o) -> out.put(tp, o.offset())));
    }
    return out;
  }

  private List<StageResult> results() {
    List<StageResult> out = new ArrayList<>();
    for (ProducerRecord<byte[], byte[]> r : producer.history()) {
      assertThat(r.topic()).isEqualTo(OUT);
      try {
        out.add(StageResult.fromByteBuffer(ByteBuffer.wrap(r.value())));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return out;
  }

  private static StageRequest request(String id, Instant deadline) {
    return StageRequest.newBuilder()
        .setMessageId(id)
        .setTicketId("ticket-" + id)
        .setTenantId("acme")
        .setStage(Stage.CLASSIFY)
        .setText(id + " where is my order")
        .setContext(null)
        .setAttempt(1)
        .setRequestedAt(NOW)
        .setDeadline(deadline)
        .build();
  }

  private static ConsumerRecord<byte[], byte[]> record(
      TopicPartition tp, long offset, StageRequest r) {
    try {
      return new ConsumerRecord<>(
          tp.topic(), tp.partition(), offset, r.getTicketId().getBytes(), bytes(r.toByteBuffer()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static byte[] encode(org.apache.avro.specific.SpecificRecordBase r) {
    try {
      return bytes((ByteBuffer) r.getClass().getMethod("toByteBuffer").invoke(r));
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException(e);
    }
  }

  private static byte[] bytes(ByteBuffer b) {
    byte[] out = new byte[b.remaining()];
    b.duplicate().get(out);
    return out;
  }
}
