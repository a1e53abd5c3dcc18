package dev.smallfirst.eval;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.smallfirst.models.ModelManifest;
import dev.smallfirst.models.trained.ModelDirectory;
import dev.smallfirst.training.calibration.EscalationThreshold;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code smallfirst eval --write-threshold}: the sweep's threshold goes into the manifest. */
class WriteThresholdTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path tmp;

  private Path copyOfFixture() throws Exception {
    Path fixture =
        Path.of(getClass().getResource("/torchscript/classify/manifest.json").toURI()).getParent();
    Path model = Files.createDirectories(tmp.resolve("model"));
    try (Stream<Path> files = Files.list(fixture)) {
      for (Path f : files.toList()) {
        Files.copy(f, model.resolve(f.getFileName()));
      }
    }
    return model;
  }

  private record Run(int status, String output) {}

  private static Run eval(String... args) {
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    PrintStream out = new PrintStream(buf, true, StandardCharsets.UTF_8);
    int status = EvalMain.run(args, out, out);
    return new Run(status, buf.toString(StandardCharsets.UTF_8));
  }

  @Test
  void shouldWriteTheSweepsThresholdAndKeepEveryOtherField() throws Exception {
    // Given a copy of a model whose manifest has fields this project does not know
    Path model = copyOfFixture();
    JsonNode before = JSON.readTree(model.resolve("manifest.json").toFile());
    Path data =
        Files.writeString(
            tmp.resolve("val.jsonl"),
            """
            {"text": "I was charged twice this month", "label": "billing", "category": "payment", "spans": [], "response": "r"}
            {"text": "please cancel my subscription", "label": "cancel", "category": "order", "spans": [], "response": "r"}
            {"text": "I cannot log in to my account", "label": "account", "category": "account", "spans": [], "response": "r"}
            {"text": "what is the weather on mars", "label": "oos", "category": "none", "spans": [], "response": "r"}
            """);
    // When the evaluator sweeps it with the threshold written
    Run run =
        eval(
            "--stage",
            "classify",
            "--model",
            model.toString(),
            "--data",
            data.toString(),
            "--predictions",
            tmp.resolve("pred.jsonl").toString(),
            "--write-threshold",
            "--max-escalation",
            "0.34");
    // Then the threshold is the one the trainer's rule picks on these confidences
    assertThat(run.status()).as(run.output()).isZero();
    JsonNode after = JSON.readTree(model.resolve("manifest.json").toFile());
    double[] known = confidences(tmp.resolve("pred.jsonl"), true);
    double[] unknown = confidences(tmp.resolve("pred.jsonl"), false);
    double expected = EscalationThreshold.chooseCapped(known, unknown, 0.34, 0.97).threshold();
    assertThat(after.get("threshold").asDouble()).isEqualTo(expected);
    assertThat(after.get("thresholdSource").toString())
        .isEqualTo("{\"sweep\":\"val.jsonl\",\"examples\":4,\"maxEscalation\":0.34}");
    // and nothing else changed, in the same order
    ObjectNode rest = after.deepCopy();
    rest.remove("thresholdSource");
    rest.put("threshold", before.get("threshold").asDouble());
    assertThat(rest).isEqualTo(before);
    assertThat(fieldNames(rest)).isEqualTo(fieldNames(before));
    // and the model still loads and evaluates with its new threshold
    assertThat(ModelManifest.read(model).threshold()).hasValue(expected);
    Run again =
        eval(
            "--stage", "classify",
            "--model", model.toString(),
            "--data", data.toString(),
            "--predictions", tmp.resolve("pred2.jsonl").toString());
    assertThat(again.status()).as(again.output()).isZero();
  }

  @Test
  void shouldKeepUnknownNestedFieldsOfAnEncoderManifest() throws Exception {
    // Given a manifest with nested fields of another format
    Path model = Files.createDirectories(tmp.resolve("encoder"));
    String original =
        """
        {"name": "enc", "stage": "classify", "format": "onnx-encoder", "threshold": 0.5,
         "encoder": {"artifact": "dev.langchain4j:x:1", "sha256": "ab"},
         "head": {"weights": "head.params"}, "ensemble": [{"weight": 0.5}], "sha256": "cd"}
        """;
    Files.writeString(model.resolve("manifest.json"), original);
    // When
    ManifestThreshold.write(model, 0.8125, "/data/bitext/val.jsonl", 300, 0.1);
    // Then only the threshold changed and its source was added
    JsonNode after = JSON.readTree(model.resolve("manifest.json").toFile());
    ObjectNode expected = (ObjectNode) JSON.readTree(original);
    expected.put("threshold", 0.8125);
    expected
        .putObject("thresholdSource")
        .put("sweep", "val.jsonl")
        .put("examples", 300)
        .put("maxEscalation", 0.1);
    assertThat(after).isEqualTo(expected);
    try (Stream<Path> files = Files.list(model)) {
      assertThat(files).containsExactly(model.resolve("manifest.json"));
    }
  }

  @Test
  void shouldRefuseToChooseTheThresholdOnTheTrainingData() throws Exception {
    // Given a model whose manifest records the SHA-256 of its training file
    Path model = copyOfFixture();
    Path data =
        Files.writeString(
            tmp.resolve("train.jsonl"), "{\"text\": \"please cancel\", \"label\": \"cancel\"}\n");
    ObjectNode manifest = (ObjectNode) JSON.readTree(model.resolve("manifest.json").toFile());
    manifest.putObject("training").put("dataSha256", ModelDirectory.sha256(data));
    Files.writeString(model.resolve("manifest.json"), manifest.toString());
    // When the threshold is to be chosen on that file
    Run run =
        eval(
            "--stage",
            "classify",
            "--model",
            model.toString(),
            "--data",
            data.toString(),
            "--predictions",
            tmp.resolve("pred.jsonl").toString(),
            "--write-threshold");
    // Then it is refused and the manifest is left alone
    assertThat(run.status()).isEqualTo(2);
    assertThat(run.output()).contains("was trained on");
    assertThat(JSON.readTree(model.resolve("manifest.json").toFile())).isEqualTo(manifest);
  }

  private static double[] confidences(Path predictions, boolean known) throws Exception {
    return Files.readAllLines(predictions).stream()
        .map(
            l -> {
              try {
                return JSON.readTree(l);
              } catch (Exception e) {
                throw new IllegalStateException(e);
              }
            })
        .filter(n -> n.get("label").asText().equals("oos") != known)
        .mapToDouble(n -> n.get("confidence").asDouble())
        .toArray();
  }

  private static List<String> fieldNames(JsonNode n) {
    List<String> names = new ArrayList<>();
    for (Iterator<String> it = n.fieldNames(); it.hasNext(); ) {
      names.add(it.next());
    }
    return names;
  }
}
