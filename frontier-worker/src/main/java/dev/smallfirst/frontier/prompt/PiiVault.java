package dev.smallfirst.frontier.prompt;

import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Masks e-mail addresses, IBANs, payment-card numbers and phone numbers in text that leaves the
 * perimeter and restores them in the reply. The same value always gets the same placeholder ({@code
 * [EMAIL_1]}, {@code [IBAN_1]}, {@code [CARD_1]}, {@code [PHONE_1]}) within one vault; one vault
 * serves one escalation. Not thread-safe.
 *
 * <p>The detectors are deterministic and independent of the models: they run over every block of
 * the prompt, so a fragment an extract model produced (e.g. {@code "415) 555-0199"} typed AMOUNT)
 * is masked like the whole. IBANs pass the ISO 13616 mod-97 check, cards the Luhn check; a phone
 * number is any run of digit groups separated by spaces, dots, dashes or parentheses with at least
 * 7 digits ({@code (415) 555-0199}, {@code +44 20 7946 0958}, {@code +49 (0)30 1234567}), or a bare
 * run of 10 or 11 digits, so that order and tracking numbers such as {@code A-10442} pass. Masking
 * more than needed is safe: every placeholder is restored in the reply. Person names are masked
 * ({@code [NAME_1]}) where a salutation, title, self-introduction or sign-off points at them
 * ({@link NameFinder}, which also says what it misses), and then wherever they, or a word of them,
 * recur.
 */
public final class PiiVault {
  /** What a placeholder stands for. */
  enum Kind {
    EMAIL,
    IBAN,
    CARD,
    PHONE,
    NAME
  }

  private static final Pattern EMAIL =
      Pattern.compile(
          "(?<![\\w.%+-])[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\\.[A-Za-z0-9-]+)*\\.[A-Za-z]{2,}");
  private static final Pattern CARD =
      Pattern.compile("(?<![\\d-])(?:\\d[ -]?){12,18}\\d(?![\\d-])");
  private static final Pattern PHONE =
      Pattern.compile(
          // digit groups with 1-3 separators between them (possessive: linear time on any input),
          // or a bare national-length run
          "(?<![\\w+])(?:\\+|\\()?\\d{1,8}+(?:[ .()-]{1,3}+\\d{1,8}+){1,8}+(?!\\w)"
              + "|(?<![\\w+])\\d{10,11}(?!\\w)");

  /** A country code, check digits and 11-30 letters or digits, possibly in groups of four. */
  private static final Pattern IBAN =
      Pattern.compile("(?<![A-Za-z0-9])[A-Z]{2}\\d{2}(?: ?[A-Z0-9]){11,30}(?![A-Za-z0-9])");

  private static final Pattern DIGIT_RUN = Pattern.compile("\\d++(?:[ .()/-]{1,3}+\\d++)*+");
  private static final Pattern ISO_DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");
  private static final Pattern PLACEHOLDER =
      Pattern.compile("\\[(EMAIL|IBAN|CARD|PHONE|NAME)_(\\d+)]");

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

  /**
   * {@code text} with every e-mail, IBAN, card, phone number and name replaced by its placeholder.
   */
  public String mask(String text) {
    if (!enabled || text == null || text.isEmpty()) {
      return text;
    }
    String out = replace(text, EMAIL, Kind.EMAIL, v -> true);
    out = replaceIbans(out);
    out = replace(out, CARD, Kind.CARD, PiiVault::isCardNumber);
    out = replace(out, PHONE, Kind.PHONE, PiiVault::isPhoneNumber);
    return maskNames(maskFragments(out));
  }

  /**
   * Names found by their cues ({@link NameFinder}) are learned, whole and word by word; then every
   * learned name or word of one, wherever it stands, gets its placeholder, so that {@code "Thanks,
   * Anna Smith"} in the body also masks {@code "Hi Anna,"} in the draft.
   */
  private String maskNames(String text) {
    for (String name : NameFinder.names(text)) {
      placeholder(Kind.NAME, name);
      NameFinder.parts(name).forEach(part -> placeholder(Kind.NAME, part));
    }
    if (!counters.containsKey(Kind.NAME)) {
      return text;
    }
    List<String> known =
        placeholderByValue.keySet().stream()
            .filter(v -> placeholderByValue.get(v).startsWith("[" + Kind.NAME + "_"))
            .sorted(Comparator.comparingInt(String::length).reversed())
            .map(Pattern::quote)
            .toList();
    Matcher m =
        Pattern.compile("(?<![\\p{L}])(?:" + String.join("|", known) + ")(?![\\p{L}])")
            .matcher(text);
    StringBuilder sb = new StringBuilder(text.length());
    while (m.find()) {
      m.appendReplacement(sb, Matcher.quoteReplacement(placeholderByValue.get(m.group())));
    }
    m.appendTail(sb);
    return sb.toString();
  }

  /**
   * Learns the personal data in {@code text} (the customer's own words) without masking anything
   * yet, so that fragments of it elsewhere (an entity span cut short, a draft quoting part of a
   * card number) are masked too.
   */
  public void learn(String text) {
    mask(text);
  }

  /**
   * Runs of at least 7 digits (with separators) that are part of a number already masked, or hold
   * one, get that number's placeholder: the last 12 digits of a card are no less the card.
   */
  private String maskFragments(String text) {
    if (valueByPlaceholder.isEmpty()) {
      return text;
    }
    Matcher m = DIGIT_RUN.matcher(text);
    StringBuilder sb = new StringBuilder(text.length());
    boolean any = false;
    while (m.find()) {
      String digits = m.group().replaceAll("[^0-9]", "");
      if (digits.length() < 7) {
        continue;
      }
      for (Map.Entry<String, String> known : valueByPlaceholder.entrySet()) {
        String knownDigits = known.getValue().replaceAll("[^0-9]", "");
        if (knownDigits.length() >= 7
            && (knownDigits.contains(digits) || digits.contains(knownDigits))) {
          m.appendReplacement(sb, Matcher.quoteReplacement(known.getKey()));
          any = true;
          break;
        }
      }
    }
    if (!any) {
      return text;
    }
    m.appendTail(sb);
    return sb.toString();
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

  /**
   * Replaces IBANs; a candidate that runs on into following capitals or digits is shortened from
   * its end until it passes the check, so {@code "GB82 WEST 1234 5698 7654 32 THANKS"} loses only
   * the IBAN.
   */
  private String replaceIbans(String text) {
    Matcher m = IBAN.matcher(text);
    StringBuilder sb = new StringBuilder(text.length());
    int copied = 0;
    while (m.find()) {
      String candidate = m.group();
      for (int end = candidate.length(); end >= 15; end--) {
        String head = candidate.substring(0, end);
        if (!head.endsWith(" ") && isIban(head)) {
          sb.append(text, copied, m.start()).append(placeholder(Kind.IBAN, head));
          copied = m.start() + end;
          break;
        }
      }
    }
    return copied == 0 ? text : sb.append(text, copied, text.length()).toString();
  }

  /** ISO 13616: 15 to 34 characters, and the rearranged number is 1 modulo 97. */
  static boolean isIban(String candidate) {
    String compact = candidate.replace(" ", "");
    if (compact.length() < 15 || compact.length() > 34) {
      return false;
    }
    String rearranged = compact.substring(4) + compact.substring(0, 4);
    int remainder = 0;
    for (int i = 0; i < rearranged.length(); i++) {
      int v = Character.digit(rearranged.charAt(i), 36);
      if (v < 0) {
        return false;
      }
      remainder = (v < 10 ? remainder * 10 + v : remainder * 100 + v) % 97;
    }
    return remainder == 1;
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
   * At least 7 digits when written with a {@code +} or separators (longer runs too: two numbers
   * written side by side are masked together rather than not at all); a bare run of digits only at
   * national length (10 or 11), so that tracking and order numbers pass. ISO dates are not phones.
   */
  static boolean isPhoneNumber(String candidate) {
    long digits = candidate.chars().filter(Character::isDigit).count();
    if (ISO_DATE.matcher(candidate).find()) {
      return false;
    }
    boolean bare = digits == candidate.length();
    return bare ? digits == 10 || digits == 11 : digits >= 7;
  }
}
