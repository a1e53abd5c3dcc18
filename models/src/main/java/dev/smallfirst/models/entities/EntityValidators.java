package dev.smallfirst.models.entities;

import dev.smallfirst.models.StageOutcome.EntitySpan;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Deterministic finders for entity formats that must be exact: e-mail addresses, order numbers
 * ({@code ORD-1234567}), invoice numbers ({@code INV-20931}), amounts with a currency ({@code
 * $49.99}, {@code 12.50 EUR}) and dates ({@code 2024-03-15}, {@code 3/15/2024}, {@code March 3}).
 * What they find is exact by construction, so it has confidence 1. Immutable and thread-safe.
 */
public final class EntityValidators {
  /** The entity types whose format these validators decide. */
  public static final Set<String> VALIDATED_TYPES =
      Set.of("EMAIL", "ORDER_ID", "INVOICE_ID", "AMOUNT", "DATE");

  private static final String MONTHS =
      "january|february|march|april|may|june|july|august|september|october|november|december"
          + "|jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec";

  private record Rule(String type, Pattern pattern, Predicate<Matcher> valid) {}

  private static final List<Rule> RULES =
      List.of(
          new Rule(
              "EMAIL",
              Pattern.compile(
                  "(?<![\\w.+-])[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\\.[A-Za-z0-9-]+)*\\.[A-Za-z]{2,}\\b"),
              m -> true),
          new Rule("ORDER_ID", Pattern.compile("(?i)\\bORD-?\\d{5,12}\\b"), m -> true),
          new Rule("INVOICE_ID", Pattern.compile("(?i)\\bINV-?\\d{4,12}\\b"), m -> true),
          new Rule(
              "AMOUNT",
              Pattern.compile(
                  "[$€£]\\s?\\d{1,3}(?:,\\d{3})*(?:\\.\\d{1,2})?(?!\\d)"
                      + "|\\b\\d{1,3}(?:,\\d{3})*(?:\\.\\d{1,2})?\\s?(?i:USD|EUR|GBP)\\b"),
              m -> true),
          new Rule(
              "DATE",
              Pattern.compile("\\b(\\d{4})-(\\d{2})-(\\d{2})\\b"),
              m -> isDate(m.group(1), m.group(2), m.group(3))),
          new Rule(
              "DATE",
              Pattern.compile("\\b(\\d{1,2})/(\\d{1,2})/(\\d{4})\\b"),
              m -> isDate(m.group(3), m.group(1), m.group(2))),
          new Rule(
              "DATE",
              Pattern.compile(
                  "(?i)\\b(?:" + MONTHS + ")\\.? (\\d{1,2})(?:st|nd|rd|th)?(?:,? \\d{4})?\\b"),
              m -> {
                int day = Integer.parseInt(m.group(1));
                return day >= 1 && day <= 31;
              }));

  private EntityValidators() {}

  /**
   * Every exact-format entity in {@code text}, by start offset; overlapping finds keep the first.
   */
  public static List<EntitySpan> find(String text) {
    List<EntitySpan> found = new ArrayList<>();
    for (Rule rule : RULES) {
      Matcher m = rule.pattern.matcher(text);
      while (m.find()) {
        if (rule.valid.test(m) && found.stream().noneMatch(f -> overlaps(f, m.start(), m.end()))) {
          found.add(new EntitySpan(rule.type, m.group(), m.start(), m.end(), 1.0));
        }
      }
    }
    found.sort(java.util.Comparator.comparingInt(EntitySpan::start));
    return found;
  }

  /**
   * Like {@link #find(String)}, keeping only the finds of a type in {@code types}: a model speaks
   * for the types its manifest lists, and the validators only for those. A tenant model that
   * extracts {@code date} gets no {@code DATE} find put in place of its own span.
   */
  public static List<EntitySpan> find(String text, java.util.Collection<String> types) {
    if (types.stream().noneMatch(VALIDATED_TYPES::contains)) {
      return List.of();
    }
    return find(text).stream().filter(f -> types.contains(f.type())).toList();
  }

  private static final Pattern MONTH = Pattern.compile("(?i)\\b(?:" + MONTHS + ")\\b");

  /**
   * Whether a model's span of {@code type} has the shape such values always have: ids and amounts
   * hold a digit, e-mail addresses an {@code @}, dates a digit or a month name. Other types (names,
   * products, cities) are always plausible. A model span that fails this is dropped: the shape is
   * decided here, deterministically, not by what a tagger made of an unfamiliar word.
   */
  public static boolean plausible(String type, String value) {
    return switch (type) {
      case "EMAIL" -> value.indexOf('@') > 0;
      case "ORDER_ID", "INVOICE_ID", "AMOUNT", "REFUND_AMOUNT" ->
          value.chars().anyMatch(Character::isDigit);
      case "DATE" -> value.chars().anyMatch(Character::isDigit) || MONTH.matcher(value).find();
      default -> true;
    };
  }

  /** Whether {@code type} is one whose format the validators decide. */
  public static boolean validates(String type) {
    return VALIDATED_TYPES.contains(type.toUpperCase(Locale.ROOT));
  }

  static boolean overlaps(EntitySpan span, int start, int end) {
    return span.start() < end && start < span.end();
  }

  private static boolean isDate(String year, String month, String day) {
    try {
      LocalDate.of(Integer.parseInt(year), Integer.parseInt(month), Integer.parseInt(day));
      return true;
    } catch (DateTimeException e) {
      return false;
    }
  }
}
