package dev.smallfirst.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.Device;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.smallfirst.models.ModelLoadException;
import dev.smallfirst.models.trained.Classified;
import dev.smallfirst.models.trained.Manifest;
import dev.smallfirst.models.trained.ModelDirectory;
import dev.smallfirst.models.trained.TextClassifier;
import dev.smallfirst.models.trained.TrainedModel;
import dev.smallfirst.models.trained.Verification;
import dev.smallfirst.tickets.Intent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Trainer, model directory, loader and evaluator on small generated data. */
class ClassifierTrainingTest {

  private static final String[] SMALL = {
    "--epochs", "12", "--set", "hidden=32", "--set", "members=2", "--set", "learningRate=0.005"
  };

  @TempDir static Path tmp;
  private static Path data;
  private static Path model;
  private static String trainLog;

  @BeforeAll
  static void train() throws Exception {
    data = Generated.tickets(tmp.resolve("data"), 3, 1000);
    Generated.tickets(tmp.resolve("test"), 4, 300);
    model = tmp.resolve("model");
    Generated.Run run =
        Generated.train(
            args(
                "--stage",
                "classify",
                "--data",
                data.resolve("classify.jsonl").toString(),
                "--out",
                model.toString()));
    trainLog = run.output();
    assertThat(run.status()).as(run.output()).isZero();
  }

  private static String[] args(String... head) {
    String[] all = new String[head.length + SMALL.length];
    System.arraycopy(head, 0, all, 0, head.length);
    System.arraycopy(SMALL, 0, all, head.length, SMALL.length);
    return all;
  }

  @Test
  void shouldPrintAProgressBarWithTheLossOfEveryEpoch() {
    assertThat(trainLog).contains("classify epoch 1/12 [").contains("loss ");
  }

  @Test
  void shouldWriteAManifestThatPinsTheWeightsAndCalibration() throws Exception {
    Manifest m = ModelDirectory.readManifest(model);
    assertThat(m.stage()).isEqualTo("classify");
    assertThat(m.format()).isEqualTo("djl");
    assertThat(m.architecture()).isEqualTo(ModelDirectory.BAG_CLASSIFIER);
    assertThat(m.sha256()).isEqualTo(ModelDirectory.sha256(model.resolve(m.weights())));
    assertThat(m.files()).containsKey(m.tokenizer());
    assertThat(m.labels()).contains("get_refund", "track_order");
    assertThat(m.temperature()).isPositive();
    assertThat(m.threshold()).isBetween(0.0, 1.0);
    assertThat(m.validation()).containsKeys("accuracy", "macroF1", "ece", "threshold");
    assertThat(m.training()).containsEntry("seed", 42);
  }

  @Test
  void shouldLoadIntoTheWorkersClassifierAndAnswerABatch() throws Exception {
    try (TrainedModel loaded = ModelDirectory.load(model, Device.cpu())) {
      assertThat(loaded).isInstanceOf(TextClassifier.class);
      List<Classified> out =
          ((TextClassifier) loaded)
              .classify(
                  List.of("I want a refund for order #123456, it was $20.", "", "x".repeat(5000)));
      assertThat(out).hasSize(3);
      assertThat(Intent.categoryOf(out.get(0).label())).isEqualTo("refund");
      assertThat(out).allSatisfy(c -> assertThat(c.confidence()).isBetween(0.0, 1.0));
      assertThat(out.get(0).topK()).hasSize(3);
      assertThat(out.get(0).topK().get(0).probability())
          .isGreaterThanOrEqualTo(out.get(0).topK().get(1).probability());
      assertThat(out.get(2).truncated()).isTrue();
    }
  }

  @Test
  void shouldTrainTheSameWeightsForTheSameSeed() throws Exception {
    Path again = tmp.resolve("again");
    assertThat(
            Generated.train(
                    args(
                        "--stage",
                        "classify",
                        "--data",
                        data.resolve("classify.jsonl").toString(),
                        "--out",
                        again.toString()))
                .status())
        .isZero();
    assertThat(ModelDirectory.readManifest(again).sha256())
        .isEqualTo(ModelDirectory.readManifest(model).sha256());
  }

  @Test
  void shouldRefuseAModelWhoseWeightsWereModified() throws Exception {
    Path copy = copyModel("tampered");
    byte[] w = Files.readAllBytes(copy.resolve("model.params"));
    w[w.length - 3] ^= 1;
    Files.write(copy.resolve("model.params"), w);
    assertThat(ModelDirectory.verify(copy)).isInstanceOf(Verification.Rejected.class);
    assertThatThrownBy(() -> ModelDirectory.load(copy, Device.cpu()))
        .isInstanceOfSatisfying(
            ModelLoadException.class,
            e -> assertThat(e.reason()).isEqualTo(ModelLoadException.Reason.HASH_MISMATCH))
        .hasMessageContaining("model.params");
  }

  @Test
  void shouldRefuseAModelWithoutItsFeaturizer() throws Exception {
    Path copy = copyModel("incomplete");
    Files.delete(copy.resolve("featurizer.json"));
    assertThatThrownBy(() -> ModelDirectory.load(copy, Device.cpu()))
        .isInstanceOfSatisfying(
            ModelLoadException.class,
            e -> assertThat(e.reason()).isEqualTo(ModelLoadException.Reason.MISSING_FILE));
  }

  @Test
  void shouldRefuseAMalformedManifest() throws Exception {
    Path copy = copyModel("malformed");
    Files.writeString(copy.resolve("manifest.json"), "{\"name\": ");
    assertThat(ModelDirectory.verify(copy))
        .isInstanceOfSatisfying(
            Verification.Rejected.class,
            r -> assertThat(r.reason()).isEqualTo(ModelLoadException.Reason.BAD_MANIFEST));
  }

  @Test
  void shouldEvaluateIntoPredictionsMetricsAndAnHtmlReport() throws Exception {
    Path pred = tmp.resolve("eval/pred.jsonl");
    Path report = tmp.resolve("eval/report");
    Generated.Run run =
        Generated.eval(
            "--stage",
            "classify",
            "--model",
            model.toString(),
            "--data",
            tmp.resolve("test/classify.jsonl").toString(),
            "--predictions",
            pred.toString(),
            "--report",
            report.toString());
    assertThat(run.status()).as(run.output()).isZero();
    assertThat(run.output()).contains("accuracy", "macro-F1", "ECE");
    List<String> lines = Files.readAllLines(pred);
    assertThat(lines).hasSize(300);
    JsonNode first = new ObjectMapper().readTree(lines.get(0));
    assertThat(first.fieldNames())
        .toIterable()
        .containsExactly("text", "label", "predicted", "confidence", "escalated");
    JsonNode summary = new ObjectMapper().readTree(report.resolve("summary.json").toFile());
    assertThat(summary.path("metrics").path("accuracy").asDouble()).isGreaterThan(0.8);
    assertThat(summary.path("thresholdSweep").size()).isGreaterThanOrEqualTo(21);
    assertThat(summary.path("reliability").size()).isEqualTo(15);
    assertThat(Files.readString(report.resolve("index.html")))
        .contains("<svg", "Threshold sweep", "failure mode");
  }

  @Test
  void shouldChooseTheThresholdThatEscalatesUnknownLabelsWithinTheBudget() throws Exception {
    // Given a validation file where a label unknown to the training data marks unanswerable text
    Path validation = tmp.resolve("validation.jsonl");
    List<String> lines =
        new java.util.ArrayList<>(Files.readAllLines(tmp.resolve("test/classify.jsonl")));
    for (int i = 0; i < 30; i++) {
      lines.add(
          "{\"text\": \"what is the weather in Paris tomorrow " + i + "\", \"label\": \"oos\"}");
    }
    Files.write(validation, lines);
    Path out = tmp.resolve("with-validation");
    // When training with it
    Generated.Run run =
        Generated.train(
            args(
                "--stage",
                "classify",
                "--data",
                data.resolve("classify.jsonl").toString(),
                "--out",
                out.toString(),
                "--validation",
                validation.toString(),
                "--max-escalation",
                "0.1"));
    // Then the manifest records how many unknowns escalate within the budget
    assertThat(run.status()).as(run.output()).isZero();
    assertThat(run.output()).contains("labels the training data lacks");
    Manifest m = ModelDirectory.readManifest(out);
    assertThat(((Number) m.validation().get("knownEscalated")).doubleValue())
        .isLessThanOrEqualTo(0.1);
    assertThat(m.validation()).containsKeys("unknownRecall", "unknownExamples");
    assertThat(m.labels()).doesNotContain("oos");
  }

  private static Path copyModel(String name) throws Exception {
    Path copy = tmp.resolve(name);
    Files.createDirectories(copy);
    try (var files = Files.list(model)) {
      for (Path f : files.toList()) {
        Files.copy(f, copy.resolve(f.getFileName()));
      }
    }
    return copy;
  }
}
