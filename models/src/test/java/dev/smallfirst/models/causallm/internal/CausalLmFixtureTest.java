package dev.smallfirst.models.causallm.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.smallfirst.models.Fixtures;
import dev.smallfirst.models.InferenceSession;
import dev.smallfirst.models.LoadOptions;
import dev.smallfirst.models.ModelIntegrity;
import dev.smallfirst.models.ModelLoaders;
import dev.smallfirst.models.ModelManifest;
import dev.smallfirst.models.StageInput;
import dev.smallfirst.models.StageModel;
import dev.smallfirst.models.StageOutcome;
import dev.smallfirst.models.StageOutcome.Drafted;
import dev.smallfirst.models.causallm.CausalDecoder;
import dev.smallfirst.models.causallm.CausalDecoder.Mode;
import dev.smallfirst.models.grounding.ReplyKit;
import dev.smallfirst.records.DraftContext;
import dev.smallfirst.records.SentimentLabel;
import dev.smallfirst.records.Stage;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The randomly initialised {@code causal-lm} fixture through the standard loaders: its KV cache is
 * real (the same tokens as a full re-run, one token fed per step), it stops at EOS or a stop token
 * of the manifest, and its replies pass the reply bank's grounding. The messages below were picked
 * from the fixture script's own greedy runs for what their raw continuation holds; each test first
 * asserts that, so a changed fixture fails here rather than passing vacuously. {@link
 * OnnxCausalLmFixtureTest} runs every test again on the same weights exported to ONNX.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CausalLmFixtureTest {
  private static final ReplyKit KIT =
      ReplyKit.of(Map.of("Website Name", "shop.example.com"), Map.of());
  private StageModel model;

  /** The fixture directory under test. */
  Path fixture() {
    return Fixtures.causalLm();
  }

  @BeforeAll
  void load() {
    model =
        ModelLoaders.standard()
            .load(fixture(), Stage.DRAFT, LoadOptions.defaults().withReplyKit(KIT));
  }

  @AfterAll
  void close() {
    model.close();
  }

  CausalLmStageModel lm() {
    return (CausalLmStageModel) model;
  }

  static StageInput input(String message, String intent) {
    DraftContext c =
        DraftContext.newBuilder()
            .setIntent(intent)
            .setIntents(List.of(intent))
            .setSentiment(SentimentLabel.NEUTRAL)
            .build();
    return new StageInput(message, Optional.of(c));
  }

  CausalLmStageModel.Raw raw(StageInput in, Mode mode) {
    return lm().generate(lm().promptIds(in).orElseThrow(), mode);
  }

  private static Drafted draft(StageModel m, StageInput in) throws Exception {
    try (InferenceSession s = m.newSession()) {
      StageOutcome out = s.predict(List.of(in)).get(0);
      assertThat(out).isInstanceOf(Drafted.class);
      return (Drafted) out;
    }
  }

  @Test
  void shouldLoadTheFixtureWithItsWeightsHashVerified() {
    ModelManifest manifest = ModelManifest.read(fixture());
    assertThat(model.identity()).isEqualTo(manifest.identity());
    assertThat(model.identity().sha256())
        .isEqualTo(ModelIntegrity.sha256(fixture().resolve(manifest.weights().orElseThrow())));
  }

  @Test
  void shouldGenerateTheSameTokensWithTheKvCacheAsByFullRerun() {
    for (String message :
        List.of("where is my order", "cancel my order", "i want to cancel", "thanks", "")) {
      StageInput in = input(message, "cancel_order");
      CausalLmStageModel.Raw cached = raw(in, Mode.KV_CACHE);
      CausalLmStageModel.Raw full = raw(in, Mode.FULL_RERUN);

      assertThat(cached.generated().tokens()).as(message).isEqualTo(full.generated().tokens());
      assertThat(cached.generated().stoppedAtEos()).isEqualTo(full.generated().stoppedAtEos());
      assertThat(cached.generated().meanLogProb())
          .isCloseTo(full.generated().meanLogProb(), within(1e-4));
      // One forward pass over the prompt, then one token per step: the cache carries the rest.
      int steps = cached.generated().tokens().length + 1;
      assertThat(cached.generated().tokensFed())
          .isEqualTo(cached.prompt().length + steps - 1L)
          .isLessThan(full.generated().tokensFed());
    }
  }

  @Test
  void shouldReadThePastFromTheCache() {
    long[] prompt = lm().promptIds(input("where is my order", "track_order")).orElseThrow();
    long next = 17;
    long[] whole = java.util.Arrays.copyOf(prompt, prompt.length + 1);
    whole[prompt.length] = next;
    float[] cachedStep;
    float[] fullRun;
    float[] alone;
    try (CausalDecoder.Sequence s = lm().newSequence()) {
      s.feed(prompt);
      cachedStep = s.feed(new long[] {next});
    }
    try (CausalDecoder.Sequence s = lm().newSequence()) {
      fullRun = s.feed(whole);
    }
    try (CausalDecoder.Sequence s = lm().newSequence()) {
      alone = s.feed(new long[] {next});
    }

    for (int i = 0; i < fullRun.length; i++) {
      assertThat(cachedStep[i]).isCloseTo(fullRun[i], within(1e-4f));
    }
    assertThat(maxDifference(alone, fullRun)).isGreaterThan(0.1f);
  }

  private static float maxDifference(float[] a, float[] b) {
    float max = 0;
    for (int i = 0; i < a.length; i++) {
      max = Math.max(max, Math.abs(a[i] - b[i]));
    }
    return max;
  }

  @Test
  void shouldStopAtEos() throws Exception {
    Drafted d = draft(model, input("where is my order", "track_order"));

    assertThat(d.stoppedAtEos()).isTrue();
    assertThat(d.tokens()).isPositive().isLessThan(32);
    assertThat(d.text()).isNotBlank().doesNotContain("<|end|>");
  }

  @Test
  void shouldStopAtAStopTokenOfTheManifest() {
    CausalLmStageModel.Raw r =
        raw(input("i want to check the status of my order", "get_refund"), Mode.KV_CACHE);

    // The model's next token after these five is <|user|>, the manifest's stop token.
    assertThat(r.text()).isEqualTo("we a with sentiment: a");
    assertThat(r.generated().stoppedAtEos()).isTrue();
    assertThat(r.generated().tokens()).hasSize(5);
  }

  @Test
  void shouldStopAtTheLengthBoundWithoutEos() throws Exception {
    LoadOptions three = Fixtures.cpu(LoadOptions.OverlongPolicy.REJECT, OptionalInt.of(3));
    try (StageModel short3 = ModelLoaders.standard().load(fixture(), Stage.DRAFT, three)) {
      Drafted d = draft(short3, input("where is my order", "track_order"));

      assertThat(d.stoppedAtEos()).isFalse();
      assertThat(d.tokens()).isEqualTo(3);
    }
  }

  @Test
  void shouldRemoveAnIdTheMessageDoesNotHaveAndEscalate() throws Exception {
    StageInput in = input("cancel my order", "track_order");
    assertThat(raw(in, Mode.KV_CACHE).text()).contains("ord-99999");

    Drafted d = draft(model, in);

    assertThat(d.text()).doesNotContain("ord-99999").contains("[removed]");
    assertThat(d.confidence()).isLessThan(0.05);
  }

  @Test
  void shouldKeepAnIdTheMessageHas() throws Exception {
    StageInput in = input("cancel order ord-99999", "track_order");
    CausalLmStageModel.Raw r = raw(in, Mode.KV_CACHE);
    assertThat(r.text()).contains("ord-99999").doesNotContain("{{");

    Drafted d = draft(model, in);

    assertThat(d.text()).isEqualTo(r.text());
    assertThat(d.confidence()).isEqualTo(r.generated().confidence()).isGreaterThan(0.05);
  }

  @Test
  void shouldFillACompanySlotFromTheTenantsKit() throws Exception {
    StageInput in = input("i want to cancel", "cancel_order");
    CausalLmStageModel.Raw r = raw(in, Mode.KV_CACHE);
    assertThat(r.text()).contains("{{Website Name}}").doesNotContain("ord-99999");

    Drafted d = draft(model, in);

    assertThat(d.text()).contains("shop.example.com").doesNotContain("{{");
    assertThat(d.confidence()).isEqualTo(r.generated().confidence()).isGreaterThan(0.05);
  }

  @Test
  void shouldEscalateASlotThatNothingFills() throws Exception {
    try (StageModel withoutKit =
        ModelLoaders.standard().load(fixture(), Stage.DRAFT, LoadOptions.defaults())) {
      Drafted d = draft(withoutKit, input("i want to cancel", "cancel_order"));

      assertThat(d.text()).contains("{{Website Name}}");
      assertThat(d.confidence()).isLessThan(0.05);
    }
  }

  @Test
  void shouldRefuseAnOverlongPromptByDefault() throws Exception {
    try (InferenceSession s = model.newSession()) {
      StageOutcome out = s.predict(List.of(input("order ".repeat(80), "track_order"))).get(0);

      assertThat(out)
          .isInstanceOfSatisfying(
              StageOutcome.Failed.class,
              f ->
                  assertThat(f.code())
                      .isEqualTo(dev.smallfirst.records.FailureCode.INPUT_TOO_LONG));
    }
  }

  @Test
  void shouldCutTheMessageOfAnOverlongPromptUnderTruncate() {
    LoadOptions truncate = Fixtures.cpu(LoadOptions.OverlongPolicy.TRUNCATE, OptionalInt.empty());
    try (StageModel m = ModelLoaders.standard().load(fixture(), Stage.DRAFT, truncate)) {
      long[] ids =
          ((CausalLmStageModel) m)
              .promptIds(input("order ".repeat(80), "track_order"))
              .orElseThrow();

      // The most words that fit: the layout's 9 tokens (its closing <|assistant|> included) and
      // 54 of the message's words, one position left for the reply.
      assertThat(ids).hasSize(63);
      assertThat(ids[ids.length - 1]).isEqualTo(3); // <|assistant|>
    }
  }
}
