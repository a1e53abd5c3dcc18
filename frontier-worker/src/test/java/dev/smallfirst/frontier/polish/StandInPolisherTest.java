package dev.smallfirst.frontier.polish;

import static org.assertj.core.api.Assertions.assertThat;

import dev.smallfirst.frontier.testing.Escalations;
import dev.smallfirst.records.EscalationOutcome;
import dev.smallfirst.records.EscalationRequest;
import dev.smallfirst.records.EscalationResult;
import dev.smallfirst.records.FallbackReason;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class StandInPolisherTest {
  private final StandInPolisher standIn =
      new StandInPolisher("Acme", Duration.ofMillis(20), Clock.systemUTC());

  @Test
  void shouldReturnTheDraftLightlyRewrittenAtNoCostAndSayItIsAStandIn() {
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
    assertThat(r.getCostMicros()).isZero();
    assertThat(r.getInputTokens()).isZero();
    assertThat(r.getLatencyMicros()).isGreaterThanOrEqualTo(20_000);
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
  }
}
