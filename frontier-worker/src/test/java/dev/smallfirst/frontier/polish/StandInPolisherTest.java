package dev.smallfirst.frontier.polish;

import static org.assertj.core.api.Assertions.assertThat;

import dev.smallfirst.frontier.prompt.PromptSettings;
import dev.smallfirst.frontier.prompt.PromptTemplate;
import dev.smallfirst.frontier.testing.Escalations;
import dev.smallfirst.records.EscalationOutcome;
import dev.smallfirst.records.EscalationRequest;
import dev.smallfirst.records.EscalationResult;
import dev.smallfirst.records.FallbackReason;
import dev.smallfirst.runtime.config.ConfigSource;
import dev.smallfirst.schemas.stages.TokenPrices;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StandInPolisherTest {
  private final StandInPolisher standIn =
      new StandInPolisher(
          "Acme",
          Duration.ofMillis(20),
          Clock.systemUTC(),
          new PromptTemplate(PromptSettings.from(ConfigSource.of(Map.of()))),
          new TokenPrices(3_000_000, 15_000_000),
          4.0);

  @Test
  void shouldReturnTheDraftLightlyRewrittenWithTheEstimatedCostOfARealCallAndSayItIsAStandIn() {
    // When
    EscalationResult r = standIn.polish(Escalations.request("m-1", Instant.now()));

    // Then
    assertThat(r.getOutcome()).isEqualTo(EscalationOutcome.POLISHED);
    assertThat(r.getText())
        .startsWith("Hello,")
        .contains("Sorry about the delay with order A-10442, it ships tomorrow.")
        .endsWith("The Acme support team");
    assertThat(r.getStandIn()).isTrue();
    assertThat(r.getProvider()).isEqualTo("offline-stand-in");
    assertThat(r.getModel()).contains("no frontier provider configured");
    // Tokens estimated at 4 characters each, priced at $3 / $15 per million.
    assertThat(r.getOutputTokens()).isEqualTo((long) Math.ceil(r.getText().length() / 4.0));
    assertThat(r.getInputTokens()).isGreaterThan(r.getOutputTokens());
    assertThat(r.getCostMicros())
        .isEqualTo(
            Math.ceilDiv(
                r.getInputTokens() * 3_000_000 + r.getOutputTokens() * 15_000_000, 1_000_000));
    assertThat(r.getLatencyMicros()).isGreaterThanOrEqualTo(20_000);
  }

  @Test
  void shouldSkipAnEscalationWhoseDeadlineHasPassed() {
    // Given an escalation due a second ago (the topology has degraded it already)
    EscalationRequest late =
        Escalations.request("m-3", "Hello", Instant.now().minusSeconds(31), Duration.ofSeconds(30));

    // When
    EscalationResult r = standIn.polish(late);

    // Then it is not polished, and costs nothing
    assertThat(r.getOutcome()).isEqualTo(EscalationOutcome.FALLBACK_SMALL_DRAFT);
    assertThat(r.getFallbackReason()).isEqualTo(FallbackReason.TIMEOUT);
    assertThat(r.getCostMicros()).isZero();
  }

  @Test
  void shouldFallBackWithAnEmptyTextWhenThereIsNoDraft() {
    // Given
    EscalationRequest noDraft =
        EscalationRequest.newBuilder(Escalations.request("m-2", Instant.now()))
            .setSmallDraft(null)
            .build();

    // When
    EscalationResult r = standIn.polish(noDraft);

    // Then
    assertThat(r.getOutcome()).isEqualTo(EscalationOutcome.FALLBACK_SMALL_DRAFT);
    assertThat(r.getFallbackReason()).isEqualTo(FallbackReason.INVALID_OUTPUT);
    assertThat(r.getText()).isEmpty();
    assertThat(r.getStandIn()).isTrue();
    assertThat(r.getCostMicros()).isZero();
  }
}
