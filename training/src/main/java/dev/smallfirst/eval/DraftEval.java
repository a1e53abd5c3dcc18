package dev.smallfirst.eval;

import dev.smallfirst.models.InferenceException;
import dev.smallfirst.models.ModelManifest;
import dev.smallfirst.models.StageInput;
import dev.smallfirst.models.StageModel;
import dev.smallfirst.models.StageOutcome;
import dev.smallfirst.models.grounding.ClaimDetector;
import dev.smallfirst.models.grounding.ReplyKit;
import dev.smallfirst.models.grounding.SlotFolding;
import dev.smallfirst.models.grounding.Slots;
import dev.smallfirst.models.text.ChrF;
import dev.smallfirst.models.trained.Draft;
import dev.smallfirst.training.data.DraftExample;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Evaluates a draft model on the draft requests of {@link DraftChain} (the whole chain, or gold
 * upstream): drafts every example, writes {@code text, reference, predicted, confidence, escalated}
 * per line, and reports chrF against the slot-folded references ({@link SlotFolding}), entity
 * faithfulness, invented ids and amounts, unresolved slots and false action claims in the replies
 * that would be sent (not escalated), intent coverage of multi-intent requests, ROUGE-L,
 * calibration of the confidence against "acceptable" (faithful, nothing invented, no slot left, no
 * claim, chrF at least {@link #ACCEPTABLE_CHRF}), the threshold sweep and the failure groups. Not
 * thread-safe.
 */
public final class DraftEval {

  private static final int BATCH = 64;

  /**
   * The chrF (slot-folded, one reply) from which a draft reads like the reference: about the mean
   * of nearest-neighbour retrieval. The reply-bank trainer calibrates against the same bar.
   */
  public static final double ACCEPTABLE_CHRF = 50;

  /** What one draft did beyond {@link DraftMetrics.Check}. */
  record Row(
      DraftMetrics.Check check,
      long[] chrf,
      boolean unresolved,
      List<String> claims,
      double coverage) {
    boolean acceptable() {
      return check.faithful()
          && check.invented().isEmpty()
          && !unresolved
          && claims.isEmpty()
          && ChrF.score(chrf) >= ACCEPTABLE_CHRF;
    }
  }

  private DraftEval() {}

  /**
   * Runs the model on {@code requests} (one per example), writes predictions, returns the report.
   */
  public static EvalReport run(
      StageModel model,
      ModelManifest manifest,
      List<DraftExample> data,
      List<StageInput> requests,
      Path predictions,
      String dataName,
      EscalationPrices prices,
      ReplyKit kit)
      throws IOException, InferenceException {
    List<StageOutcome> outcomes = ModelRun.predict(model, requests, BATCH);
    List<Draft> drafts = outcomes.stream().map(o -> ModelRun.draft(o, manifest)).toList();
    List<List<String>> answered =
        outcomes.stream().map(o -> ((StageOutcome.Drafted) o).answered()).toList();
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
    return report(manifest, data, drafts, answered, dataName, prices, kit);
  }

  /** The report for drafts already made with gold upstream and no reply kit; pure. */
  public static EvalReport report(
      ModelManifest manifest,
      List<DraftExample> data,
      List<Draft> drafts,
      String dataName,
      EscalationPrices prices) {
    return report(
        manifest,
        data,
        drafts,
        drafts.stream().map(d -> List.<String>of()).toList(),
        dataName,
        prices,
        ReplyKit.EMPTY);
  }

  /** The report for drafts already made; pure. */
  public static EvalReport report(
      ModelManifest manifest,
      List<DraftExample> data,
      List<Draft> drafts,
      List<List<String>> answered,
      String dataName,
      EscalationPrices prices,
      ReplyKit kit) {
    Map<String, String> facts = kit.forTenant("");
    String kitValues = kit.allValues();
    List<Row> rows = new ArrayList<>();
    double[] conf = new double[drafts.size()];
    boolean[] ok = new boolean[drafts.size()];
    List<ThresholdSweep.Item> items = new ArrayList<>();
    FailureTally groups = new FailureTally();
    for (int i = 0; i < drafts.size(); i++) {
      DraftExample e = data.get(i);
      Draft d = drafts.get(i);
      Row row = row(e, d.text(), answered.get(i), facts, kitValues);
      rows.add(row);
      conf[i] = d.confidence();
      ok[i] = row.acceptable();
      items.add(new ThresholdSweep.Item(d.confidence(), row.acceptable(), true));
      String intent = e.input().intents().get(0);
      String example = e.input().text() + "  →  " + d.text();
      DraftMetrics.Check c = row.check();
      addEntities(groups, "missing required entity", c.missing(), d, intent, example);
      addEntities(groups, "invented entity", c.invented(), d, intent, example);
      addEntities(groups, "false action claim", row.claims(), d, intent, example);
      if (row.unresolved()) {
        addEntities(groups, "unresolved slot", List.of("{{…}}"), d, intent, example);
      }
      if (c.missing().isEmpty()
          && c.invented().isEmpty()
          && ChrF.score(row.chrf()) < ACCEPTABLE_CHRF) {
        add(
            groups,
            "far from the reference (chrF < 50)",
            d.escalate() ? Severity.CAUGHT : Severity.MINOR,
            intent,
            "",
            example);
      }
      if (row.acceptable() && d.escalate()) {
        add(groups, "unnecessary escalation", Severity.COST, intent, "", example);
      }
    }
    Map<String, Object> head = new LinkedHashMap<>();
    head.put("examples", data.size());
    head.put("threshold", ModelRun.threshold(manifest));
    return EvalReport.of(
        manifest,
        dataName,
        head,
        idx -> metrics(idx, rows, drafts, items, ModelRun.threshold(manifest), prices),
        drafts.size(),
        Calibration.compute(conf, ok, 15),
        items,
        prices,
        groups.sorted(FailureTally.BY_SEVERITY_THEN_COUNT),
        List.of());
  }

  static Row row(
      DraftExample e,
      String draft,
      List<String> answered,
      Map<String, String> facts,
      String kitValues) {
    Map<String, String> gold = new LinkedHashMap<>();
    e.input().entities().forEach(x -> gold.putIfAbsent(x.type(), x.value()));
    long[] chrf =
        ChrF.stats(
            ChrF.profile(SlotFolding.bare(draft)),
            ChrF.profile(SlotFolding.reference(e.reference(), gold, facts)));
    List<String> intents = e.input().intents();
    double coverage =
        intents.size() < 2
            ? Double.NaN
            : intents.stream().filter(answered::contains).count() / (double) intents.size();
    return new Row(
        DraftMetrics.check(e, draft, kitValues),
        chrf,
        Slots.hasSlot(draft),
        ClaimDetector.find(draft).stream().map(ClaimDetector.Claim::phrase).toList(),
        coverage);
  }

  /** Every headline metric on the examples {@code idx}. */
  private static Map<String, Double> metrics(
      int[] idx,
      List<Row> rows,
      List<Draft> drafts,
      List<ThresholdSweep.Item> items,
      double threshold,
      EscalationPrices prices) {
    int faithful = 0;
    int invented = 0;
    int escalated = 0;
    int sent = 0;
    int sentInvented = 0;
    int sentUnresolved = 0;
    int sentClaims = 0;
    int claims = 0;
    double coverage = 0;
    int multi = 0;
    double overlap = 0;
    long[] chrf = new long[3 * ChrF.ORDER];
    double[] conf = new double[idx.length];
    boolean[] ok = new boolean[idx.length];
    List<ThresholdSweep.Item> drawn = new ArrayList<>(idx.length);
    for (int k = 0; k < idx.length; k++) {
      Row r = rows.get(idx[k]);
      DraftMetrics.Check c = r.check();
      boolean esc = drafts.get(idx[k]).escalate();
      faithful += c.faithful() ? 1 : 0;
      invented += c.invented().isEmpty() ? 0 : 1;
      claims += r.claims().isEmpty() ? 0 : 1;
      overlap += c.overlap();
      escalated += esc ? 1 : 0;
      if (!esc) {
        sent++;
        sentInvented += c.invented().isEmpty() ? 0 : 1;
        sentUnresolved += r.unresolved() ? 1 : 0;
        sentClaims += r.claims().isEmpty() ? 0 : 1;
      }
      if (!Double.isNaN(r.coverage())) {
        coverage += r.coverage();
        multi++;
      }
      ChrF.add(chrf, r.chrf());
      conf[k] = drafts.get(idx[k]).confidence();
      ok[k] = r.acceptable();
      drawn.add(items.get(idx[k]));
    }
    double n = idx.length == 0 ? Double.NaN : idx.length;
    double s = sent == 0 ? Double.NaN : sent;
    ThresholdSweep.Row own = ThresholdSweep.row(drawn, prices, threshold);
    Map<String, Double> m = new LinkedHashMap<>();
    m.put("chrF (slot-folded, corpus)", ChrF.score(chrf));
    m.put("entity faithfulness", faithful / n);
    m.put("invented-entity rate", invented / n);
    m.put("invented ids/amounts, sent replies", sentInvented / s);
    m.put("unresolved slots, sent replies", sentUnresolved / s);
    m.put("false action claims, sent replies", sentClaims / s);
    m.put("false action claims, all drafts", claims / n);
    m.put("intent coverage (multi-intent)", multi == 0 ? Double.NaN : coverage / multi);
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
