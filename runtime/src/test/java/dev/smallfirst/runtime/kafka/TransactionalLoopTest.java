package dev.smallfirst.runtime.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The loop's mechanics against Kafka's mock clients, with a processor that only records calls. */
class TransactionalLoopTest {
  private static final TopicPartition P0 = new TopicPartition("in", 0);

  private final Counting consumer = new Counting();
  private final MockProducer<byte[], byte[]> producer =
      new MockProducer<>(true, null, new ByteArraySerializer(), new ByteArraySerializer());
  private final Recording processor = new Recording();
  private TransactionalLoop loop;
  private Thread thread;

  /** A mock consumer that counts wake-ups and captures one poll's timeout on request. */
  private static final class Counting extends MockConsumer<byte[], byte[]> {
    final AtomicInteger wakeups = new AtomicInteger();
    final AtomicBoolean capture = new AtomicBoolean();
    final AtomicReference<Duration> captured = new AtomicReference<>();

    Counting() {
      super("earliest");
    }

    @Override
    public void wakeup() {
      wakeups.incrementAndGet();
      super.wakeup();
    }

    @Override
    public synchronized ConsumerRecords<byte[], byte[]> poll(Duration timeout) {
      if (capture.getAndSet(false)) {
        captured.set(timeout);
      }
      return super.poll(timeout);
    }
  }

  /** Counts what the loop hands it; fails or reports full on request. */
  private static final class Recording implements LoopProcessor {
    final AtomicInteger records = new AtomicInteger();
    final AtomicBoolean drained = new AtomicBoolean();
    final AtomicBoolean released = new AtomicBoolean();
    volatile boolean full;
    volatile RuntimeException failWith;
    final AtomicReference<Runnable> once = new AtomicReference<>();

    @Override
    public Duration pollTimeout() {
      return Duration.ofMillis(5);
    }

    @Override
    public boolean full() {
      return full;
    }

    @Override
    public void process(ConsumerRecords<byte[], byte[]> polled) {
      records.addAndGet(polled.count());
      Runnable r = once.getAndSet(null);
      if (r != null) {
        r.run();
      }
      RuntimeException e = failWith;
      if (e != null) {
        throw e;
      }
    }

    @Override
    public void drain() {
      drained.set(true);
    }

    @Override
    public void onRevoked(Collection<TopicPartition> revoked, boolean failed) {}

    @Override
    public void onLost(Collection<TopicPartition> lost) {}

    @Override
    public void release() {
      released.set(true);
    }
  }

  private void start() {
    loop = new TransactionalLoop("test", consumer, producer, List.of("in"), processor, true);
    consumer.updateBeginningOffsets(Map.of(P0, 0L));
    consumer.schedulePollTask(() -> consumer.rebalance(List.of(P0)));
    thread = new Thread(loop, "loop-under-test");
    thread.start();
  }

  @AfterEach
  void stop() throws InterruptedException {
    if (loop != null) {
      loop.stop();
      thread.join(10_000);
    }
  }

  @Test
  void shouldHandPolledRecordsToTheProcessor() {
    // Given
    start();

    // When
    consumer.schedulePollTask(
        () -> consumer.addRecord(new ConsumerRecord<>("in", 0, 0, new byte[0], new byte[0])));

    // Then
    await("the record reaches the processor").until(() -> processor.records.get() == 1);
    assertThat(loop.state()).isEqualTo(LoopState.RUNNING);
    assertThat(loop.hasPolled()).isTrue();
  }

  @Test
  void shouldDrainReleaseAndCloseTheClientsOnStop() throws InterruptedException {
    // Given
    start();
    await("running").until(() -> loop.state() == LoopState.RUNNING);

    // When
    loop.stop();

    // Then
    assertThat(loop.awaitStopped(Duration.ofSeconds(10))).isTrue();
    assertThat(loop.state()).isEqualTo(LoopState.STOPPED);
    assertThat(processor.drained).isTrue();
    assertThat(processor.released).isTrue();
    assertThat(consumer.closed()).isTrue();
    assertThat(producer.closed()).isTrue();
  }

  @Test
  void shouldEndFailedWithTheProcessorsException() throws InterruptedException {
    // Given
    processor.failWith = new IllegalStateException("fenced");

    // When
    start();

    // Then
    assertThat(loop.awaitStopped(Duration.ofSeconds(10))).isTrue();
    assertThat(loop.state()).isEqualTo(LoopState.FAILED);
    assertThat(loop.failure()).get().asString().contains("fenced");
    assertThat(processor.drained).isFalse();
  }

  @Test
  void shouldPauseTheAssignedPartitionsWhileTheProcessorIsFull() {
    // Given
    start();
    await("assigned").until(() -> !consumer.assignment().isEmpty());

    // When
    processor.full = true;

    // Then
    await("paused").until(() -> consumer.paused().contains(P0));

    // When
    processor.full = false;

    // Then
    await("resumed").until(() -> consumer.paused().isEmpty());
  }

  @Test
  void shouldWakeOnlyAPollAndNotWaitAfterAWakeUpAskedForWhileBusy() {
    // Given
    start();
    await("running").until(() -> loop.state() == LoopState.RUNNING && loop.hasPolled());
    AtomicInteger wokenWhileBusy = new AtomicInteger(-1);

    // When: batches finish while the loop is busy processing (a commit would block here)
    processor.once.set(
        () -> {
          int before = consumer.wakeups.get();
          for (int i = 0; i < 100; i++) {
            loop.wakeup();
          }
          wokenWhileBusy.set(consumer.wakeups.get() - before);
          consumer.capture.set(true);
        });

    // Then: no wake-up reached the consumer, where it would hit the next blocking call, and the
    // next poll does not wait
    await("the next poll").until(() -> consumer.captured.get() != null);
    assertThat(wokenWhileBusy.get()).isZero();
    assertThat(consumer.captured.get()).isEqualTo(Duration.ZERO);
  }
}
