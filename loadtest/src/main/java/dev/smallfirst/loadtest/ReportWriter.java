package dev.smallfirst.loadtest;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Writes a {@link LoadReport} as the JSON file tools read, and as a self-contained HTML page with
 * inline SVG charts ({@link SvgCharts}: latency by route, throughput over time, route mix, cost
 * against the all-frontier counterfactual) that opens offline. Stateless.
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
    StringBuilder html = new StringBuilder();
    html.append("<!doctype html><html><head><meta charset=\"utf-8\"><title>")
        .append(escape(title))
        .append(
            "</title><style>body{font-family:sans-serif;margin:2em;max-width:960px}table{border-collapse:collapse}"
                + "td,th{border:1px solid #ccc;padding:4px 8px;text-align:right}h2{margin-top:1.5em}</style></head><body>");
    html.append("<h1>").append(escape(title)).append("</h1>");
    html.append(summary(report));
    html.append("<h2>Latency by route (ms, from intended send time)</h2>")
        .append(SvgCharts.latency(report));
    html.append("<h2>Throughput over time (per second)</h2>")
        .append(SvgCharts.timeline(report.timeline()));
    html.append("<h2>Route mix</h2>")
        .append(
            SvgCharts.bars(
                report.routes().entrySet().stream()
                    .map(e -> Map.entry(e.getKey(), e.getValue().doubleValue()))
                    .toList(),
                "%.0f"));
    html.append("<h2>Cost per 1,000 messages (USD)</h2>")
        .append(
            SvgCharts.bars(
                List.of(
                    Map.entry("smallfirst", report.costPer1kUsd()),
                    Map.entry("all frontier", report.allFrontierCostPer1kUsd())),
                "$%.4f"));
    if (report.baseline() != null) {
      html.append("<h2>Naive baseline, same run</h2>").append(summary(report.baseline()));
    }
    html.append("</body></html>\n");
    Path page = dir.resolve("index.html");
    Files.writeString(page, html, StandardCharsets.UTF_8);
    return page;
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
