package dev.smallfirst.eval;

import ai.djl.translate.TranslateException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.smallfirst.models.trained.Draft;
import dev.smallfirst.models.trained.DraftGenerator;
import dev.smallfirst.models.trained.Manifest;
import dev.smallfirst.training.data.DraftExample;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Evaluates a draft model: drafts every example, writes {@code text, reference, predicted,
 * confidence} per line, and reports entity faithfulness, invented entities, ROUGE-L overlap,
 * calibration of the confidence against "acceptable" (faithful, nothing invented, overlap at least
 * 0.5), the threshold sweep and the failure groups. Not thread-safe.
 */
public final class DraftEval {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int BATCH = 64;

  private DraftEval() {}

  /** Runs the model, writes predictions, returns the report. */
  public static EvalReport run(
      DraftGenerator model,
      List<DraftExample> data,
      Path predictions,
      String dataName,
      PriceTable prices)
      throws IOException, TranslateException {
    List<Draft> drafts = new ArrayList<>();
    for (int from = 0; from < data.size(); from += BATCH) {
      drafts.addAll(
          model.draft(
              data.subList(from, Math.min(data.size(), from + BATCH)).stream()
                  .map(DraftExample::input)
                  .toList()));
    }
    if (predictions.getParent() != null) {
      Files.createDirectories(predictions.getParent());
    }
    try (BufferedWriter w = Files.newBufferedWriter(predictions, StandardCharsets.UTF_8)) {
      for (int i = 0; i < data.size(); i++) {
        ObjectNode o =
            JSON.createObjectNode()
                .put("text", data.get(i).input().text())
                .put("reference", data.get(i).reference())
                .put("predicted", drafts.get(i).text())
                .put("confidence", drafts.get(i).confidence())
                .put("escalated", drafts.get(i).escalate());
        w.write(JSON.writeValueAsString(o));
        w.newLine();
      }
    }
    return report(model.manifest(), data, drafts, dataName, prices);
  }

  /** The report for drafts already made; pure. */
  public static EvalReport report(
      Manifest manifest,
      List<DraftExample> data,
      List<Draft> drafts,
      String dataName,
      PriceTable prices) {
    DraftMetrics.Summary s = DraftMetrics.compute(data, drafts);
    double[] conf = new double[drafts.size()];
    boolean[] ok = new boolean[drafts.size()];
    List<ThresholdSweep.Item> items = new ArrayList<>();
    Map<String, FailureAcc> groups = new LinkedHashMap<>();
    int escalated = 0;
    for (int i = 0; i < drafts.size(); i++) {
      DraftMetrics.Check c = s.checks().get(i);
      Draft d = drafts.get(i);
      conf[i] = d.confidence();
      ok[i] = c.acceptable();
      items.add(new ThresholdSweep.Item(d.confidence(), c.acceptable(), true));
      escalated += d.escalate() ? 1 : 0;
      String intent = data.get(i).input().intents().get(0);
      String example = data.get(i).input().text() + "  →  " + d.text();
      if (!c.missing().isEmpty()) {
        add(
            groups,
            "missing required entity",
            d.escalate() ? Severity.CAUGHT : Severity.SEVERE,
            intent,
            String.join(", ", c.missing()),
            example);
      }
      if (!c.invented().isEmpty()) {
        add(
            groups,
            "invented entity",
            d.escalate() ? Severity.CAUGHT : Severity.SEVERE,
            intent,
            String.join(", ", c.invented()),
            example);
      }
      if (c.missing().isEmpty() && c.invented().isEmpty() && c.overlap() < 0.5) {
        add(
            groups,
            "far from the reference (ROUGE-L < 0.5)",
            d.escalate() ? Severity.CAUGHT : Severity.MINOR,
            intent,
            "",
            example);
      }
      if (c.acceptable() && d.escalate()) {
        add(groups, "unnecessary escalation", Severity.COST, intent, "", example);
      }
    }
    Calibration.Result cal = Calibration.compute(conf, ok, 15);
    Map<String, Object> headline = new LinkedHashMap<>();
    headline.put("examples", data.size());
    headline.put("entity faithfulness", s.faithfulness());
    headline.put("invented-entity rate", s.inventedRate());
    headline.put("ROUGE-L F1", s.overlap());
    headline.put("acceptable", ThresholdSweep.row(items, prices, 0).keptQuality());
    headline.put("ECE (acceptable)", cal.ece());
    headline.put("threshold", manifest.threshold());
    headline.put("escalated", drafts.isEmpty() ? Double.NaN : escalated / (double) drafts.size());
    ThresholdSweep.Row own = ThresholdSweep.row(items, prices, manifest.threshold());
    headline.put("acceptable kept at threshold", own.keptQuality());
    headline.put("$ per 1,000 messages at threshold", own.costPer1000Micros() / 1e6);
    List<FailureGroup> failures = new ArrayList<>();
    groups
        .values()
        .forEach(
            a ->
                failures.add(
                    new FailureGroup(
                        a.mode, a.severity, a.gold, a.predicted, a.count, a.examples)));
    failures.sort(
        java.util.Comparator.comparing(FailureGroup::severity)
            .thenComparing(java.util.Comparator.comparingInt(FailureGroup::count).reversed()));
    Map<String, String> model = new LinkedHashMap<>();
    model.put("name", manifest.name());
    model.put("version", manifest.version());
    model.put("sha256", manifest.sha256());
    return new EvalReport(
        manifest.stage(),
        model,
        dataName,
        headline,
        cal,
        ThresholdSweep.sweep(items, prices, manifest.threshold()),
        manifest.threshold(),
        prices,
        failures,
        List.of());
  }

  private static void add(
      Map<String, FailureAcc> groups,
      String mode,
      Severity severity,
      String gold,
      String predicted,
      String example) {
    FailureAcc a =
        groups.computeIfAbsent(
            mode + "\u0000" + severity + "\u0000" + gold,
            k -> new FailureAcc(mode, severity, gold, predicted));
    a.count++;
    if (a.examples.size() < FailureModes.EXAMPLES) {
      a.examples.add(example);
    }
  }

  private static final class FailureAcc {
    final String mode;
    final Severity severity;
    final String gold;
    final String predicted;
    int count;
    final List<String> examples = new ArrayList<>();

    FailureAcc(String mode, Severity severity, String gold, String predicted) {
      this.mode = mode;
      this.severity = severity;
      this.gold = gold;
      this.predicted = predicted;
    }
  }
}
