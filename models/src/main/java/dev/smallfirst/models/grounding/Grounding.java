package dev.smallfirst.models.grounding;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Entity-like strings: amounts, e-mail addresses and any token with three or more digits (order,
 * invoice and phone numbers). A reply may contain one only if the customer's message (or the
 * tenant's reply kit, for company facts) has it; anything else is invented. Stateless.
 */
public final class Grounding {

  /** Amounts, e-mail addresses, and any run of three or more digits (order numbers, phones). */
  public static final Pattern ENTITY_LIKE =
      Pattern.compile(
          "[$€£]\\s?\\d[\\d,]*(?:\\.\\d+)?|\\d[\\d,]*(?:\\.\\d+)?\\s?(?:USD|EUR|GBP)"
              + "|[\\w.+-]+@[\\w-]+(?:\\.[\\w-]+)+|[A-Za-z#-]*\\d{3,}[\\w-]*");

  private Grounding() {}

  /** Entity-like strings of {@code draft} that none of {@code sources} contains. */
  public static List<String> invented(String draft, String... sources) {
    List<String> lower = new ArrayList<>();
    for (String s : sources) {
      lower.add(s.toLowerCase(Locale.ROOT));
    }
    List<String> out = new ArrayList<>();
    Matcher m = ENTITY_LIKE.matcher(draft);
    while (m.find()) {
      String found = m.group().toLowerCase(Locale.ROOT).strip();
      if (lower.stream().noneMatch(s -> s.contains(found))) {
        out.add(m.group());
      }
    }
    return out;
  }

  /** The entity-like strings of {@code text}. */
  public static List<String> entityLike(String text) {
    return invented(text);
  }
}
