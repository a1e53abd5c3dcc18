package dev.smallfirst.models.trained.internal;

import ai.djl.Device;
import ai.djl.translate.TranslateException;
import dev.smallfirst.models.InferenceException;
import dev.smallfirst.models.InferenceSession;
import dev.smallfirst.models.LoadOptions;
import dev.smallfirst.models.LoadOptions.OverlongPolicy;
import dev.smallfirst.models.ModelIdentity;
import dev.smallfirst.models.ModelLoadException;
import dev.smallfirst.models.ModelManifest;
import dev.smallfirst.models.StageInput;
import dev.smallfirst.models.StageModel;
import dev.smallfirst.models.StageOutcome;
import dev.smallfirst.models.StageOutcome.EntitySpan;
import dev.smallfirst.models.StageOutcome.Failed;
import dev.smallfirst.models.StageOutcome.LabelScore;
import dev.smallfirst.models.entities.EntityValidators;
import dev.smallfirst.models.entities.SpanMerger;
import dev.smallfirst.models.text.DraftInput;
import dev.smallfirst.models.trained.Classified;
import dev.smallfirst.models.trained.Draft;
import dev.smallfirst.models.trained.DraftGenerator;
import dev.smallfirst.models.trained.Extraction;
import dev.smallfirst.models.trained.Span;
import dev.smallfirst.models.trained.SpanExtractor;
import dev.smallfirst.models.trained.TextClassifier;
import dev.smallfirst.records.DraftContext;
import dev.smallfirst.records.FailureCode;
import dev.smallfirst.records.SentimentLabel;
import dev.smallfirst.records.Stage;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * A model of the Java trainer ({@link dev.smallfirst.models.trained.TrainedModel}) behind the
 * worker's {@link StageModel} seam. The trainer's models are thread-safe (one DJL predictor per
 * calling thread), so a session is a thin, stateless view on the shared model.
 *
 * <p>What each stage answers: classify gives the label, its calibrated probability and the top 3;
 * sentiment gives the label, {@code P(positive) - P(negative)} and the calibrated confidence;
 * extract gives the tagger's spans merged with {@link EntityValidators} (a validator's exact find
 * wins where the two overlap, and it adds what the tagger missed); draft gives the slot-filled
 * reply, whose entity values are copied from the request's context, never generated.
 *
 * <p>Unlike the TorchScript path, a tagger span of an exact-format type (order number, amount, ...)
 * that no validator confirms is kept: the trainer learns the tenant's own formats (say {@code
 * SF1234567}), which the validators' fixed patterns do not know. Input length is counted in
 * characters (the trainer's {@code maxLength}); for the draft model {@code maxLength} bounds the
 * reply, so its input has no limit.
 */
final class TrainedStageModel implements StageModel {
  private final ModelManifest manifest;
  private final dev.smallfirst.models.trained.TrainedModel trained;
  private final OverlongPolicy overlong;
  private final Device device;

  TrainedStageModel(
      ModelManifest manifest,
      dev.smallfirst.models.trained.TrainedModel trained,
      LoadOptions options,
      Device device) {
    this.manifest = manifest;
    this.trained = trained;
    this.overlong = options.overlong();
    this.device = device;
    boolean fits =
        switch (manifest.stage()) {
          case CLASSIFY, SENTIMENT -> trained instanceof TextClassifier;
          case EXTRACT -> trained instanceof SpanExtractor;
          case DRAFT -> trained instanceof DraftGenerator;
          default -> false;
        };
    if (!fits) {
      trained.close();
      throw new ModelLoadException(
          manifest.directory()
              + ": a "
              + trained.getClass().getSimpleName()
              + " cannot answer the "
              + manifest.stage()
              + " stage");
    }
  }

  @Override
  public ModelIdentity identity() {
    return manifest.identity();
  }

  @Override
  public Stage stage() {
    return manifest.stage();
  }

  /** Where the weights live. */
  Device device() {
    return device;
  }

  @Override
  public InferenceSession newSession() {
    return new Session();
  }

  @Override
  public void close() {
    trained.close();
  }

  private final class Session implements InferenceSession {
    @Override
    public List<StageOutcome> predict(List<StageInput> batch) throws InferenceException {
      StageOutcome[] out = new StageOutcome[batch.size()];
      List<Integer> positions = new ArrayList<>(batch.size());
      List<StageInput> accepted = new ArrayList<>(batch.size());
      for (int i = 0; i < batch.size(); i++) {
        StageInput input = batch.get(i);
        if (tooLong(input) && overlong == OverlongPolicy.REJECT) {
          out[i] =
              new Failed(
                  FailureCode.INPUT_TOO_LONG,
                  "text has "
                      + input.text().length()
                      + " characters; model "
                      + manifest.name()
                      + " takes at most "
                      + manifest.maxLength(),
                  false);
        } else {
          positions.add(i);
          accepted.add(input);
        }
      }
      if (!accepted.isEmpty()) {
        List<StageOutcome> answered;
        try {
          answered = answer(accepted);
        } catch (TranslateException | RuntimeException e) {
          throw new InferenceException(
              "forward pass of " + accepted.size() + " inputs failed: " + e, e);
        }
        for (int i = 0; i < answered.size(); i++) {
          out[positions.get(i)] = answered.get(i);
        }
      }
      return Arrays.asList(out);
    }

    private List<StageOutcome> answer(List<StageInput> inputs) throws TranslateException {
      List<String> texts = inputs.stream().map(StageInput::text).toList();
      return switch (manifest.stage()) {
        case CLASSIFY ->
            map(((TextClassifier) trained).classify(texts), TrainedStageModel::toClass);
        case SENTIMENT -> sentiment((TextClassifier) trained, texts);
        case EXTRACT ->
            extracted(((SpanExtractor) trained).extract(texts), texts, manifest.labels());
        case DRAFT ->
            map(
                ((DraftGenerator) trained)
                    .draft(inputs.stream().map(TrainedStageModel::draftInput).toList()),
                TrainedStageModel::toDrafted);
        default -> throw new IllegalStateException("no adapter for " + manifest.stage());
      };
    }

    private List<StageOutcome> sentiment(TextClassifier classifier, List<String> texts)
        throws TranslateException {
      float[][] probabilities = classifier.probabilities(texts);
      List<String> labels = manifest.labels();
      int positive = labels.indexOf("positive");
      int negative = labels.indexOf("negative");
      List<StageOutcome> out = new ArrayList<>(texts.size());
      for (float[] p : probabilities) {
        int best = 0;
        for (int k = 1; k < p.length; k++) {
          if (p[k] > p[best]) {
            best = k;
          }
        }
        double score = (positive < 0 ? 0 : p[positive]) - (negative < 0 ? 0 : p[negative]);
        out.add(
            new StageOutcome.SentimentScored(
                sentimentLabel(labels.get(best)),
                Math.max(-1, Math.min(1, score)),
                clamp(p[best])));
      }
      return out;
    }

    @Override
    public void close() {
      // The predictors belong to the shared model and are closed with it.
    }
  }

  /**
   * Whether the text is longer than the model reads. The draft model's {@code maxLength} bounds the
   * reply it generates, not its input: it is conditioned on the other stages' outputs, so any
   * message length is fine.
   */
  private boolean tooLong(StageInput input) {
    return manifest.stage() != Stage.DRAFT && input.text().length() > manifest.maxLength();
  }

  private static StageOutcome toClass(Classified c) {
    return new StageOutcome.Classified(
        c.label(),
        clamp(c.confidence()),
        c.topK().stream().map(s -> new LabelScore(s.label(), clamp(s.probability()))).toList());
  }

  private static StageOutcome toExtracted(Extraction x, String text, List<String> labels) {
    List<EntitySpan> model = new ArrayList<>(x.spans().size());
    for (Span s : x.spans()) {
      model.add(new EntitySpan(s.label(), s.text(), s.start(), s.end(), clamp(s.confidence())));
    }
    return new StageOutcome.Extracted(
        SpanMerger.mergeKeepingModel(model, EntityValidators.find(text, labels)),
        clamp(x.confidence()));
  }

  private static StageOutcome toDrafted(Draft d) {
    return new StageOutcome.Drafted(d.text(), clamp(d.confidence()), d.tokens(), d.complete());
  }

  /** The draft model's input: the message and what the other stages found (absent parts none). */
  static DraftInput draftInput(StageInput input) {
    DraftContext c = input.context().orElse(null);
    if (c == null) {
      return new DraftInput(input.text(), List.of(), null, null, List.of());
    }
    List<DraftInput.Entity> entities =
        c.getEntities().stream()
            .map(e -> new DraftInput.Entity(e.getType(), e.getValue()))
            .toList();
    return new DraftInput(
        input.text(),
        c.getIntent() == null ? List.of() : List.of(c.getIntent()),
        c.getSentiment() == null || c.getSentiment() == SentimentLabel.UNKNOWN
            ? null
            : c.getSentiment().name().toLowerCase(Locale.ROOT),
        c.getChannel(),
        entities);
  }

  static SentimentLabel sentimentLabel(String label) {
    try {
      return SentimentLabel.valueOf(label.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      return SentimentLabel.UNKNOWN;
    }
  }

  private static double clamp(double p) {
    return Double.isNaN(p) ? 0 : Math.max(0, Math.min(1, p));
  }

  private static <T> List<StageOutcome> map(List<T> in, Function<T, StageOutcome> f) {
    return in.stream().map(f).toList();
  }

  private static List<StageOutcome> extracted(
      List<Extraction> found, List<String> texts, List<String> labels) {
    List<StageOutcome> out = new ArrayList<>(found.size());
    for (int i = 0; i < found.size(); i++) {
      out.add(toExtracted(found.get(i), texts.get(i), labels));
    }
    return out;
  }
}
