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
 * inline SVG charts (latency by route, throughput over time, route mix, cost against the
 * all-frontier counterfactual) that opens offline. Stateless.
 */
public final class ReportWriter {
  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
  private static final String[] COLORS = {"#2b6cb0", "#c05621", "#2f855a", "#9b2c2c", "#6b46c1"};

  private ReportWriter() {}

  public static String json(LoadReport report) throws IOException {
    return JSON.writeValueAsString(report);
  }

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
        .append(latencyChart(report));
    html.append("<h2>Throughput over time (per second)</h2>")
        .append(timelineChart(report.timeline()));
    html.append("<h2>Route mix</h2>")
        .append(
            bars(
                report.routes().entrySet().stream()
                    .map(e -> Map.entry(e.getKey(), e.getValue().doubleValue()))
                    .toList(),
                "%.0f"));
    html.append("<h2>Cost per 1,000 messages (USD)</h2>")
        .append(
            bars(
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
        "<table><tr><th>sent</th><th>replies</th><th>duplicates</th><th>missing</th><th>dead-lettered</th>"
            + "<th>throughput/s</th><th>p50 ms</th><th>p99 ms</th><th>escalation rate</th><th>saving vs all-frontier</th></tr>"
            + "<tr><td>%d</td><td>%d</td><td>%d</td><td>%d</td><td>%d</td><td>%.1f</td><td>%.1f</td><td>%.1f</td><td>%.1f%%</td><td>%.1f%%</td></tr></table>",
        r.sent(),
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

  private static String latencyChart(LoadReport r) {
    List<Map.Entry<String, Percentiles>> series = r.latencyByRoute().entrySet().stream().toList();
    String[] labels = {"p50", "p90", "p99", "p99.9", "max"};
    double max = series.stream().mapToDouble(e -> e.getValue().max()).max().orElse(1);
    int w = 720;
    int h = 260;
    StringBuilder svg = new StringBuilder(svgOpen(w, h + 40));
    for (int i = 0; i < labels.length; i++) {
      double x = 60 + i * (w - 80) / (labels.length - 1.0);
      svg.append(text(x, h + 20, labels[i]));
    }
    for (int s = 0; s < series.size(); s++) {
      Percentiles p = series.get(s).getValue();
      double[] v = {p.p50(), p.p90(), p.p99(), p.p999(), p.max()};
      StringBuilder points = new StringBuilder();
      for (int i = 0; i < v.length; i++) {
        points.append(
            String.format(
                Locale.ROOT,
                "%.1f,%.1f ",
                60 + i * (w - 80) / (v.length - 1.0),
                h - v[i] / Math.max(max, 1e-9) * (h - 20)));
      }
      svg.append("<polyline fill=\"none\" stroke-width=\"2\" stroke=\"")
          .append(COLORS[s % COLORS.length])
          .append("\" points=\"")
          .append(points)
          .append("\"/>");
      svg.append(
          text(
              w - 150,
              20 + 16 * s,
              series.get(s).getKey() + String.format(Locale.ROOT, " (max %.0f ms)", p.max()),
              COLORS[s % COLORS.length]));
    }
    return svg.append(text(5, 15, String.format(Locale.ROOT, "%.0f ms", max)))
        .append("</svg>")
        .toString();
  }

  private static String timelineChart(List<LoadReport.Second> timeline) {
    if (timeline == null || timeline.isEmpty()) {
      return "<p>no data</p>";
    }
    int w = 720;
    int h = 200;
    double max =
        timeline.stream().mapToDouble(s -> Math.max(s.sent(), s.replies())).max().orElse(1);
    StringBuilder sent = new StringBuilder();
    StringBuilder replies = new StringBuilder();
    for (int i = 0; i < timeline.size(); i++) {
      double x = 40 + i * (w - 60) / Math.max(1.0, timeline.size() - 1);
      sent.append(
          String.format(Locale.ROOT, "%.1f,%.1f ", x, h - timeline.get(i).sent() / max * (h - 20)));
      replies.append(
          String.format(
              Locale.ROOT, "%.1f,%.1f ", x, h - timeline.get(i).replies() / max * (h - 20)));
    }
    return svgOpen(w, h + 30)
        + "<polyline fill=\"none\" stroke=\""
        + COLORS[1]
        + "\" stroke-width=\"2\" points=\""
        + sent
        + "\"/>"
        + "<polyline fill=\"none\" stroke=\""
        + COLORS[0]
        + "\" stroke-width=\"2\" points=\""
        + replies
        + "\"/>"
        + text(w - 180, 20, "sent", COLORS[1])
        + text(w - 120, 20, "replies", COLORS[0])
        + text(5, 15, String.format(Locale.ROOT, "%.0f/s", max))
        + text(40, h + 20, "0 s")
        + text(w - 60, h + 20, timeline.size() - 1 + " s")
        + "</svg>";
  }

  private static String bars(List<Map.Entry<String, Double>> values, String format) {
    double max = values.stream().mapToDouble(Map.Entry::getValue).max().orElse(1);
    int w = 720;
    StringBuilder svg = new StringBuilder(svgOpen(w, 30 * values.size() + 10));
    for (int i = 0; i < values.size(); i++) {
      double len = values.get(i).getValue() / Math.max(max, 1e-12) * (w - 260);
      svg.append(text(5, 25 + 30 * i, values.get(i).getKey()));
      svg.append(
          String.format(
              Locale.ROOT,
              "<rect x=\"140\" y=\"%d\" width=\"%.1f\" height=\"20\" fill=\"%s\"/>",
              10 + 30 * i,
              len,
              COLORS[i % COLORS.length]));
      svg.append(
          text(
              150 + len,
              25 + 30 * i,
              String.format(Locale.ROOT, format, values.get(i).getValue())));
    }
    return svg.append("</svg>").toString();
  }

  private static String svgOpen(int w, int h) {
    return "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\""
        + w
        + "\" height=\""
        + h
        + "\" style=\"border:1px solid #eee\">";
  }

  private static String text(double x, double y, String s) {
    return text(x, y, s, "#333");
  }

  private static String text(double x, double y, String s, String color) {
    return String.format(
        Locale.ROOT,
        "<text x=\"%.1f\" y=\"%.1f\" font-size=\"12\" fill=\"%s\">%s</text>",
        x,
        y,
        color,
        escape(s));
  }

  private static String escape(String s) {
    return s.replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace("\"", "&quot;");
  }
}
