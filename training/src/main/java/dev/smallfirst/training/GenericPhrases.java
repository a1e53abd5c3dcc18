package dev.smallfirst.training;

import dev.smallfirst.models.text.DraftInput;
import dev.smallfirst.training.data.DraftExample;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Phrases in which an entity value is a plain word of the replies, not a customer's value: "feel
 * free to" or "toll free number" hold the account type {@code free}. A phrase is the value's
 * occurrence with the word before and the word after it, lower case; it is generic when it occurs
 * in at least {@link #MIN_REPLIES} reference replies whose request does not have that value. Only
 * values that are words count (no digit): a number never occurs by chance. Immutable.
 */
final class GenericPhrases {
  /** In how many other customers' replies a phrase must occur to be generic. */
  static final int MIN_REPLIES = 3;

  /** No phrase is generic. */
  static final GenericPhrases NONE = new GenericPhrases(Set.of());

  private static final Pattern WORD_BEFORE = Pattern.compile("(\\p{L}+)[^\\p{L}\\p{N}]*$");
  private static final Pattern WORD_AFTER = Pattern.compile("^[^\\p{L}\\p{N}]*(\\p{L}+)");
  private static final Pattern DIGIT = Pattern.compile("\\p{N}");

  private final Set<String> phrases;

  private GenericPhrases(Set<String> phrases) {
    this.phrases = Set.copyOf(phrases);
  }

  /** {@code value} as a whole word, case-insensitively: not inside a longer word or number. */
  static Pattern wholeWord(String value) {
    return Pattern.compile(
        "(?<![\\p{L}\\p{N}])" + Pattern.quote(value) + "(?![\\p{L}\\p{N}])",
        Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
  }

  /** The generic phrases of {@code examples}' references. */
  static GenericPhrases of(List<DraftExample> examples) {
    Set<String> values = new HashSet<>();
    for (DraftExample e : examples) {
      for (DraftInput.Entity entity : e.input().entities()) {
        String v = entity.value().toLowerCase(Locale.ROOT);
        if (v.length() >= 2 && !DIGIT.matcher(v).find()) {
          values.add(v);
        }
      }
    }
    Map<String, Integer> replies = new HashMap<>();
    for (String v : values) {
      Pattern p = wholeWord(v);
      for (DraftExample e : examples) {
        boolean own = e.input().entities().stream().anyMatch(x -> x.value().equalsIgnoreCase(v));
        if (own) {
          continue;
        }
        Set<String> seen = new HashSet<>();
        Matcher m = p.matcher(e.reference());
        while (m.find()) {
          seen.add(phrase(e.reference(), m.start(), m.end()));
        }
        seen.forEach(s -> replies.merge(s, 1, Integer::sum));
      }
    }
    Set<String> generic = new HashSet<>();
    replies.forEach(
        (phrase, n) -> {
          if (n >= MIN_REPLIES) {
            generic.add(phrase);
          }
        });
    return new GenericPhrases(generic);
  }

  /** Whether the value at {@code [start, end)} of {@code text} is inside a generic phrase. */
  boolean contains(String text, int start, int end) {
    return !phrases.isEmpty() && phrases.contains(phrase(text, start, end));
  }

  /** The generic phrases, for the log. */
  Set<String> phrases() {
    return phrases;
  }

  private static String phrase(String text, int start, int end) {
    Matcher before = WORD_BEFORE.matcher(text.substring(Math.max(0, start - 40), start));
    Matcher after = WORD_AFTER.matcher(text.substring(end, Math.min(text.length(), end + 40)));
    return ((before.find() ? before.group(1) : "")
            + " "
            + text.substring(start, end)
            + " "
            + (after.find() ? after.group(1) : ""))
        .toLowerCase(Locale.ROOT);
  }
}
