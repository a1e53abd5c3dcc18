package dev.smallfirst.frontier.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.smallfirst.frontier.FrontierApp;
import dev.smallfirst.frontier.FrontierSettings;
import dev.smallfirst.frontier.budget.SpendWindow;
import dev.smallfirst.frontier.testing.Escalations;
import dev.smallfirst.frontier.testing.FakeProvider;
import dev.smallfirst.frontier.testing.Wire;
import dev.smallfirst.records.EscalationOutcome;
import dev.smallfirst.records.EscalationResult;
import dev.smallfirst.records.FallbackReason;
import dev.smallfirst.runtime.config.ConfigSource;
import dev.smallfirst.schemas.topics.TopicNames;
import dev.smallfirst.stack.LocalStack;
import dev.smallfirst.stack.junit.LocalStackExtension;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The spend survives restarts: the ledger topic, written in the same transactions as the results,
 * is replayed at start, so a worker restarted in the same hour is still capped, and so is a second
 * replica that starts fresh.
 */
@ExtendWith(LocalStackExtension.class)
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class BudgetAcrossRestartIT {
  // Mid-hour, so the test never straddles a window boundary.
  private static final Clock MID_HOUR =
      Clock.fixed(
          Instant.now()
              .truncatedTo(java.time.temporal.ChronoUnit.HOURS)
              .plus(Duration.ofMinutes(30)),
          ZoneOffset.UTC);

  @Test
  void shouldStillBeCappedAfterARestartInTheSameHour(LocalStack stack) throws Exception {
    TopicNames topics = TopicNames.withPrefix("fw-budget.");
    try (FakeProvider server = FakeProvider.start(Wire.anthropicMessage("Polished.", 812, 96));
        Pipeline pipeline = new Pipeline(stack, topics, 2)) {
      Map<String, String> config = FrontierExactlyOnceIT.config(stack, topics, server);
      // A call costs $0.003876 and reserves its worst case, about $0.0059 (≈2,100 input tokens
      // estimated + 256 output tokens): the first call fits under $0.007, no second one does.
      config.put("frontier.budget.hour.micros", "7000");
      FrontierSettings settings = FrontierSettings.from(ConfigSource.of(config), Map.of());

      // Given: a worker that spends up to its cap, then falls back
      int paid = 1;
      try (FrontierApp first = FrontierApp.start(settings, MID_HOUR)) {
        send(pipeline, 0, 4);
        pipeline.awaitDistinct(4, Duration.ofMinutes(1));
        assertThat(server.requests()).isEqualTo(paid);
        assertThat(first.budget().spentNow(SpendWindow.HOUR)).isEqualTo(3_876L);
      }

      // When: it restarts in the same hour
      try (FrontierApp second = FrontierApp.start(settings, MID_HOUR)) {
        // Then: the spend is restored before the first call, so it stays capped
        assertThat(second.budget().spentNow(SpendWindow.HOUR)).isEqualTo(paid * 3_876L);
        send(pipeline, 4, 2);
        pipeline.awaitDistinct(6, Duration.ofMinutes(1));
      }

      // And: a second replica (another instance id) sees the first one's spend too
      Map<String, String> replica = new java.util.HashMap<>(config);
      replica.put("frontier.instance.id", "it-worker-2");
      try (FrontierApp other =
          FrontierApp.start(FrontierSettings.from(ConfigSource.of(replica), Map.of()), MID_HOUR)) {
        assertThat(other.budget().spentNow(SpendWindow.HOUR)).isEqualTo(paid * 3_876L);
        send(pipeline, 6, 2);
        pipeline.awaitDistinct(8, Duration.ofMinutes(1));
      }

      pipeline.drainCommitted();
      List<EscalationResult> results = pipeline.all();
      assertThat(server.requests()).isEqualTo(paid);
      assertThat(results).hasSize(8);
      assertThat(results.stream().filter(r -> r.getOutcome() == EscalationOutcome.POLISHED))
          .hasSize(paid);
      assertThat(results.stream().filter(r -> r.getFallbackReason() == FallbackReason.BUDGET))
          .hasSize(8 - paid);
    }
  }

  private static void send(Pipeline pipeline, int from, int count) {
    for (int i = from; i < from + count; i++) {
      pipeline.send(Escalations.request("m-" + i, MID_HOUR.instant()));
    }
    pipeline.flush();
  }
}
