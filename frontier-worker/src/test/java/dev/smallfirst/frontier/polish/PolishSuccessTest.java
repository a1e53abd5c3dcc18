package dev.smallfirst.frontier.polish;

import static org.assertj.core.api.Assertions.assertThat;

import dev.smallfirst.frontier.budget.SpendWindow;
import dev.smallfirst.frontier.testing.Escalations;
import dev.smallfirst.frontier.testing.FakeProvider;
import dev.smallfirst.frontier.testing.Polishers;
import dev.smallfirst.frontier.testing.Wire;
import dev.smallfirst.records.EscalationOutcome;
import dev.smallfirst.records.EscalationResult;
import java.time.Clock;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The whole polish path against each provider's wire format: reply used, usage priced exactly. */
class PolishSuccessTest {
  private static final String POLISHED =
      "Hello, I'm sorry your kettle (order A-10442) is late. It ships tomorrow.";

  @Test
  void shouldPolishWithAnthropicAndPriceTheReportedUsageExactly() throws Exception {
    try (FakeProvider server = FakeProvider.start(Wire.anthropicMessage(POLISHED, 812, 96));
        Polishers p = Polishers.from(Polishers.config("anthropic", server), Clock.systemUTC())) {
      // When
      EscalationResult r = p.polisher.polish(Escalations.request("m-1", Instant.now()));

      // Then: 812 x $3/Mtok + 96 x $15/Mtok = 2,436 + 1,440 micro-dollars
      assertThat(r.getOutcome()).isEqualTo(EscalationOutcome.POLISHED);
      assertThat(r.getText()).isEqualTo(POLISHED);
      assertThat(r.getProvider()).isEqualTo("anthropic");
      assertThat(r.getModel()).isEqualTo("claude-sonnet-4-5-20250929");
      assertThat(r.getInputTokens()).isEqualTo(812);
      assertThat(r.getOutputTokens()).isEqualTo(96);
      assertThat(r.getCostMicros()).isEqualTo(3_876);
      assertThat(r.getFallbackReason()).isNull();
      assertThat(r.getStandIn()).isFalse();
      assertThat(r.getLatencyMicros()).isPositive();
      assertThat(r.getMessageId()).isEqualTo("m-1");
      assertThat(r.getTicketId()).isEqualTo("ticket-m-1");
      assertThat(p.budget.spentNow(SpendWindow.HOUR)).isEqualTo(3_876);
    }
  }

  @Test
  void shouldPolishWithAnOpenAiCompatibleServerAndPriceTheReportedUsageExactly() throws Exception {
    try (FakeProvider server = FakeProvider.start(Wire.openAiCompletion(POLISHED, 1_234, 567));
        Polishers p = Polishers.from(Polishers.config("openai", server), Clock.systemUTC())) {
      // When
      EscalationResult r = p.polisher.polish(Escalations.request("m-2", Instant.now()));

      // Then: 1,234 x $3/Mtok + 567 x $15/Mtok = 3,702 + 8,505 micro-dollars
      assertThat(r.getOutcome()).isEqualTo(EscalationOutcome.POLISHED);
      assertThat(r.getText()).isEqualTo(POLISHED);
      assertThat(r.getProvider()).isEqualTo("openai-compatible");
      assertThat(r.getModel()).isEqualTo("gpt-4o-2024-08-06");
      assertThat(r.getInputTokens()).isEqualTo(1_234);
      assertThat(r.getOutputTokens()).isEqualTo(567);
      assertThat(r.getCostMicros()).isEqualTo(12_207);
      assertThat(p.budget.spentNow(SpendWindow.DAY)).isEqualTo(12_207);
    }
  }

  @Test
  void shouldFallBackWithoutCallingWhenTheDeadlineHasPassed() throws Exception {
    try (FakeProvider server = FakeProvider.start(Wire.anthropicMessage(POLISHED, 812, 96));
        Polishers p = Polishers.from(Polishers.config("anthropic", server), Clock.systemUTC())) {
      // Given
      var late =
          Escalations.request(
              "m-3",
              "Where is it?",
              Instant.now().minusSeconds(60),
              java.time.Duration.ofSeconds(30));

      // When
      EscalationResult r = p.polisher.polish(late);

      // Then
      assertThat(r.getOutcome()).isEqualTo(EscalationOutcome.FALLBACK_SMALL_DRAFT);
      assertThat(r.getFallbackReason()).isEqualTo(dev.smallfirst.records.FallbackReason.TIMEOUT);
      assertThat(r.getText()).isEqualTo(Escalations.DRAFT);
      assertThat(r.getCostMicros()).isZero();
      assertThat(server.requests()).isZero();
    }
  }
}
