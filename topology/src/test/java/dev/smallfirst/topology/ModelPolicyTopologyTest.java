package dev.smallfirst.topology;

import static dev.smallfirst.topology.Fixtures.message;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.smallfirst.records.Audience;
import dev.smallfirst.records.EscalationReason;
import dev.smallfirst.records.EscalationRequest;
import dev.smallfirst.records.Stage;
import dev.smallfirst.records.StageRequest;
import dev.smallfirst.runtime.config.ConfigException;
import dev.smallfirst.runtime.config.ConfigSource;
import dev.smallfirst.topology.routing.PolicyDocument;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The topology's start-up policy comes from the deployed models' manifests ({@code policy.models}).
 */
class ModelPolicyTopologyTest {
  @TempDir Path tmp;

  private static Path models() throws Exception {
    return Path.of(
            ModelPolicyTopologyTest.class.getResource("/models/classify/manifest.json").toURI())
        .getParent()
        .getParent();
  }

  private static TopologySettings settings(Map<String, String> extra) {
    Map<String, String> c = new HashMap<>(extra);
    c.put("bootstrap.servers", "127.0.0.1:9");
    c.put("schema.registry.url", "http://127.0.0.1:9");
    return TopologySettings.from(ConfigSource.of(c));
  }

  @Test
  void shouldStartWithThePolicyOfTheDeployedModels() throws Exception {
    PolicyDocument policy =
        TopologyApp.initialPolicy(settings(Map.of("policy.models", models().toString())));

    assertThat(policy.rulesFor("t", "order_status").minIntentConfidence()).isEqualTo(0.95);
    assertThat(policy.rulesFor("t", "order_status").minDraftConfidence()).isEqualTo(0.9);
  }

  @Test
  void shouldRefuseToStartWithoutModelsOrAPolicyFile() {
    assertThatThrownBy(() -> TopologyApp.initialPolicy(settings(Map.of())))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("policy.models")
        .hasMessageContaining("policy.file");
  }

  @Test
  void shouldRefuseToStartWhenADeployedModelHasNoThreshold() throws Exception {
    Path models = tmp.resolve("models");
    for (String stage : new String[] {"classify", "extract", "sentiment", "draft"}) {
      Files.createDirectories(models.resolve(stage));
      Files.copy(
          models().resolve(stage).resolve("manifest.json"),
          models.resolve(stage).resolve("manifest.json"));
    }
    Path classify = models.resolve("classify/manifest.json");
    Files.writeString(classify, Files.readString(classify).replace("\"threshold\": 0.95,", ""));

    assertThatThrownBy(
            () -> TopologyApp.initialPolicy(settings(Map.of("policy.models", models.toString()))))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("policy.models")
        .hasMessageContaining(models.resolve("classify").toString());
  }

  @Test
  void shouldEscalateAnAnswerBelowTheClassifyModelsThreshold() throws Exception {
    // Given the policy of models whose classify threshold (0.95) is above the answer's 0.93
    PolicyDocument policy =
        TopologyApp.initialPolicy(settings(Map.of("policy.models", models().toString())));
    try (TopologyHarness h = new TopologyHarness(Map.of(), policy)) {
      // When an agent-facing message gets confident answers from every stage
      h.messages.pipeInput("ticket-m1", message("m1", Audience.AGENT));
      h.answerAll(Stage.CLASSIFY);
      h.answerAll(Stage.EXTRACT);
      h.answerAll(Stage.SENTIMENT);
      StageRequest draft = h.requests.get(Stage.DRAFT).readValue();
      h.result(Fixtures.result(draft, Fixtures.goodOutcome(Stage.DRAFT)));
      // Then it escalates for the intent only: the draft's 0.92 clears the draft model's 0.9 and
      // the sentiment's 0.9 the sentiment model's 0.85
      EscalationRequest escalation = h.escalations.readValue();
      assertThat(escalation.getReasons()).containsExactly(EscalationReason.LOW_INTENT_CONFIDENCE);
    }
  }
}
