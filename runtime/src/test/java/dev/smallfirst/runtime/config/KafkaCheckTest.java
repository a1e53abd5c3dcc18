package dev.smallfirst.runtime.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class KafkaCheckTest {

  @Test
  void shouldNameBootstrapServersWhenNoBrokerListens() {
    // Given a port nobody listens on (tcpmux, never served here)
    String servers = "127.0.0.1:1";

    // Then the start check fails within its bound, naming the key, the address and the setting
    assertThatThrownBy(
            () ->
                KafkaCheck.requireReachable(
                    Map.of("bootstrap.servers", servers), Duration.ofMillis(1_500)))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith("bootstrap.servers: no Kafka broker answers at " + servers)
        .hasMessageContaining("broker.check.timeout.ms");
  }

  @Test
  void shouldNameBootstrapServersWhenTheListenerIsNoBroker() throws Exception {
    // Given a socket that accepts connections and never answers (not a Kafka broker)
    try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
      String servers = "127.0.0.1:" + silent.getLocalPort();

      // Then the check still ends within its bound, naming the key
      assertThatThrownBy(
              () ->
                  KafkaCheck.requireReachable(
                      Map.of("bootstrap.servers", servers), Duration.ofMillis(1_500)))
          .isInstanceOf(ConfigException.class)
          .hasMessageContaining("bootstrap.servers");
    }
  }

  @Test
  void shouldNameBootstrapServersWhenTheHostDoesNotResolve() {
    assertThatThrownBy(
            () ->
                KafkaCheck.requireReachable(
                    Map.of("bootstrap.servers", "no-such-host.invalid:9092"),
                    Duration.ofMillis(1_500)))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith("bootstrap.servers: no Kafka broker answers at no-such-host");
  }

  @Test
  void shouldReadTheBoundFromItsSetting() {
    assertThat(KafkaCheck.timeout(ConfigSource.of(Map.of()))).isEqualTo(Duration.ofSeconds(30));
    assertThat(KafkaCheck.timeout(ConfigSource.of(Map.of("broker.check.timeout.ms", "2500"))))
        .isEqualTo(Duration.ofMillis(2_500));
    assertThatThrownBy(
            () -> KafkaCheck.timeout(ConfigSource.of(Map.of("broker.check.timeout.ms", "5"))))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("broker.check.timeout.ms");
  }

  @Test
  void shouldAdviseAOneBrokerClusterThatShutsDownControlledByDefault() {
    assertThat(KafkaCheck.oneBrokerAdvice(1, "true"))
        .hasValueSatisfying(
            m ->
                assertThat(m)
                    .contains("controlled.shutdown.enable=false")
                    .contains("twice or are lost"));
    assertThat(KafkaCheck.oneBrokerAdvice(1, "false")).isEmpty();
    assertThat(KafkaCheck.oneBrokerAdvice(3, "true"))
        .as("leaders move to another broker")
        .isEmpty();
    assertThat(KafkaCheck.oneBrokerAdvice(1, null)).as("a broker that will not say").isEmpty();
  }

  @Test
  void shouldAdviseAClusterWhoseOnlyControllerIsABroker() {
    assertThat(KafkaCheck.soleControllerAdvice(Set.of(1), Set.of(1)))
        .as("a combined node")
        .hasValueSatisfying(m -> assertThat(m).contains("node 1").contains("step 4"));
    assertThat(KafkaCheck.soleControllerAdvice(Set.of(1, 2, 3), Set.of(2)))
        .as("one of three brokers is the only controller")
        .isPresent();
    assertThat(KafkaCheck.soleControllerAdvice(Set.of(1), Set.of(2)))
        .as("a controller of its own")
        .isEmpty();
    assertThat(KafkaCheck.soleControllerAdvice(Set.of(1, 2, 3), Set.of(1, 2, 3)))
        .as("three combined nodes: the quorum survives one restart")
        .isEmpty();
    assertThat(KafkaCheck.soleControllerAdvice(Set.of(1), Set.of())).isEmpty();
  }
}
