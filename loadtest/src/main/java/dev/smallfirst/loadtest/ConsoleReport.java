package dev.smallfirst.loadtest;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/**
 * A {@link LoadReport} (and step mode's result) as compact plain-text tables for a terminal: what
 * {@code ./smallfirst loadtest} and the demo print. Stateless.
 */
public final class ConsoleReport {
  private ConsoleReport() {}

  /**
   * Counts, the exactly-once verdict, routes, throughput, latency (overall and per route), the
   * small-only time per hop when the replies were traced, escalation rate, cost against
   * all-frontier, the quality of the replies (or why it was not measured), and a comparison with
   * the baseline when the report has one.
   */
  public static String summary(LoadReport report) {
    StringBuilder s = new StringBuilder();
    line(s, "sent           %d", report.sent());
    if (report.notSent() > 0) {
      line(s, "not sent       %d (the broker never got them: see the log)", report.notSent());
    }
    line(s, "replies        %d", report.replies());
    line(s, "duplicates     %d", report.duplicates());
    line(s, "missing        %d", report.missing());
    line(s, "dead-lettered  %d", report.deadLettered());
    line(s, "exactly-once   %s", verdict(report));
    line(s, "throughput     %.1f replies/s", report.throughputPerSecond());
    if (report.cpuMillisPerMessage() != null) {
      line(s, "cpu            %.1f ms per reply (this process)", report.cpuMillisPerMessage());
    }
    s.append('\n');

    line(s, "%-14s %8s %7s", "route", "count", "share");
    for (Map.Entry<String, Long> route : report.routes().entrySet()) {
      line(
          s,
          "%-14s %8d %7s",
          route.getKey(),
          route.getValue(),
          report.replies() == 0
              ? "-"
              : String.format(Locale.ROOT, "%.1f%%", 100.0 * route.getValue() / report.replies()));
    }
    s.append('\n');

    line(s, "latency ms, from intended send time");
    line(s, "%-14s %9s %9s %9s %9s %9s", "", "p50", "p90", "p99", "p99.9", "max");
    latencyRow(s, "all", report.latency());
    report.latencyByRoute().forEach((route, p) -> latencyRow(s, route, p));
    s.append('\n');
    if (report.perHop() != null) {
      line(s, "small-only time per hop ms (summed over the rounds of each reply)");
      line(s, "%-14s %9s %9s %9s", "", "p50", "p99", "mean");
      report
          .perHop()
          .forEach((hop, t) -> line(s, "%-14s %9.2f %9.2f %9.2f", hop, t.p50(), t.p99(), t.mean()));
      s.append('\n');
    }

    line(s, "escalation rate  %.1f%%", 100 * report.escalationRate());
    if (report.escalationReasons() != null && !report.escalationReasons().isEmpty()) {
      StringBuilder why = new StringBuilder();
      report
          .escalationReasons()
          .forEach(
              (reason, n) ->
                  why.append(why.length() == 0 ? "" : ", ")
                      .append(reason)
                      .append(' ')
                      .append(report.percentOfReplies(n)));
      line(s, "  reasons        %s (of all replies; a reply may have several)", why);
    }
    line(
        s,
        "cost per 1k      $%.4f  (all-frontier $%.4f, saving %s)",
        report.costPer1kUsd(),
        report.allFrontierCostPer1kUsd(),
        report.allFrontierCostPer1kUsd() == 0
            ? "-"
            : String.format(
                Locale.ROOT,
                "%.1f%%",
                100 * (1 - report.costPer1kUsd() / report.allFrontierCostPer1kUsd())));

    s.append('\n');
    quality(s, report.quality());

    LoadReport baseline = report.baseline();
    if (baseline != null) {
      s.append('\n');
      line(s, "against the naive baseline (same messages)");
      line(s, "%-14s %12s %12s %9s", "", "smallfirst", "baseline", "ratio");
      compare(s, "throughput/s", "%.1f", report, baseline, LoadReport::throughputPerSecond, true);
      compare(s, "p50 ms", "%.1f", report, baseline, r -> r.latency().p50(), false);
      compare(s, "p99 ms", "%.1f", report, baseline, r -> r.latency().p99(), false);
      compare(s, "cost per 1k $", "%.4f", report, baseline, LoadReport::costPer1kUsd, false);
      line(
          s, "(throughput: ours / baseline; latency and cost: baseline / ours; above 1 is better)");
      line(s, "baseline exactly-once  %s", verdict(baseline));
    }
    return s.toString();
  }

  /** Step mode: each step's rate, throughput, small-only p99, and the highest rate that held. */
  public static String steps(StepLoad.Result result) {
    StringBuilder s = new StringBuilder();
    line(
        s,
        "%6s %12s %14s %18s %8s %5s",
        "step",
        "rate/s",
        "throughput/s",
        "small-only p99 ms",
        "missing",
        "held");
    int i = 1;
    for (StepLoad.Step step : result.steps()) {
      Percentiles small = step.report().latencyByRoute().get("SMALL_ONLY");
      line(
          s,
          "%6d %12.1f %14.1f %18s %8d %5s",
          i++,
          step.rate(),
          step.report().throughputPerSecond(),
          small == null ? "-" : String.format(Locale.ROOT, "%.1f", small.p99()),
          step.report().missing(),
          step.held() ? "yes" : "no");
    }
    line(
        s,
        "highest sustainable rate: %s",
        result
            .highestSustainableRate()
            .map(r -> String.format(Locale.ROOT, "%.1f msg/s", r))
            .orElse("none (the first step already missed the SLO)"));
    return s.toString();
  }

  /** The quality section, or the line saying why there is none. */
  private static void quality(StringBuilder s, QualityReport q) {
    if (q == null) {
      line(s, "quality        %s", QualityReport.NOT_MEASURED);
      return;
    }
    line(s, "quality of the replies against the requests' labels and references");
    List<List<String>> rows = new ArrayList<>();
    rows.add(QualityReport.HEADS);
    rows.addAll(q.rows());
    StringBuilder format = new StringBuilder();
    for (int c = 0; c < QualityReport.HEADS.size(); c++) {
      int column = c;
      int width = rows.stream().mapToInt(r -> r.get(column).length()).max().orElse(1);
      format.append(c == 0 ? "%-" + (width + 3) + "s" : " %" + width + "s");
    }
    rows.forEach(r -> line(s, format.toString(), r.toArray()));
  }

  private static String verdict(LoadReport r) {
    if (r.exactlyOnce()) {
      return "yes";
    }
    List<String> why = new ArrayList<>();
    if (r.notSent() > 0) {
      why.add(r.notSent() + " not sent");
    }
    if (r.duplicates() > 0) {
      why.add(r.duplicates() + " duplicate" + (r.duplicates() == 1 ? "" : "s"));
    }
    if (r.missing() > 0) {
      why.add(r.missing() + " missing");
    }
    if (r.missing() == 0 && r.replies() != r.sent() - r.deadLettered()) {
      why.add(
          "replies "
              + r.replies()
              + " != sent "
              + r.sent()
              + " - dead-lettered "
              + r.deadLettered());
    }
    return "NO (" + String.join(", ", why) + ")";
  }

  private static void latencyRow(StringBuilder s, String name, Percentiles p) {
    line(
        s,
        "%-14s %9.1f %9.1f %9.1f %9.1f %9.1f",
        name,
        p.p50(),
        p.p90(),
        p.p99(),
        p.p999(),
        p.max());
  }

  /**
   * A row of the baseline comparison; the ratio is ours / baseline where higher is better, else
   * baseline / ours, so that above 1 always favours smallfirst.
   */
  private static void compare(
      StringBuilder s,
      String name,
      String format,
      LoadReport ours,
      LoadReport baseline,
      ToDoubleFunction<LoadReport> figure,
      boolean higherIsBetter) {
    double a = figure.applyAsDouble(ours);
    double b = figure.applyAsDouble(baseline);
    line(
        s,
        "%-14s %12s %12s %9s",
        name,
        String.format(Locale.ROOT, format, a),
        String.format(Locale.ROOT, format, b),
        higherIsBetter ? ratio(a, b) : ratio(b, a));
  }

  /** {@code a / b} as {@code 2.50x}, or {@code -} when {@code b} is zero. */
  private static String ratio(double a, double b) {
    return b == 0 ? "-" : String.format(Locale.ROOT, "%.2fx", a / b);
  }

  private static void line(StringBuilder s, String format, Object... args) {
    s.append(String.format(Locale.ROOT, format, args)).append('\n');
  }
}
