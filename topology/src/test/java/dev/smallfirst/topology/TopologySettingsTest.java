package dev.smallfirst.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.smallfirst.records.Stage;
import dev.smallfirst.runtime.config.ConfigException;
import dev.smallfirst.runtime.config.ConfigSource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TopologySettingsTest {
  private static Map<String, String> minimal() {
    Map<String, String> m = new HashMap<>();
    m.put("bootstrap.servers", "127.0.0.1:9092");
    m.put("schema.registry.url", "http://127.0.0.1:8081/apis/ccompat/v7");
    return m;
  }

  @Test
  void shouldDefaultToProductionTopicsItsOwnPortAndThePrefixedApplicationId() {
    Map<String, String> m = minimal();
    m.put("topic.prefix", "acme.");

    TopologySettings s = TopologySettings.from(ConfigSource.of(m));

    assertThat(s.applicationId()).isEqualTo("acme.topology");
    assertThat(s.httpHost()).isEqualTo("127.0.0.1");
    assertThat(s.advertisedHost()).isEqualTo("127.0.0.1");
    assertThat(s.httpPort()).isEqualTo(8070);
    assertThat(s.replicationFactor()).isEqualTo((short) 3);
  }

  @Test
  void shouldAdvertiseTheConfiguredHostAndBindTheWildcard() {
    Map<String, String> m = minimal();
    m.put("http.host", "0.0.0.0");
    m.put("advertised.host", "topology-0.topology.smallfirst.svc");

    TopologySettings s = TopologySettings.from(ConfigSource.of(m));

    assertThat(s.httpHost()).isEqualTo("0.0.0.0");
    assertThat(s.advertisedHost()).isEqualTo("topology-0.topology.smallfirst.svc");
    assertThat(TopologyApp.streamsProperties(s, null)).doesNotContainKey("application.server");
  }

  @Test
  void shouldGiveASecondAttemptThreeTimesTheDeadlineUnlessConfiguredAndRefuseAFactorBelowOne() {
    TopologySettings defaults = TopologySettings.from(ConfigSource.of(minimal()));
    assertThat(defaults.deadlines().forAttempt(Stage.DRAFT, 1)).isEqualTo(Duration.ofSeconds(5));
    assertThat(defaults.deadlines().forAttempt(Stage.DRAFT, 2)).isEqualTo(Duration.ofSeconds(15));
    Map<String, String> m = minimal();
    m.put("deadline.retry.factor", "1");
    m.put("deadline.classify.ms", "1500");
    TopologySettings once = TopologySettings.from(ConfigSource.of(m));
    assertThat(once.deadlines().forAttempt(Stage.CLASSIFY, 2)).isEqualTo(Duration.ofMillis(1500));

    m.put("deadline.retry.factor", "0");
    assertThatThrownBy(() -> TopologySettings.from(ConfigSource.of(m)))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("deadline.retry.factor");
  }

  @Test
  void shouldCommitAtTheConfiguredIntervalAndRefuseANonPositiveOne() {
    assertThat(
            TopologyApp.streamsProperties(TopologySettings.from(ConfigSource.of(minimal())), null))
        .containsEntry("commit.interval.ms", 25L);
    Map<String, String> m = minimal();
    m.put("commit.interval.ms", "10");
    assertThat(TopologyApp.streamsProperties(TopologySettings.from(ConfigSource.of(m)), null))
        .containsEntry("commit.interval.ms", 10L);

    m.put("commit.interval.ms", "0");
    assertThatThrownBy(() -> TopologySettings.from(ConfigSource.of(m)))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("commit.interval.ms");
  }

  @Test
  void shouldNeverAdvertiseAWildcardAddress() {
    assertThat(TopologySettings.defaultAdvertisedHost("0.0.0.0")).isNotEqualTo("0.0.0.0");
  }

  @Test
  void shouldNameAMistypedKeyAndTheNearestKnownOne() {
    Map<String, String> m = minimal();
    m.put("deadline.clasify.ms", "100");

    assertThatThrownBy(() -> TopologySettings.strict(ConfigSource.of(m)))
        .isInstanceOf(ConfigException.class)
        .hasMessage(
            "deadline.clasify.ms: unknown setting; the nearest known one is deadline.classify.ms");
  }

  @Test
  void shouldPassKafkaStreamsSettingsButIgnoreKubernetesServiceVariables() {
    ConfigSource c =
        ConfigSource.load(
                Optional.empty(),
                Map.of(
                    "KAFKA_PORT", "tcp://10.0.0.1:9092",
                    "KAFKA_SERVICE_HOST", "10.0.0.1",
                    "KAFKA_OPTS", "-Xmx1g"))
            .with(minimal())
            .with(Map.of("kafka.num.standby.replicas", "1"));

    TopologySettings s = TopologySettings.strict(c);

    assertThat(s.kafkaOverrides()).containsExactly(Map.entry("num.standby.replicas", "1"));
  }

  @Test
  void shouldFailTheStartWithinTheCheckBoundNamingBootstrapServersWhenNoBrokerAnswers(
      @TempDir Path dir) throws Exception {
    Path policy = Files.writeString(dir.resolve("policy.yaml"), "version: 1\n");
    Map<String, String> down =
        Map.of("bootstrap.servers", "127.0.0.1:1", "broker.check.timeout.ms", "1000");
    ConfigSource c = ConfigSource.of(down).with(Map.of("policy.file", policy.toString()));

    assertThatThrownBy(() -> TopologyApp.start(TopologySettings.from(c.with(registryOnly()))))
        .hasMessageStartingWith("bootstrap.servers: no Kafka broker answers at 127.0.0.1:1");
  }

  private static Map<String, String> registryOnly() {
    return Map.of("schema.registry.url", minimal().get("schema.registry.url"), "http.port", "-1");
  }
}
