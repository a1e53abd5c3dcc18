package dev.smallfirst.worker.batching;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class MicroBatcherTest {
  private static final long MS = 1_000_000;

  /** Items: positive numbers need inference, negative ones pass through. */
  private final MicroBatcher<Integer> batcher = new MicroBatcher<>(3, 10 * MS, i -> i > 0);

  @Test
  void shouldReleaseAFullBatchAtOnce() {
    batcher.add(1, 0);
    batcher.add(2, 0);
    batcher.add(3, 0);
    batcher.add(4, 0);

    assertThat(batcher.nanosUntilDue(0)).isZero();
    assertThat(batcher.poll(0)).contains(List.of(1, 2, 3));
    assertThat(batcher.poll(0)).isEmpty();
    assertThat(batcher.size()).isEqualTo(1);
  }

  @Test
  void shouldHoldAPartialBatchUntilTheOldestHasWaitedMaxDelay() {
    batcher.add(1, 0);
    batcher.add(2, 4 * MS);

    assertThat(batcher.poll(9 * MS)).isEmpty();
    assertThat(batcher.nanosUntilDue(9 * MS)).isEqualTo(MS);
    assertThat(batcher.poll(10 * MS)).contains(List.of(1, 2));
  }

  @Test
  void shouldGatherAcrossAddsUntilFull() {
    batcher.add(1, 0);
    assertThat(batcher.poll(MS)).isEmpty();
    batcher.add(2, 2 * MS);
    assertThat(batcher.poll(2 * MS)).isEmpty();
    batcher.add(3, 3 * MS);

    assertThat(batcher.poll(3 * MS)).contains(List.of(1, 2, 3));
  }

  @Test
  void shouldReleaseLeadingPassThroughItemsWithoutWaiting() {
    batcher.add(-1, 0);
    batcher.add(-2, 0);
    batcher.add(1, 0);

    assertThat(batcher.poll(0)).contains(List.of(-1, -2));
    assertThat(batcher.poll(0)).isEmpty();
  }

  @Test
  void shouldKeepPassThroughItemsInArrivalOrderWithinABatch() {
    batcher.add(1, 0);
    batcher.add(-1, 0);
    batcher.add(2, 0);
    batcher.add(3, 0);
    batcher.add(-2, 0);

    assertThat(batcher.poll(0)).contains(List.of(1, -1, 2, 3));
    assertThat(batcher.poll(0)).contains(List.of(-2));
  }

  @Test
  void shouldReleaseEachItemAloneWithMaxBatchOne() {
    MicroBatcher<Integer> single = new MicroBatcher<>(1, 10 * MS, i -> true);
    single.add(1, 0);
    single.add(2, 0);

    assertThat(single.poll(0)).contains(List.of(1));
    assertThat(single.poll(0)).contains(List.of(2));
  }

  @Test
  void shouldForgetRemovedItems() {
    batcher.add(1, 0);
    batcher.add(2, 0);
    batcher.add(3, 0);

    assertThat(batcher.removeIf(i -> i == 2)).isEqualTo(1);

    assertThat(batcher.poll(MS)).isEmpty();
    assertThat(batcher.poll(10 * MS)).contains(List.of(1, 3));
  }

  @Test
  void shouldReportNothingDueWhenEmpty() {
    assertThat(batcher.nanosUntilDue(0)).isEqualTo(Long.MAX_VALUE);
    assertThat(batcher.poll(0)).isEmpty();
  }
}
