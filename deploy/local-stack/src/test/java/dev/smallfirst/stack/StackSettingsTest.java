package dev.smallfirst.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StackSettingsTest {

  @Test
  void shouldUseFreePortsAndATemporaryFolderByDefault() {
    StackSettings settings = StackSettings.fromEnvironment(Map.of());

    assertThat(settings.kafkaPort()).isZero();
    assertThat(settings.registryPort()).isZero();
    assertThat(settings.workDir()).isEmpty();
    assertThat(settings.startTimeout()).isEqualTo(Duration.ofSeconds(90));
  }

  @Test
  void shouldReadPortsAndFolderFromTheEnvironment() {
    StackSettings settings =
        StackSettings.fromEnvironment(
            Map.of(
                StackSettings.KAFKA_PORT, "19092",
                StackSettings.REGISTRY_PORT, "18081",
                StackSettings.WORK_DIR, "/tmp/stack"));

    assertThat(settings.kafkaPort()).isEqualTo(19092);
    assertThat(settings.registryPort()).isEqualTo(18081);
    assertThat(settings.workDir()).contains(Path.of("/tmp/stack"));
  }

  @Test
  void shouldNameTheKeyOfANonNumericPort() {
    assertThatThrownBy(() -> StackSettings.fromEnvironment(Map.of(StackSettings.KAFKA_PORT, "x9")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("SMALLFIRST_KAFKA_PORT")
        .hasMessageContaining("x9");
  }

  @Test
  void shouldRejectAPortOutOfRange() {
    assertThatThrownBy(
            () -> StackSettings.fromEnvironment(Map.of(StackSettings.REGISTRY_PORT, "70000")))
        .hasMessageContaining("SMALLFIRST_REGISTRY_PORT");
  }

  @Test
  void shouldRejectTheSamePortTwice() {
    assertThatThrownBy(
            () ->
                StackSettings.fromEnvironment(
                    Map.of(
                        StackSettings.KAFKA_PORT, "19092", StackSettings.REGISTRY_PORT, "19092")))
        .hasMessageContaining("must differ");
  }

  @Test
  void shouldRejectAFolderThatIsNoApicurioDistribution() {
    assertThatThrownBy(
            () ->
                StackSettings.fromEnvironment(Map.of(StackSettings.APICURIO_HOME, "/nonexistent")))
        .hasMessageContaining("SMALLFIRST_APICURIO_HOME")
        .hasMessageContaining("quarkus-run.jar");
  }

  @Test
  void shouldRejectAMissingJava() {
    assertThatThrownBy(
            () -> StackSettings.fromEnvironment(Map.of(StackSettings.REGISTRY_JAVA, "/no/java")))
        .hasMessageContaining("SMALLFIRST_REGISTRY_JAVA");
  }
}
