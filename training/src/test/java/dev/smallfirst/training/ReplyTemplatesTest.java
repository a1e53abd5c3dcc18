package dev.smallfirst.training;

import static org.assertj.core.api.Assertions.assertThat;

import dev.smallfirst.models.text.DraftInput;
import dev.smallfirst.training.data.DraftExample;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Reference replies become reply-bank templates, or are refused with a reason. */
class ReplyTemplatesTest {

  @Test
  void shouldTurnTheCustomersValuesIntoEntitySlots() {
    ReplyTemplates.Result r =
        ReplyTemplates.template(
            "I can help with order #48213 for Freemium; see {{Website Name}} or"
                + " {{Live Chat Anonymized}}.",
            List.of(
                new DraftInput.Entity("ORDER_ID", "#48213"),
                new DraftInput.Entity("ACCOUNT_TYPE", "freemium")));
    assertThat(r.template())
        .contains(
            "I can help with order {{ORDER_ID}} for {{ACCOUNT_TYPE}}; see {{Website Name}} or"
                + " {{Live Chat}}.");
  }

  @Test
  void shouldNotSlotAValueInsideALongerWord() {
    // Bitext's "Pro" account type: the shipped 2.2.0 bank had "Could you please
    // {{ACCOUNT_TYPE}}vide", served to a Gold customer as "Goldvide".
    ReplyTemplates.Result r =
        ReplyTemplates.template(
            "To upgrade to Pro, please provide your profile; the process takes a minute.",
            List.of(new DraftInput.Entity("ACCOUNT_TYPE", "pro")));
    assertThat(r.template())
        .contains(
            "To upgrade to {{ACCOUNT_TYPE}}, please provide your profile; the process takes a"
                + " minute.");
  }

  @Test
  void shouldNotSlotAnAmountInsideALongerNumber() {
    // Not "${{REFUND_AMOUNT}}0": the 160 is another number, so the reply is refused.
    ReplyTemplates.Result r =
        ReplyTemplates.template(
            "Your refund of $160 is on its way.",
            List.of(new DraftInput.Entity("REFUND_AMOUNT", "16")));
    assertThat(r.template()).isEmpty();
    assertThat(r.refusal()).contains("id or amount");
  }

  @Test
  void shouldLeaveAValueInAPhraseOtherCustomersRepliesUseToo() {
    List<DraftExample> examples = new ArrayList<>();
    for (int i = 0; i < GenericPhrases.MIN_REPLIES; i++) {
      examples.add(example("where is my order", "Please feel free to ask.", List.of()));
    }
    DraftInput.Entity free = new DraftInput.Entity("ACCOUNT_TYPE", "free");
    examples.add(
        example("open a free account", "Your free account: feel free to ask.", List.of(free)));
    GenericPhrases generic = GenericPhrases.of(examples);

    ReplyTemplates.Result r =
        ReplyTemplates.template("Your free account: feel free to ask.", List.of(free), generic);

    assertThat(generic.phrases()).containsExactly("feel free to");
    assertThat(r.template()).contains("Your {{ACCOUNT_TYPE}} account: feel free to ask.");
  }

  @Test
  void shouldNeedTheMinimumOfOtherRepliesForAPhraseToBeGeneric() {
    DraftInput.Entity free = new DraftInput.Entity("ACCOUNT_TYPE", "free");
    List<DraftExample> examples = new ArrayList<>();
    for (int i = 0; i < GenericPhrases.MIN_REPLIES - 1; i++) {
      examples.add(example("where is my order", "Please feel free to ask.", List.of()));
    }
    examples.add(example("open a free account", "Feel free to ask.", List.of(free)));

    assertThat(GenericPhrases.of(examples).phrases()).isEmpty();
  }

  private static DraftExample example(
      String request, String reply, List<DraftInput.Entity> entities) {
    return new DraftExample(
        new DraftInput(request, List.of("account"), "neutral", "EMAIL", entities),
        reply,
        List.of());
  }

  @Test
  void shouldRenameBitextIdPlaceholdersToEntitySlots() {
    assertThat(
            ReplyTemplates.template("Your order {{Order Number Anonymized}}.", List.of())
                .template())
        .contains("Your order {{ORDER_ID}}.");
  }

  @Test
  void shouldRefuseAReplyWithAnotherConversationsNumberOrAClaim() {
    assertThat(ReplyTemplates.template("Order 370795561790 is late.", List.of()).refusal())
        .contains("id or amount");
    assertThat(ReplyTemplates.template("I've cancelled your order.", List.of()).refusal())
        .contains("claim");
    assertThat(ReplyTemplates.template("See {{370795561790}}.", List.of()).refusal())
        .contains("inside a placeholder");
  }
}
