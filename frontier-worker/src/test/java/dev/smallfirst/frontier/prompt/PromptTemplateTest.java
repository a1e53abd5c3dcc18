package dev.smallfirst.frontier.prompt;

import static org.assertj.core.api.Assertions.assertThat;

import dev.smallfirst.frontier.testing.Escalations;
import dev.smallfirst.records.EscalationRequest;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class PromptTemplateTest {
  private static final PromptSettings SETTINGS =
      new PromptSettings("Acme", PromptSettings.DEFAULT_POLICY, 200, 4_000, true);

  @Test
  void shouldKeepCustomerDataOutOfTheSystemTurn() {
    // Given
    PromptTemplate template = new PromptTemplate(SETTINGS);
    EscalationRequest request = Escalations.request("m-1", Instant.now());

    // When
    Prompt prompt = template.render(request, PiiVault.masking());

    // Then
    assertThat(prompt.system()).contains("Acme").contains(PromptSettings.DEFAULT_POLICY);
    assertThat(prompt.system()).doesNotContain("kettle").doesNotContain(Escalations.DRAFT);
    assertThat(prompt.user())
        .contains("<<<CUSTOMER_MESSAGE " + prompt.nonce() + ">>>")
        .contains("<<<END_CUSTOMER_MESSAGE " + prompt.nonce() + ">>>")
        .contains("<<<DRAFT " + prompt.nonce() + ">>>")
        .contains(Escalations.DRAFT)
        .contains("intent: track_order (confidence 0.62)")
        .contains("ORDER_ID: A-10442");
  }

  @Test
  void shouldUseAFreshNonceForEveryPrompt() {
    PromptTemplate template = new PromptTemplate(SETTINGS);
    EscalationRequest request = Escalations.request("m-1", Instant.now());

    assertThat(template.render(request, PiiVault.masking()).nonce())
        .isNotEqualTo(template.render(request, PiiVault.masking()).nonce());
  }

  @Test
  void shouldCutTheCustomerTextToTheConfiguredLength() {
    PromptTemplate template = new PromptTemplate(SETTINGS);
    EscalationRequest request =
        Escalations.request("m-1", "x".repeat(5_000), Instant.now(), Duration.ofMinutes(1));

    Prompt prompt = template.render(request, PiiVault.masking());

    assertThat(prompt.user())
        .contains("x".repeat(150) + "")
        .doesNotContain("x".repeat(201))
        .contains("[...]");
  }

  @Test
  void shouldSayThereIsNoDraftWhenTheDraftStageFailed() {
    PromptTemplate template = new PromptTemplate(SETTINGS);
    EscalationRequest request =
        EscalationRequest.newBuilder(Escalations.request("m-1", Instant.now()))
            .setSmallDraft(null)
            .build();

    assertThat(template.render(request, PiiVault.masking()).user()).contains("There is no draft");
  }
}
