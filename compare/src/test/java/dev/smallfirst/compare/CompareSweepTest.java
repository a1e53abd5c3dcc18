package dev.smallfirst.compare;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class CompareSweepTest {
  private static Scored.Item item(double confidence, boolean small, boolean frontier, long cost) {
    return new Scored.Item(
        "t",
        "g",
        confidence,
        "s",
        small,
        new FrontierAnswer.Replied("{}", 100, 10, cost, false, false),
        "f",
        frontier,
        null);
  }

  /** Small wrong at 0.2 and 0.4, right at 0.6 and 0.9; the frontier wrong only at 0.9. */
  private static final List<Scored.Item> ITEMS =
      List.of(
          item(0.2, false, true, 1_000),
          item(0.4, false, true, 2_000),
          item(0.6, true, true, 3_000),
          item(0.9, true, false, 4_000));

  @Test
  void shouldMixTheFrontiersMeasuredAnswersBelowTheThreshold() {
    // When
    CompareSweep.Row r = CompareSweep.row(ITEMS, 20, 10_000, 2_500, 0.5);

    // Then: the two escalated take the frontier's (right) answers, the kept two the small's
    assertThat(r.escalationRate()).isEqualTo(0.5);
    assertThat(r.mixedQuality()).isEqualTo(1.0);
    assertThat(r.costPer1000Micros()).isEqualTo(1000 * 20 + 1000 * (1_000 + 2_000) / 4);
  }

  @Test
  void shouldPriceTheRoutesFromEachAnswersCost() {
    // When
    CompareSweep.Routes routes = CompareSweep.routes(ITEMS, 20);

    // Then
    assertThat(routes.smallQuality()).isEqualTo(0.5);
    assertThat(routes.frontierQuality()).isEqualTo(0.75);
    assertThat(routes.smallOnlyPer1000Micros()).isEqualTo(20_000);
    assertThat(routes.allFrontierPer1000Micros()).isEqualTo(2_500_000);
  }

  @Test
  void shouldRecommendTheCheapestThresholdKeepingTheRequiredQuality() {
    // Given
    List<CompareSweep.Row> rows = CompareSweep.sweep(ITEMS, 20);

    // When
    CompareSweep.Recommendation rec = CompareSweep.recommend(rows, 1.0);

    // Then: 0.41..0.6 all reach 100%; the cheapest is the lowest of them
    assertThat(rec.row()).isPresent();
    assertThat(rec.row().get().threshold()).isEqualTo(0.41);
    assertThat(rec.row().get().savingVsFrontier()).isEqualTo(1 - 770_000 / 2_500_000.0);
  }

  @Test
  void shouldPriceAFailedCallAtTheMeanOfTheAnsweredOnes() {
    // Given one call that failed after its retries and cost nothing
    List<Scored.Item> items =
        List.of(
            item(0.2, false, true, 1_000),
            item(0.4, false, true, 3_000),
            new Scored.Item(
                "t",
                "g",
                0.6,
                "s",
                true,
                new FrontierAnswer.Failed("TIMEOUT", "slow", 0),
                "x",
                false,
                "call failed"));

    // When / Then: all-frontier costs 1,000 + 3,000 + 2,000 (the mean) per 3 messages
    assertThat(CompareSweep.routes(items, 20).allFrontierPer1000Micros()).isEqualTo(2_000_000);
  }

  @Test
  void shouldSayWhenNoThresholdKeepsTheFloor() {
    // Given a floor above every mix
    List<Scored.Item> bad = List.of(item(0.5, false, false, 10), item(0.7, false, false, 10));

    // When / Then
    assertThat(CompareSweep.recommend(CompareSweep.sweep(bad, 20), 0.5).row()).isEmpty();
  }

  @Test
  void shouldEscalateEverythingAtTheLastThreshold() {
    // When
    List<CompareSweep.Row> rows = CompareSweep.sweep(ITEMS, 20);

    // Then
    CompareSweep.Row last = rows.get(rows.size() - 1);
    assertThat(last.escalationRate()).isEqualTo(1.0);
    assertThat(last.mixedQuality()).isEqualTo(0.75);
    assertThat(rows.get(0).escalationRate()).isZero();
  }
}
