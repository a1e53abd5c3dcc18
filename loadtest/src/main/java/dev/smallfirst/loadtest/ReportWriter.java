package dev.smallfirst.loadtest;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Writes a {@link LoadReport} as the JSON file tools read, and as a single self-contained HTML page
 * that opens offline: ECharts (the {@code org.webjars.npm:echarts} bundle) and the chart script are
 * inlined, and draw from the report's JSON embedded in the page: saturation, the latency
 * distribution of both systems on a percentile axis, per-hop stacked bars, throughput over time of
 * both, cost, route mix, and the quality of the replies by route (intent accuracy and chrF, with a
 * table of every quality figure) when the requests carried labels or references. A chart the report
 * has no data for says "not measured". Stateless.
 */
public final class ReportWriter {
  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private ReportWriter() {}

  /** The report as indented JSON (the fields of {@link LoadReport}). */
  public static String json(LoadReport report) throws IOException {
    return JSON.writeValueAsString(report);
  }

  /** Writes {@link #json} to {@code file}, creating its directory. */
  public static void writeJson(LoadReport report, Path file) throws IOException {
    if (file.getParent() != null) {
      Files.createDirectories(file.getParent());
    }
    Files.writeString(file, json(report), StandardCharsets.UTF_8);
  }

  /** Writes {@code index.html} and {@code report.json} into {@code dir}; returns the page. */
  public static Path writeHtml(LoadReport report, Path dir, String title) throws IOException {
    Files.createDirectories(dir);
    writeJson(report, dir.resolve("report.json"));
    Path page = dir.resolve("index.html");
    Files.writeString(page, html(report, title), StandardCharsets.UTF_8);
    return page;
  }

  /** The page: summary tables, then one container per chart that the inlined scripts fill. */
  static String html(LoadReport report, String title) throws IOException {
    StringBuilder html = new StringBuilder();
    html.append("<!doctype html><html><head><meta charset=\"utf-8\"><title>")
        .append(escape(title))
        .append("</title><style>")
        .append(Assets.STYLE)
        .append("</style><script>")
        .append(Assets.ERROR_HOOK)
        .append("</script></head><body>");
    html.append("<h1>").append(escape(title)).append("</h1>");
    html.append(summary(report));
    if (report.baseline() != null) {
      html.append("<h2>Naive baseline, same run</h2>").append(summary(report.baseline()));
    }
    chart(html, "saturation", "Highest sustainable rate (demo --saturate)");
    chart(html, "latency", "Latency by percentile (ms from intended send time)");
    chart(html, "hops", "Where the time goes: small-only replies, per hop");
    html.append(hopTable(report));
    chart(html, "timeline", "Throughput over time (per second)");
    chart(html, "cost", "Cost per 1,000 messages (USD)");
    chart(html, "routes", "Route mix");
    html.append(reasonTable(report));
    chart(
        html,
        "quality",
        "Quality of the replies by route (against the requests' labels and references)");
    html.append(qualityTable(report.quality()));
    html.append("<script type=\"application/json\" id=\"report-data\">")
        .append(json(report).replace("</", "<\\/"))
        .append("</script><script>")
        .append(Assets.echarts())
        .append("</script><script>")
        .append(Assets.CHARTS)
        .append("</script></body></html>\n");
    return html.toString();
  }

  private static void chart(StringBuilder html, String name, String heading) {
    html.append("<h2>")
        .append(escape(heading))
        .append("</h2><div class=\"chart\" data-chart=\"")
        .append(name)
        .append("\"></div>");
  }

  /** Replies per escalation reason, with their share of all replies; empty when none escalated. */
  private static String reasonTable(LoadReport report) {
    if (report.escalationReasons() == null || report.escalationReasons().isEmpty()) {
      return "";
    }
    StringBuilder t =
        new StringBuilder(
            "<h2>Why replies escalated</h2><table class=\"reasons\"><tr><th>reason</th>"
                + "<th>replies</th><th>share of all replies</th></tr>");
    report
        .escalationReasons()
        .forEach(
            (reason, n) ->
                t.append("<tr><td>")
                    .append(escape(reason))
                    .append("</td><td>")
                    .append(n)
                    .append("</td><td>")
                    .append(report.percentOfReplies(n))
                    .append("</td></tr>"));
    return t.append("</table><p class=\"quality-note\">A reply with several reasons counts under")
        .append(" each.</p>")
        .toString();
  }

  /** The quality section's figures, or the sentence saying why there are none. */
  private static String qualityTable(QualityReport q) {
    if (q == null) {
      return "<p class=\"quality-note\">Quality: " + escape(QualityReport.NOT_MEASURED) + "</p>";
    }
    StringBuilder t = new StringBuilder("<table class=\"quality\"><tr>");
    QualityReport.HEADS.forEach(h -> t.append("<th>").append(escape(h)).append("</th>"));
    t.append("</tr>");
    for (java.util.List<String> row : q.rows()) {
      t.append("<tr>");
      row.forEach(c -> t.append("<td>").append(escape(c)).append("</td>"));
      t.append("</tr>");
    }
    return t.append("</table><p class=\"quality-note\">")
        .append(escape(q.method()))
        .append("</p>")
        .toString();
  }

  private static String hopTable(LoadReport r) {
    if (r.perHop() == null) {
      return "";
    }
    StringBuilder t =
        new StringBuilder(
            "<table><tr><th>hop</th><th>p50 ms</th><th>p99 ms</th><th>mean ms</th></tr>");
    r.perHop()
        .forEach(
            (hop, v) ->
                t.append(
                    String.format(
                        Locale.ROOT,
                        "<tr><td>%s</td><td>%.2f</td><td>%.2f</td><td>%.2f</td></tr>",
                        escape(hop),
                        v.p50(),
                        v.p99(),
                        v.mean())));
    return t.append("</table>").toString();
  }

  private static String summary(LoadReport r) {
    double saving =
        r.allFrontierCostPer1kUsd() == 0
            ? 0
            : 100 * (1 - r.costPer1kUsd() / r.allFrontierCostPer1kUsd());
    return String.format(
        Locale.ROOT,
        "<table><tr><th>sent</th><th>not sent</th><th>replies</th><th>duplicates</th><th>missing</th><th>dead-lettered</th>"
            + "<th>throughput/s</th><th>p50 ms</th><th>p99 ms</th><th>escalation rate</th><th>saving vs all-frontier</th></tr>"
            + "<tr><td>%d</td><td>%d</td><td>%d</td><td>%d</td><td>%d</td><td>%d</td><td>%.1f</td><td>%.1f</td><td>%.1f</td><td>%.1f%%</td><td>%.1f%%</td></tr></table>",
        r.sent(),
        r.notSent(),
        r.replies(),
        r.duplicates(),
        r.missing(),
        r.deadLettered(),
        r.throughputPerSecond(),
        r.latency().p50(),
        r.latency().p99(),
        100 * r.escalationRate(),
        saving);
  }

  static String escape(String s) {
    return s.replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace("\"", "&quot;");
  }
}
