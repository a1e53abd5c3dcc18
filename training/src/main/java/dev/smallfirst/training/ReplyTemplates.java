package dev.smallfirst.training;

import dev.smallfirst.models.grounding.ClaimDetector;
import dev.smallfirst.models.grounding.Grounding;
import dev.smallfirst.models.grounding.SlotFolding;
import dev.smallfirst.models.grounding.Slots;
import dev.smallfirst.models.text.DraftInput;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns a reference reply into a reply-bank template: the customer's own entity values become
 * entity slots ({@code 12345} becomes {@code {{ORDER_ID}}}, matched case-insensitively as whole
 * words, longest value first, with and without a leading {@code #}; a word value inside a phrase
 * that replies to other customers use too, such as "free" in "feel free to" for a customer with a
 * Free account, stays as it is: {@link GenericPhrases}), Bitext's id placeholders are renamed to
 * entity slots ({@link SlotFolding#ALIASES}), and {@code " Anonymized"} is dropped from company
 * placeholders ({@code {{Live Chat Anonymized}}}). A reply is refused (empty) when it still holds
 * an entity-like literal (a number from another conversation), a placeholder that is itself an id,
 * or a claim that an action was done. Stateless.
 */
final class ReplyTemplates {
  private static final Pattern ID_IN_SLOT = Pattern.compile(".*\\d{3,}.*|[0-9A-F]{16,}");

  /** The reason a reply was refused, or the template. */
  record Result(Optional<String> template, String refusal) {}

  private ReplyTemplates() {}

  /** {@link #template(String, List, GenericPhrases)} with no phrase known to be generic. */
  static Result template(String reference, List<DraftInput.Entity> entities) {
    return template(reference, entities, GenericPhrases.NONE);
  }

  /**
   * The template of {@code reference}, or the reason it is refused.
   *
   * @param generic phrases that replies to other customers use too: a value inside one is not the
   *     customer's
   */
  static Result template(
      String reference, List<DraftInput.Entity> entities, GenericPhrases generic) {
    String t = reference.replace("\r\n", "\n");
    List<DraftInput.Entity> byLength = new ArrayList<>(entities);
    byLength.sort(Comparator.comparingInt((DraftInput.Entity e) -> -e.value().length()));
    for (DraftInput.Entity e : byLength) {
      String slot = "{{" + e.type() + "}}";
      for (String v : List.of(e.value(), e.value().replaceFirst("^#", ""))) {
        if (v.length() >= 2) {
          t = slotted(t, v, slot, generic);
        }
      }
    }
    t = SlotFolding.aliased(t);
    Matcher m = Slots.SLOT.matcher(t);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String name = m.group(1);
      if (ID_IN_SLOT.matcher(name).matches()) {
        return new Result(Optional.empty(), "an id inside a placeholder");
      }
      name = name.endsWith(" Anonymized") ? name.substring(0, name.length() - 11) : name;
      m.appendReplacement(out, Matcher.quoteReplacement("{{" + name + "}}"));
    }
    m.appendTail(out);
    t = out.toString();
    if (!Slots.wellFormed(t)) {
      return new Result(Optional.empty(), "a malformed placeholder");
    }
    if (!Grounding.entityLike(Slots.SLOT.matcher(t).replaceAll(" ")).isEmpty()) {
      return new Result(Optional.empty(), "an id or amount the message does not have");
    }
    if (ClaimDetector.claims(t)) {
      return new Result(Optional.empty(), "a claim that an action was done");
    }
    return new Result(Optional.of(t), "");
  }

  /**
   * {@code text} with each whole-word, case-insensitive occurrence of {@code value} replaced by
   * {@code slot}, except inside a generic phrase: "Pro" in "provide" or "free" in "feel free to" is
   * not the customer's account type.
   */
  private static String slotted(String text, String value, String slot, GenericPhrases generic) {
    Matcher m = GenericPhrases.wholeWord(value).matcher(text);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String replacement = generic.contains(text, m.start(), m.end()) ? m.group() : slot;
      m.appendReplacement(out, Matcher.quoteReplacement(replacement));
    }
    m.appendTail(out);
    return out.toString();
  }
}
