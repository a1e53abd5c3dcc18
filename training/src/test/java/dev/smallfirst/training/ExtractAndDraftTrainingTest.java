package dev.smallfirst.training;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.Device;
import dev.smallfirst.eval.DraftMetrics;
import dev.smallfirst.models.text.DraftInput;
import dev.smallfirst.models.trained.Draft;
import dev.smallfirst.models.trained.DraftGenerator;
import dev.smallfirst.models.trained.Extraction;
import dev.smallfirst.models.trained.Manifest;
import dev.smallfirst.models.trained.ModelDirectory;
import dev.smallfirst.models.trained.SpanExtractor;
import dev.smallfirst.models.trained.TrainedModel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The extract and draft trainers, their model directories and evaluators on generated data. */
class ExtractAndDraftTrainingTest {

  @TempDir static Path tmp;
  private static Path data;
  private static Path test;

  @BeforeAll
  static void generate() throws Exception {
    data = Generated.tickets(tmp.resolve("data"), 11, 500);
    test = Generated.tickets(tmp.resolve("test"), 12, 150);
  }

  @Test
  void shouldTrainAnExtractorThatFindsOrderNumbersWithOffsets() throws Exception {
    Path out = tmp.resolve("extract");
    Generated.Run run =
        Generated.train(
            "--stage",
            "extract",
            "--data",
            data.resolve("extract.jsonl").toString(),
            "--out",
            out.toString(),
            "--epochs",
            "4",
            "--no-refit",
            "--set",
            "dim=32",
            "--set",
            "hidden=32");
    assertThat(run.status()).as(run.output()).isZero();
    Manifest m = ModelDirectory.readManifest(out);
    assertThat(m.labels()).contains("ORDER_ID", "AMOUNT", "EMAIL");
    try (TrainedModel model = ModelDirectory.load(out, Device.cpu())) {
      String text = "Please refund order #482913, thanks";
      Extraction x = ((SpanExtractor) model).extract(List.of(text)).get(0);
      assertThat(x.confidence()).isBetween(0.0, 1.0);
      assertThat(x.spans())
          .allSatisfy(s -> assertThat(text.substring(s.start(), s.end())).isEqualTo(s.text()));
    }
    Generated.Run eval =
        Generated.eval(
            "--stage",
            "extract",
            "--model",
            out.toString(),
            "--data",
            test.resolve("extract.jsonl").toString(),
            "--predictions",
            tmp.resolve("extract-pred.jsonl").toString());
    assertThat(eval.status()).as(eval.output()).isZero();
    assertThat(eval.output()).contains("span F1");
    assertThat(Files.readAllLines(tmp.resolve("extract-pred.jsonl")).get(0))
        .contains("\"predicted_spans\"");
  }

  @Test
  void shouldTrainADraftModelThatOnlyCopiesEntitiesFromItsInput() throws Exception {
    Path out = tmp.resolve("draft");
    Generated.Run run =
        Generated.train(
            "--stage",
            "draft",
            "--data",
            data.resolve("draft.jsonl").toString(),
            "--out",
            out.toString(),
            "--epochs",
            "3",
            "--no-refit",
            "--set",
            "hidden=64");
    assertThat(run.status()).as(run.output()).isZero();
    DraftInput input =
        new DraftInput(
            "I want a refund for order #482913, I paid $19.99",
            List.of("get_refund"),
            "negative",
            "CHAT",
            List.of(
                new DraftInput.Entity("ORDER_ID", "#482913"),
                new DraftInput.Entity("AMOUNT", "$19.99")));
    try (TrainedModel model = ModelDirectory.load(out, Device.cpu())) {
      Draft d = ((DraftGenerator) model).draft(List.of(input)).get(0);
      assertThat(d.confidence()).isBetween(0.0, 1.0);
      assertThat(d.tokens())
          .isPositive()
          .isLessThanOrEqualTo(ModelDirectory.readManifest(out).maxLength());
      assertThat(DraftMetrics.invented(input.text(), d.text())).isEmpty();
    }
    Generated.Run eval =
        Generated.eval(
            "--stage",
            "draft",
            "--model",
            out.toString(),
            "--data",
            test.resolve("draft.jsonl").toString(),
            "--predictions",
            tmp.resolve("draft-pred.jsonl").toString(),
            "--upstream",
            "gold");
    assertThat(eval.status()).as(eval.output()).isZero();
    assertThat(eval.output())
        .contains("entity faithfulness", "invented-entity rate                 0.0000");
  }
}
