package dev.smallfirst.eval;

import java.util.List;
import java.util.Locale;

/** Small inline SVG charts for the HTML report. Stateless. */
final class Charts {

  private static final int W = 420;
  private static final int H = 320;
  private static final int PAD = 45;

  private Charts() {}

  /** Reliability diagram: accuracy per confidence bin against the diagonal. */
  static String reliability(Calibration.Result c) {
    StringBuilder s =
        frame(
            "Reliability (ECE " + String.format(Locale.ROOT, "%.3f", c.ece()) + ")",
            "confidence",
            "accuracy");
    s.append(line(0, 0, 1, 1, "#999", "4 3"));
    for (Calibration.Bin bin : c.bins()) {
      if (bin.count() == 0) {
        continue;
      }
      double x0 = x(bin.lower()) + 1;
      double x1 = x(bin.upper()) - 1;
      double top = y(bin.accuracy());
      s.append(
          String.format(
              Locale.ROOT,
              "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"#4a7bd0\" opacity=\"0.8\"><title>%d examples, confidence %.3f, accuracy %.3f</title></rect>",
              x0,
              top,
              x1 - x0,
              y(0) - top,
              bin.count(),
              bin.confidence(),
              bin.accuracy()));
      s.append(
          String.format(
              Locale.ROOT,
              "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"3\" fill=\"#d04a4a\"/>",
              x(bin.confidence()),
              y(bin.confidence())));
    }
    return s.append("</svg>").toString();
  }

  /** Threshold sweep: escalation rate, quality kept and system quality against the threshold. */
  static String sweep(List<ThresholdSweep.Row> rows, double modelThreshold) {
    StringBuilder s = frame("Threshold sweep", "threshold", "rate");
    s.append(series(rows, 0, "#d04a4a"))
        .append(series(rows, 1, "#2e7d32"))
        .append(series(rows, 2, "#4a7bd0"));
    if (!Double.isNaN(modelThreshold)) {
      s.append(line(modelThreshold, 0, modelThreshold, 1, "#222", "2 2"));
    }
    String[] names = {"escalated", "quality kept", "quality with frontier"};
    String[] colors = {"#d04a4a", "#2e7d32", "#4a7bd0"};
    for (int i = 0; i < names.length; i++) {
      s.append(
          String.format(
              Locale.ROOT,
              "<text x=\"%d\" y=\"%d\" font-size=\"11\" fill=\"%s\">%s</text>",
              PAD + 8,
              PAD + 14 + 14 * i,
              colors[i],
              names[i]));
    }
    return s.append("</svg>").toString();
  }

  private static String series(List<ThresholdSweep.Row> rows, int which, String color) {
    StringBuilder pts = new StringBuilder();
    for (ThresholdSweep.Row r : rows) {
      double v =
          switch (which) {
            case 0 -> r.escalationRate();
            case 1 -> r.keptQuality();
            default -> r.systemQuality();
          };
      if (!Double.isNaN(v)) {
        pts.append(String.format(Locale.ROOT, "%.1f,%.1f ", x(r.threshold()), y(v)));
      }
    }
    return "<polyline fill=\"none\" stroke=\""
        + color
        + "\" stroke-width=\"2\" points=\""
        + pts
        + "\"/>";
  }

  private static StringBuilder frame(String title, String xLabel, String yLabel) {
    StringBuilder s = new StringBuilder();
    s.append(
        String.format(
            Locale.ROOT,
            "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" font-family=\"sans-serif\">",
            W,
            H));
    s.append(
        String.format(
            Locale.ROOT,
            "<text x=\"%d\" y=\"18\" font-size=\"14\">%s</text>",
            PAD,
            ReportWriter.esc(title)));
    s.append(line(0, 0, 1, 0, "#333", null)).append(line(0, 0, 0, 1, "#333", null));
    for (int i = 0; i <= 4; i++) {
      double v = i / 4.0;
      s.append(
          String.format(
              Locale.ROOT,
              "<text x=\"%.1f\" y=\"%d\" font-size=\"10\" text-anchor=\"middle\">%.2f</text>",
              x(v),
              H - PAD + 14,
              v));
      s.append(
          String.format(
              Locale.ROOT,
              "<text x=\"%d\" y=\"%.1f\" font-size=\"10\" text-anchor=\"end\">%.2f</text>",
              PAD - 4,
              y(v) + 3,
              v));
    }
    s.append(
        String.format(
            Locale.ROOT,
            "<text x=\"%d\" y=\"%d\" font-size=\"11\" text-anchor=\"middle\">%s</text>",
            W / 2,
            H - 8,
            xLabel));
    s.append(
        String.format(
            Locale.ROOT,
            "<text x=\"12\" y=\"%d\" font-size=\"11\" transform=\"rotate(-90 12 %d)\" text-anchor=\"middle\">%s</text>",
            H / 2,
            H / 2,
            yLabel));
    return s;
  }

  private static String line(
      double x0, double y0, double x1, double y1, String color, String dash) {
    return String.format(
        Locale.ROOT,
        "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"%s\"%s/>",
        x(x0),
        y(y0),
        x(x1),
        y(y1),
        color,
        dash == null ? "" : " stroke-dasharray=\"" + dash + "\"");
  }

  private static double x(double v) {
    return PAD + v * (W - 2 * PAD);
  }

  private static double y(double v) {
    return H - PAD - v * (H - 2 * PAD);
  }
}
