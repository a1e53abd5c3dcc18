package dev.smallfirst.frontier.prompt;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Person names masked by their cues, hand-written cases, and the guards against false hits. */
class PiiVaultNamesTest {

  @ParameterizedTest
  @ValueSource(
      strings = {
        "My order is late.\nThanks, Anna Smith",
        "My order is late. Thank you,\nAnna Smith",
        "My order is late.\n\nKind regards,\nAnna Smith\n",
        "My order is late. Cheers - Anna Smith.",
        "Dear Anna Smith, my order is late.",
        "Hello Anna Smith! My order is late.",
        "Hi, my name is Anna Smith and my order is late.",
        "Name: Anna Smith; my order is late.",
        "Please ask Mrs. Anna Smith about my late order."
      })
  void shouldMaskANameItsCuePointsAt(String text) {
    PiiVault vault = PiiVault.masking();

    String masked = vault.mask(text);

    assertThat(masked).doesNotContain("Anna").doesNotContain("Smith").contains("[NAME_1]");
    assertThat(vault.restore(masked)).isEqualTo(text);
  }

  @Test
  void shouldMaskNamesWithApostrophesHyphensAndInnerCapitals() {
    PiiVault vault = PiiVault.masking();

    String masked =
        vault.mask("Dear Mr O'Brien,\nplease call Dr. McDonald.\nRegards,\nJean-Luc Picard");

    assertThat(masked)
        .doesNotContain("O'Brien")
        .doesNotContain("McDonald")
        .doesNotContain("Jean-Luc")
        .doesNotContain("Picard");
  }

  @Test
  void shouldMaskALearnedNameWhereverItOrAWordOfItRecurs() {
    PiiVault vault = PiiVault.masking();
    vault.learn("Where is my parcel?\nBest regards,\nAnna Smith");

    // the draft greets her by first name, the entities block holds the full name
    String draft = vault.mask("Hi Anna, your parcel left today. (customer: Anna Smith)");

    assertThat(draft).isEqualTo("Hi [NAME_2], your parcel left today. (customer: [NAME_1])");
    assertThat(vault.restore(draft))
        .isEqualTo("Hi Anna, your parcel left today. (customer: Anna Smith)");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "Hi team, my order is late.",
        "Hello There, my order is late.",
        "Dear Customer Service, my order is late.",
        "Dear Sir or Madam, my order is late.",
        "Thanks Again for the quick help with my Order.",
        "Thank you very much!",
        "Thanks for nothing. Regards, The Support Team",
        "Best Buy sold me a broken TV on Monday, Best regards.",
        "The Smart Watch arrived. It is great.",
        "I am Very upset about order A-10442.",
        "Hi!\nWhere is my order?"
      })
  void shouldLeaveTextWithoutANameAlone(String text) {
    assertThat(PiiVault.masking().mask(text)).isEqualTo(text);
  }

  @Test
  void shouldEndANameAtACommonWord() {
    PiiVault vault = PiiVault.masking();

    assertThat(vault.mask("Thanks,\nAnna Support")).isEqualTo("Thanks,\n[NAME_1] Support");
  }

  @Test
  void shouldNotMaskNamesWhenMaskingIsOff() {
    String text = "Thanks, Anna Smith";

    assertThat(PiiVault.passThrough().mask(text)).isEqualTo(text);
  }
}
