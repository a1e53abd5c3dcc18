package dev.smallfirst.training;

import static org.assertj.core.api.Assertions.assertThat;

import dev.smallfirst.models.text.DraftInput;
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
