package dev.smallfirst.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

class ThresholdSweepTest {

  private static final EscalationPrices PRICES = new EscalationPrices(50, 12_000, 0.97);

  @Test
  void shouldComputeEscalationQualityAndCostForOneThreshold() {
    // Given a confident right answer, an unsure wrong one, and an unanswerable message
    List<ThresholdSweep.Item> items =
        List.of(
            new ThresholdSweep.Item(0.9, true, true),
            new ThresholdSweep.Item(0.6, false, true),
            new ThresholdSweep.Item(0.3, false, false));
    // When the threshold is 0.5
    ThresholdSweep.Row r = ThresholdSweep.row(items, PRICES, 0.5);
    // Then only the unanswerable one escalates
    assertThat(r.escalationRate()).isCloseTo(1.0 / 3, within(1e-12));
    assertThat(r.keptQuality()).isEqualTo(0.5);
    assertThat(r.systemQuality()).isCloseTo((1 + 0.97) / 3, within(1e-12));
    assertThat(r.knownEscalated()).isZero();
    assertThat(r.unknownRecall()).isEqualTo(1.0);
    assertThat(r.costPer1000Micros()).isEqualTo(50_000 + 4_000_000);
  }

  @Test
  void shouldIncludeTheModelThresholdInTheSweep() {
    List<ThresholdSweep.Row> rows =
        ThresholdSweep.sweep(List.of(new ThresholdSweep.Item(0.5, true, true)), PRICES, 0.4321);
    assertThat(rows).extracting(ThresholdSweep.Row::threshold).contains(0.0, 0.4321, 1.0);
  }

  @Property
  void escalationAndCostShouldNeverFallAsTheThresholdRises(
      @ForAll @Size(min = 1, max = 40) List<@DoubleRange(min = 0, max = 1) Double> confidences) {
    List<ThresholdSweep.Item> items = new ArrayList<>();
    for (int i = 0; i < confidences.size(); i++) {
      items.add(new ThresholdSweep.Item(confidences.get(i), i % 2 == 0, i % 3 != 0));
    }
    List<ThresholdSweep.Row> rows = ThresholdSweep.sweep(items, PRICES);
    for (int i = 1; i < rows.size(); i++) {
      assertThat(rows.get(i).escalationRate())
          .isGreaterThanOrEqualTo(rows.get(i - 1).escalationRate());
      assertThat(rows.get(i).costPer1000Micros())
          .isGreaterThanOrEqualTo(rows.get(i - 1).costPer1000Micros());
    }
  }
}
