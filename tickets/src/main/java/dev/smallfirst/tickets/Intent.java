package dev.smallfirst.tickets;

import java.util.List;
import java.util.Set;

/**
 * The intents the generator knows: label, how customers phrase them, and how a good reply handles
 * them. Labels are {@code category.intent}; intents of one category route alike, so confusing two
 * of them is a minor error and confusing categories a severe one.
 *
 * <p>Templates use slots {@code {ORDER}}, {@code {PRODUCT}}, {@code {AMOUNT}}, {@code {DATE}},
 * {@code {EMAIL}}, filled with the ticket's entities.
 *
 * @param label {@code category.intent}
 * @param weight relative frequency as a primary intent
 * @param tone the sentiment this intent pulls towards (null: none)
 * @param asks customer phrasings, primary form
 * @param also short phrasings used when it is a secondary intent ("Also, ...")
 * @param replies reply sentences; the generator picks one that uses the most available slots
 */
public record Intent(
    String label,
    int weight,
    Sentiment tone,
    List<String> asks,
    List<String> also,
    List<String> replies) {

  /** The category part of a label: {@code billing} for {@code billing.refund_request}. */
  public static String categoryOf(String label) {
    int dot = label.indexOf('.');
    return dot < 0 ? label : label.substring(0, dot);
  }

  /** The category of this intent. */
  public String category() {
    return categoryOf(label);
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
