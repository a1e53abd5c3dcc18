package dev.smallfirst.topology.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelPolicyTest {
  @TempDir Path tmp;

  /** The test models: classify 0.95, extract 0.97, sentiment 0.85, draft 0.9. */
  static Path models() throws Exception {
    return Path.of(ModelPolicyTest.class.getResource("/models/classify/manifest.json").toURI())
        .getParent()
        .getParent();
  }

  private Path copyOfModels() throws Exception {
    Path copy = tmp.resolve("models");
    try (Stream<Path> stages = Files.list(models())) {
      for (Path stage : stages.toList()) {
        Files.createDirectories(copy.resolve(stage.getFileName()));
        Files.copy(
            stage.resolve("manifest.json"),
            copy.resolve(stage.getFileName()).resolve("manifest.json"));
      }
    }
    return copy;
  }

  @Test
  void shouldTakeEachStagesMinimumConfidenceFromItsManifest() throws Exception {
    PolicyDocument policy = ModelPolicy.policy(models());

    RoutingRules rules = policy.rulesFor("any-tenant", "order_status");
    assertThat(rules.minIntentConfidence()).isEqualTo(0.95);
    assertThat(rules.minDraftConfidence()).isEqualTo(0.9);
    assertThat(rules.minSentimentConfidence()).isEqualTo(0.85);
    assertThat(rules.escalateCustomerFacing()).isTrue();
  }

  @Test
  void shouldWriteADocumentThatNamesEveryModelAndParses() throws Exception {
    String yaml = ModelPolicy.generate(models(), ModelPolicy.Options.DEFAULT);

    assertThat(yaml)
        .contains("test-classify 1.0.0", "test-extract", "test-sentiment", "test-draft")
        .contains("minIntentConfidence: 0.95", "minDraftConfidence: 0.9")
        .contains("minSentimentConfidence: 0.85", "extract", "(no routing rule reads it)");
    assertThat(PolicyParser.parse(yaml).version()).isEqualTo(1);
  }

  @Test
  void shouldExpressPolishedIntentsAsIntentRules() throws Exception {
    // Given a policy that polishes customer-facing replies only for complaints
    ModelPolicy.Options options = new ModelPolicy.Options(3, false, List.of("complaint"));

    PolicyDocument policy = PolicyParser.parse(ModelPolicy.generate(models(), options));

    // Then Bitext's label and the generator's category both match, other intents do not
    assertThat(policy.version()).isEqualTo(3);
    assertThat(policy.intents()).containsOnlyKeys("complaint", "complaint.service");
    assertThat(policy.rulesFor("t", "complaint").escalateCustomerFacing()).isTrue();
    assertThat(policy.rulesFor("t", "complaint").minIntentConfidence()).isEqualTo(0.95);
    assertThat(policy.rulesFor("t", "feedback.praise").escalateCustomerFacing()).isFalse();
  }

  @Test
  void shouldRefuseAPolishIntentThatMatchesNoLabel() throws Exception {
    ModelPolicy.Options options = new ModelPolicy.Options(1, false, List.of("refund"));

    assertThatThrownBy(() -> ModelPolicy.generate(models(), options))
        .isInstanceOf(InvalidPolicyException.class)
        .hasMessageContaining("--polish-intent refund");
  }

  @Test
  void shouldRefuseAModelWithoutAThresholdNamingItsDirectory() throws Exception {
    Path models = copyOfModels();
    Path sentiment = models.resolve("sentiment");
    Files.writeString(
        sentiment.resolve("manifest.json"),
        Files.readString(sentiment.resolve("manifest.json")).replace("\"threshold\": 0.85,", ""));

    assertThatThrownBy(() -> ModelPolicy.policy(models))
        .isInstanceOf(InvalidPolicyException.class)
        .hasMessageContaining("model directory " + sentiment)
        .hasMessageContaining("no threshold")
        .hasMessageContaining("--write-threshold");
  }

  @Test
  void shouldRefuseAMissingModelAndAModelOfAnotherStage() throws Exception {
    Path models = copyOfModels();
    Files.delete(models.resolve("draft/manifest.json"));
    assertThatThrownBy(() -> ModelPolicy.policy(models))
        .hasMessageContaining(models.resolve("draft") + " has no manifest.json");

    Files.copy(models.resolve("extract/manifest.json"), models.resolve("draft/manifest.json"));
    assertThatThrownBy(() -> ModelPolicy.policy(models))
        .hasMessageContaining("holds a 'extract' model, not draft");
  }
}
