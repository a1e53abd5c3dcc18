package dev.smallfirst.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.smallfirst.topology.routing.PolicyDocument;
import dev.smallfirst.topology.routing.PolicyParser;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The demo routes by the policy generated from the committed models' manifests. */
class DemoPolicyTest {
  private static final Path MODELS = Path.of("../model-workers/models");

  @TempDir Path tmp;

  private static double threshold(String stage) throws Exception {
    return new ObjectMapper()
        .readTree(MODELS.resolve(stage).resolve("manifest.json").toFile())
        .get("threshold")
        .asDouble();
  }

  @Test
  void shouldTakeTheThresholdsOfTheCommittedModels() throws Exception {
    PolicyDocument policy =
        PolicyParser.parse(Files.readString(Demo.writePolicy(tmp.resolve("p.yaml"), MODELS)));

    assertThat(policy.rulesFor("demo", "any").minIntentConfidence())
        .isEqualTo(threshold("classify"));
    assertThat(policy.rulesFor("demo", "any").minDraftConfidence()).isEqualTo(threshold("draft"));
    assertThat(policy.rulesFor("demo", "any").escalateCustomerFacing()).isFalse();
  }

  @Test
  void shouldPolishCustomerFacingRepliesToComplaintsOnly() throws Exception {
    PolicyDocument policy =
        PolicyParser.parse(Files.readString(Demo.writePolicy(tmp.resolve("p.yaml"), MODELS)));

    assertThat(policy.intents()).isNotEmpty();
    policy
        .intents()
        .keySet()
        .forEach(
            intent -> {
              assertThat(intent).matches("complaint(\\..+)?");
              assertThat(policy.rulesFor("demo", intent).escalateCustomerFacing()).isTrue();
            });
  }

  @Test
  void shouldRefuseModelsWithoutAThreshold() throws Exception {
    Path models = tmp.resolve("models");
    for (String stage : new String[] {"classify", "extract", "sentiment", "draft"}) {
      Files.createDirectories(models.resolve(stage));
      Files.writeString(
          models.resolve(stage).resolve("manifest.json"),
          "{\"name\": \"m\", \"stage\": \"" + stage + "\", \"labels\": [\"complaint\"]}");
    }

    assertThatThrownBy(() -> Demo.writePolicy(tmp.resolve("p.yaml"), models))
        .hasMessageContaining("--models")
        .hasMessageContaining("model directory " + models.resolve("classify"))
        .hasMessageContaining("no threshold");
  }
}
