package dev.smallfirst.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.smallfirst.models.trained.Manifest;
import dev.smallfirst.models.trained.ModelDirectory;
import dev.smallfirst.training.data.DataSet;
import dev.smallfirst.training.data.JsonlReader;
import dev.smallfirst.training.data.LabeledText;
import dev.smallfirst.training.data.SpanExample;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Checks against the public data sets in {@code ../shared/datasets}; skipped (with the reason) when
 * they are absent. The features used here are also tested on generated data.
 */
class SharedDatasetsTest {

  private static Path datasets;

  @BeforeAll
  static void locate() {
    datasets = SharedDatasets.find().orElse(null);
  }

  private static Path require(String file) {
    assumeTrue(datasets != null, "../shared/datasets is absent: skipping the public-data checks");
    Path p = datasets.resolve(file);
    assumeTrue(Files.isRegularFile(p), p + " is absent");
    return p;
  }

  @Test
  void shouldReadEveryClassificationFileWithoutBadLines() throws Exception {
    for (String f :
        List.of(
            "banking77/train.jsonl",
            "clinc150/train.jsonl",
            "clinc150/val.jsonl",
            "clinc150/oos_val.jsonl",
            "airline-sentiment/train.jsonl")) {
      DataSet<LabeledText> set = JsonlReader.read(require(f), LabeledText::parse);
      assertThat(set.badLines()).as(f).isEmpty();
      assertThat(set.examples()).as(f).hasSizeGreaterThanOrEqualTo(100);
    }
  }

  @Test
  void shouldReadRestaurantSpansWithoutBadLines() throws Exception {
    DataSet<SpanExample> set =
        JsonlReader.read(require("restaurant8k/train.jsonl"), SpanExample::parse);
    assertThat(set.badLines()).isEmpty();
    assertThat(TaggerTrainer.labels(set.examples()))
        .containsExactly("date", "first_name", "last_name", "people", "time");
  }

  @Test
  void shouldEscalateRealOutOfScopeQueriesWithinTheBudget(@TempDir Path tmp) throws Exception {
    // Given 15 CLINC150 intents for training, their validation queries plus oos_val
    Path train = require("clinc150/train.jsonl");
    List<LabeledText> all = JsonlReader.read(train, LabeledText::parse).examples();
    Set<String> intents =
        Set.copyOf(all.stream().map(LabeledText::label).distinct().sorted().limit(15).toList());
    List<String> trainLines = new ArrayList<>();
    for (LabeledText t : all) {
      if (intents.contains(t.label())) {
        trainLines.add(line(t));
      }
    }
    List<String> valLines = new ArrayList<>();
    for (LabeledText t :
        JsonlReader.read(require("clinc150/val.jsonl"), LabeledText::parse).examples()) {
      if (intents.contains(t.label())) {
        valLines.add(line(t));
      }
    }
    valLines.addAll(Files.readAllLines(require("clinc150/oos_val.jsonl")));
    Files.write(tmp.resolve("train.jsonl"), trainLines);
    Files.write(tmp.resolve("val.jsonl"), valLines);
    // When a small model trains with the validation file
    Generated.Run run =
        Generated.train(
            "--stage",
            "classify",
            "--data",
            tmp.resolve("train.jsonl").toString(),
            "--out",
            tmp.resolve("m").toString(),
            "--validation",
            tmp.resolve("val.jsonl").toString(),
            "--epochs",
            "6",
            "--set",
            "hidden=64",
            "--set",
            "members=1");
    // Then the threshold escalates out-of-scope queries while keeping to the 10% budget
    assertThat(run.status()).as(run.output()).isZero();
    Manifest m = ModelDirectory.readManifest(tmp.resolve("m"));
    assertThat(((Number) m.validation().get("knownEscalated")).doubleValue())
        .isLessThanOrEqualTo(0.10);
    assertThat(((Number) m.validation().get("unknownRecall")).doubleValue()).isGreaterThan(0.5);
    assertThat(((Number) m.validation().get("accuracy")).doubleValue()).isGreaterThan(0.85);
  }

  private static String line(LabeledText t) throws Exception {
    return new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(t);
  }
}
