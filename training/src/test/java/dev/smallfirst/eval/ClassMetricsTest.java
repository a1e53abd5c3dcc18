package dev.smallfirst.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

class ClassMetricsTest {

  @Test
  void shouldMatchHandComputedAccuracyMacroF1AndPerClassFigures() {
    // Given gold a,a,b,c and predictions a,b,b,a
    ClassMetrics.Summary s =
        ClassMetrics.compute(List.of("a", "a", "b", "c"), List.of("a", "b", "b", "a"));
    // Then: a P=R=F1=1/2; b P=1/2 R=1 F1=2/3; c 0; macro-F1 = (1/2 + 2/3 + 0) / 3
    assertThat(s.accuracy()).isEqualTo(0.5);
    assertThat(s.macroF1()).isCloseTo((0.5 + 2.0 / 3) / 3, within(1e-12));
    assertThat(s.perClass())
        .extracting(ClassMetrics.PerClass::label)
        .containsExactly("a", "b", "c");
    ClassMetrics.PerClass b = s.perClass().get(1);
    assertThat(b.precision()).isEqualTo(0.5);
    assertThat(b.recall()).isEqualTo(1.0);
    assertThat(b.f1()).isCloseTo(2.0 / 3, within(1e-12));
    assertThat(s.perClass().get(2).support()).isEqualTo(1);
  }

  @Test
  void shouldReportNaNForNoExamples() {
    assertThat(ClassMetrics.compute(List.of(), List.of()).accuracy()).isNaN();
  }
}
