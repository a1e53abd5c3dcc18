package dev.smallfirst.models.grounding;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code {{Slot Name}}} placeholders of reply templates. Two kinds: <em>entity slots</em> in
 * upper snake case ({@code {{ORDER_ID}}}, {@code {{REFUND_AMOUNT}}}), filled only from the entities
 * the extract stage found in the message, and <em>company slots</em> (anything else, {@code
 * {{Website Name}}}), filled only from the tenant's reply kit. Stateless.
 */
public final class Slots {
  /** A placeholder: two braces, a name without braces, two braces. */
  public static final Pattern SLOT = Pattern.compile("\\{\\{\\s*([^{}]+?)\\s*}}");

  private static final Pattern ENTITY_SLOT = Pattern.compile("[A-Z][A-Z0-9_]*");

  /**
   * What filling a template gave: the text and the slots nothing could fill (left as they were).
   */
  public record Filled(String text, List<String> unfilled) {
    public Filled {
      unfilled = List.copyOf(unfilled);
    }
  }

  private Slots() {}

  /** The slot names of {@code template}, in order of first use. */
  public static Set<String> names(String template) {
    Set<String> out = new LinkedHashSet<>();
    Matcher m = SLOT.matcher(template);
    while (m.find()) {
      out.add(m.group(1));
    }
    return out;
  }

  /** Whether {@code name} is an entity slot (upper snake case, an entity type). */
  public static boolean isEntitySlot(String name) {
    return ENTITY_SLOT.matcher(name).matches();
  }

  /**
   * Whether {@code template}'s braces are all parts of well-formed slots; a stray {@code {{} or
   * {@code }}} (a typo in a reply bank) is refused by the loaders.
   */
  public static boolean wellFormed(String template) {
    String rest = SLOT.matcher(template).replaceAll("");
    return !rest.contains("{{") && !rest.contains("}}");
  }

  /**
   * Fills every slot of {@code template}: entity slots from {@code entities} (type to value),
   * company slots from {@code kit}. A slot neither has stays as it was and is reported.
   */
  public static Filled fill(
      String template, Map<String, String> entities, Map<String, String> kit) {
    List<String> unfilled = new ArrayList<>();
    Matcher m = SLOT.matcher(template);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String name = m.group(1);
      Optional<String> value =
          Optional.ofNullable(isEntitySlot(name) ? entities.get(name) : kit.get(name));
      if (value.isPresent()) {
        m.appendReplacement(out, Matcher.quoteReplacement(value.get()));
      } else {
        unfilled.add(name);
        m.appendReplacement(out, Matcher.quoteReplacement(m.group()));
      }
    }
    m.appendTail(out);
    return new Filled(out.toString(), unfilled);
  }

  /** Whether {@code text} still has a placeholder in it. */
  public static boolean hasSlot(String text) {
    return SLOT.matcher(text).find();
  }
}
