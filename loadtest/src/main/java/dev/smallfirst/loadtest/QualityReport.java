package dev.smallfirst.loadtest;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * How good the replies of a run were, where the requests said what is right (rows of {@code demo
 * --tickets} with a {@code label} and/or a reference {@code response}): per route ({@code all}
 * first, then {@code SMALL_ONLY}, {@code ESCALATED}, {@code DEGRADED}, {@code REJECTED} where
 * replies took it), the intent accuracy of the classify stage against the label and the draft
 * metrics of the reply sent against the reference. A metric nothing could score is absent (null),
 * never 0. Rates are fractions of the replies with a reference. Immutable.
 *
 * @param labelled replies whose request carried a label
 * @param withReference replies whose request carried a reference reply
 * @param routes per route, in the order above
 * @param method how the figures were computed, for the reader
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record QualityReport(
    @JsonProperty("labelled") long labelled,
    @JsonProperty("with_reference") long withReference,
    @JsonProperty("routes") Map<String, RouteQuality> routes,
    @JsonProperty("method") String method) {

  /** What the console and the HTML page say where a run has no quality section. */
  public static final String NOT_MEASURED =
      "not measured: the requests carry no label and no reference reply (demo --tickets rows"
          + " with a \"label\" or a \"response\" are scored)";

  /** The column heads of {@link #rows}. */
  public static final List<String> HEADS =
      List.of(
          "route",
          "scored",
          "labelled",
          "intent acc",
          "95% CI",
          "with ref",
          "chrF",
          "95% CI",
          "faithful",
          "invented",
          "unresolved",
          "claims");

  /** One row of cells per route, in {@link #HEADS}' order; "-" where nothing was scored. */
  public List<List<String>> rows() {
    List<List<String>> out = new ArrayList<>();
    routes.forEach(
        (route, q) -> {
          List<String> row = new ArrayList<>();
          row.add(route);
          row.add(String.valueOf(q.replies()));
          row.add(String.valueOf(q.labelled()));
          row.add(percent(q.intentAccuracy()));
          row.add(
              q.intentAccuracyCi95() == null
                  ? "-"
                  : percent(q.intentAccuracyCi95().low())
                      + "-"
                      + percent(q.intentAccuracyCi95().high()));
          row.add(String.valueOf(q.withReference()));
          row.add(q.chrf() == null ? "-" : String.format(Locale.ROOT, "%.1f", q.chrf()));
          row.add(
              q.chrfCi95() == null
                  ? "-"
                  : String.format(
                      Locale.ROOT, "%.1f-%.1f", q.chrfCi95().low(), q.chrfCi95().high()));
          row.add(percent(q.entityFaithfulness()));
          row.add(percent(q.inventedEntities()));
          row.add(percent(q.unresolvedSlots()));
          row.add(percent(q.falseActionClaims()));
          out.add(row);
        });
    return out;
  }

  private static String percent(Double v) {
    return v == null ? "-" : String.format(Locale.ROOT, "%.1f%%", 100 * v);
  }

  /**
   * One route's replies.
   *
   * @param replies replies of the route that were scored (labelled or with a reference)
   * @param labelled of those, with a label
   * @param intentAccuracy the classify stage's intent ({@code DraftedReply.intent}) equal to the
   *     label; a reply without an intent counts as wrong
   * @param intentAccuracyCi95 its percentile-bootstrap 95% interval
   * @param withReference of those, with a reference reply
   * @param chrf corpus chrF of the reply text against the slot-folded reference, 0 to 100
   * @param chrfCi95 its percentile-bootstrap 95% interval
   * @param entityFaithfulness replies that repeat every entity value of the request the reference
   *     repeats
   * @param inventedEntities replies with an id, amount or address neither the request nor the reply
   *     kit holds
   * @param unresolvedSlots replies with a {@code {{slot}}} left
   * @param falseActionClaims replies that claim an action was done
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record RouteQuality(
      @JsonProperty("replies") long replies,
      @JsonProperty("labelled") long labelled,
      @JsonProperty("intent_accuracy") Double intentAccuracy,
      @JsonProperty("intent_accuracy_ci95") Interval intentAccuracyCi95,
      @JsonProperty("with_reference") long withReference,
      @JsonProperty("chrf") Double chrf,
      @JsonProperty("chrf_ci95") Interval chrfCi95,
      @JsonProperty("entity_faithfulness") Double entityFaithfulness,
      @JsonProperty("invented_entities") Double inventedEntities,
      @JsonProperty("unresolved_slots") Double unresolvedSlots,
      @JsonProperty("false_action_claims") Double falseActionClaims) {}

  /** A 95% interval. */
  public record Interval(@JsonProperty("low") double low, @JsonProperty("high") double high) {}
}
