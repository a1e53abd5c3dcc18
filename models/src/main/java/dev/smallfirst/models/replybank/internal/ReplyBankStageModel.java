package dev.smallfirst.models.replybank.internal;

import dev.smallfirst.models.InferenceException;
import dev.smallfirst.models.InferenceSession;
import dev.smallfirst.models.ModelIdentity;
import dev.smallfirst.models.ModelManifest;
import dev.smallfirst.models.StageInput;
import dev.smallfirst.models.StageModel;
import dev.smallfirst.models.StageOutcome;
import dev.smallfirst.models.encoder.EmbeddingMemo;
import dev.smallfirst.models.encoder.SharedEncoders;
import dev.smallfirst.models.grounding.ReplyKit;
import dev.smallfirst.models.replybank.ReplyComposer;
import dev.smallfirst.records.DraftContext;
import dev.smallfirst.records.Entity;
import dev.smallfirst.records.Stage;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A {@code reply-bank} draft model behind the {@link StageModel} seam: one encoder pass per batch,
 * then {@link ReplyComposer} per message with the intents, entities and tenant of its request. A
 * message longer than the manifest's {@code maxLength} tokens is read up to it (retrieval needs no
 * more), never refused. Thread-safe; sessions are stateless views.
 */
final class ReplyBankStageModel implements StageModel {
  private final ModelManifest manifest;
  private final SharedEncoders.Lease encoder;
  private final ReplyComposer composer;
  private final ReplyKit kit;
  private final String kitValues;

  ReplyBankStageModel(
      ModelManifest manifest, SharedEncoders.Lease encoder, ReplyComposer composer, ReplyKit kit) {
    this.manifest = manifest;
    this.encoder = encoder;
    this.composer = composer;
    this.kit = kit;
    this.kitValues = kit.allValues();
  }

  @Override
  public ModelIdentity identity() {
    return manifest.identity();
  }

  @Override
  public Stage stage() {
    return Stage.DRAFT;
  }

  @Override
  public InferenceSession newSession() {
    return new InferenceSession() {
      @Override
      public List<StageOutcome> predict(List<StageInput> batch) throws InferenceException {
        try {
          return answer(batch);
        } catch (RuntimeException e) {
          throw new InferenceException("drafting " + batch.size() + " inputs failed: " + e, e);
        }
      }

      @Override
      public void close() {
        // Nothing per session.
      }
    };
  }

  private List<StageOutcome> answer(List<StageInput> batch) {
    // The message text classify and sentiment embedded already: one pass for all three.
    float[][] pooled =
        encoder.pooled(batch.stream().map(StageInput::text).toList()).stream()
            .map(EmbeddingMemo.Pooled::vector)
            .toArray(float[][]::new);
    List<StageOutcome> out = new ArrayList<>(batch.size());
    for (int i = 0; i < batch.size(); i++) {
      StageInput in = batch.get(i);
      DraftContext c = in.context().orElse(null);
      ReplyComposer.Reply r =
          composer.compose(
              new ReplyComposer.Request(
                  in.text(),
                  pooled[i],
                  intents(c),
                  c == null || c.getIntentConfidence() == null ? 0.5 : c.getIntentConfidence(),
                  entities(c),
                  kit.forTenant(in.tenant()),
                  kitValues));
      out.add(
          new StageOutcome.Drafted(
              r.text(), r.confidence(), r.text().split("\\s+").length, true, r.answered()));
    }
    return out;
  }

  /**
   * Every predicted intent, primary first; the single intent of producers that predate the list.
   */
  static List<String> intents(DraftContext c) {
    List<String> out = new ArrayList<>();
    if (c == null) {
      return out;
    }
    if (c.getIntent() != null) {
      out.add(c.getIntent());
    }
    if (c.getIntents() != null) {
      c.getIntents().stream().filter(x -> !out.contains(x)).forEach(out::add);
    }
    return out;
  }

  /** The first value of each entity type. */
  static Map<String, String> entities(DraftContext c) {
    Map<String, String> out = new LinkedHashMap<>();
    if (c != null) {
      for (Entity e : c.getEntities()) {
        out.putIfAbsent(e.getType(), e.getValue());
      }
    }
    return out;
  }

  @Override
  public void close() {
    encoder.close();
  }
}
