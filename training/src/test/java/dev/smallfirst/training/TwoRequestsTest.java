package dev.smallfirst.training;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.smallfirst.training.data.DraftExample;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TwoRequestsTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private static List<JsonNode> rows() throws Exception {
    List<JsonNode> rows = new ArrayList<>();
    rows.add(
        JSON.readTree(
            """
            {"text": "where is order 12345?", "label": "track_order",
             "spans": [{"start": 15, "end": 20, "label": "order_id"}],
             "response": "Order 12345 is on its way."}"""));
    rows.add(
        JSON.readTree(
            """
            {"text": "  I want a refund of $40", "label": "get_refund",
             "spans": [{"start": 21, "end": 24, "label": "refund_amount"}],
             "response": "I can help with the refund of $40."}"""));
    rows.add(
        JSON.readTree(
            """
            {"text": "cancel my account", "label": "delete_account", "spans": [],
             "response": "Here is how to close your account."}"""));
    return rows;
  }

  @Test
  void shouldJoinTwoRequestsOfDifferentIntentsKeepingEverySpanOnItsWords() throws Exception {
    // When
    List<JsonNode> two = TwoRequests.join(rows(), 40, 7);

    // Then: every message has two different intents, both replies, and spans that still cut the
    // entity values out of the joined text
    assertThat(two).hasSize(40);
    for (JsonNode row : two) {
      String text = row.get("text").asText();
      List<String> intents = new ArrayList<>();
      row.get("intents").forEach(n -> intents.add(n.asText()));
      assertThat(intents).hasSize(2).doesNotHaveDuplicates();
      assertThat(row.get("label").asText()).isEqualTo(intents.get(0));
      assertThat(TwoRequests.JOINS).anyMatch(text::contains);
      for (JsonNode s : row.get("spans")) {
        String value = text.substring(s.get("start").asInt(), s.get("end").asInt());
        assertThat(value).isIn("12345", "$40");
      }
      int expectedSpans =
          (intents.contains("track_order") ? 1 : 0) + (intents.contains("get_refund") ? 1 : 0);
      assertThat(row.get("spans")).hasSize(expectedSpans);
      assertThat(row.get("response").asText()).contains("\n\n");

      // And: the evaluator reads it as a two-intent draft example with both entities
      DraftExample e = DraftExample.parse(row);
      assertThat(e.input().intents()).containsExactlyElementsOf(intents);
      assertThat(e.input().entities()).hasSize(expectedSpans);
    }
  }

  @Test
  void shouldGiveTheSameMessagesForTheSameSeed() throws Exception {
    assertThat(TwoRequests.join(rows(), 20, 3)).isEqualTo(TwoRequests.join(rows(), 20, 3));
    assertThat(TwoRequests.join(rows(), 20, 3)).isNotEqualTo(TwoRequests.join(rows(), 20, 4));
  }

  @Test
  void shouldMakeNoneFromRowsOfOneIntent() throws Exception {
    assertThat(TwoRequests.join(rows().subList(0, 1), 10, 7)).isEmpty();
  }
}
