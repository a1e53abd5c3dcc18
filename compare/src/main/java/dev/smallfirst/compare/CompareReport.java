package dev.smallfirst.compare;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.smallfirst.eval.FailureGroup;
import dev.smallfirst.eval.FailureModes;
import dev.smallfirst.eval.ReportWriter;
import dev.smallfirst.models.stats.Bootstrap;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The comparison's report: {@code compare.json} (every figure, for tools) and {@code index.html}
 * (the same for people). Built from the JSON tree, so the two never disagree. Stateless.
 */
final class CompareReport {
  static final ObjectMapper JSON = new ObjectMapper();

  private CompareReport() {}

  /** Bootstrap point values and 95% intervals of {@code scored}'s metrics. */
  static ObjectNode metrics(Scored scored) {
    int n = scored.scored().size();
    int[] all = java.util.stream.IntStream.range(0, n).toArray();
    Map<String, Double> point = scored.metrics().apply(all);
    Map<String, Bootstrap.Interval> ci = Bootstrap.standard().intervals(n, scored.metrics());
    ObjectNode m = JSON.createObjectNode();
    point.forEach(
        (k, v) -> {
          ObjectNode e = m.putObject(k);
          e.put("value", v);
          Bootstrap.Interval i = ci.get(k);
          e.put("low", i == null ? Double.NaN : i.low());
          e.put("high", i == null ? Double.NaN : i.high());
        });
    return m;
  }

  static ObjectNode failures(List<FailureGroup> groups) {
    ObjectNode f = JSON.createObjectNode();
    ObjectNode totals = f.putObject("bySeverity");
    FailureModes.totals(groups).forEach((s, c) -> totals.put(s.name(), c));
    ArrayNode arr = f.putArray("groups");
    for (FailureGroup g : groups) {
      ObjectNode o = arr.addObject();
      o.put("mode", g.mode());
      o.put("severity", g.severity().name());
      o.put("gold", g.gold());
      o.put("predicted", g.predicted());
      o.put("count", g.count());
      g.examples().forEach(o.putArray("examples")::add);
    }
    return f;
  }

  static ArrayNode sweep(List<CompareSweep.Row> rows) {
    ArrayNode arr = JSON.createArrayNode();
    for (CompareSweep.Row r : rows) {
      arr.addObject()
          .put("threshold", r.threshold())
          .put("escalationRate", r.escalationRate())
          .put("mixedQuality", r.mixedQuality())
          .put("costPer1000Micros", r.costPer1000Micros())
          .put("savingVsFrontier", r.savingVsFrontier());
    }
    return arr;
  }

  /** Writes {@code dir/compare.json} and {@code dir/index.html}. */
  static void write(ObjectNode report, Path dir) throws IOException {
    Files.createDirectories(dir);
    Files.writeString(
        dir.resolve("compare.json"),
        JSON.writerWithDefaultPrettyPrinter().writeValueAsString(report));
    Files.writeString(dir.resolve("index.html"), html(report));
  }

  /** Writes {@code dir/examples.jsonl}: both tiers' answers per example, in input order. */
  static void writeExamples(Scored scored, Path dir) throws IOException {
    StringBuilder b = new StringBuilder();
    for (Scored.Item it : scored.items()) {
      ObjectNode o = JSON.createObjectNode();
      o.put("text", it.text());
      o.put("gold", it.gold());
      o.put("small", it.smallAnswer());
      o.put("smallConfidence", it.confidence());
      o.put("smallCorrect", it.smallCorrect());
      o.put("frontier", it.frontierAnswer());
      o.put("frontierCorrect", it.frontierCorrect());
      o.put("scored", it.scored());
      o.put("frontierCostMicros", it.frontier().costMicros());
      o.put("cached", it.frontier() instanceof FrontierAnswer.Replied r && r.cached());
      if (it.problem() != null) {
        o.put("problem", it.problem());
      }
      b.append(JSON.writeValueAsString(o)).append('\n');
    }
    Files.createDirectories(dir);
    Files.writeString(dir.resolve("examples.jsonl"), b.toString());
  }

  static String html(ObjectNode r) {
    StringBuilder h = new StringBuilder(16_384);
    h.append("<!doctype html><html><head><meta charset=\"utf-8\"><title>smallfirst compare: ")
        .append(esc(r.path("stage").asText()))
        .append(
            "</title><style>body{font-family:sans-serif;margin:2em;max-width:70em}"
                + "table{border-collapse:collapse;margin:1em 0}td,th{border:1px solid #ccc;"
                + "padding:.25em .6em;text-align:right}td.l,th.l{text-align:left}"
                + ".rec{background:#e6f4e6}</style></head><body>");
    h.append("<h1>Small vs frontier: ").append(esc(r.path("stage").asText())).append("</h1>");
    h.append("<p>").append(esc(r.path("data").asText())).append(": ");
    h.append(r.path("examples").asInt()).append(" examples, ");
    h.append(r.path("scored").asInt()).append(" scored by both tiers");
    if (r.path("notScored").asInt() > 0) {
      h.append(", <b>")
          .append(r.path("notScored").asInt())
          .append(" not scored</b> (the spend limit stopped the frontier calls)");
    }
    h.append(".</p>");
    ObjectNode small = (ObjectNode) r.get("small");
    ObjectNode frontier = (ObjectNode) r.get("frontier");
    h.append("<p>Small: ")
        .append(esc(small.path("model").asText()))
        .append(" (threshold ")
        .append(small.path("threshold").asText())
        .append("). Frontier: ")
        .append(esc(frontier.path("provider").asText()))
        .append(' ')
        .append(esc(frontier.path("model").asText()))
        .append(": ")
        .append(frontier.path("calls").asInt())
        .append(" calls, ")
        .append(frontier.path("cacheHits").asInt())
        .append(" cache hits, spent $")
        .append(dollars(frontier.path("spentMicros").asLong()))
        .append(" of $")
        .append(dollars(frontier.path("maxSpendMicros").asLong()))
        .append(".</p>");
    h.append(
        "<h2>Quality</h2><table><tr><th class=\"l\">metric</th><th>value</th>"
            + "<th>95% interval</th></tr>");
    r.get("metrics")
        .properties()
        .forEach(
            e ->
                h.append("<tr><td class=\"l\">")
                    .append(esc(e.getKey()))
                    .append("</td><td>")
                    .append(num(e.getValue().path("value").asDouble()))
                    .append("</td><td>[")
                    .append(num(e.getValue().path("low").asDouble()))
                    .append(", ")
                    .append(num(e.getValue().path("high").asDouble()))
                    .append("]</td></tr>"));
    h.append("</table>");
    ObjectNode cost = (ObjectNode) r.get("cost");
    h.append("<h2>Cost per 1,000 messages</h2><table>");
    row(h, "small only", "$" + dollars(cost.path("smallOnlyPer1000Micros").asLong()));
    row(h, "all frontier", "$" + dollars(cost.path("allFrontierPer1000Micros").asLong()));
    row(
        h,
        "frontier tokens per message (in / out)",
        num(cost.path("frontierMeanInputTokens").asDouble())
            + " / "
            + num(cost.path("frontierMeanOutputTokens").asDouble()));
    h.append("</table>");
    ObjectNode rec = (ObjectNode) r.get("recommendation");
    h.append("<h2>Recommendation</h2><p>")
        .append(esc(rec.path("statement").asText()))
        .append("</p>");
    h.append(
        "<h2>Threshold sweep (frontier quality as measured)</h2><table><tr>"
            + "<th>threshold</th><th>escalated</th><th>mixed quality</th><th>$ / 1,000</th>"
            + "<th>saving vs all-frontier</th></tr>");
    double chosen = rec.path("threshold").isNumber() ? rec.get("threshold").asDouble() : -1;
    r.get("sweep")
        .forEach(
            s -> {
              h.append(s.path("threshold").asDouble() == chosen ? "<tr class=\"rec\">" : "<tr>")
                  .append("<td>")
                  .append(num(s.path("threshold").asDouble()))
                  .append("</td><td>")
                  .append(ReportWriter.pct(s.path("escalationRate").asDouble()))
                  .append("</td><td>")
                  .append(ReportWriter.pct(s.path("mixedQuality").asDouble()))
                  .append("</td><td>")
                  .append(dollars(s.path("costPer1000Micros").asLong()))
                  .append("</td><td>")
                  .append(ReportWriter.pct(s.path("savingVsFrontier").asDouble()))
                  .append("</td></tr>");
            });
    h.append("</table>");
    for (String tier : List.of("small", "frontier")) {
      ObjectNode f = (ObjectNode) r.path("failures").get(tier);
      h.append("<h2>Failure modes: ")
          .append(tier)
          .append("</h2><p>")
          .append(esc(f.get("bySeverity").toString()))
          .append(
              "</p><table><tr>"
                  + "<th class=\"l\">mode</th><th class=\"l\">severity</th><th class=\"l\">gold</th>"
                  + "<th class=\"l\">answer</th><th>count</th><th class=\"l\">example</th></tr>");
      f.get("groups")
          .forEach(
              g ->
                  h.append("<tr><td class=\"l\">")
                      .append(esc(g.path("mode").asText()))
                      .append("</td><td class=\"l\">")
                      .append(g.path("severity").asText())
                      .append("</td><td class=\"l\">")
                      .append(esc(g.path("gold").asText()))
                      .append("</td><td class=\"l\">")
                      .append(esc(g.path("predicted").asText()))
                      .append("</td><td>")
                      .append(g.path("count").asInt())
                      .append("</td><td class=\"l\">")
                      .append(esc(g.path("examples").path(0).asText()))
                      .append("</td></tr>"));
      h.append("</table>");
    }
    h.append("</body></html>\n");
    return h.toString();
  }

  private static void row(StringBuilder h, String k, String v) {
    h.append("<tr><td class=\"l\">")
        .append(esc(k))
        .append("</td><td>")
        .append(v)
        .append("</td></tr>");
  }

  static String dollars(long micros) {
    return String.format(Locale.ROOT, "%.4f", micros / 1e6);
  }

  private static String num(double d) {
    return Double.isNaN(d) ? "–" : String.format(Locale.ROOT, "%.4f", d);
  }

  private static String esc(String s) {
    return ReportWriter.esc(s);
  }
}
