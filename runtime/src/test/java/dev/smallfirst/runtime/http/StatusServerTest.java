package dev.smallfirst.runtime.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.smallfirst.runtime.config.ConfigException;
import dev.smallfirst.runtime.http.StatusServer.Probe;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class StatusServerTest {
  private final PrometheusMeterRegistry prometheus =
      new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private final HttpClient http = HttpClient.newHttpClient();
  private StatusServer server;

  @BeforeEach
  void setUp() throws IOException {
    prometheus.counter("smallfirst.test.events").increment();
    server =
        StatusServer.start(
            "127.0.0.1",
            0,
            prometheus,
            Map.of("/echo/", ex -> StatusServer.send(ex, 200, "text/plain", "echo\n")));
  }

  @AfterEach
  void tearDown() {
    server.close();
    http.close();
  }

  private String get(String path) throws IOException, InterruptedException {
    HttpResponse<String> r =
        http.send(
            HttpRequest.newBuilder(URI.create("http://" + server.advertised() + path)).build(),
            HttpResponse.BodyHandlers.ofString());
    return r.statusCode() + " " + r.body();
  }

  @Test
  void shouldAnswerHealthWhileAlive() throws Exception {
    assertThat(get("/health")).isEqualTo("200 ok\n");
  }

  @Test
  void shouldNotBeReadyUntilTheProbeSaysSo() throws Exception {
    // Then: not ready before a probe is set
    assertThat(get("/ready")).isEqualTo("503 starting\n");

    // When
    server.readiness(() -> Probe.whenState("RUNNING", "RUNNING"));

    // Then
    assertThat(get("/ready")).isEqualTo("200 RUNNING\n");
  }

  @Test
  void shouldServeThePrometheusScrape() throws Exception {
    assertThat(get("/metrics")).startsWith("200 ").contains("smallfirst_test_events_total");
  }

  @Test
  void shouldServeExtraRoutes() throws Exception {
    assertThat(get("/echo/anything")).isEqualTo("200 echo\n");
  }

  @Test
  void shouldTurnHealthRedWhenTheLivenessProbeSaysSo() throws Exception {
    // When a part of the process died
    server.health(() -> new Probe(false, "dead: producer thread of worker-1-producer"));

    // Then /health says so, for the supervisor to restart the process
    assertThat(get("/health")).isEqualTo("503 dead: producer thread of worker-1-producer\n");
  }

  @Test
  void shouldNameTheSettingWhenThePortIsInUse() {
    // Given a port this server already holds
    int taken = server.port();

    // When a second server binds it, then the error names http.port
    assertThatThrownBy(() -> StatusServer.start("127.0.0.1", taken, prometheus, Map.of()))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("http.port")
        .hasMessageContaining(String.valueOf(taken));
  }
}
