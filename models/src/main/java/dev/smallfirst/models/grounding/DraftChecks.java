package dev.smallfirst.models.grounding;

import dev.smallfirst.records.DraftContext;
import dev.smallfirst.records.Entity;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The grounding every draft format applies to its reply before it is sent, whatever wrote it: ids
 * and amounts the message (or the tenant's kit) does not have are removed, a claim that an action
 * was done is found, and a slot nothing filled is reported; any of the three puts the confidence
 * below the threshold (half of it), so the draft escalates. Also what a draft may use of its
 * request's context: the intents and the entity values. Stateless and thread-safe.
 *
 * <pre>{@code
 * DraftChecks.Checked c = DraftChecks.fillAndCheck(generated, DraftChecks.entities(context),
 *     kit.forTenant(tenant), message, kit.allValues());
 * double confidence = c.confidence(raw, threshold);
 * }</pre>
 */
public final class DraftChecks {

  /** What stands in the reply for an id or amount that had to be removed. */
  public static final String REMOVED = "[removed]";

  /**
   * A checked reply.
   *
   * @param text the reply with invented ids and amounts replaced by {@link #REMOVED}; unfilled
   *     slots stay as {@code {{Name}}}
   * @param unfilled slots nothing could fill
   * @param invented the ids and amounts that were removed
   * @param claims the sentences that claim an action was done
   */
  public record Checked(
      String text, List<String> unfilled, List<String> invented, List<ClaimDetector.Claim> claims) {
    public Checked {
      unfilled = List.copyOf(unfilled);
      invented = List.copyOf(invented);
      claims = List.copyOf(claims);
    }

    /** Nothing invented and nothing claimed. */
    public boolean grounded() {
      return invented.isEmpty() && claims.isEmpty();
    }

    /** Grounded and every slot filled: the reply may be sent as it is. */
    public boolean sendable() {
      return grounded() && unfilled.isEmpty();
    }

    /** {@code raw}, or {@link #lowered} of it when the reply is not {@link #sendable}. */
    public double confidence(double raw, double threshold) {
      return sendable() ? raw : lowered(raw, threshold);
    }
  }

  private DraftChecks() {}

  /**
   * Checks {@code reply}, whose slots are already filled ({@code unfilled} those that were not),
   * against the message and the kit's values (a kit value is not an invented id).
   */
  public static Checked check(
      String reply, List<String> unfilled, String message, String kitValues) {
    List<String> invented = Grounding.invented(reply, message, kitValues);
    String text = reply;
    for (String s : invented) {
      text = text.replace(s, REMOVED);
    }
    return new Checked(text, unfilled, invented, ClaimDetector.find(text));
  }

  /**
   * Fills {@code template}'s slots ({@link Slots#fill}: entity slots from {@code entities}, company
   * slots from {@code kit}), then {@link #check}s the result.
   */
  public static Checked fillAndCheck(
      String template,
      Map<String, String> entities,
      Map<String, String> kit,
      String message,
      String kitValues) {
    Slots.Filled filled = Slots.fill(template, entities, kit);
    return check(filled.text(), filled.unfilled(), message, kitValues);
  }

  /** A confidence below {@code threshold} (half of it, or less): the draft escalates. */
  public static double lowered(double confidence, double threshold) {
    return Math.min(confidence, threshold / 2);
  }

  /**
   * Every predicted intent, primary first; the single intent of producers that predate the list.
   */
  public static List<String> intents(DraftContext c) {
    List<String> out = new ArrayList<>();
    if (c == null) {
      return out;
    }
    if (c.getIntent() != null) {
      out.add(c.getIntent());
    }
    if (c.getIntents() != null) {
      c.getIntents().stream().filter(x -> !out.contains(x)).forEach(out::add);
    }
    return out;
  }

  /** The first value of each entity type, the only values an entity slot may take. */
  public static Map<String, String> entities(DraftContext c) {
    Map<String, String> out = new LinkedHashMap<>();
    if (c != null) {
      for (Entity e : c.getEntities()) {
        out.putIfAbsent(e.getType(), e.getValue());
      }
    }
    return out;
  }
}
