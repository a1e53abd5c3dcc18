package dev.smallfirst.compare;

import dev.smallfirst.eval.ExtractionEval;
import dev.smallfirst.eval.FailureTally;
import dev.smallfirst.eval.ModelRun;
import dev.smallfirst.eval.Severity;
import dev.smallfirst.eval.SpanMetrics;
import dev.smallfirst.frontier.prompt.Prompt;
import dev.smallfirst.models.InferenceException;
import dev.smallfirst.models.ModelManifest;
import dev.smallfirst.models.StageInput;
import dev.smallfirst.models.StageModel;
import dev.smallfirst.models.trained.Extraction;
import dev.smallfirst.training.data.SpanExample;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Extraction: the small model's spans and the frontier's (asked for as JSON {@code label}/{@code
 * text} pairs, located in the message) scored the same way: exact-match span precision, recall and
 * F1, and the share of messages whose spans are all exactly right (the sweep's quality). Not
 * thread-safe.
 */
final class ExtractComparison {
  private static final int BATCH = 128;

  private final ModelManifest manifest;
  private final List<SpanExample> data;
  private final Set<String> types;
  private List<Extraction> small;

  ExtractComparison(ModelManifest manifest, List<SpanExample> data) {
    this.manifest = manifest;
    this.data = data;
    this.types =
        manifest.labels().stream()
            .map(l -> l.toUpperCase(Locale.ROOT))
            .collect(Collectors.toCollection(java.util.TreeSet::new));
  }

  void runSmall(StageModel model) throws InferenceException {
    small =
        ModelRun.predict(model, data.stream().map(t -> StageInput.of(t.text())).toList(), BATCH)
            .stream()
            .map(o -> ModelRun.extraction(o, manifest))
            .toList();
  }

  List<Prompt> prompts() {
    List<String> list = List.copyOf(types);
    return data.stream().map(e -> StagePrompts.extract(list, e.text())).toList();
  }

  Scored score(List<FrontierAnswer> answers) {
    List<Scored.Item> items = new ArrayList<>();
    List<List<SpanMetrics.LabeledSpan>> gold = new ArrayList<>();
    List<List<SpanMetrics.LabeledSpan>> smallSpans = new ArrayList<>();
    List<List<SpanMetrics.LabeledSpan>> frontierSpans = new ArrayList<>();
    FailureTally smallFailures = new FailureTally();
    FailureTally frontierFailures = new FailureTally();
    double threshold = ModelRun.threshold(manifest);
    for (int i = 0; i < data.size(); i++) {
      SpanExample e = data.get(i);
      Extraction x = small.get(i);
      FrontierAnswer a = answers.get(i);
      List<SpanMetrics.LabeledSpan> g =
          e.spans().stream()
              .map(s -> ExtractionEval.labeled(s.start(), s.end(), s.label()))
              .toList();
      List<SpanMetrics.LabeledSpan> p =
          x.spans().stream()
              .map(s -> ExtractionEval.labeled(s.start(), s.end(), s.label()))
              .toList();
      String problem = Failures.callProblem(a);
      List<SpanMetrics.LabeledSpan> f = List.of();
      if (problem == null) {
        try {
          f =
              StagePrompts.spans(Failures.text(a), e.text(), types).stream()
                  .map(s -> new SpanMetrics.LabeledSpan(s.start(), s.end(), s.label()))
                  .toList();
        } catch (StagePrompts.Unusable u) {
          problem = u.getMessage();
        }
      }
      boolean scored = !(a instanceof FrontierAnswer.NotScored);
      items.add(
          new Scored.Item(
              e.text(),
              show(e.text(), g),
              x.confidence(),
              show(e.text(), p),
              set(g).equals(set(p)),
              a,
              problem == null ? show(e.text(), f) : problem,
              problem == null && set(g).equals(set(f)),
              scored ? problem : null));
      if (scored) {
        gold.add(g);
        smallSpans.add(p);
        frontierSpans.add(problem == null ? f : List.of());
        ExtractionEval.classifyErrors(e.text(), g, p, x.confidence() < threshold, smallFailures);
        if (problem == null) {
          List<SpanMetrics.LabeledSpan> located = f.stream().filter(s -> s.start() >= 0).toList();
          ExtractionEval.classifyErrors(e.text(), g, located, false, frontierFailures);
          f.stream()
              .filter(s -> s.start() < 0)
              .forEach(
                  s ->
                      frontierFailures.add(
                          "invented span " + s.label(),
                          "invented span (not in the message)",
                          Severity.SEVERE,
                          "",
                          s.label(),
                          e::text));
        }
      }
    }
    List<Scored.Item> scored = items.stream().filter(Scored.Item::scored).toList();
    return new Scored(
        "exact messages",
        items,
        idx -> metrics(idx, scored, gold, smallSpans, frontierSpans),
        smallFailures.sorted(FailureTally.BY_SEVERITY_THEN_COUNT),
        Failures.merge(
            frontierFailures.sorted(FailureTally.BY_SEVERITY_THEN_COUNT),
            Failures.unusable(scored)));
  }

  private static Map<String, Double> metrics(
      int[] idx,
      List<Scored.Item> scored,
      List<List<SpanMetrics.LabeledSpan>> gold,
      List<List<SpanMetrics.LabeledSpan>> smallSpans,
      List<List<SpanMetrics.LabeledSpan>> frontierSpans) {
    List<List<SpanMetrics.LabeledSpan>> g = Scored.pick(gold, idx);
    SpanMetrics.Summary sm = SpanMetrics.compute(g, Scored.pick(smallSpans, idx));
    SpanMetrics.Summary fm = SpanMetrics.compute(g, Scored.pick(frontierSpans, idx));
    Map<String, Double> m = new LinkedHashMap<>();
    Scored.rates(scored, idx, "exact messages", m);
    m.put("small span F1", sm.f1());
    m.put("frontier span F1", fm.f1());
    m.put("small span precision", sm.precision());
    m.put("frontier span precision", fm.precision());
    m.put("small span recall", sm.recall());
    m.put("frontier span recall", fm.recall());
    return m;
  }

  private static Set<SpanMetrics.LabeledSpan> set(List<SpanMetrics.LabeledSpan> spans) {
    return new HashSet<>(spans);
  }

  private static String show(String text, List<SpanMetrics.LabeledSpan> spans) {
    return spans.stream()
        .map(
            s ->
                s.label()
                    + "="
                    + (s.start() < 0 ? "(not in message)" : text.substring(s.start(), s.end())))
        .collect(Collectors.joining(", ", "[", "]"));
  }
}
