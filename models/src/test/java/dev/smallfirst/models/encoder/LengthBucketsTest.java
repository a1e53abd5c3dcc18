package dev.smallfirst.models.encoder;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class LengthBucketsTest {

  @Test
  void shouldKeepTextsOfOneLengthInOneRun() {
    assertThat(LengthBuckets.plan(new int[] {12, 12, 12, 12}, 32)).hasSize(1);
  }

  @Test
  void shouldSeparateShortTextsFromLongOnes() {
    List<int[]> runs = LengthBuckets.plan(new int[] {6, 40, 7, 42}, 32);

    assertThat(runs).hasSize(2);
    assertThat(runs.get(0)).containsExactly(0, 2);
    assertThat(runs.get(1)).containsExactly(1, 3);
  }

  @Test
  void shouldNotSplitWhenTheRunOverheadOutweighsThePadding() {
    // Splitting saves 2 × 4 padded rows, less than one more run costs.
    assertThat(LengthBuckets.plan(new int[] {10, 14, 10, 14}, 32)).hasSize(1);
    assertThat(LengthBuckets.plan(new int[] {6, 40, 7, 42}, Integer.MAX_VALUE)).hasSize(1);
  }

  @Test
  void shouldCoverEveryTextOnceAndNeverCostMoreThanOneRun() {
    Random random = new Random(7);
    for (int trial = 0; trial < 200; trial++) {
      int[] lengths = random.ints(1 + random.nextInt(128), 3, 129).toArray();
      List<int[]> runs = LengthBuckets.plan(lengths, LengthBuckets.RUN_OVERHEAD_ROWS);

      int[] covered = runs.stream().flatMapToInt(Arrays::stream).sorted().toArray();
      assertThat(covered)
          .containsExactly(java.util.stream.IntStream.range(0, lengths.length).toArray());
      int[] all = java.util.stream.IntStream.range(0, lengths.length).toArray();
      assertThat(LengthBuckets.cost(lengths, runs, LengthBuckets.RUN_OVERHEAD_ROWS))
          .isLessThanOrEqualTo(
              LengthBuckets.cost(lengths, List.of(all), LengthBuckets.RUN_OVERHEAD_ROWS));
    }
  }

  @Test
  void shouldPlanNothingForNoTexts() {
    assertThat(LengthBuckets.plan(new int[0], 32)).isEmpty();
  }
}
