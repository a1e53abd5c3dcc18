package dev.smallfirst.models.grounding;

import java.util.Map;
import java.util.regex.Matcher;

/**
 * How reference replies with {@code {{slots}}} are compared with drafts. Bitext's references keep
 * company facts as placeholders ({@code {{Website Name}}}) and sometimes the customer's own ids too
 * ({@code {{Order Number Anonymized}}}); a draft fills them. Folding, applied to the reference:
 *
 * <ol>
 *   <li>{@link #ALIASES} rename the id placeholders to entity slots ({@code {{Order Number
 *       Anonymized}}} becomes {@code {{ORDER_ID}}});
 *   <li>entity slots are filled with the row's gold entity values, company slots with the reply kit
 *       the draft used;
 *   <li>any slot still left, on either side, is folded to its bare name ({@code {{Live Chat}}}
 *       becomes {@code Live Chat}), so that a placeholder neither side could fill costs nothing and
 *       scores no bonus.
 * </ol>
 *
 * A draft that fills a slot with the same value as the folded reference matches it; one that fills
 * an entity with a wrongly extracted value does not. Stateless.
 */
public final class SlotFolding {

  /** Bitext's placeholders for the customer's own ids, and the entity slot each stands for. */
  public static final Map<String, String> ALIASES =
      Map.ofEntries(
          Map.entry("Order Number Anonymized", "ORDER_ID"),
          Map.entry("Order Number", "ORDER_ID"),
          Map.entry("order number", "ORDER_ID"),
          Map.entry("Order ID", "ORDER_ID"),
          Map.entry("Order ID Anonymized", "ORDER_ID"),
          Map.entry("Purchase ID Anonymized", "ORDER_ID"),
          Map.entry("Purchase Number Anonymized", "ORDER_ID"),
          Map.entry("Bill Number Anonymized", "INVOICE_ID"),
          Map.entry("Invoice Number", "INVOICE_ID"),
          Map.entry("Invoice Number Anonymized", "INVOICE_ID"),
          Map.entry("Name Field Anonymized", "PERSON_NAME"),
          Map.entry("Purchase Date Anonymized", "DATE"),
          Map.entry("Payment Method Anonymized", "PAYMENT_METHOD"),
          Map.entry("tracking number", "TRACKING_NUMBER"),
          Map.entry("ETA", "DELIVERY_DATE"),
          Map.entry("Estimated Time of Arrival", "DELIVERY_DATE"));

  private SlotFolding() {}

  /** {@code text} with the aliased placeholders renamed to entity slots. */
  public static String aliased(String text) {
    Matcher m = Slots.SLOT.matcher(text);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String to = ALIASES.get(m.group(1));
      m.appendReplacement(out, Matcher.quoteReplacement(to == null ? m.group() : "{{" + to + "}}"));
    }
    m.appendTail(out);
    return out.toString();
  }

  /** The reference as it is scored: aliased, filled from {@code entities} and {@code kit}, bare. */
  public static String reference(
      String reference, Map<String, String> entities, Map<String, String> kit) {
    return bare(Slots.fill(aliased(reference.replace("\r\n", "\n")), entities, kit).text());
  }

  /** Every slot left in {@code text} folded to its bare name. */
  public static String bare(String text) {
    return Slots.SLOT.matcher(text).replaceAll(m -> Matcher.quoteReplacement(m.group(1)));
  }
}
