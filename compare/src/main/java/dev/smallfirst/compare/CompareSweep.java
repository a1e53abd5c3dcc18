package dev.smallfirst.compare;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;

/**
 * The threshold sweep with the frontier's measured answers: at threshold {@code t} the examples
 * whose small confidence is below {@code t} take the frontier's answer (right or wrong as measured
 * on that very example, at what that answer cost; a failed call at the mean cost of the answered
 * ones), the others keep the small model's. Costs per 1,000 messages: every message pays the small
 * call, escalated ones the frontier call too. Pure and stateless.
 */
public final class CompareSweep {

  /**
   * One threshold.
   *
   * @param threshold escalate when the small confidence is below it
   * @param escalationRate fraction escalated
   * @param mixedQuality fraction right overall, small answers kept and frontier answers taken
   * @param costPer1000Micros cost of 1,000 messages, micro-dollars
   * @param savingVsFrontier 1 - cost / all-frontier cost (NaN when all-frontier costs nothing)
   */
  public record Row(
      double threshold,
      double escalationRate,
      double mixedQuality,
      long costPer1000Micros,
      double savingVsFrontier) {}

  /**
   * The routes without a threshold.
   *
   * @param smallQuality fraction the small model gets right
   * @param frontierQuality fraction the frontier gets right (unusable answers are wrong)
   * @param smallOnlyPer1000Micros 1,000 messages on the small model alone
   * @param allFrontierPer1000Micros 1,000 messages on the frontier alone (measured token usage)
   */
  public record Routes(
      double smallQuality,
      double frontierQuality,
      long smallOnlyPer1000Micros,
      long allFrontierPer1000Micros) {}

  /**
   * The recommendation.
   *
   * @param required the mixed quality the threshold had to keep
   * @param row the cheapest row keeping it, empty when none does
   */
  public record Recommendation(double required, Optional<Row> row) {}

  private CompareSweep() {}

  /** The routes' quality and cost on {@code items} (the scored examples). */
  public static Routes routes(List<Scored.Item> items, long smallCallMicros) {
    int n = items.size();
    int small = 0;
    int frontier = 0;
    double frontierCost = 0;
    double typical = typicalCost(items);
    for (Scored.Item it : items) {
      small += it.smallCorrect() ? 1 : 0;
      frontier += it.frontierCorrect() ? 1 : 0;
      frontierCost += cost(it, typical);
    }
    return new Routes(
        n == 0 ? Double.NaN : small / (double) n,
        n == 0 ? Double.NaN : frontier / (double) n,
        1000 * smallCallMicros,
        n == 0 ? 0 : Math.round(1000.0 * frontierCost / n));
  }

  /**
   * What the frontier's answer to {@code it} costs: its own billed cost when the provider answered,
   * else the mean cost of the answered calls ({@code typical}): a call that failed here (and cost
   * nothing) would be paid for in service, so failures never make the frontier cheaper.
   */
  static double cost(Scored.Item it, double typical) {
    return it.frontier() instanceof FrontierAnswer.Replied r ? r.costMicros() : typical;
  }

  /** The mean cost of the answered calls among {@code items}, 0 when none was answered. */
  static double typicalCost(List<Scored.Item> items) {
    return items.stream()
        .map(Scored.Item::frontier)
        .filter(a -> a instanceof FrontierAnswer.Replied)
        .mapToLong(FrontierAnswer::costMicros)
        .average()
        .orElse(0);
  }

  /** Thresholds 0, 0.01, ..., 1, every confidence seen, plus {@code extra}; ascending. */
  public static List<Row> sweep(List<Scored.Item> items, long smallCallMicros, double... extra) {
    TreeSet<Double> thresholds = new TreeSet<>();
    for (int i = 0; i <= 100; i++) {
      thresholds.add(i / 100.0);
    }
    items.forEach(it -> thresholds.add(it.confidence()));
    // Just above the highest confidence: everything escalates.
    items.stream()
        .mapToDouble(Scored.Item::confidence)
        .max()
        .ifPresent(max -> thresholds.add(Math.nextUp(max)));
    for (double e : extra) {
      if (!Double.isNaN(e)) {
        thresholds.add(e);
      }
    }
    long allFrontier = routes(items, smallCallMicros).allFrontierPer1000Micros();
    double typical = typicalCost(items);
    List<Row> rows = new ArrayList<>();
    for (double t : thresholds) {
      rows.add(row(items, smallCallMicros, allFrontier, typical, t));
    }
    return rows;
  }

  /** The row for threshold {@code t}. */
  static Row row(
      List<Scored.Item> items, long smallCallMicros, long allFrontier, double typical, double t) {
    int n = items.size();
    int escalated = 0;
    int right = 0;
    double frontierCost = 0;
    for (Scored.Item it : items) {
      if (it.confidence() < t) {
        escalated++;
        right += it.frontierCorrect() ? 1 : 0;
        frontierCost += cost(it, typical);
      } else {
        right += it.smallCorrect() ? 1 : 0;
      }
    }
    long cost = 1000 * smallCallMicros + (n == 0 ? 0 : Math.round(1000.0 * frontierCost / n));
    return new Row(
        t,
        n == 0 ? Double.NaN : escalated / (double) n,
        n == 0 ? Double.NaN : right / (double) n,
        cost,
        allFrontier == 0 ? Double.NaN : 1 - cost / (double) allFrontier);
  }

  /**
   * The cheapest row whose mixed quality is at least {@code required}; lowest threshold on ties.
   */
  public static Recommendation recommend(List<Row> rows, double required) {
    Row best = null;
    for (Row r : rows) {
      if (r.mixedQuality() >= required
          && (best == null || r.costPer1000Micros() < best.costPer1000Micros())) {
        best = r;
      }
    }
    return new Recommendation(required, Optional.ofNullable(best));
  }
}
