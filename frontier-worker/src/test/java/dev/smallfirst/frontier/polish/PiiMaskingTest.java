package dev.smallfirst.frontier.polish;

import static org.assertj.core.api.Assertions.assertThat;

import dev.smallfirst.frontier.testing.Escalations;
import dev.smallfirst.frontier.testing.FakeProvider;
import dev.smallfirst.frontier.testing.Polishers;
import dev.smallfirst.frontier.testing.Wire;
import dev.smallfirst.records.Entity;
import dev.smallfirst.records.EscalationOutcome;
import dev.smallfirst.records.EscalationRequest;
import dev.smallfirst.records.EscalationResult;
import dev.smallfirst.records.Extraction;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Personal data never reaches the provider, and the customer still gets it back in the reply. */
class PiiMaskingTest {
  private static final String EMAIL = "jane.doe@example.com";
  private static final String PHONE = "+1 (555) 123-4567";
  private static final String CARD = "4111 1111 1111 1111";
  private static final Pattern PLACEHOLDER = Pattern.compile("\\[(EMAIL|PHONE|CARD)_\\d+]");
  private static final Pattern NAME = Pattern.compile("\\[NAME_\\d+]");

  /** Writes a reply that uses every placeholder the request carried, as a model would. */
  private static FakeProvider.Reply echoPlaceholders(FakeProvider.Received request) {
    return echo(PLACEHOLDER, request);
  }

  /** {@link #echoPlaceholders} for name placeholders alone. */
  private static FakeProvider.Reply echoNames(FakeProvider.Received request) {
    return echo(NAME, request);
  }

  private static FakeProvider.Reply echo(Pattern placeholders, FakeProvider.Received request) {
    Matcher m = placeholders.matcher(request.body());
    StringBuilder used = new StringBuilder();
    while (m.find()) {
      if (used.indexOf(m.group()) < 0) {
        used.append(' ').append(m.group());
      }
    }
    return Wire.anthropicMessage(
        "Thanks! We will reach you at" + used + " about order A-10442.", 900, 40);
  }

  private static EscalationRequest ticketWithPii() {
    EscalationRequest base =
        Escalations.request(
            "m-pii",
            "My email is "
                + EMAIL
                + ", call me on "
                + PHONE
                + ". I paid with "
                + CARD
                + " and want a refund for A-10442.",
            Instant.now(),
            Duration.ofMinutes(1));
    return EscalationRequest.newBuilder(base)
        .setExtraction(
            new Extraction(
                List.of(
                    new Entity("EMAIL", EMAIL, 12, 32, 0.99),
                    new Entity("ORDER_ID", "A-10442", 120, 127, 0.97))))
        .build();
  }

  @Test
  void shouldSendNoEmailPhoneOrCardNumberAndRestoreThemInTheReply() throws Exception {
    try (FakeProvider server = FakeProvider.start(Wire.anthropicMessage("unused", 1, 1));
        Polishers p = Polishers.from(Polishers.config("anthropic", server), Clock.systemUTC())) {
      // Given
      server.otherwise(PiiMaskingTest::echoPlaceholders);

      // When
      EscalationResult r = p.polisher.polish(ticketWithPii());

      // Then: what left the perimeter
      String sent = server.received().get(0).body();
      assertThat(sent)
          .doesNotContain(EMAIL)
          .doesNotContain("jane.doe")
          .doesNotContain("555")
          .doesNotContain("4567")
          .doesNotContain("4111")
          .contains("[EMAIL_1]", "[PHONE_1]", "[CARD_1]")
          .contains("A-10442");

      // And: what the customer gets
      assertThat(r.getOutcome()).isEqualTo(EscalationOutcome.POLISHED);
      assertThat(r.getText())
          .contains(EMAIL, PHONE, CARD)
          .doesNotContain("[EMAIL_", "[PHONE_", "[CARD_");
    }
  }

  @Test
  void shouldMaskWhatTheExtractModelGotWrongInEveryBlockOnTheWire() throws Exception {
    // Given the ticket of issue 16: the phone extracted as the span "415) 555-0199" typed AMOUNT,
    // and echoed by the draft; an IBAN and an international number in the body
    String iban = "GB82 WEST 1234 5698 7654 32";
    EscalationRequest base =
        Escalations.request(
            "m-pii-2",
            "Phone (415) 555-0199, or +44 20 7946 0958 in London. Refund order A-10442 to "
                + iban
                + " please.",
            Instant.now(),
            Duration.ofMinutes(1));
    EscalationRequest request =
        EscalationRequest.newBuilder(base)
            .setExtraction(
                new Extraction(List.of(new Entity("AMOUNT", "415) 555-0199", 7, 20, 0.41))))
            .setSmallDraft(
                new dev.smallfirst.records.Draft(
                    "We will call you at 415) 555-0199 and refund GB82WEST12345698765432.",
                    0.5,
                    14))
            .build();
    try (FakeProvider server = FakeProvider.start(Wire.anthropicMessage("Done.", 900, 5));
        Polishers p = Polishers.from(Polishers.config("anthropic", server), Clock.systemUTC())) {
      // When
      p.polisher.polish(request);

      // Then the provider's request body holds none of it, in any block
      String sent = server.received().get(0).body();
      assertThat(sent)
          .doesNotContain("555-0199", "7946", "0958", "WEST", "5698", "7654")
          .contains("[PHONE_", "[IBAN_")
          .contains("A-10442");
    }
  }

  @Test
  void shouldSendNoNameThatASignOffOrSalutationPointsAtInAnyBlock() throws Exception {
    // Given a signed body, a customer entity and a draft that greets her by first name
    EscalationRequest request =
        EscalationRequest.newBuilder(
                Escalations.request(
                    "m-pii-3",
                    "Dear support, where is order A-10442?\nKind regards,\nAnna Kowalski",
                    Instant.now(),
                    Duration.ofMinutes(1)))
            .setExtraction(
                new Extraction(List.of(new Entity("PERSON", "Anna Kowalski", 50, 63, 0.8))))
            .setSmallDraft(new dev.smallfirst.records.Draft("Hi Anna, it ships today.", 0.5, 6))
            .build();
    try (FakeProvider server = FakeProvider.start(Wire.anthropicMessage("unused", 1, 1));
        Polishers p = Polishers.from(Polishers.config("anthropic", server), Clock.systemUTC())) {
      server.otherwise(PiiMaskingTest::echoNames);

      // When
      EscalationResult r = p.polisher.polish(request);

      // Then the provider's request body holds neither name, and the reply has them back
      assertThat(server.received().get(0).body())
          .doesNotContain("Anna", "Kowalski")
          .contains("[NAME_", "A-10442");
      assertThat(r.getText()).contains("Anna Kowalski").doesNotContain("[NAME_");
    }
  }

  @Test
  void shouldSendTheTextUnchangedWhenMaskingIsOff() throws Exception {
    try (FakeProvider server = FakeProvider.start(Wire.anthropicMessage("Noted.", 1, 1))) {
      Map<String, String> config = Polishers.config("anthropic", server);
      config.put("frontier.pii.masking", "false");
      try (Polishers p = Polishers.from(config, Clock.systemUTC())) {
        // When
        p.polisher.polish(ticketWithPii());

        // Then
        assertThat(server.received().get(0).body()).contains(EMAIL);
      }
    }
  }

  @Test
  void shouldRejectAReplyThatInventsAPlaceholder() throws Exception {
    try (FakeProvider server =
            FakeProvider.start(Wire.anthropicMessage("We emailed [EMAIL_7] already.", 900, 20));
        Polishers p = Polishers.from(Polishers.config("anthropic", server), Clock.systemUTC())) {
      // When
      EscalationResult r = p.polisher.polish(ticketWithPii());

      // Then
      assertThat(r.getOutcome()).isEqualTo(EscalationOutcome.FALLBACK_SMALL_DRAFT);
      assertThat(r.getFallbackReason())
          .isEqualTo(dev.smallfirst.records.FallbackReason.INVALID_OUTPUT);
      assertThat(r.getFallbackDetail()).contains("[EMAIL_7]");
    }
  }
}
