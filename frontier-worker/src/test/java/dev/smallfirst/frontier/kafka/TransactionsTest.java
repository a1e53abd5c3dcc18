package dev.smallfirst.frontier.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import dev.smallfirst.frontier.budget.BudgetGuard;
import dev.smallfirst.frontier.budget.BudgetSettings;
import dev.smallfirst.frontier.budget.SpendLedger;
import dev.smallfirst.frontier.polish.Results;
import dev.smallfirst.frontier.status.FrontierMetrics;
import dev.smallfirst.frontier.testing.Escalations;
import dev.smallfirst.records.EscalationResult;
import dev.smallfirst.schemas.stages.TokenPrices;
import dev.smallfirst.schemas.topics.TopicNames;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class TransactionsTest {
  private static final TopicNames TOPICS = TopicNames.unprefixed();
  private static final TopicPartition P0 = new TopicPartition(TOPICS.escalations(), 0);

  private final AtomicInteger encodeFailuresLeft = new AtomicInteger();
  private MockProducer<byte[], byte[]> producer;
  private MockConsumer<byte[], byte[]> consumer;
  private InflightTracker tracker;
  private BudgetGuard budget;
  private SpendLedger ledger;
  private SimpleMeterRegistry meters;
  private Transactions transactions;

  @BeforeEach
  void setUp() {
    producer = new MockProducer<>(true, null, new ByteArraySerializer(), new ByteArraySerializer());
    producer.initTransactions();
    consumer = new MockConsumer<>("earliest");
    consumer.assign(List.of(P0));
    consumer.updateBeginningOffsets(Map.of(P0, 0L));
    tracker = new InflightTracker();
    budget =
        new BudgetGuard(
            new BudgetSettings(
                10_000_000,
                100_000_000,
                OptionalLong.empty(),
                OptionalLong.empty(),
                new TokenPrices(3_000_000, 15_000_000),
                3.0,
                "ledger"),
            Clock.systemUTC(),
            "test");
    ledger = new SpendLedger(Map.of("bootstrap.servers", "127.0.0.1:9"), "ledger", budget);
    meters = new SimpleMeterRegistry();
    Serializer<EscalationResult> results =
        (topic, r) -> {
          if (encodeFailuresLeft.getAndDecrement() > 0) {
            throw new SerializationException("schema registry unreachable");
          }
          return r.getMessageId().getBytes(StandardCharsets.UTF_8);
        };
    transactions =
        new Transactions(
            producer,
            consumer,
            new EscalationLoop.Wiring(
                new FrontierSerdes(null, results, (topic, d) -> new byte[0]),
                budget,
                ledger,
                new FrontierMetrics(meters),
                TOPICS),
            tracker);
  }

  @AfterEach
  void tearDown() {
    ledger.close();
  }

  private void finished(long offset, String messageId) {
    tracker
        .add(new ConsumerRecord<>(P0.topic(), P0.partition(), offset, new byte[0], new byte[0]))
        .complete(
            List.of(
                new Output.Reply(
                    new byte[0],
                    Results.internalError(
                        Escalations.request(messageId, Instant.EPOCH),
                        "t",
                        new IllegalStateException(),
                        Instant.EPOCH))));
  }

  @Test
  void shouldWriteResultsSpendAndOffsetsInOneTransaction() {
    // Given
    finished(0, "m-0");
    budget.settle(budget.reserve("acme", 5_000), 3_876);

    // When
    transactions.commit();

    // Then
    assertThat(producer.commitCount()).isEqualTo(1);
    assertThat(producer.history())
        .extracting(r -> r.topic())
        .containsExactlyInAnyOrder(
            TOPICS.escalationResults(), "ledger", "ledger", "ledger", "ledger");
    assertThat(producer.consumerGroupOffsetsHistory().get(0).values().iterator().next())
        .containsEntry(P0, new OffsetAndMetadata(1));
  }

  @Test
  void shouldKeepFinishedResultsWhenTheyCannotBeEncodedAndCommitThemLater() {
    // Given: the registry fails once
    encodeFailuresLeft.set(1);
    finished(0, "m-0");

    // When
    transactions.commit();

    // Then: nothing written, nothing lost
    assertThat(producer.commitCount()).isZero();
    assertThat(transactions.pendingRecords()).isEqualTo(1);

    // When: the next commit
    finished(1, "m-1");
    transactions.commit();

    // Then: both results, once, with the offset after both
    assertThat(producer.commitCount()).isEqualTo(1);
    assertThat(producer.history())
        .extracting(r -> new String(r.value(), StandardCharsets.UTF_8))
        .containsExactly("m-0", "m-1");
    assertThat(producer.consumerGroupOffsetsHistory().get(0).values().iterator().next())
        .containsEntry(P0, new OffsetAndMetadata(2));
    assertThat(transactions.pendingRecords()).isZero();
  }

  @Test
  void shouldAbortRewindAndKeepTheSpendWhenKafkaFailsTheTransaction() {
    // Given
    consumer.seek(P0, 5);
    finished(5, "m-5");
    budget.settle(budget.reserve("acme", 5_000), 3_876);
    producer.commitTransactionException = new KafkaException("coordinator moved");

    // When
    transactions.commit();

    // Then: nothing committed, the escalation will be redone from the committed offset
    assertThat(producer.transactionCommitted()).isFalse();
    assertThat(tracker.isEmpty()).isTrue();
    assertThat(consumer.position(P0)).isZero();
    assertThat(meters.counter("smallfirst.frontier.transactions.aborted").count()).isEqualTo(1.0);
    // and the spend is written with the next transaction rather than forgotten
    assertThat(budget.drainDirty()).hasSize(4);
  }
}
