package dev.smallfirst.eval;

import dev.smallfirst.training.calibration.EscalationThreshold;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * For each confidence threshold: how many messages escalate, how good the answers that stay with
 * the small model are, how good the whole system is if the frontier handles the rest, and what
 * 1,000 messages cost. This is the table routing thresholds are chosen from. Pure and stateless.
 */
public final class ThresholdSweep {

  /**
   * One scored prediction.
   *
   * @param confidence the small model's calibrated confidence
   * @param correct whether the small model's answer is right
   * @param answerable false for examples the model cannot answer (labels it never saw)
   */
  public record Item(double confidence, boolean correct, boolean answerable) {}

  /**
   * One row of the sweep.
   *
   * @param threshold escalate when confidence is below it
   * @param escalationRate fraction of all messages escalated
   * @param keptQuality fraction right among messages the small model keeps (NaN if none)
   * @param systemQuality expected fraction right overall with the frontier on escalations
   * @param knownEscalated fraction of answerable messages escalated
   * @param unknownRecall fraction of unanswerable messages escalated (NaN if none)
   * @param costPer1000Micros cost of 1,000 messages in micro-dollars
   */
  public record Row(
      double threshold,
      double escalationRate,
      double keptQuality,
      double systemQuality,
      double knownEscalated,
      double unknownRecall,
      long costPer1000Micros) {}

  private ThresholdSweep() {}

  /**
   * The threshold the trainer's rule ({@link EscalationThreshold#chooseCapped}) picks on these
   * items: the highest that escalates at most {@code maxEscalation} of the answerable ones, which
   * escalates as many unanswerable ones as possible; without unanswerable items capped at {@code
   * cap} (the frontier's quality).
   */
  public static EscalationThreshold.Choice choose(
      List<Item> items, double maxEscalation, double cap) {
    double[] known =
        items.stream().filter(Item::answerable).mapToDouble(Item::confidence).toArray();
    double[] unknown =
        items.stream().filter(i -> !i.answerable()).mapToDouble(Item::confidence).toArray();
    return EscalationThreshold.chooseCapped(known, unknown, maxEscalation, cap);
  }

  /** Sweeps thresholds 0, 0.05, ..., 1 plus {@code extra} (e.g. the model's own threshold). */
  public static List<Row> sweep(List<Item> items, EscalationPrices prices, double... extra) {
    TreeSet<Double> thresholds = new TreeSet<>();
    for (int i = 0; i <= 20; i++) {
      thresholds.add(i / 20.0);
    }
    for (double e : extra) {
      if (!Double.isNaN(e)) {
        thresholds.add(e);
      }
    }
    List<Row> rows = new ArrayList<>();
    for (double t : thresholds) {
      rows.add(row(items, prices, t));
    }
    return rows;
  }

  /** The row for one threshold. */
  public static Row row(List<Item> items, EscalationPrices prices, double t) {
    int escalated = 0;
    int kept = 0;
    int keptRight = 0;
    int known = 0;
    int knownEsc = 0;
    int unknown = 0;
    int unknownEsc = 0;
    for (Item it : items) {
      boolean esc = it.confidence() < t;
      if (esc) {
        escalated++;
      } else {
        kept++;
        if (it.correct() && it.answerable()) {
          keptRight++;
        }
      }
      if (it.answerable()) {
        known++;
        knownEsc += esc ? 1 : 0;
      } else {
        unknown++;
        unknownEsc += esc ? 1 : 0;
      }
    }
    int n = items.size();
    double rate = n == 0 ? Double.NaN : escalated / (double) n;
    return new Row(
        t,
        rate,
        kept == 0 ? Double.NaN : keptRight / (double) kept,
        n == 0 ? Double.NaN : (keptRight + prices.frontierQuality() * escalated) / n,
        known == 0 ? Double.NaN : knownEsc / (double) known,
        unknown == 0 ? Double.NaN : unknownEsc / (double) unknown,
        n == 0 ? 0 : prices.costPer1000Micros(rate));
  }
}
