package dev.smallfirst.runtime.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigSourceTest {

  @Test
  void shouldLetTheEnvironmentOverrideTheFile(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("app.properties");
    Files.writeString(file, "topic.partitions=3\ntopic.prefix=file.\n");

    ConfigSource config =
        ConfigSource.load(
            Optional.of(file), Map.of("SMALLFIRST_TOPIC_PARTITIONS", "12", "PATH", "/bin"));

    assertThat(config.integer("topic.partitions", 6, 1, 100)).isEqualTo(12);
    assertThat(config.string("topic.prefix", "")).isEqualTo("file.");
    assertThat(config.asMap()).doesNotContainKey("path");
  }

  @Test
  void shouldPassKafkaSettingsThrough() {
    ConfigSource config =
        ConfigSource.load(Optional.empty(), Map.of("KAFKA_SECURITY_PROTOCOL", "SSL"))
            .with(Map.of("kafka.linger.ms", "5"));

    assertThat(config.kafkaOverrides())
        .containsEntry("security.protocol", "SSL")
        .containsEntry("linger.ms", "5");
  }

  @Test
  void shouldNameTheKeyOfAMissingRequiredSetting() {
    assertThatThrownBy(() -> ConfigSource.of(Map.of()).required("bootstrap.servers"))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("bootstrap.servers")
        .hasMessageContaining("SMALLFIRST_BOOTSTRAP_SERVERS");
  }

  @Test
  void shouldNameTheKeyOfABadNumber() {
    ConfigSource config =
        ConfigSource.of(Map.of("topic.partitions", "many", "deadline.draft.ms", "-5"));

    assertThatThrownBy(() -> config.integer("topic.partitions", 6, 1, 100))
        .hasMessageStartingWith("topic.partitions: not a whole number");
    assertThatThrownBy(
            () ->
                config.millis(
                    "deadline.draft.ms",
                    Duration.ofSeconds(5),
                    Duration.ofMillis(1),
                    Duration.ofHours(1)))
        .hasMessageStartingWith("deadline.draft.ms: must be within");
  }

  @Test
  void shouldRefuseAMissingFile(@TempDir Path dir) {
    assertThatThrownBy(
            () -> ConfigSource.load(Optional.of(dir.resolve("nope.properties")), Map.of()))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("nope.properties");
  }

  @Test
  void shouldReadBooleansStrictly() {
    ConfigSource config = ConfigSource.of(Map.of("a", "yes", "b", "perhaps"));

    assertThat(config.bool("a", false)).isTrue();
    assertThatThrownBy(() -> config.bool("b", false)).hasMessageStartingWith("b: not a boolean");
  }
}
