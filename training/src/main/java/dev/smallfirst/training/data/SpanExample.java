package dev.smallfirst.training.data;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * An extraction example: {@code {"text": "...", "spans": [{"start", "end", "label"}]}} with {@code
 * start} inclusive and {@code end} exclusive character offsets. Parsing rejects spans out of
 * bounds, empty or unlabeled; overlapping spans are allowed.
 */
public record SpanExample(String text, List<GoldSpan> spans) {

  /** One gold span. */
  public record GoldSpan(int start, int end, String label) {}

  public SpanExample {
    spans = List.copyOf(spans);
  }

  /** Parses one line of an extraction file. */
  public static SpanExample parse(JsonNode line) throws JsonlReader.BadLineException {
    String text = JsonlReader.requireText(line, "text");
    JsonNode arr = line.get("spans");
    if (arr == null || arr.isNull()) {
      throw new JsonlReader.BadLineException("missing field \"spans\"");
    }
    if (!arr.isArray()) {
      throw new JsonlReader.BadLineException("field \"spans\" is not an array");
    }
    List<GoldSpan> spans = new ArrayList<>();
    for (int i = 0; i < arr.size(); i++) {
      JsonNode s = arr.get(i);
      if (!s.path("start").isInt() || !s.path("end").isInt()) {
        throw new JsonlReader.BadLineException("span " + i + ": start and end must be integers");
      }
      int start = s.get("start").asInt();
      int end = s.get("end").asInt();
      String label = s.path("label").asText("");
      if (label.isBlank()) {
        throw new JsonlReader.BadLineException("span " + i + ": missing label");
      }
      if (start < 0 || end > text.length() || start >= end) {
        throw new JsonlReader.BadLineException(
            "span "
                + i
                + ": ["
                + start
                + ", "
                + end
                + ") is outside the text of length "
                + text.length()
                + " or empty");
      }
      spans.add(new GoldSpan(start, end, label.strip()));
    }
    // Overlapping spans are real annotations (restaurant-8k marks "in an hour" as both date and
    // time): they are kept for evaluation; the tagger learns the first of them.
    spans.sort(Comparator.comparingInt(GoldSpan::start).thenComparing(s -> -s.end()));
    return new SpanExample(text, spans);
  }
}
