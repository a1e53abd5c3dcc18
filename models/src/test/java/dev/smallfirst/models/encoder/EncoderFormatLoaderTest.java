package dev.smallfirst.models.encoder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.smallfirst.models.InferenceSession;
import dev.smallfirst.models.LoadOptions;
import dev.smallfirst.models.ModelIntegrity;
import dev.smallfirst.models.ModelIntegrityException;
import dev.smallfirst.models.ModelLoadException;
import dev.smallfirst.models.ModelLoaders;
import dev.smallfirst.models.StageInput;
import dev.smallfirst.models.StageModel;
import dev.smallfirst.models.StageOutcome;
import dev.smallfirst.records.FailureCode;
import dev.smallfirst.records.Stage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An {@code onnx-encoder} directory (a random head here; trained ones in the trainer's tests) loads
 * through the standard loaders, the worker's seam, and answers each stage it serves.
 */
class EncoderFormatLoaderTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  static Path directory(Path dir, Stage stage, List<String> labels, int outputs, int maxTokens)
      throws Exception {
    EncoderHead.Layout layout =
        new EncoderHead.Layout(384, stage == Stage.EXTRACT ? 0 : 16, outputs, 0f);
    try (EncoderHead head = EncoderHead.create(layout)) {
      head.save(dir.resolve("head.params"));
    }
    ObjectNode m = JSON.createObjectNode();
    m.put("name", "test-" + stage.name().toLowerCase());
    m.put("version", "1.0.0");
    m.put("stage", stage.name().toLowerCase());
    m.put("format", "onnx-encoder");
    m.set("labels", JSON.valueToTree(labels));
    m.put("maxLength", maxTokens);
    m.put("temperature", 1.0);
    m.put("threshold", 0.5);
    m.put("weights", "head.params");
    m.put("sha256", ModelIntegrity.sha256(dir.resolve("head.params")));
    m.set("encoder", JSON.valueToTree(EncoderSpec.MINILM_INT8.toJson()));
    ObjectNode h = m.putObject("head");
    h.put("inputs", layout.inputs());
    h.put("hidden", layout.hidden());
    h.put("outputs", layout.outputs());
    Files.writeString(dir.resolve("manifest.json"), JSON.writeValueAsString(m));
    return dir;
  }

  @Test
  void shouldServeAClassifierThroughTheStandardLoaders(@TempDir Path dir) throws Exception {
    directory(dir, Stage.CLASSIFY, List.of("a", "b", "c"), 3, 32);
    try (StageModel model =
            ModelLoaders.standard().load(dir, Stage.CLASSIFY, LoadOptions.defaults());
        InferenceSession s = model.newSession()) {
      List<StageOutcome> out =
          s.predict(
              List.of(StageInput.of("where is my order?"), StageInput.of("refund ".repeat(60))));
      StageOutcome.Classified c = (StageOutcome.Classified) out.get(0);
      assertThat(c.label()).isIn("a", "b", "c");
      assertThat(c.topK()).hasSize(3);
      assertThat(c.topK().stream().mapToDouble(StageOutcome.LabelScore::score).sum())
          .isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-6));
      assertThat(out.get(1))
          .isInstanceOfSatisfying(
              StageOutcome.Failed.class,
              f -> assertThat(f.code()).isEqualTo(FailureCode.INPUT_TOO_LONG));
    }
  }

  @Test
  void shouldServeSentimentAndExtraction(@TempDir Path s, @TempDir Path x) throws Exception {
    directory(s, Stage.SENTIMENT, List.of("negative", "neutral", "positive"), 3, 64);
    directory(x, Stage.EXTRACT, List.of("ORDER_ID", "PERSON_NAME"), TokenTags.count(2), 64);
    try (StageModel sm = ModelLoaders.standard().load(s, Stage.SENTIMENT, LoadOptions.defaults());
        StageModel xm = ModelLoaders.standard().load(x, Stage.EXTRACT, LoadOptions.defaults())) {
      StageOutcome so = sm.newSession().predict(List.of(StageInput.of("this is awful"))).get(0);
      assertThat(so).isInstanceOf(StageOutcome.SentimentScored.class);
      StageOutcome xo =
          xm.newSession()
              .predict(List.of(StageInput.of("order ORD-123456 for mail@example.com")))
              .get(0);
      // Whatever the random head tags, the validators' exact finds of the model's types are
      // there, and only those: this model does not extract e-mail addresses.
      assertThat(((StageOutcome.Extracted) xo).entities())
          .extracting(StageOutcome.EntitySpan::type)
          .contains("ORDER_ID")
          .doesNotContain("EMAIL");
    }
  }

  @Test
  void shouldRefuseATamperedHead(@TempDir Path dir) throws Exception {
    directory(dir, Stage.CLASSIFY, List.of("a", "b"), 2, 32);
    byte[] b = Files.readAllBytes(dir.resolve("head.params"));
    b[b.length - 1] ^= 1;
    Files.write(dir.resolve("head.params"), b);
    assertThatThrownBy(
            () -> ModelLoaders.standard().load(dir, Stage.CLASSIFY, LoadOptions.defaults()))
        .isInstanceOf(ModelIntegrityException.class);
  }

  @Test
  void shouldReportClauseIntentsOnlyWhenTheManifestAsksAndRefuseABadMinimum(@TempDir Path dir)
      throws Exception {
    directory(dir, Stage.CLASSIFY, List.of("a", "b", "c"), 3, 64);
    String text = "where is my order? Also, I need an invoice.";
    assertThat(classify(dir, text).get(0).intents()).isEmpty();
    ObjectNode m = (ObjectNode) JSON.readTree(dir.resolve("manifest.json").toFile());
    m.putObject("intents").put("clauseMinConfidence", 1e-6); // every clause's label counts
    Files.writeString(dir.resolve("manifest.json"), JSON.writeValueAsString(m));
    StageOutcome.Classified c = classify(dir, text).get(0);
    if (!c.intents().isEmpty()) { // both clauses may share the top label of a random head
      assertThat(c.intents().get(0)).isEqualTo(c.label());
      assertThat(c.intents()).doesNotHaveDuplicates().hasSizeBetween(2, 3);
    }
    m.putObject("intents").put("clauseMinConfidence", 1.5);
    Files.writeString(dir.resolve("manifest.json"), JSON.writeValueAsString(m));
    assertThatThrownBy(
            () -> ModelLoaders.standard().load(dir, Stage.CLASSIFY, LoadOptions.defaults()))
        .isInstanceOf(ModelLoadException.class)
        .hasMessageContaining("intents.clauseMinConfidence");
  }

  @Test
  void shouldEscalateATextFarFromEveryTrainingRequestAndRefuseTamperedNeighbours(@TempDir Path dir)
      throws Exception {
    directory(dir, Stage.CLASSIFY, List.of("a", "b", "c"), 3, 64);
    float[][] near;
    try (SentenceEncoder enc = SentenceEncoder.open(EncoderSpec.MINILM_INT8, 64)) {
      near = enc.encode(List.of("where is my order?", "track my parcel"), false).pooled();
    }
    Path rows = dir.resolve(Neighbours.FILE);
    Int8Rows.write(rows, near);
    ObjectNode m = (ObjectNode) JSON.readTree(dir.resolve("manifest.json").toFile());
    ObjectNode oos = m.putObject("outOfScope");
    oos.put("neighbours", Neighbours.FILE);
    oos.put("sha256", ModelIntegrity.sha256(rows));
    oos.put("rows", 2);
    oos.put("k", 1);
    oos.put("minSimilarity", 0.8);
    Files.writeString(dir.resolve("manifest.json"), JSON.writeValueAsString(m));
    List<StageOutcome.Classified> out =
        classify(dir, "where is my order?", "the tulips in my garden bloomed early this spring");
    // a random head over 3 labels is at least 1/3 sure; the far text is held under 0.5 / 2
    assertThat(out.get(0).confidence()).isGreaterThan(1 / 3.0);
    assertThat(out.get(1).confidence()).isLessThanOrEqualTo(0.25);
    Files.write(rows, new byte[2 * 384]);
    assertThatThrownBy(
            () -> ModelLoaders.standard().load(dir, Stage.CLASSIFY, LoadOptions.defaults()))
        .isInstanceOf(ModelIntegrityException.class);
    oos.put("minSimilarity", 2.0);
    Files.writeString(dir.resolve("manifest.json"), JSON.writeValueAsString(m));
    assertThatThrownBy(
            () -> ModelLoaders.standard().load(dir, Stage.CLASSIFY, LoadOptions.defaults()))
        .isInstanceOf(ModelLoadException.class)
        .hasMessageContaining("outOfScope.minSimilarity");
  }

  /** The classifications of {@code texts} by the classify model in {@code dir}. */
  private static List<StageOutcome.Classified> classify(Path dir, String... texts)
      throws Exception {
    try (StageModel model =
            ModelLoaders.standard().load(dir, Stage.CLASSIFY, LoadOptions.defaults());
        InferenceSession s = model.newSession()) {
      return s.predict(Arrays.stream(texts).map(StageInput::of).toList()).stream()
          .map(StageOutcome.Classified.class::cast)
          .toList();
    }
  }

  @Test
  void shouldRefuseTheDraftStage(@TempDir Path dir) throws Exception {
    directory(dir, Stage.CLASSIFY, List.of("a", "b"), 2, 32);
    String m = Files.readString(dir.resolve("manifest.json")).replace("\"classify\"", "\"draft\"");
    Files.writeString(dir.resolve("manifest.json"), m);
    assertThatThrownBy(() -> ModelLoaders.standard().load(dir, Stage.DRAFT, LoadOptions.defaults()))
        .isInstanceOf(ModelLoadException.class)
        .hasMessageContaining("onnx-encoder");
  }
}
