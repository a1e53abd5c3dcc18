package dev.smallfirst.models.entities;

import dev.smallfirst.models.StageOutcome.EntitySpan;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Merges the tagger's spans with the validators' exact finds. Rules: every validator find is kept
 * (confidence 1); a model span that overlaps a find gives way to it; a model span of a validated
 * type (e-mail, order or invoice number, amount, date) that no validator confirms is dropped, since
 * those formats must be exact; other model spans (products, names) are kept with the model's
 * confidence. The result is ordered by start offset. Stateless.
 */
public final class SpanMerger {
  private SpanMerger() {}

  /** The merged entities of one text. */
  public static List<EntitySpan> merge(List<EntitySpan> model, List<EntitySpan> validated) {
    return merge(model, validated, false);
  }

  /**
   * Like {@link #merge(List, List)}, except that a model span of a validated type that no validator
   * finds is kept: for models trained on a tenant's own formats, which the validators' patterns do
   * not know. A validator's find still wins where the two overlap.
   */
  public static List<EntitySpan> mergeKeepingModel(
      List<EntitySpan> model, List<EntitySpan> validated) {
    return merge(model, validated, true);
  }

  private static List<EntitySpan> merge(
      List<EntitySpan> model, List<EntitySpan> validated, boolean keepUnconfirmed) {
    List<EntitySpan> out = new ArrayList<>(validated);
    for (EntitySpan m : model) {
      boolean overlapsFind =
          validated.stream().anyMatch(v -> EntityValidators.overlaps(v, m.start(), m.end()));
      if (!overlapsFind && (keepUnconfirmed || !EntityValidators.validates(m.type()))) {
        out.add(m);
      }
    }
    out.sort(Comparator.comparingInt(EntitySpan::start).thenComparingInt(EntitySpan::end));
    return out;
  }
}
