package dev.smallfirst.frontier.prompt;

import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Masks e-mail addresses, phone numbers and payment-card numbers in text that leaves the perimeter
 * and restores them in the reply. The same value always gets the same placeholder ({@code
 * [EMAIL_1]}, {@code [PHONE_1]}, {@code [CARD_1]}) within one vault; one vault serves one
 * escalation. Not thread-safe.
 */
public final class PiiVault {
  /** What a placeholder stands for. */
  enum Kind {
    EMAIL,
    CARD,
    PHONE
  }

  private static final Pattern EMAIL =
      Pattern.compile(
          "(?<![\\w.%+-])[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\\.[A-Za-z0-9-]+)*\\.[A-Za-z]{2,}");
  private static final Pattern CARD =
      Pattern.compile("(?<![\\d-])(?:\\d[ -]?){12,18}\\d(?![\\d-])");
  private static final Pattern PHONE =
      Pattern.compile(
          "(?<![\\w+])(?:\\+\\d{1,3}[ .-]?)?(?:\\(\\d{1,4}\\)[ .-]?)?\\d{2,5}(?:[ .-]?\\d{2,5}){1,4}(?![\\w])");
  private static final Pattern ISO_DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");
  private static final Pattern PLACEHOLDER = Pattern.compile("\\[(EMAIL|CARD|PHONE)_(\\d+)]");

  private final boolean enabled;
  private final Map<String, String> placeholderByValue = new HashMap<>();
  private final Map<String, String> valueByPlaceholder = new HashMap<>();
  private final Map<Kind, Integer> counters = new EnumMap<>(Kind.class);

  private PiiVault(boolean enabled) {
    this.enabled = enabled;
  }

  /** A vault that masks. */
  public static PiiVault masking() {
    return new PiiVault(true);
  }

  /** A vault that passes text through unchanged (masking switched off). */
  public static PiiVault passThrough() {
    return new PiiVault(false);
  }

  /** {@code text} with every e-mail, card and phone number replaced by its placeholder. */
  public String mask(String text) {
    if (!enabled || text == null || text.isEmpty()) {
      return text;
    }
    String out = replace(text, EMAIL, Kind.EMAIL, v -> true);
    out = replace(out, CARD, Kind.CARD, PiiVault::isCardNumber);
    return replace(out, PHONE, Kind.PHONE, PiiVault::isPhoneNumber);
  }

  /** {@code text} with every known placeholder replaced by the value it masks. */
  public String restore(String text) {
    if (valueByPlaceholder.isEmpty()) {
      return text;
    }
    Matcher m = PLACEHOLDER.matcher(text);
    StringBuilder sb = new StringBuilder(text.length());
    while (m.find()) {
      String value = valueByPlaceholder.get(m.group());
      m.appendReplacement(sb, Matcher.quoteReplacement(value == null ? m.group() : value));
    }
    m.appendTail(sb);
    return sb.toString();
  }

  /** Placeholders in {@code text} that this vault never issued (a model inventing data). */
  public Set<String> unknownPlaceholders(String text) {
    Set<String> unknown = new LinkedHashSet<>();
    Matcher m = PLACEHOLDER.matcher(text);
    while (m.find()) {
      if (!valueByPlaceholder.containsKey(m.group())) {
        unknown.add(m.group());
      }
    }
    return unknown;
  }

  /** How many distinct values were masked. */
  public int maskedValues() {
    return valueByPlaceholder.size();
  }

  private String replace(String text, Pattern pattern, Kind kind, Predicate<String> accept) {
    Matcher m = pattern.matcher(text);
    StringBuilder sb = new StringBuilder(text.length());
    boolean any = false;
    while (m.find()) {
      String value = m.group();
      if (!accept.test(value)) {
        continue;
      }
      any = true;
      m.appendReplacement(sb, Matcher.quoteReplacement(placeholder(kind, value)));
    }
    if (!any) {
      return text;
    }
    m.appendTail(sb);
    return sb.toString();
  }

  private String placeholder(Kind kind, String value) {
    return placeholderByValue.computeIfAbsent(
        value,
        v -> {
          String p = "[" + kind + "_" + counters.merge(kind, 1, Integer::sum) + "]";
          valueByPlaceholder.put(p, v);
          return p;
        });
  }

  static boolean isCardNumber(String candidate) {
    String digits = candidate.replaceAll("[ -]", "");
    if (digits.length() < 13 || digits.length() > 19) {
      return false;
    }
    int sum = 0;
    boolean twice = false;
    for (int i = digits.length() - 1; i >= 0; i--) {
      int d = digits.charAt(i) - '0';
      if (twice) {
        d *= 2;
        if (d > 9) {
          d -= 9;
        }
      }
      sum += d;
      twice = !twice;
    }
    return sum % 10 == 0;
  }

  /**
   * 8 to 15 digits (E.164) when written with a {@code +} or separators; a bare run of digits only
   * at national length (10 or 11), so that tracking and order numbers pass.
   */
  static boolean isPhoneNumber(String candidate) {
    long digits = candidate.chars().filter(Character::isDigit).count();
    if (ISO_DATE.matcher(candidate).find()) {
      return false;
    }
    boolean bare = digits == candidate.length();
    return bare ? digits == 10 || digits == 11 : digits >= 8 && digits <= 15;
  }
}
