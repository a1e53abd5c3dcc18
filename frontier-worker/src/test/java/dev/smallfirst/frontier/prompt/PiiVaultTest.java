package dev.smallfirst.frontier.prompt;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.AlphaChars;
import net.jqwik.api.constraints.StringLength;
import org.junit.jupiter.api.Test;

class PiiVaultTest {

  @Test
  void shouldMaskEmailsPhonesAndCardsWithStablePlaceholders() {
    PiiVault vault = PiiVault.masking();

    String masked =
        vault.mask(
            "Mail a.b+c@mail.example.co.uk or call 020 7946 0958 / +44 20 7946 0958;"
                + " card 4242-4242-4242-4242. Again: a.b+c@mail.example.co.uk");

    assertThat(masked)
        .isEqualTo("Mail [EMAIL_1] or call [PHONE_1] / [PHONE_2]; card [CARD_1]. Again: [EMAIL_1]");
    assertThat(vault.maskedValues()).isEqualTo(4);
  }

  @Test
  void shouldRestoreEveryPlaceholderItIssued() {
    PiiVault vault = PiiVault.masking();
    vault.mask("jane@example.com, (555) 123-4567, 4111111111111111");

    assertThat(vault.restore("Write to [EMAIL_1], we call [PHONE_1]; card [CARD_1] refunded."))
        .isEqualTo(
            "Write to jane@example.com, we call (555) 123-4567; card 4111111111111111 refunded.");
  }

  @Test
  void shouldLeaveOrderNumbersDatesAmountsAndNonLuhnDigitsAlone() {
    PiiVault vault = PiiVault.masking();
    String text =
        "Order A-10442 of 2026-11-23 for $1,249.99, tracking 1234567890123 (not a card), qty 3";

    assertThat(vault.mask(text)).isEqualTo(text);
  }

  @Test
  void shouldReportPlaceholdersItNeverIssued() {
    PiiVault vault = PiiVault.masking();
    vault.mask("jane@example.com");

    assertThat(vault.unknownPlaceholders("[EMAIL_1] and [EMAIL_2] and [CARD_1]"))
        .containsExactly("[EMAIL_2]", "[CARD_1]");
  }

  @Test
  void shouldPassTextThroughWhenMaskingIsOff() {
    String text = "jane@example.com, 4111111111111111";

    assertThat(PiiVault.passThrough().mask(text)).isEqualTo(text);
  }

  @Property(tries = 200)
  void maskedEmailsNeverSurviveAndAlwaysComeBack(
      @ForAll @AlphaChars @StringLength(min = 1, max = 12) String user,
      @ForAll @AlphaChars @StringLength(min = 1, max = 12) String domain) {
    String email = user + "@" + domain + ".com";
    PiiVault vault = PiiVault.masking();

    String masked = vault.mask("Contact: " + email + ".");

    assertThat(masked).doesNotContain(email);
    assertThat(vault.restore(masked)).isEqualTo("Contact: " + email + ".");
  }
}
