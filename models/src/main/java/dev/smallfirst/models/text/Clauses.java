package dev.smallfirst.models.text;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Splits a support message into the clauses that may each ask for something: at sentence ends
 * ({@code . ! ?} before a space) and before the connectors that open a further request ("also",
 * "one more thing", "oh and", "besides that", "by the way", "and please", "and can you", …), so
 * that "where is my order? And please cancel order #1." reads as two requests. Fragments of fewer
 * than two words (a greeting, "Thanks") are left out. A message that does not split is one clause.
 * Stateless and thread-safe.
 *
 * <pre>{@code
 * Clauses.of("where is my order Oh and I need an invoice")
 *     // ["where is my order", "Oh and I need an invoice"]
 * }</pre>
 */
public final class Clauses {
  /** At most this many clauses are returned; the rest of a long message is the last one. */
  public static final int MAX = 6;

  private static final Pattern BOUNDARY =
      Pattern.compile(
          "(?<=[.!?])\\s+"
              + "|\\s+(?=(?i:also|additionally|besides that|one more thing|another thing|oh and"
              + "|and also|by the way|btw|p\\.?s\\.?|separately|on another note)\\b)"
              + "|\\s+(?=(?i:and)\\s+(?i:please|can you|could you|can i|could i|i'd like|i would"
              + " like|i want|i need|how do i|how can i|where is|when will|i also)\\b)");

  private Clauses() {}

  /** The clauses of {@code text} in order, each trimmed; one clause when it does not split. */
  public static List<String> of(String text) {
    List<String> out = new ArrayList<>();
    Matcher m = BOUNDARY.matcher(text);
    int start = 0;
    while (m.find()) {
      add(out, text.substring(start, m.start()));
      start = m.end();
    }
    add(out, text.substring(start));
    if (out.size() > MAX) {
      List<String> kept = new ArrayList<>(out.subList(0, MAX - 1));
      kept.add(String.join(" ", out.subList(MAX - 1, out.size())));
      out = kept;
    }
    if (out.isEmpty()) {
      out.add(text.strip());
    }
    return out;
  }

  private static void add(List<String> out, String part) {
    String s = part.strip();
    if (s.split("\\s+").length >= 2) {
      out.add(s);
    }
  }
}
