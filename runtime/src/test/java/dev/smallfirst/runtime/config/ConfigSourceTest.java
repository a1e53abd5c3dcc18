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

  @Test
  void shouldIgnoreKafkaVariablesThatNameNoKafkaConfig() {
    // Given what Kubernetes injects for a Service named kafka, and a JVM options variable
    Map<String, String> env =
        Map.of(
            "KAFKA_PORT", "tcp://10.0.0.1:9092",
            "KAFKA_SERVICE_HOST", "10.0.0.1",
            "KAFKA_SERVICE_PORT", "9092",
            "KAFKA_OPTS", "-Xmx1g",
            "KAFKA_SECURITY_PROTOCOL", "SSL",
            "SMALLFIRST_KAFKA_PORT", "9092");

    // When the Kafka settings are read
    Map<String, String> kafka = ConfigSource.load(Optional.empty(), env).kafkaOverrides();

    // Then only the real Kafka config passes
    assertThat(kafka).containsExactly(Map.entry("security.protocol", "SSL"));
  }

  @Test
  void shouldRefuseAnExplicitKafkaSettingThatNamesNoKafkaConfig() {
    ConfigSource config = ConfigSource.of(Map.of("kafka.lnger.ms", "5"));

    assertThatThrownBy(config::kafkaOverrides)
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith("kafka.lnger.ms: unknown Kafka client config")
        .hasMessageContaining("linger.ms");
  }

  @Test
  void shouldAcceptKafkaSettingsForOneClient() {
    ConfigSource config = ConfigSource.of(Map.of("kafka.producer.linger.ms", "5"));

    assertThat(config.kafkaOverrides()).containsEntry("producer.linger.ms", "5");
  }

  @Test
  void shouldNameAnUnknownKeyAndTheNearestKnownOne() {
    // Given a typo beside the keys a deployable reads
    ConfigSource config =
        ConfigSource.of(Map.of("deadline.clasify.ms", "100", "batch.max.size", "8"));
    config.millis(
        "deadline.classify.ms", Duration.ofSeconds(2), Duration.ZERO, Duration.ofHours(1));
    config.integer("batch.max.size", 32, 1, 4096);

    // When the deployable checks, then the typo is named with the key it meant
    assertThatThrownBy(config::requireNoUnknownKeys)
        .isInstanceOf(ConfigException.class)
        .hasMessage(
            "deadline.clasify.ms: unknown setting; the nearest known one is deadline.classify.ms");
  }

  @Test
  void shouldAcceptKeysThatWereAllAskedFor() {
    ConfigSource config = ConfigSource.of(Map.of("a.b", "1", "kafka.linger.ms", "5"));
    config.string("a.b", "");
    config.kafkaOverrides();

    config.requireNoUnknownKeys();
  }

  @Test
  void shouldNotReadTheLaunchersOwnVariablesAsSettings() {
    ConfigSource config =
        ConfigSource.load(
            Optional.empty(),
            Map.of("SMALLFIRST_JAVA_OPTS", "-Xmx1g", "SMALLFIRST_STACK_DIR", "/tmp/stack"));

    config.requireNoUnknownKeys();
    assertThat(config.asMap()).isEmpty();
  }
}
