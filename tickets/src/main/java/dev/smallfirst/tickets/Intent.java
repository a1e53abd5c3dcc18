package dev.smallfirst.tickets;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The intents the generator knows: label, category, how customers phrase them, and how a good reply
 * handles them. Labels and categories are the Bitext customer-support taxonomy's (27 intents in 11
 * categories): the label is the bare intent ({@code get_refund}), the category its lower-cased
 * group ({@code refund}). Intents of one category route alike, so confusing two of them is a minor
 * error and confusing categories a severe one ({@link #groups()}).
 *
 * <p>Templates use slots {@code {ORDER}}, {@code {INVOICE}}, {@code {PRODUCT}}, {@code {AMOUNT}},
 * {@code {REFUND}}, {@code {DATE}}, {@code {EMAIL}}, {@code {NAME}}, {@code {CITY}}, {@code
 * {COUNTRY}}, {@code {ACCOUNT}}, filled with the ticket's entities. Replies say what will happen or
 * how to do it, never that an action was already performed.
 *
 * @param label the Bitext intent, e.g. {@code track_refund}
 * @param category the Bitext category, lower case, e.g. {@code refund}
 * @param weight relative frequency as a primary intent
 * @param tone the sentiment this intent pulls towards (null: none)
 * @param asks customer phrasings, primary form
 * @param also short phrasings used when it is a secondary intent ("Also, ...")
 * @param replies reply sentences; the generator picks one that uses the most available slots
 */
public record Intent(
    String label,
    String category,
    int weight,
    Sentiment tone,
    List<String> asks,
    List<String> also,
    List<String> replies) {

  /** The category of a known label: {@code refund} for {@code get_refund}. */
  public static String categoryOf(String label) {
    return byLabel(label).category();
  }

  /** Every label with its category, in catalogue order: the trainer's {@code --label-groups}. */
  public static Map<String, String> groups() {
    Map<String, String> groups = new LinkedHashMap<>();
    all().forEach(i -> groups.put(i.label(), i.category()));
    return groups;
  }

  /** Slots ({@code ORDER}, ...) that a template uses. */
  public static Set<String> slotsOf(String template) {
    Set<String> slots = new java.util.TreeSet<>();
    var m = java.util.regex.Pattern.compile("\\{([A-Z]+)}").matcher(template);
    while (m.find()) {
      slots.add(m.group(1));
    }
    return slots;
  }

  /** Every intent, in a fixed order. */
  public static List<Intent> all() {
    return IntentCatalog.INTENTS;
  }

  /** The intent with {@code label}; throws when unknown. */
  public static Intent byLabel(String label) {
    for (Intent i : all()) {
      if (i.label.equals(label)) {
        return i;
      }
    }
    throw new IllegalArgumentException("unknown intent " + label);
  }
}
