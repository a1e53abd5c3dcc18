package dev.smallfirst.models.torchscript;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.smallfirst.models.Fixtures;
import dev.smallfirst.models.InferenceSession;
import dev.smallfirst.models.LoadOptions;
import dev.smallfirst.models.ModelLoaders;
import dev.smallfirst.models.StageInput;
import dev.smallfirst.models.StageModel;
import dev.smallfirst.models.StageOutcome;
import dev.smallfirst.models.StageOutcome.Classified;
import dev.smallfirst.models.StageOutcome.Failed;
import dev.smallfirst.models.StageOutcome.LabelScore;
import dev.smallfirst.records.FailureCode;
import dev.smallfirst.records.Stage;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalInt;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The classify adapter on the TorchScript fixture classifier. */
class ClassifyAdapterTest {
  private static StageModel model;
  private static InferenceSession session;

  @BeforeAll
  static void load() {
    model = Fixtures.load(Stage.CLASSIFY, LoadOptions.defaults());
    session = model.newSession();
  }

  @AfterAll
  static void close() {
    session.close();
    model.close();
  }

  @Test
  void shouldMapTheModelsOutputsToTheManifestsLabels() throws Exception {
    List<StageOutcome> out =
        session.predict(
            List.of(
                StageInput.of("I want a refund for order ORD-1234567"),
                StageInput.of("where is my order ORD-7654321"),
                StageInput.of("please reset my password"),
                StageInput.of("is the backpack waterproof")));

    assertThat(out)
        .extracting(o -> ((Classified) o).label())
        .containsExactly("refund", "shipping", "account", "product");
  }

  @Test
  void shouldListTheTopThreeLabelsBestFirstWithConfidencesInTheUnitInterval() throws Exception {
    Classified c =
        (Classified) session.predict(List.of(StageInput.of("cancel my subscription"))).get(0);

    assertThat(c.topK()).hasSize(3);
    assertThat(c.topK().get(0)).isEqualTo(new LabelScore(c.label(), c.confidence()));
    assertThat(c.topK())
        .extracting(LabelScore::score)
        .isSortedAccordingTo((a, b) -> Double.compare(b, a))
        .allSatisfy(p -> assertThat(p).isBetween(0.0, 1.0));
    assertThat(c.topK().stream().mapToDouble(LabelScore::score).sum()).isLessThanOrEqualTo(1.0);
  }

  @Test
  void shouldCalibrateConfidenceWithTheManifestsTemperature(@TempDir Path dir) throws Exception {
    Path uncalibrated = Fixtures.copy("classify", dir.resolve("t1"));
    ObjectMapper json = new ObjectMapper();
    ObjectNode manifest =
        (ObjectNode) json.readTree(uncalibrated.resolve("manifest.json").toFile());
    manifest.put("temperature", 1.0);
    json.writeValue(uncalibrated.resolve("manifest.json").toFile(), manifest);
    StageInput input = StageInput.of("my payment failed on 2024-03-15");

    Classified calibrated = (Classified) session.predict(List.of(input)).get(0);
    Classified raw;
    try (StageModel m =
            ModelLoaders.standard().load(uncalibrated, Stage.CLASSIFY, LoadOptions.defaults());
        InferenceSession s = m.newSession()) {
      raw = (Classified) s.predict(List.of(input)).get(0);
    }

    assertThat(manifest.get("temperature").asDouble()).isEqualTo(1.0);
    assertThat(calibrated.label()).isEqualTo(raw.label());
    assertThat(calibrated.confidence()).isLessThan(raw.confidence());
  }

  @Test
  void shouldAnswerAMixedLengthBatchInInputOrderAsIfOneByOne() throws Exception {
    List<StageInput> inputs =
        List.of(
            StageInput.of("hi"),
            StageInput.of(
                "the bill shows $49.99 but i expected less, this is unacceptable ".repeat(3)),
            StageInput.of("where is my order"),
            StageInput.of(""));

    List<StageOutcome> batched = session.predict(inputs);

    for (int i = 0; i < inputs.size(); i++) {
      Classified alone = (Classified) session.predict(List.of(inputs.get(i))).get(0);
      Classified inBatch = (Classified) batched.get(i);
      assertThat(inBatch.label()).isEqualTo(alone.label());
      assertThat(inBatch.confidence())
          .isCloseTo(alone.confidence(), org.assertj.core.api.Assertions.within(1e-4));
    }
  }

  @Test
  void shouldRejectAnOverlongInputAndStillAnswerTheOthers() throws Exception {
    List<StageOutcome> out =
        session.predict(
            List.of(
                StageInput.of("where is my order ".repeat(60)), StageInput.of("refund please")));

    assertThat(out.get(0))
        .isEqualTo(
            new Failed(
                FailureCode.INPUT_TOO_LONG,
                "input has 242 tokens; the model takes at most 128",
                false));
    assertThat(out.get(1)).isInstanceOf(Classified.class);
  }

  @Test
  void shouldTruncateAnOverlongInputWhenConfiguredTo() throws Exception {
    LoadOptions truncate =
        new LoadOptions(
            LoadOptions.DevicePreference.CPU,
            LoadOptions.OverlongPolicy.TRUNCATE,
            List.of(32, 64),
            OptionalInt.of(2),
            OptionalInt.empty());
    try (StageModel m = Fixtures.load(Stage.CLASSIFY, truncate);
        InferenceSession s = m.newSession()) {
      Classified c =
          (Classified) s.predict(List.of(StageInput.of("where is my order ".repeat(60)))).get(0);

      assertThat(c.label()).isEqualTo("shipping");
      assertThat(c.topK()).hasSize(2);
    }
  }
}
