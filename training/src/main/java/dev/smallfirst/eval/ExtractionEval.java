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
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;

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

  /**
   * The report for extractions already made; pure. Entity types are compared case-insensitively
   * (upper case in the report): data sets label {@code order_id} what models emit as {@code
   * ORDER_ID}.
   */
  public static EvalReport report(
      ModelManifest manifest,
      List<SpanExample> data,
      List<Extraction> out,
      String dataName,
      EscalationPrices prices) {
    List<List<SpanMetrics.LabeledSpan>> gold = new ArrayList<>();
    List<List<SpanMetrics.LabeledSpan>> pred = new ArrayList<>();
    List<ThresholdSweep.Item> items = new ArrayList<>();
    FailureTally groups = new FailureTally();
    for (int i = 0; i < data.size(); i++) {
      SpanExample e = data.get(i);
      Extraction x = out.get(i);
      List<SpanMetrics.LabeledSpan> g =
          e.spans().stream().map(s -> labeled(s.start(), s.end(), s.label())).toList();
      List<SpanMetrics.LabeledSpan> p =
          x.spans().stream().map(s -> labeled(s.start(), s.end(), s.label())).toList();
      gold.add(g);
      pred.add(p);
      items.add(
          new ThresholdSweep.Item(x.confidence(), new HashSet<>(g).equals(new HashSet<>(p)), true));
      classifyErrors(e.text(), g, p, x.escalate(), groups);
    }
    Map<String, Object> facts = new LinkedHashMap<>();
    facts.put("examples", data.size());
    facts.put("threshold", ModelRun.threshold(manifest));
    SpanMetrics.Summary all = SpanMetrics.compute(gold, pred);
    facts.put("gold spans", all.gold());
    facts.put("predicted spans", all.predicted());
    int[] every = IntStream.range(0, data.size()).toArray();
    return EvalReport.of(
        manifest,
        dataName,
        facts,
        idx -> metrics(idx, gold, pred, out, items, ModelRun.threshold(manifest), prices),
        data.size(),
        calibration(every, gold, out),
        items,
        prices,
        groups.sorted(FailureTally.BY_SEVERITY_THEN_COUNT),
        all.perLabel());
  }

  /** A span with its entity type in upper case. */
  public static SpanMetrics.LabeledSpan labeled(int start, int end, String label) {
    return new SpanMetrics.LabeledSpan(start, end, label.toUpperCase(Locale.ROOT));
  }

  /** Span P/R/F1, exact messages, ECE, escalation and the threshold's figures on {@code idx}. */
  private static Map<String, Double> metrics(
      int[] idx,
      List<List<SpanMetrics.LabeledSpan>> gold,
      List<List<SpanMetrics.LabeledSpan>> pred,
      List<Extraction> out,
      List<ThresholdSweep.Item> items,
      double threshold,
      EscalationPrices prices) {
    List<List<SpanMetrics.LabeledSpan>> g = new ArrayList<>(idx.length);
    List<List<SpanMetrics.LabeledSpan>> p = new ArrayList<>(idx.length);
    List<ThresholdSweep.Item> drawn = new ArrayList<>(idx.length);
    int escalated = 0;
    for (int i : idx) {
      g.add(gold.get(i));
      p.add(pred.get(i));
      drawn.add(items.get(i));
      escalated += out.get(i).escalate() ? 1 : 0;
    }
    SpanMetrics.Summary s = SpanMetrics.compute(g, p);
    ThresholdSweep.Row own = ThresholdSweep.row(drawn, prices, threshold);
    Map<String, Double> m = new LinkedHashMap<>();
    m.put("span precision", s.precision());
    m.put("span recall", s.recall());
    m.put("span F1", s.f1());
    m.put("messages exactly right", ThresholdSweep.row(drawn, prices, 0).keptQuality());
    m.put("ECE (spans)", calibration(idx, gold, out).ece());
    m.put("escalated", idx.length == 0 ? Double.NaN : escalated / (double) idx.length);
    m.put("messages exactly right, kept", own.keptQuality());
    m.put("$ per 1,000 messages at threshold", own.costPer1000Micros() / 1e6);
    return m;
  }

  /**
   * Calibration of the predicted spans' confidences (right: exactly a gold span) on {@code idx}.
   */
  private static Calibration.Result calibration(
      int[] idx, List<List<SpanMetrics.LabeledSpan>> gold, List<Extraction> out) {
    List<Double> confidence = new ArrayList<>();
    List<Boolean> right = new ArrayList<>();
    for (int i : idx) {
      Set<SpanMetrics.LabeledSpan> gs = new HashSet<>(gold.get(i));
      for (Span s : out.get(i).spans()) {
        confidence.add(s.confidence());
        right.add(gs.contains(labeled(s.start(), s.end(), s.label())));
      }
    }
    boolean[] ok = new boolean[right.size()];
    for (int k = 0; k < ok.length; k++) {
      ok[k] = right.get(k);
    }
    return Calibration.compute(
        confidence.stream().mapToDouble(Double::doubleValue).toArray(), ok, 15);
  }

  /**
   * Files each error of one text: a gold span with no overlapping prediction is missed, a
   * prediction with no overlapping gold span is spurious, an overlap with another label is a wrong
   * label, and the same label with other offsets is a boundary error (minor). Errors in an
   * escalated message are caught.
   */
  public static void classifyErrors(
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
