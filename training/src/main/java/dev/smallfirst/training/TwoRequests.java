package dev.smallfirst.training;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Two-request messages made of real single-request Bitext rows: two rows of different intents
 * joined as a customer would ("… Also, …", "… one more thing: …"), with both intents, both rows'
 * entity spans (the second's shifted) and both replies as the reference. Bitext has no
 * multi-request text of its own; these measure whether the chain answers every request of a message
 * (intent coverage) on real wording rather than on the generator's. Seeded: the same rows, count
 * and seed give the same file.
 *
 * <pre>{@code
 * List<JsonNode> two = TwoRequests.join(heldOutPairs, 250, 7);
 * }</pre>
 */
public final class TwoRequests {
  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

  /** How the second request is attached to the first (the first loses its end punctuation). */
  static final List<String> JOINS = List.of(". Also, ", ", and also ", ". ", " one more thing: ");

  private TwoRequests() {}

  /**
   * {@code count} messages (fewer when the rows have fewer than two intents), each made of two
   * distinct rows of different {@code label}s drawn with {@code seed}.
   *
   * @param rows {@code bitext-support} rows: {@code text, label, spans, response}
   */
  public static List<JsonNode> join(List<JsonNode> rows, int count, long seed) {
    List<JsonNode> out = new ArrayList<>();
    if (rows.stream().map(r -> r.path("label").asText()).distinct().count() < 2) {
      return out;
    }
    Random random = new Random(seed);
    while (out.size() < count) {
      JsonNode a = rows.get(random.nextInt(rows.size()));
      JsonNode b = rows.get(random.nextInt(rows.size()));
      if (a.path("label").asText().equals(b.path("label").asText())) {
        continue;
      }
      out.add(joined(a, b, JOINS.get(random.nextInt(JOINS.size()))));
    }
    return out;
  }

  private static ObjectNode joined(JsonNode a, JsonNode b, String join) {
    String first = a.get("text").asText().stripTrailing().replaceAll("[.!?]+$", "");
    String raw = b.get("text").asText();
    String second = raw.strip();
    String text = first + join + second;
    // the second's spans move by where it starts now, less the leading space it lost
    int shift = first.length() + join.length() - (raw.length() - raw.stripLeading().length());
    ArrayNode spans = JSON.arrayNode();
    for (JsonNode s : a.path("spans")) {
      if (s.path("end").asInt() <= first.length()) {
        spans.add(s.deepCopy());
      }
    }
    for (JsonNode s : b.path("spans")) {
      ObjectNode moved = s.deepCopy();
      moved.put("start", s.path("start").asInt() + shift);
      moved.put("end", s.path("end").asInt() + shift);
      if (moved.get("start").asInt() >= first.length() + join.length()
          && moved.get("end").asInt() <= text.length()) {
        spans.add(moved);
      }
    }
    String intent = a.get("label").asText();
    ObjectNode row = JSON.objectNode();
    row.put("text", text);
    row.put("label", intent);
    row.putArray("intents").add(intent).add(b.get("label").asText());
    row.set("spans", spans);
    row.put(
        "response",
        a.path("response").asText().strip() + "\n\n" + b.path("response").asText().strip());
    return row;
  }
}
