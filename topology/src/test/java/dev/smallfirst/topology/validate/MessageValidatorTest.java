package dev.smallfirst.topology.validate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.smallfirst.records.Audience;
import dev.smallfirst.records.SupportMessage;
import dev.smallfirst.topology.Fixtures;
import org.junit.jupiter.api.Test;

class MessageValidatorTest {
  private final MessageValidator validator = new MessageValidator(100, new TextNormalizer(40));

  private static SupportMessage with(
      String messageId, String ticketId, String tenant, String subject, String body) {
    return SupportMessage.newBuilder(Fixtures.message("m", Audience.AGENT))
        .setMessageId(messageId)
        .setTicketId(ticketId)
        .setTenantId(tenant)
        .setSubject(subject)
        .setBody(body)
        .build();
  }

  @Test
  void shouldAcceptAndNormalizeAGoodMessage() {
    Validation v =
        validator.validate(with("m", "t", "acme", "Late\u0000 order", "  Where\t\tis\r\nit?  "));

    assertThat(v)
        .isEqualTo(
            new Validation.Valid(
                with("m", "t", "acme", "Late\u0000 order", "  Where\t\tis\r\nit?  "),
                "Late order. Where is it?"));
  }

  @Test
  void shouldDeadLetterAMessageWithoutId() {
    assertThat(validator.validate(with(" ", "t", "acme", null, "hi")))
        .isEqualTo(new Validation.Unusable("messageId is missing"));
  }

  @Test
  void shouldDeadLetterAMessageWithoutTicket() {
    assertThat(validator.validate(with("m", "", "acme", null, "hi")))
        .isInstanceOf(Validation.Unusable.class);
  }

  @Test
  void shouldRejectAnEmptyBody() {
    assertThat(validator.validate(with("m", "t", "acme", "subject", " \n\t\u200b ")))
        .isInstanceOfSatisfying(
            Validation.Rejected.class, r -> assertThat(r.reason()).isEqualTo("body is empty"));
  }

  @Test
  void shouldRejectAnOversizedBody() {
    assertThat(validator.validate(with("m", "t", "acme", null, "x".repeat(101))))
        .isInstanceOfSatisfying(
            Validation.Rejected.class, r -> assertThat(r.reason()).contains("101").contains("100"));
  }

  @Test
  void shouldRejectAMissingTenant() {
    assertThat(validator.validate(with("m", "t", "", null, "hi")))
        .isInstanceOf(Validation.Rejected.class);
  }

  @Test
  void shouldBoundTheTextAtAWordBoundary() {
    Validation v =
        validator.validate(
            with("m", "t", "acme", null, "alpha beta gamma delta epsilon zeta eta theta"));

    assertThat(((Validation.Valid) v).text())
        .isEqualTo("alpha beta gamma delta epsilon zeta eta")
        .hasSizeLessThanOrEqualTo(40);
  }

  @Test
  void shouldNeverSplitASurrogatePair() {
    TextNormalizer normalizer = new TextNormalizer(16);

    String text = normalizer.normalize(null, "abcdefghijklmno\uD83D\uDE00xyz");

    assertThat(text).isEqualTo("abcdefghijklmno");
  }
}
