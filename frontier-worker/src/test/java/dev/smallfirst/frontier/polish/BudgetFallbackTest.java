package dev.smallfirst.frontier.polish;

import static org.assertj.core.api.Assertions.assertThat;

import dev.smallfirst.frontier.budget.SpendWindow;
import dev.smallfirst.frontier.testing.Escalations;
import dev.smallfirst.frontier.testing.FakeProvider;
import dev.smallfirst.frontier.testing.Polishers;
import dev.smallfirst.frontier.testing.Wire;
import dev.smallfirst.records.EscalationOutcome;
import dev.smallfirst.records.EscalationResult;
import dev.smallfirst.records.FallbackReason;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BudgetFallbackTest {

  @Test
  void shouldFallBackWithReasonBudgetOnceTheHourlyCapIsReachedWithoutCallingTheProvider()
      throws Exception {
    try (FakeProvider server =
        FakeProvider.start(Wire.anthropicMessage("Polished reply.", 812, 96))) {
      // Given: each call costs $0.003876 and the hourly cap is $0.01
      Map<String, String> config = Polishers.config("anthropic", server);
      config.put("frontier.budget.hour.micros", "10000");
      // A fixed clock in mid-hour: on the system clock a run that straddles the top of an hour
      // starts a fresh hourly budget half way and polishes more than the cap allows.
      Clock clock = Clock.fixed(Instant.parse("2026-01-01T10:30:00Z"), ZoneOffset.UTC);
      try (Polishers p = Polishers.from(config, clock)) {
        // When
        List<EscalationResult> results = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
          results.add(p.polisher.polish(Escalations.request("m-" + i, clock.instant())));
        }

        // Then: polished while the worst case fits, then the draft with reason BUDGET
        long polished =
            results.stream().filter(r -> r.getOutcome() == EscalationOutcome.POLISHED).count();
        assertThat(polished).isBetween(1L, 2L);
        assertThat(results.subList((int) polished, results.size()))
            .allSatisfy(
                r -> {
                  assertThat(r.getFallbackReason()).isEqualTo(FallbackReason.BUDGET);
                  assertThat(r.getFallbackDetail()).contains("hour cap $0.010000");
                  assertThat(r.getText()).isEqualTo(Escalations.DRAFT);
                  assertThat(r.getCostMicros()).isZero();
                });
        assertThat(server.requests()).isEqualTo((int) polished);
        assertThat(p.budget.spentNow(SpendWindow.HOUR))
            .isEqualTo(polished * 3_876)
            .isLessThanOrEqualTo(10_000);
      }
    }
  }
}
