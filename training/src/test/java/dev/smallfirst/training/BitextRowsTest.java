package dev.smallfirst.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.smallfirst.training.data.DataSet;
import dev.smallfirst.training.data.JsonlReader;
import dev.smallfirst.training.data.LabeledText;
import dev.smallfirst.training.data.SpanExample;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The evaluator's readers take {@code bitext-support/train.jsonl} rows as they are; skipped when
 * {@code ../shared/datasets} is absent (the same rows, hand-written, are tested in {@code
 * eval.BitextRowsEvalTest}).
 */
class BitextRowsTest {

  private static Path bitext() {
    Path datasets = SharedDatasets.find().orElse(null);
    assumeTrue(datasets != null, "../shared/datasets is absent: skipping the Bitext rows check");
    Path file = datasets.resolve("bitext-support/train.jsonl");
    assumeTrue(Files.isRegularFile(file), file + " is absent");
    return file;
  }

  @Test
  void shouldReadEveryBitextRowAsAClassificationExample() throws Exception {
    DataSet<LabeledText> set = JsonlReader.read(bitext(), LabeledText::parse);
    assertThat(set.badLines()).isEmpty();
    assertThat(set.examples()).hasSizeGreaterThan(1000);
    assertThat(set.examples()).extracting(LabeledText::label).contains("cancel_order");
  }

  @Test
  void shouldReadEveryBitextRowAsAnExtractionExample() throws Exception {
    DataSet<SpanExample> set = JsonlReader.read(bitext(), SpanExample::parse);
    assertThat(set.badLines()).isEmpty();
    assertThat(set.examples())
        .flatExtracting(SpanExample::spans)
        .extracting(SpanExample.GoldSpan::label)
        .contains("order_id");
  }
}
