package dev.smallfirst.eval;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.smallfirst.models.InferenceException;
import dev.smallfirst.models.ModelManifest;
import dev.smallfirst.models.StageInput;
import dev.smallfirst.models.StageModel;
import dev.smallfirst.models.trained.Extraction;
import dev.smallfirst.models.trained.Span;
import dev.smallfirst.training.data.SpanExample;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Evaluates an extract model: exact-match span precision/recall/F1 (micro and per label),
 * calibration of span confidences, a threshold sweep on the message-level confidence (quality = the
 * message's spans are exactly right), and errors grouped as missed, spurious, wrong label or wrong
 * boundary. Not thread-safe.
 */
public final class ExtractionEval {

  private static final int BATCH = 128;

  private ExtractionEval() {}

  /** Runs the model, writes predictions, returns the report. */
  public static EvalReport run(
      StageModel model,
      ModelManifest manifest,
      List<SpanExample> data,
      Path predictions,
      String dataName,
      EscalationPrices prices)
      throws IOException, InferenceException {
    List<Extraction> out =
        ModelRun.predict(model, data.stream().map(e -> StageInput.of(e.text())).toList(), BATCH)
            .stream()
            .map(o -> ModelRun.extraction(o, manifest))
            .toList();
    Predictions.write(predictions, data.size(), i -> line(data.get(i), out.get(i)));
    return report(manifest, data, out, dataName, prices);
  }

  private static ObjectNode line(SpanExample example, Extraction x) {
    ObjectNode o = Predictions.JSON.createObjectNode().put("text", example.text());
    ArrayNode gold = o.putArray("spans");
    for (SpanExample.GoldSpan g : example.spans()) {
      gold.addObject().put("start", g.start()).put("end", g.end()).put("label", g.label());
    }
    ArrayNode pred = o.putArray("predicted_spans");
    for (Span s : x.spans()) {
      pred.addObject()
          .put("start", s.start())
          .put("end", s.end())
          .put("label", s.label())
          .put("confidence", s.confidence());
    }
    return o.put("confidence", x.confidence()).put("escalated", x.escalate());
  }

  /** The report for extractions already made; pure. */
  public static EvalReport report(
      ModelManifest manifest,
      List<SpanExample> data,
      List<Extraction> out,
      String dataName,
      EscalationPrices prices) {
    List<List<SpanMetrics.LabeledSpan>> gold = new ArrayList<>();
    List<List<SpanMetrics.LabeledSpan>> pred = new ArrayList<>();
    List<Double> spanConf = new ArrayList<>();
    List<Boolean> spanOk = new ArrayList<>();
    List<ThresholdSweep.Item> items = new ArrayList<>();
    FailureTally groups = new FailureTally();
    int escalated = 0;
    for (int i = 0; i < data.size(); i++) {
      SpanExample e = data.get(i);
      Extraction x = out.get(i);
      List<SpanMetrics.LabeledSpan> g =
          e.spans().stream()
              .map(s -> new SpanMetrics.LabeledSpan(s.start(), s.end(), s.label()))
              .toList();
      List<SpanMetrics.LabeledSpan> p =
          x.spans().stream()
              .map(s -> new SpanMetrics.LabeledSpan(s.start(), s.end(), s.label()))
              .toList();
      gold.add(g);
      pred.add(p);
      Set<SpanMetrics.LabeledSpan> gs = new HashSet<>(g);
      for (Span s : x.spans()) {
        spanConf.add(s.confidence());
        spanOk.add(gs.contains(new SpanMetrics.LabeledSpan(s.start(), s.end(), s.label())));
      }
      items.add(
          new ThresholdSweep.Item(x.confidence(), new HashSet<>(g).equals(new HashSet<>(p)), true));
      escalated += x.escalate() ? 1 : 0;
      classifyErrors(e.text(), g, p, x.escalate(), groups);
    }
    SpanMetrics.Summary s = SpanMetrics.compute(gold, pred);
    boolean[] ok = new boolean[spanOk.size()];
    for (int i = 0; i < ok.length; i++) {
      ok[i] = spanOk.get(i);
    }
    Calibration.Result cal =
        Calibration.compute(spanConf.stream().mapToDouble(Double::doubleValue).toArray(), ok, 15);
    Map<String, Object> headline = new LinkedHashMap<>();
    headline.put("examples", data.size());
    headline.put("span precision", s.precision());
    headline.put("span recall", s.recall());
    headline.put("span F1", s.f1());
    headline.put("gold spans", s.gold());
    headline.put("predicted spans", s.predicted());
    headline.put("messages exactly right", ThresholdSweep.row(items, prices, 0).keptQuality());
    headline.put("ECE (spans)", cal.ece());
    EvalReport.putEscalated(headline, manifest, escalated, data.size());
    EvalReport.putThreshold(headline, manifest, items, prices, "messages exactly right, kept");
    return EvalReport.of(
        manifest,
        dataName,
        headline,
        cal,
        items,
        prices,
        groups.sorted(FailureTally.BY_SEVERITY_THEN_COUNT),
        s.perLabel());
  }

  /**
   * Files each error of one text: a gold span with no overlapping prediction is missed, a
   * prediction with no overlapping gold span is spurious, an overlap with another label is a wrong
   * label, and the same label with other offsets is a boundary error (minor). Errors in an
   * escalated message are caught.
   */
  static void classifyErrors(
      String text,
      List<SpanMetrics.LabeledSpan> gold,
      List<SpanMetrics.LabeledSpan> pred,
      boolean escalated,
      FailureTally groups) {
    Set<SpanMetrics.LabeledSpan> exact = new HashSet<>(gold);
    exact.retainAll(new HashSet<>(pred));
    for (SpanMetrics.LabeledSpan g : gold) {
      if (exact.contains(g)) {
        continue;
      }
      SpanMetrics.LabeledSpan o =
          pred.stream().filter(p -> overlaps(p, g)).findFirst().orElse(null);
      if (o == null) {
        add(
            groups,
            "missed",
            escalated ? Severity.CAUGHT : Severity.SEVERE,
            g.label(),
            "—",
            text,
            g,
            null);
      } else if (!o.label().equals(g.label())) {
        add(
            groups,
            "wrong label",
            escalated ? Severity.CAUGHT : Severity.SEVERE,
            g.label(),
            o.label(),
            text,
            g,
            o);
      } else {
        add(
            groups,
            "wrong boundary",
            escalated ? Severity.CAUGHT : Severity.MINOR,
            g.label(),
            o.label(),
            text,
            g,
            o);
      }
    }
    for (SpanMetrics.LabeledSpan p : pred) {
      if (!exact.contains(p) && gold.stream().noneMatch(g -> overlaps(p, g))) {
        add(
            groups,
            "spurious",
            escalated ? Severity.CAUGHT : Severity.SEVERE,
            "—",
            p.label(),
            text,
            null,
            p);
      }
    }
  }

  private static boolean overlaps(SpanMetrics.LabeledSpan a, SpanMetrics.LabeledSpan b) {
    return a.start() < b.end() && b.start() < a.end();
  }

  private static void add(
      FailureTally groups,
      String mode,
      Severity sev,
      String gold,
      String pred,
      String text,
      SpanMetrics.LabeledSpan g,
      SpanMetrics.LabeledSpan p) {
    groups.add(
        mode + "\u0000" + sev + "\u0000" + gold + "\u0000" + pred,
        mode,
        sev,
        gold,
        pred,
        () ->
            text
                + "  —"
                + (g == null ? "" : " gold «" + text.substring(g.start(), g.end()) + "»")
                + (p == null ? "" : " predicted «" + text.substring(p.start(), p.end()) + "»"));
  }
}
