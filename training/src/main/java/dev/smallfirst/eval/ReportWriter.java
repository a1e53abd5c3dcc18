package dev.smallfirst.eval;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.smallfirst.models.stats.Bootstrap;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Writes an {@link EvalReport} as {@code summary.json} and a self-contained {@code index.html} with
 * inline SVG charts (reliability diagram, threshold sweep) and the error tables. Stateless.
 */
public final class ReportWriter {

  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private ReportWriter() {}

  /** Writes both files into {@code dir} (created when missing). */
  public static void write(EvalReport r, Path dir) throws IOException {
    Files.createDirectories(dir);
    Files.writeString(dir.resolve("summary.json"), JSON.writeValueAsString(summary(r)) + "\n");
    Files.writeString(dir.resolve("index.html"), html(r));
  }

  /** The JSON summary as a tree of maps and lists. */
  public static Map<String, Object> summary(EvalReport r) {
    Map<String, Object> s = new LinkedHashMap<>();
    s.put("stage", r.stage());
    s.put("model", r.model());
    s.put("data", r.data());
    s.put("metrics", r.headline());
    Map<String, Object> ci = new LinkedHashMap<>();
    ci.put("method", "percentile bootstrap over examples");
    ci.put("level", 0.95);
    ci.put("resamples", Bootstrap.DEFAULT_RESAMPLES);
    ci.put("seed", Bootstrap.DEFAULT_SEED);
    ci.put("intervals", r.intervals());
    s.put("confidenceIntervals", ci);
    s.put("modelThreshold", r.modelThreshold());
    s.put("ece", r.calibration().ece());
    s.put("reliability", r.calibration().bins());
    s.put("prices", r.prices());
    s.put("thresholdSweep", r.sweep());
    s.put("failureTotals", FailureModes.totals(r.failures()));
    s.put("failures", r.failures());
    s.put("perClass", r.perClass());
    return s;
  }

  static String html(EvalReport r) {
    StringBuilder b = new StringBuilder();
    b.append("<!doctype html><html><head><meta charset=\"utf-8\"><title>")
        .append(esc("smallfirst eval: " + r.stage()))
        .append("</title><style>")
        .append("body{font-family:system-ui,sans-serif;margin:2em;max-width:1100px;color:#222}")
        .append("table{border-collapse:collapse;margin:1em 0}td,th{border:1px solid #ccc;")
        .append("padding:3px 8px;font-size:13px;text-align:right}th{background:#f3f3f3}")
        .append("td.l{text-align:left;max-width:520px}.SEVERE{color:#b00020;font-weight:bold}")
        .append(".MINOR{color:#a15c00}.CAUGHT{color:#2e7d32}.COST{color:#555}")
        .append(".chart{display:inline-block;margin-right:2em;vertical-align:top}")
        .append("</style></head><body>");
    b.append("<h1>Evaluation: ")
        .append(esc(r.stage()))
        .append("</h1><p>Model <b>")
        .append(esc(r.model().getOrDefault("name", "?")))
        .append("</b> version ")
        .append(esc(r.model().getOrDefault("version", "?")))
        .append(" (sha256 ")
        .append(esc(r.model().getOrDefault("sha256", "?")))
        .append(")<br>Data: ")
        .append(esc(r.data()))
        .append("</p><h2>Metrics</h2><table><tr><th>metric</th><th>value</th>")
        .append("<th>bootstrap 95% interval</th></tr>");
    r.headline()
        .forEach(
            (k, v) -> {
              Bootstrap.Interval ci = r.intervals().get(k);
              row(
                  b,
                  "<th>" + esc(k) + "</th>",
                  td(esc(fmt(v))),
                  td(ci == null ? "" : esc(fmt(ci.low()) + " – " + fmt(ci.high()))));
            });
    b.append("</table><h2>Calibration and escalation</h2>");
    b.append("<div class=\"chart\">").append(Charts.reliability(r.calibration())).append("</div>");
    b.append("<div class=\"chart\">")
        .append(Charts.sweep(r.sweep(), r.modelThreshold()))
        .append("</div>");
    b.append("<h2>Threshold sweep</h2><p>Escalate when confidence &lt; threshold. Prices: small ")
        .append(r.prices().smallMicros())
        .append(" µ$/message, frontier ")
        .append(r.prices().frontierMicros())
        .append(" µ$/escalation, frontier quality ")
        .append(r.prices().frontierQuality())
        .append(". The model's own threshold is marked ★.</p><table><tr><th>threshold</th>")
        .append("<th>escalated</th><th>quality kept</th><th>quality with frontier</th>")
        .append(
            "<th>known escalated</th><th>unanswerable escalated</th><th>$ / 1,000 msgs</th></tr>");
    for (ThresholdSweep.Row row : r.sweep()) {
      boolean own = Math.abs(row.threshold() - r.modelThreshold()) < 1e-12;
      row(
          b,
          td((own ? "★ " : "") + String.format(Locale.ROOT, "%.4f", row.threshold())),
          td(pct(row.escalationRate())),
          td(pct(row.keptQuality())),
          td(pct(row.systemQuality())),
          td(pct(row.knownEscalated())),
          td(pct(row.unknownRecall())),
          td(String.format(Locale.ROOT, "%.2f", row.costPer1000Micros() / 1e6)));
    }
    b.append("</table><h2>Errors by failure mode and severity</h2><table><tr>");
    FailureModes.totals(r.failures())
        .forEach(
            (k, v) -> b.append("<th class=\"").append(k).append("\">").append(k).append("</th>"));
    b.append("</tr><tr>");
    FailureModes.totals(r.failures()).forEach((k, v) -> b.append("<td>").append(v).append("</td>"));
    b.append("</tr></table><table><tr><th>severity</th><th>failure mode</th><th>gold</th>")
        .append("<th>predicted</th><th>count</th><th>examples</th></tr>");
    List<FailureGroup> shown = r.failures().subList(0, Math.min(60, r.failures().size()));
    for (FailureGroup g : shown) {
      StringBuilder examples = new StringBuilder();
      for (String e : g.examples()) {
        examples
            .append("• ")
            .append(esc(e.length() > 160 ? e.substring(0, 160) + "…" : e))
            .append("<br>");
      }
      row(
          b,
          "<td class=\"" + g.severity() + "\">" + g.severity() + "</td>",
          left(esc(g.mode())),
          left(esc(g.gold())),
          left(esc(g.predicted())),
          td(g.count()),
          left(examples.toString()));
    }
    b.append("</table>");
    if (r.failures().size() > shown.size()) {
      b.append("<p>")
          .append(r.failures().size() - shown.size())
          .append(" more groups in summary.json.</p>");
    }
    if (!r.perClass().isEmpty()) {
      b.append("<h2>Per class</h2><table><tr><th>label</th><th>precision</th><th>recall</th>")
          .append("<th>F1</th><th>support</th></tr>");
      for (ClassMetrics.PerClass c : r.perClass()) {
        row(
            b,
            left(esc(c.label())),
            td(pct(c.precision())),
            td(pct(c.recall())),
            td(pct(c.f1())),
            td(c.support()));
      }
      b.append("</table>");
    }
    return b.append("</body></html>\n").toString();
  }

  /** Appends one table row of rendered cells. */
  private static void row(StringBuilder b, String... cells) {
    b.append("<tr>");
    for (String c : cells) {
      b.append(c);
    }
    b.append("</tr>");
  }

  private static String td(Object value) {
    return "<td>" + value + "</td>";
  }

  /** A left-aligned cell. */
  private static String left(String html) {
    return "<td class=\"l\">" + html + "</td>";
  }

  public static String pct(double v) {
    return Double.isNaN(v) ? "–" : String.format(Locale.ROOT, "%.1f%%", 100 * v);
  }

  private static String fmt(Object v) {
    if (v instanceof Double d) {
      return Double.isNaN(d) ? "–" : String.format(Locale.ROOT, "%.4f", d);
    }
    return String.valueOf(v);
  }

  public static String esc(String s) {
    return s.replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace("\"", "&quot;");
  }
}
