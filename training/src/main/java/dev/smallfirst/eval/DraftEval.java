package dev.smallfirst.eval;

import dev.smallfirst.models.InferenceException;
import dev.smallfirst.models.ModelManifest;
import dev.smallfirst.models.StageModel;
import dev.smallfirst.models.trained.Draft;
import dev.smallfirst.training.data.DraftExample;
import java.io.IOException;
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

  private static final int BATCH = 64;

  private DraftEval() {}

  /** Runs the model, writes predictions, returns the report. */
  public static EvalReport run(
      StageModel model,
      ModelManifest manifest,
      List<DraftExample> data,
      Path predictions,
      String dataName,
      EscalationPrices prices)
      throws IOException, InferenceException {
    List<Draft> drafts =
        ModelRun.predict(
                model, data.stream().map(e -> ModelRun.draftRequest(e.input())).toList(), BATCH)
            .stream()
            .map(o -> ModelRun.draft(o, manifest))
            .toList();
    Predictions.write(
        predictions,
        data.size(),
        i ->
            Predictions.JSON
                .createObjectNode()
                .put("text", data.get(i).input().text())
                .put("reference", data.get(i).reference())
                .put("predicted", drafts.get(i).text())
                .put("confidence", drafts.get(i).confidence())
                .put("escalated", drafts.get(i).escalate()));
    return report(manifest, data, drafts, dataName, prices);
  }

  /** The report for drafts already made; pure. */
  public static EvalReport report(
      ModelManifest manifest,
      List<DraftExample> data,
      List<Draft> drafts,
      String dataName,
      EscalationPrices prices) {
    DraftMetrics.Summary s = DraftMetrics.compute(data, drafts);
    double[] conf = new double[drafts.size()];
    boolean[] ok = new boolean[drafts.size()];
    List<ThresholdSweep.Item> items = new ArrayList<>();
    FailureTally groups = new FailureTally();
    for (int i = 0; i < drafts.size(); i++) {
      DraftMetrics.Check c = s.checks().get(i);
      Draft d = drafts.get(i);
      conf[i] = d.confidence();
      ok[i] = c.acceptable();
      items.add(new ThresholdSweep.Item(d.confidence(), c.acceptable(), true));
      String intent = data.get(i).input().intents().get(0);
      String example = data.get(i).input().text() + "  →  " + d.text();
      addEntities(groups, "missing required entity", c.missing(), d, intent, example);
      addEntities(groups, "invented entity", c.invented(), d, intent, example);
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
    Map<String, Object> facts = new LinkedHashMap<>();
    facts.put("examples", data.size());
    facts.put("threshold", ModelRun.threshold(manifest));
    return EvalReport.of(
        manifest,
        dataName,
        facts,
        idx -> metrics(idx, s.checks(), drafts, items, ModelRun.threshold(manifest), prices),
        drafts.size(),
        Calibration.compute(conf, ok, 15),
        items,
        prices,
        groups.sorted(FailureTally.BY_SEVERITY_THEN_COUNT),
        List.of());
  }

  /** Faithfulness, invented entities, overlap, acceptability, ECE and escalation on {@code idx}. */
  private static Map<String, Double> metrics(
      int[] idx,
      List<DraftMetrics.Check> checks,
      List<Draft> drafts,
      List<ThresholdSweep.Item> items,
      double threshold,
      EscalationPrices prices) {
    int faithful = 0;
    int invented = 0;
    int escalated = 0;
    double overlap = 0;
    double[] conf = new double[idx.length];
    boolean[] ok = new boolean[idx.length];
    List<ThresholdSweep.Item> drawn = new ArrayList<>(idx.length);
    for (int k = 0; k < idx.length; k++) {
      DraftMetrics.Check c = checks.get(idx[k]);
      faithful += c.faithful() ? 1 : 0;
      invented += c.invented().isEmpty() ? 0 : 1;
      overlap += c.overlap();
      escalated += drafts.get(idx[k]).escalate() ? 1 : 0;
      conf[k] = drafts.get(idx[k]).confidence();
      ok[k] = c.acceptable();
      drawn.add(items.get(idx[k]));
    }
    double n = idx.length == 0 ? Double.NaN : idx.length;
    ThresholdSweep.Row own = ThresholdSweep.row(drawn, prices, threshold);
    Map<String, Double> m = new LinkedHashMap<>();
    m.put("entity faithfulness", faithful / n);
    m.put("invented-entity rate", invented / n);
    m.put("ROUGE-L F1", overlap / n);
    m.put("acceptable", ThresholdSweep.row(drawn, prices, 0).keptQuality());
    m.put("ECE (acceptable)", Calibration.compute(conf, ok, 15).ece());
    m.put("escalated", escalated / n);
    m.put("acceptable kept at threshold", own.keptQuality());
    m.put("$ per 1,000 messages at threshold", own.costPer1000Micros() / 1e6);
    return m;
  }

  /** A severe failure (caught if the draft escalated) naming {@code entities}, unless none. */
  private static void addEntities(
      FailureTally groups,
      String mode,
      List<String> entities,
      Draft d,
      String intent,
      String example) {
    if (!entities.isEmpty()) {
      add(
          groups,
          mode,
          d.escalate() ? Severity.CAUGHT : Severity.SEVERE,
          intent,
          String.join(", ", entities),
          example);
    }
  }

  private static void add(
      FailureTally groups,
      String mode,
      Severity severity,
      String gold,
      String predicted,
      String example) {
    groups.add(
        mode + "\u0000" + severity + "\u0000" + gold,
        mode,
        severity,
        gold,
        predicted,
        () -> example);
  }
}
