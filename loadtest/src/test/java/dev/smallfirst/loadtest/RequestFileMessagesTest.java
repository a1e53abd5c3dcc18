package dev.smallfirst.loadtest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.smallfirst.records.Audience;
import dev.smallfirst.records.Channel;
import dev.smallfirst.records.CustomerTier;
import dev.smallfirst.records.SupportMessage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Real requests from a JSONL file become support messages, in order, with clear errors. */
class RequestFileMessagesTest {
  private static final Clock CLOCK =
      Clock.fixed(Instant.parse("2026-12-01T10:00:00Z"), ZoneOffset.UTC);

  @Test
  void shouldReplayBitextRowsAsAgentEmailsAndWrapAroundUnderNewIds(@TempDir Path dir)
      throws Exception {
    Path file = dir.resolve("requests.jsonl");
    Files.writeString(
        file,
        """
        {"text": "I want to cancel order 12345", "label": "cancel_order", "response": "..."}

        {"text": "where is my refund?", "channel": "chat", "audience": "customer", "tier": "premium"}
        """);
    RequestFileMessages m = RequestFileMessages.read(file, "run1", "acme", CLOCK);

    SupportMessage first = m.apply(0);
    SupportMessage second = m.apply(1);
    SupportMessage third = m.apply(2);

    assertThat(m.size()).isEqualTo(2);
    assertThat(first.getBody()).isEqualTo("I want to cancel order 12345");
    assertThat(first.getChannel()).isEqualTo(Channel.EMAIL);
    assertThat(first.getAudience()).isEqualTo(Audience.AGENT);
    assertThat(first.getCustomer().getTier()).isEqualTo(CustomerTier.STANDARD);
    assertThat(first.getAttributes()).containsEntry("label", "cancel_order");
    assertThat(second.getChannel()).isEqualTo(Channel.CHAT);
    assertThat(second.getAudience()).isEqualTo(Audience.CUSTOMER);
    assertThat(second.getCustomer().getTier()).isEqualTo(CustomerTier.PREMIUM);
    assertThat(third.getBody()).isEqualTo(first.getBody());
    assertThat(third.getMessageId()).isNotEqualTo(first.getMessageId());
    assertThat(third.getTicketId()).isNotEqualTo(first.getTicketId());
  }

  @Test
  void shouldKeepTheLabelReferenceAndSpanValuesOfARowOutOfTheMessage(@TempDir Path dir)
      throws Exception {
    Path file = dir.resolve("pairs.jsonl");
    Files.writeString(
        file,
        """
        {"text": "cancel order 12345, please", "label": "cancel_order", "spans": [{"start": 13, "end": 19, "label": "order_id"}], "response": "Order {{Order Number}} ..."}
        {"text": "hello"}
        """);
    RequestFileMessages m = RequestFileMessages.read(file, "run1", "acme", CLOCK);

    RequestFileMessages.Truth first = m.truth(0);

    assertThat(m.scorable()).isTrue();
    assertThat(first.label()).isEqualTo("cancel_order");
    assertThat(first.reference()).isEqualTo("Order {{Order Number}} ...");
    // edge punctuation cut, the type upper-cased, as the evaluator reads spans
    assertThat(first.entities()).containsExactly(Map.entry("ORDER_ID", "12345"));
    assertThat(m.truth(1).label()).isNull();
    assertThat(m.truth(3)).isEqualTo(m.truth(1));
    assertThat(m.apply(0).getAttributes()).doesNotContainKeys("response", "reference");
  }

  @Test
  void shouldNotBeScorableWithoutLabelsOrReferences(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("plain.jsonl");
    Files.writeString(file, "{\"text\": \"where is my parcel?\"}\n");

    assertThat(RequestFileMessages.read(file, "r", "t", CLOCK).scorable()).isFalse();
  }

  @Test
  void shouldNameTheLineOfASpanOutsideTheText(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("bad.jsonl");
    Files.writeString(
        file, "{\"text\": \"ok\", \"spans\": [{\"start\": 0, \"end\": 9, \"label\": \"x\"}]}\n");

    assertThatThrownBy(() -> RequestFileMessages.read(file, "r", "t", CLOCK))
        .hasMessageContaining("bad.jsonl:1")
        .hasMessageContaining("'spans'");
  }

  @Test
  void shouldNameTheLineOfARowWithoutText(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("bad.jsonl");
    Files.writeString(file, "{\"text\": \"ok\"}\n{\"label\": \"x\"}\n");

    assertThatThrownBy(() -> RequestFileMessages.read(file, "r", "t", CLOCK))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("bad.jsonl:2")
        .hasMessageContaining("'text'");
  }

  @Test
  void shouldNameABadSymbol(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("bad.jsonl");
    Files.writeString(file, "{\"text\": \"ok\", \"channel\": \"pigeon\"}\n");

    assertThatThrownBy(() -> RequestFileMessages.read(file, "r", "t", CLOCK))
        .hasMessageContaining("bad.jsonl:1")
        .hasMessageContaining("'channel'");
  }
}
