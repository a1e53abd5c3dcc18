package dev.smallfirst.compare;

import dev.smallfirst.eval.ClassMetrics;
import dev.smallfirst.eval.FailureModes;
import dev.smallfirst.eval.ModelRun;
import dev.smallfirst.frontier.prompt.Prompt;
import dev.smallfirst.models.InferenceException;
import dev.smallfirst.models.ModelManifest;
import dev.smallfirst.models.StageInput;
import dev.smallfirst.models.StageModel;
import dev.smallfirst.models.trained.Classified;
import dev.smallfirst.training.data.LabeledText;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Classify and sentiment: the small model's label and the frontier's label (asked for as JSON from
 * the manifest's label set) scored the same way: accuracy and macro-F1 against the gold labels. Not
 * thread-safe.
 */
final class ClassifyComparison {
  private static final int BATCH = 256;

  private final ModelManifest manifest;
  private final List<LabeledText> data;
  private final String task;
  private List<Classified> small;

  ClassifyComparison(ModelManifest manifest, List<LabeledText> data, String task) {
    this.manifest = manifest;
    this.data = data;
    this.task = task;
  }

  void runSmall(StageModel model) throws InferenceException {
    small =
        ModelRun.predict(model, data.stream().map(t -> StageInput.of(t.text())).toList(), BATCH)
            .stream()
            .map(o -> ModelRun.classified(o, manifest))
            .toList();
  }

  List<Prompt> prompts() {
    return data.stream()
        .map(t -> StagePrompts.classify(task, manifest.labels(), t.text()))
        .toList();
  }

  Scored score(List<FrontierAnswer> answers) {
    Set<String> known = new HashSet<>(manifest.labels());
    List<Scored.Item> items = new ArrayList<>();
    for (int i = 0; i < data.size(); i++) {
      LabeledText t = data.get(i);
      Classified c = small.get(i);
      FrontierAnswer a = answers.get(i);
      String problem = Failures.callProblem(a);
      String label = Failures.UNUSABLE;
      if (problem == null) {
        try {
          label = StagePrompts.label(Failures.text(a), manifest.labels());
        } catch (StagePrompts.Unusable e) {
          problem = e.getMessage();
        }
      }
      items.add(
          new Scored.Item(
              t.text(),
              t.label(),
              c.confidence(),
              c.label(),
              c.label().equals(t.label()),
              a,
              problem == null ? label : problem,
              problem == null && label.equals(t.label()),
              a instanceof FrontierAnswer.NotScored ? null : problem));
    }
    List<Scored.Item> scored = items.stream().filter(Scored.Item::scored).toList();
    List<FailureModes.Outcome> smallOutcomes = new ArrayList<>();
    List<FailureModes.Outcome> frontierOutcomes = new ArrayList<>();
    double threshold = ModelRun.threshold(manifest);
    for (Scored.Item it : scored) {
      boolean answerable = known.contains(it.gold());
      smallOutcomes.add(
          new FailureModes.Outcome(
              it.text(), it.gold(), it.smallAnswer(), it.confidence() < threshold, answerable));
      if (it.problem() == null) {
        frontierOutcomes.add(
            new FailureModes.Outcome(it.text(), it.gold(), it.frontierAnswer(), false, true));
      }
    }
    return new Scored(
        "accuracy",
        items,
        idx -> metrics(scored, idx),
        FailureModes.classify(smallOutcomes, l -> ModelRun.groupOf(manifest, l)),
        Failures.merge(
            FailureModes.classify(frontierOutcomes, l -> ModelRun.groupOf(manifest, l)),
            Failures.unusable(scored)));
  }

  private static Map<String, Double> metrics(List<Scored.Item> scored, int[] idx) {
    List<String> gold = new ArrayList<>(idx.length);
    List<String> smallLabels = new ArrayList<>(idx.length);
    List<String> frontierLabels = new ArrayList<>(idx.length);
    for (int i : idx) {
      Scored.Item it = scored.get(i);
      gold.add(it.gold());
      smallLabels.add(it.smallAnswer());
      frontierLabels.add(it.problem() == null ? it.frontierAnswer() : Failures.UNUSABLE);
    }
    ClassMetrics.Summary s = ClassMetrics.compute(gold, smallLabels);
    ClassMetrics.Summary f = ClassMetrics.compute(gold, frontierLabels);
    Map<String, Double> m = new LinkedHashMap<>();
    m.put("small accuracy", s.accuracy());
    m.put("frontier accuracy", f.accuracy());
    m.put("accuracy: frontier - small", f.accuracy() - s.accuracy());
    m.put("small macro-F1", s.macroF1());
    m.put("frontier macro-F1", f.macroF1());
    return m;
  }
}
