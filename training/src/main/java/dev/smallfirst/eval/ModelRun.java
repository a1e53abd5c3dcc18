package dev.smallfirst.eval;

import com.fasterxml.jackson.databind.JsonNode;
import dev.smallfirst.models.InferenceException;
import dev.smallfirst.models.InferenceSession;
import dev.smallfirst.models.LoadOptions;
import dev.smallfirst.models.ModelLoaders;
import dev.smallfirst.models.ModelManifest;
import dev.smallfirst.models.StageInput;
import dev.smallfirst.models.StageModel;
import dev.smallfirst.models.StageOutcome;
import dev.smallfirst.models.grounding.ReplyKit;
import dev.smallfirst.models.text.DraftInput;
import dev.smallfirst.models.trained.Classified;
import dev.smallfirst.models.trained.Draft;
import dev.smallfirst.models.trained.Extraction;
import dev.smallfirst.models.trained.Span;
import dev.smallfirst.records.DraftContext;
import dev.smallfirst.records.Entity;
import dev.smallfirst.records.SentimentLabel;
import dev.smallfirst.records.Stage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The evaluator's side of the one model seam: loads any model directory the worker serves through
 * {@link ModelLoaders}, answers examples in batches through an {@link InferenceSession}, and turns
 * the {@link StageOutcome}s into the evaluator's predictions, escalated below the manifest's
 * threshold. Stateless.
 */
public final class ModelRun {

  /** CPU, over-long inputs cut rather than refused (every example gets an answer), 3 labels. */
  static final LoadOptions OPTIONS =
      new LoadOptions(
          LoadOptions.DevicePreference.CPU,
          LoadOptions.OverlongPolicy.TRUNCATE,
          LoadOptions.defaults().lengthBuckets(),
          OptionalInt.empty(),
          OptionalInt.empty());

  private ModelRun() {}

  /** Loads the model of {@code dir} for {@code stage} as the worker would. */
  public static StageModel load(Path dir, Stage stage) {
    return ModelLoaders.standard().load(dir, stage, OPTIONS);
  }

  /** Loads a draft model with the tenants' company facts. */
  public static StageModel load(Path dir, Stage stage, ReplyKit kit) {
    return ModelLoaders.standard().load(dir, stage, OPTIONS.withReplyKit(kit));
  }

  /**
   * {@code model}'s outcomes for {@code inputs}, in batches of {@code size}, in input order.
   *
   * @throws InferenceException when a batch fails or an input gets no answer
   */
  public static List<StageOutcome> predict(StageModel model, List<StageInput> inputs, int size)
      throws InferenceException {
    List<StageOutcome> out = new ArrayList<>(inputs.size());
    try (InferenceSession session = model.newSession()) {
      for (int from = 0; from < inputs.size(); from += size) {
        out.addAll(session.predict(inputs.subList(from, Math.min(inputs.size(), from + size))));
      }
    }
    for (int i = 0; i < out.size(); i++) {
      if (out.get(i) instanceof StageOutcome.Failed f) {
        throw new InferenceException(
            "example " + (i + 1) + " got no answer: " + f.code() + " " + f.message(), null);
      }
    }
    return out;
  }

  /** The manifest's escalation threshold, 0 (never escalate) when it has none. */
  public static double threshold(ModelManifest m) {
    return m.threshold().orElse(0.0);
  }

  /** The routing group of {@code label}: from {@code labelGroups}, else the text before a dot. */
  public static String groupOf(ModelManifest m, String label) {
    JsonNode groups = m.extra("labelGroups").orElse(null);
    if (groups != null && groups.hasNonNull(label)) {
      return groups.get(label).asText();
    }
    int dot = label.indexOf('.');
    return dot < 0 ? label : label.substring(0, dot);
  }

  /** A classification or sentiment outcome as a classification. */
  public static Classified classified(StageOutcome outcome, ModelManifest m) {
    return switch (outcome) {
      case StageOutcome.Classified c ->
          new Classified(
              c.label(),
              c.confidence(),
              c.confidence() < threshold(m),
              c.topK().stream().map(s -> new Classified.LabelScore(s.label(), s.score())).toList(),
              false);
      case StageOutcome.SentimentScored s ->
          new Classified(
              s.label().name().toLowerCase(Locale.ROOT),
              s.confidence(),
              s.confidence() < threshold(m),
              List.of(),
              false);
      default -> throw unexpected(outcome, m);
    };
  }

  /** An extraction outcome. */
  public static Extraction extraction(StageOutcome outcome, ModelManifest m) {
    if (!(outcome instanceof StageOutcome.Extracted x)) {
      throw unexpected(outcome, m);
    }
    List<Span> spans =
        x.entities().stream()
            .map(e -> new Span(e.start(), e.end(), e.type(), e.value(), e.confidence()))
            .toList();
    return new Extraction(spans, x.confidence(), x.confidence() < threshold(m), false);
  }

  /** A draft outcome; it escalates below the threshold or when the length bound cut it. */
  public static Draft draft(StageOutcome outcome, ModelManifest m) {
    if (!(outcome instanceof StageOutcome.Drafted d)) {
      throw unexpected(outcome, m);
    }
    return new Draft(
        d.text(),
        d.confidence(),
        d.tokens(),
        d.confidence() < threshold(m) || !d.stoppedAtEos(),
        d.stoppedAtEos());
  }

  /**
   * The draft stage's request for {@code input} with gold upstream, as the topology sends it: the
   * intents (primary first), the entities, the sentiment and the channel.
   */
  public static StageInput draftRequest(DraftInput input) {
    List<Entity> entities = new ArrayList<>();
    for (DraftInput.Entity e : input.entities()) {
      int at = Math.max(0, input.text().indexOf(e.value()));
      int end = input.text().startsWith(e.value(), at) ? at + e.value().length() : at;
      entities.add(new Entity(e.type(), e.value(), at, end, 1.0));
    }
    DraftContext context =
        DraftContext.newBuilder()
            .setIntent(input.intents().isEmpty() ? null : input.intents().get(0))
            .setIntentConfidence(input.intents().isEmpty() ? null : 1.0)
            .setIntents(input.intents())
            .setEntities(entities)
            .setSentiment(sentiment(input.sentiment()))
            .setChannel(input.channel())
            .build();
    return new StageInput(input.text(), Optional.of(context));
  }

  private static SentimentLabel sentiment(String label) {
    if (label == null) {
      return null;
    }
    try {
      return SentimentLabel.valueOf(label.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      return null; // a sentiment the schema does not know conditions nothing
    }
  }

  private static IllegalStateException unexpected(StageOutcome outcome, ModelManifest m) {
    return new IllegalStateException(
        m.identity() + " answered " + outcome.getClass().getSimpleName() + " for " + m.stage());
  }
}
