package dev.smallfirst.models.causallm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.smallfirst.records.DraftContext;
import dev.smallfirst.records.Entity;
import dev.smallfirst.records.SentimentLabel;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The documented prompt layout of {@code causal-lm} drafts. */
class PromptLayoutTest {
  private static final PromptLayout CHAT =
      PromptLayout.parse(
          "<|user|> intents: {intents} | sentiment: {sentiment} | entities: {entities}\n"
              + "{message} <|assistant|>");

  @Test
  void shouldRenderEveryPlaceholderAsDocumented() {
    DraftContext c =
        DraftContext.newBuilder()
            .setIntent("cancel_order")
            .setIntents(List.of("cancel_order", "get_refund"))
            .setSentiment(SentimentLabel.NEGATIVE)
            .setEntities(
                List.of(
                    Entity.newBuilder()
                        .setType("ORDER_ID")
                        .setValue("ORD-123456")
                        .setStart(0)
                        .setEnd(10)
                        .setConfidence(0.9)
                        .build()))
            .build();

    assertThat(CHAT.render("cancel ORD-123456 and refund me", c))
        .isEqualTo(
            "<|user|> intents: cancel_order, get_refund | sentiment: negative |"
                + " entities: ORDER_ID=ORD-123456\ncancel ORD-123456 and refund me <|assistant|>");
  }

  @Test
  void shouldSayUnknownAndNoneWithoutContext() {
    assertThat(CHAT.render("hello", null))
        .isEqualTo(
            "<|user|> intents: unknown | sentiment: unknown | entities: none\nhello <|assistant|>");
  }

  @Test
  void shouldNotSubstituteInsideTheMessage() {
    assertThat(PromptLayout.parse("{message}|").render("say {intents} {sentiment}", null))
        .isEqualTo("say {intents} {sentiment}|");
  }

  @Test
  void shouldRefuseAMisspeltPlaceholder() {
    assertThatThrownBy(() -> PromptLayout.parse("{message} {intent}"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("unknown placeholder {intent}");
  }

  @Test
  void shouldRefuseALayoutWithoutTheMessage() {
    assertThatThrownBy(() -> PromptLayout.parse("intent: {intents}"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("{message}");
  }
}
