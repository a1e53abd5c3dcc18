package dev.smallfirst.models.replybank.internal;

import dev.smallfirst.models.InferenceSession;
import dev.smallfirst.models.ModelIdentity;
import dev.smallfirst.models.ModelManifest;
import dev.smallfirst.models.StageInput;
import dev.smallfirst.models.StageModel;
import dev.smallfirst.models.StageOutcome;
import dev.smallfirst.models.encoder.EmbeddingMemo;
import dev.smallfirst.models.encoder.SharedEncoders;
import dev.smallfirst.models.grounding.DraftChecks;
import dev.smallfirst.models.grounding.ReplyKit;
import dev.smallfirst.models.replybank.ReplyComposer;
import dev.smallfirst.models.text.Clauses;
import dev.smallfirst.records.DraftContext;
import dev.smallfirst.records.Stage;
import java.util.ArrayList;
import java.util.List;

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
  private final boolean clauseQueries;

  ReplyBankStageModel(
      ModelManifest manifest,
      SharedEncoders.Lease encoder,
      ReplyComposer composer,
      ReplyKit kit,
      boolean clauseQueries) {
    this.clauseQueries = clauseQueries;
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
    return InferenceSession.stateless("drafting", this::answer);
  }

  private List<StageOutcome> answer(List<StageInput> batch) {
    // The message text classify and sentiment embedded already: one pass for all three.
    float[][] pooled =
        encoder.pooled(batch.stream().map(StageInput::text).toList()).stream()
            .map(EmbeddingMemo.Pooled::vector)
            .toArray(float[][]::new);
    List<List<float[]>> clauses = clauseEmbeddings(batch);
    List<StageOutcome> out = new ArrayList<>(batch.size());
    for (int i = 0; i < batch.size(); i++) {
      StageInput in = batch.get(i);
      DraftContext c = in.context().orElse(null);
      ReplyComposer.Reply r =
          composer.compose(
              new ReplyComposer.Request(
                  in.text(),
                  pooled[i],
                  clauses.get(i),
                  DraftChecks.intents(c),
                  c == null || c.getIntentConfidence() == null ? 0.5 : c.getIntentConfidence(),
                  DraftChecks.entities(c),
                  kit.forTenant(in.tenant()),
                  kitValues));
      out.add(
          new StageOutcome.Drafted(
              r.text(), r.confidence(), r.text().split("\\s+").length, true, r.answered()));
    }
    return out;
  }

  /**
   * Per message, its clauses' embeddings when the manifest retrieves clause by clause ({@code
   * retrieval.clauseQueries}) and it has several clauses, else none: one encoder pass for all the
   * batch's clauses, which the classify model of the same process has embedded already.
   */
  private List<List<float[]>> clauseEmbeddings(List<StageInput> batch) {
    List<List<float[]>> out = new ArrayList<>(batch.size());
    List<String> all = new ArrayList<>();
    List<Integer> counts = new ArrayList<>(batch.size());
    for (StageInput in : batch) {
      List<String> c = clauseQueries ? Clauses.of(in.text()) : List.of();
      counts.add(c.size() > 1 ? c.size() : 0);
      if (c.size() > 1) {
        all.addAll(c);
      }
    }
    List<EmbeddingMemo.Pooled> pooled = all.isEmpty() ? List.of() : encoder.pooled(all);
    int at = 0;
    for (int n : counts) {
      List<float[]> mine = new ArrayList<>(n);
      for (int k = 0; k < n; k++) {
        mine.add(pooled.get(at++).vector());
      }
      out.add(mine);
    }
    return out;
  }

  @Override
  public void close() {
    encoder.close();
  }
}
