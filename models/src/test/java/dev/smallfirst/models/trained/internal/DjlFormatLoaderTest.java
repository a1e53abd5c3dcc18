package dev.smallfirst.models.trained.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.smallfirst.models.InferenceSession;
import dev.smallfirst.models.LoadOptions;
import dev.smallfirst.models.ModelIntegrityException;
import dev.smallfirst.models.ModelLoadException;
import dev.smallfirst.models.ModelLoaders;
import dev.smallfirst.models.ModelManifest;
import dev.smallfirst.models.StageInput;
import dev.smallfirst.models.StageModel;
import dev.smallfirst.models.StageOutcome;
import dev.smallfirst.models.StageOutcome.Classified;
import dev.smallfirst.models.StageOutcome.Drafted;
import dev.smallfirst.models.StageOutcome.EntitySpan;
import dev.smallfirst.models.StageOutcome.Extracted;
import dev.smallfirst.models.StageOutcome.Failed;
import dev.smallfirst.models.StageOutcome.SentimentScored;
import dev.smallfirst.records.DraftContext;
import dev.smallfirst.records.Entity;
import dev.smallfirst.records.FailureCode;
import dev.smallfirst.records.SentimentLabel;
import dev.smallfirst.records.Stage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The trainer's committed default models load through the worker's standard loaders (the {@code
 * djl} format found with ServiceLoader) and answer every stage with the worker's outcome types.
 */
class DjlFormatLoaderTest {
  private static final Path MODELS = Path.of("../model-workers/models");

  /**
   * A {@code djl}-format directory per stage: the shipped extract model, the shipped classifier's
   * n-gram member, and djl sentiment and draft models kept as test fixtures (the shipped classify
   * and sentiment models are {@code onnx-encoder} directories, the shipped draft a {@code
   * reply-bank} one; the fixture draft is the slot LM shipped before it).
   */
  private static Path djl(String stage) {
    return switch (stage) {
      case "classify" -> MODELS.resolve("classify/ngram");
      case "sentiment" -> Path.of("src/test/resources/djl/sentiment");
      case "draft" -> Path.of("src/test/resources/djl/draft");
      default -> MODELS.resolve(stage);
    };
  }

  private static final ModelLoaders LOADERS = ModelLoaders.standard();
  private static final String TICKET =
      "Hi, I was charged twice for order #482913 ($49.99) on March 3. Please refund it!\nMaria";

  @Test
  void shouldRegisterTheDjlFormatNextToTorchScript() {
    assertThat(LOADERS.formats()).contains("djl", "torchscript");
  }

  @Test
  void shouldClassifyWithTheManifestIdentityAndCalibratedTopK() throws Exception {
    List<StageOutcome> out = predict("classify", Stage.CLASSIFY, StageInput.of(TICKET));

    Classified c = (Classified) out.get(0);
    assertThat(c.label()).isIn("payment_issue", "get_refund");
    assertThat(c.confidence()).isBetween(0.0, 1.0);
    assertThat(c.topK()).hasSize(3);
    assertThat(c.topK().get(0).label()).isEqualTo(c.label());
    assertThat(c.topK().get(0).score()).isGreaterThanOrEqualTo(c.topK().get(1).score());
  }

  @Test
  void shouldScoreSentimentAsPositiveMinusNegative() throws Exception {
    List<StageOutcome> out =
        predict(
            "sentiment",
            Stage.SENTIMENT,
            StageInput.of("This is the third time my order is late, I am furious."),
            StageInput.of("Thank you so much, the support team was wonderful!"));

    SentimentScored angry = (SentimentScored) out.get(0);
    SentimentScored happy = (SentimentScored) out.get(1);
    assertThat(angry.label()).isEqualTo(SentimentLabel.NEGATIVE);
    assertThat(angry.score()).isNegative();
    assertThat(happy.label()).isEqualTo(SentimentLabel.POSITIVE);
    assertThat(happy.score()).isPositive();
    assertThat(happy.confidence()).isBetween(0.0, 1.0);
  }

  @Test
  void shouldExtractSpansMergedWithTheValidators() throws Exception {
    Extracted x = (Extracted) predict("extract", Stage.EXTRACT, StageInput.of(TICKET)).get(0);

    assertThat(x.entities())
        .extracting(EntitySpan::type, EntitySpan::value)
        .contains(
            org.assertj.core.groups.Tuple.tuple("ORDER_ID", "#482913"),
            org.assertj.core.groups.Tuple.tuple("AMOUNT", "$49.99"));
    for (EntitySpan e : x.entities()) {
      assertThat(TICKET.substring(e.start(), e.end())).isEqualTo(e.value());
    }
    // "$49.99" is exact by the validator: confidence 1.
    assertThat(x.entities())
        .filteredOn(e -> e.type().equals("AMOUNT"))
        .first()
        .extracting(EntitySpan::confidence)
        .isEqualTo(1.0);
  }

  @Test
  void shouldDraftAReplyThatCopiesTheContextsEntities() throws Exception {
    DraftContext context =
        DraftContext.newBuilder()
            .setIntent("payment_issue")
            .setIntentConfidence(0.99)
            .setSentiment(SentimentLabel.NEGATIVE)
            .setChannel("EMAIL")
            .setEntities(
                List.of(
                    new Entity("ORDER_ID", "#482913", 29, 36, 1.0),
                    new Entity("AMOUNT", "$49.99", 38, 44, 1.0)))
            .build();

    Drafted d =
        (Drafted)
            predict("draft", Stage.DRAFT, new StageInput(TICKET, Optional.of(context))).get(0);

    assertThat(d.text()).isNotBlank().doesNotContain("<");
    assertThat(d.confidence()).isBetween(0.0, 1.0);
    assertThat(d.tokens()).isPositive();
    assertThat(d.text().replace("#482913", "").replace("$49.99", ""))
        .as("no order number or amount the context lacks")
        .doesNotContainPattern("#\\d{4,}|\\$\\d");
  }

  @Test
  void shouldDraftForAMessageLongerThanTheReplyLimit() throws Exception {
    int replyLimit = ModelManifest.read(djl("draft")).maxLength();
    String longMessage = (TICKET + " ").repeat(1 + replyLimit / TICKET.length());

    StageOutcome out = predict("draft", Stage.DRAFT, StageInput.of(longMessage)).get(0);

    assertThat(out).isInstanceOf(Drafted.class);
  }

  @Test
  void shouldAnswerAnOverlongTextWithANonRetriableFailureAndTheRestNormally() throws Exception {
    int max = ModelManifest.read(djl("classify")).maxLength();

    List<StageOutcome> out =
        predict(
            "classify",
            Stage.CLASSIFY,
            StageInput.of("where is my order"),
            StageInput.of("x".repeat(max + 1)),
            StageInput.of("reset my password"));

    assertThat(out.get(0)).isInstanceOf(Classified.class);
    assertThat(out.get(1))
        .isInstanceOfSatisfying(
            Failed.class,
            f -> {
              assertThat(f.code()).isEqualTo(FailureCode.INPUT_TOO_LONG);
              assertThat(f.retriable()).isFalse();
            });
    assertThat(out.get(2)).isInstanceOf(Classified.class);
  }

  @Test
  void shouldRefuseTamperedWeights(@TempDir Path copy) throws Exception {
    copyDir(djl("sentiment"), copy);
    Path weights = copy.resolve("model.params");
    byte[] bytes = Files.readAllBytes(weights);
    bytes[bytes.length / 2] ^= 1;
    Files.write(weights, bytes);

    assertThatThrownBy(() -> LOADERS.load(copy, Stage.SENTIMENT, LoadOptions.defaults()))
        .isInstanceOf(ModelIntegrityException.class);
  }

  @Test
  void shouldRefuseATamperedFeaturizerNamingTheFile(@TempDir Path copy) throws Exception {
    copyDir(djl("sentiment"), copy);
    Files.writeString(copy.resolve("featurizer.json"), "{}");

    assertThatThrownBy(() -> LOADERS.load(copy, Stage.SENTIMENT, LoadOptions.defaults()))
        .isInstanceOf(ModelLoadException.class)
        .hasMessageContaining("featurizer.json");
  }

  @Test
  void shouldRefuseAModelOfAnotherStage() {
    assertThatThrownBy(() -> LOADERS.load(djl("sentiment"), Stage.CLASSIFY, LoadOptions.defaults()))
        .isInstanceOf(ModelLoadException.class)
        .hasMessageContaining("SENTIMENT");
  }

  private static List<StageOutcome> predict(String dir, Stage stage, StageInput... inputs)
      throws Exception {
    try (StageModel model = LOADERS.load(djl(dir), stage, LoadOptions.defaults());
        InferenceSession session = model.newSession()) {
      assertThat(model).isInstanceOf(TrainedStageModel.class);
      assertThat(model.identity()).isEqualTo(ModelManifest.read(djl(dir)).identity());
      List<StageOutcome> out = session.predict(List.of(inputs));
      assertThat(out).hasSize(inputs.length);
      return out;
    }
  }

  private static void copyDir(Path from, Path to) throws Exception {
    try (var files = Files.list(from)) {
      for (Path f : files.toList()) {
        Files.copy(f, to.resolve(f.getFileName()));
      }
    }
  }
}
