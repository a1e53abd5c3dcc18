package dev.smallfirst.loadtest;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The inline SVG charts of the HTML report; plain strings, no dependencies. Stateless. */
final class SvgCharts {
  private static final String[] COLORS = {"#2b6cb0", "#c05621", "#2f855a", "#9b2c2c", "#6b46c1"};

  private SvgCharts() {}

  static String latency(LoadReport r) {
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
      svg.append(polyline(COLORS[s % COLORS.length], points));
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

  static String timeline(List<LoadReport.Second> timeline) {
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
        + polyline(COLORS[1], sent)
        + polyline(COLORS[0], replies)
        + text(w - 180, 20, "sent", COLORS[1])
        + text(w - 120, 20, "replies", COLORS[0])
        + text(5, 15, String.format(Locale.ROOT, "%.0f/s", max))
        + text(40, h + 20, "0 s")
        + text(w - 60, h + 20, timeline.size() - 1 + " s")
        + "</svg>";
  }

  static String bars(List<Map.Entry<String, Double>> values, String format) {
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
    return String.format(
        Locale.ROOT,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\""
            + " style=\"border:1px solid #eee\">",
        w,
        h);
  }

  private static String polyline(String color, CharSequence points) {
    return String.format(
        Locale.ROOT,
        "<polyline fill=\"none\" stroke=\"%s\" stroke-width=\"2\" points=\"%s\"/>",
        color,
        points);
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
        ReportWriter.escape(s));
  }
}
