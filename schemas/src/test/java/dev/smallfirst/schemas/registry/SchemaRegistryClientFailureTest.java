package dev.smallfirst.schemas.registry;

import static dev.smallfirst.schemas.registry.TestSchemas.ORDER_V1;
import static dev.smallfirst.schemas.registry.TestSchemas.ORDER_V2_WITHOUT_DEFAULT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SchemaRegistryClientFailureTest {

  private static final Duration BOUND = Duration.ofSeconds(10);

  private FakeRegistryServer registry;

  @BeforeEach
  void startRegistry() {
    registry = FakeRegistryServer.start();
  }

  @AfterEach
  void stopRegistry() {
    registry.close();
  }

  @Test
  void shouldSendBasicAuthHeader() {
    // Given
    try (SchemaRegistryClient client = client(settings().withBasicAuth("app:s3cret"))) {
      // When
      client.register("orders-value", ORDER_V1);
    }

    // Then
    String expected =
        Base64.getEncoder().encodeToString("app:s3cret".getBytes(StandardCharsets.UTF_8));
    assertThat(registry.lastRequest().authorization()).isEqualTo("Basic " + expected);
  }

  @Test
  void shouldSendBearerHeader() {
    // Given
    try (SchemaRegistryClient client = client(settings().withBearerToken("tok3n"))) {
      // When
      client.register("orders-value", ORDER_V1);
    }

    // Then
    assertThat(registry.lastRequest().authorization()).isEqualTo("Bearer tok3n");
  }

  @Test
  void shouldThrowAuthExceptionWithoutRetryingOn401() {
    // Given
    registry.respondNextError(401, 40101, "Unauthorized");

    try (SchemaRegistryClient client = client(settings())) {
      // When / Then
      assertThatThrownBy(() -> client.register("orders-value", ORDER_V1))
          .isInstanceOf(RegistryAuthException.class)
          .isInstanceOf(SerializationException.class)
          .hasMessageContaining("HTTP 401")
          .hasMessageContaining(registry.url() + "/subjects/orders-value/versions");
    }
    assertThat(registry.requestCount()).isEqualTo(1);
  }

  @Test
  void shouldThrowIncompatibleSchemaWithRegistryMessageOn409() {
    try (SchemaRegistryClient client = client(settings())) {
      // Given
      client.register("orders-value", ORDER_V1);

      // When / Then
      assertThatThrownBy(() -> client.register("orders-value", ORDER_V2_WITHOUT_DEFAULT))
          .isInstanceOfSatisfying(
              IncompatibleSchemaException.class,
              e -> {
                assertThat(e.subject()).isEqualTo("orders-value");
                assertThat(e.registryMessage()).contains("incompatible").contains("amount");
              })
          .hasMessageContaining("'orders-value'");
    }
  }

  @Test
  void shouldThrowInvalidSchemaOn422() {
    // Given
    registry.respondNextError(
        422, 42201, "Either the input schema or one its references is invalid");

    try (SchemaRegistryClient client = client(settings())) {
      // When / Then
      assertThatThrownBy(() -> client.register("orders-value", ORDER_V1))
          .isInstanceOf(InvalidSchemaException.class)
          .hasMessageContaining("'orders-value'")
          .hasMessageContaining("is invalid");
    }
  }

  @Test
  void shouldSucceedAfterRetryingTwo503s() {
    // Given
    registry.respondNextError(503, 50301, "warming up");
    registry.respondNextError(503, 50301, "warming up");

    try (SchemaRegistryClient client = client(settings())) {
      // When
      int id = client.register("orders-value", ORDER_V1);

      // Then
      assertThat(id).isEqualTo(1);
    }
    assertThat(registry.requestCount()).isEqualTo(3);
  }

  @Test
  void shouldRetryTooManyRequests() {
    // Given
    registry.respondNextError(429, 42901, "slow down");

    try (SchemaRegistryClient client = client(settings())) {
      // When / Then
      assertThat(client.register("orders-value", ORDER_V1)).isEqualTo(1);
    }
  }

  @Test
  void shouldThrowUnavailableNamingUrlAndAttemptsWhenAlways503() {
    // Given
    registry.respondAlways(503, "{\"error_code\":50301,\"message\":\"store down\"}");

    try (SchemaRegistryClient client = client(settings())) {
      // When / Then
      assertThatThrownBy(() -> client.schemaById(7))
          .isInstanceOfSatisfying(
              RegistryUnavailableException.class, e -> assertThat(e.attempts()).isEqualTo(3))
          .hasMessageContaining("GET " + registry.url() + "/schemas/ids/7")
          .hasMessageContaining("after 3 attempts")
          .hasMessageContaining("HTTP 503: store down");
    }
    assertThat(registry.requestCount()).isEqualTo(3);
  }

  @Test
  void shouldNotRetryOtherClientErrors() {
    // Given
    registry.respondNextError(400, 40001, "bad request");

    try (SchemaRegistryClient client = client(settings())) {
      // When / Then
      assertThatThrownBy(() -> client.globalCompatibility())
          .isInstanceOfSatisfying(
              RegistryResponseException.class,
              e -> {
                assertThat(e.status()).isEqualTo(400);
                assertThat(e.errorCode()).isEqualTo(40001);
              })
          .hasMessageContaining(registry.url() + "/config");
    }
    assertThat(registry.requestCount()).isEqualTo(1);
  }

  @Test
  void shouldNotMistakeAPlain404ForAnUnregisteredSchema() {
    // Given a wrong URL prefix: the server answers 404 without a registry error code
    registry.respondNext(404, "<html>Not Found</html>");

    try (SchemaRegistryClient client = client(settings())) {
      // When / Then
      assertThatThrownBy(() -> client.lookup("orders-value", ORDER_V1))
          .isInstanceOf(RegistryResponseException.class)
          .hasMessageContaining("HTTP 404")
          .hasMessageContaining("Not Found");
    }
  }

  @Test
  void shouldRejectSuccessBodyThatIsNotJson() {
    // Given
    registry.respondNext(200, "<html>proxy login</html>");

    try (SchemaRegistryClient client = client(settings())) {
      // When / Then
      assertThatThrownBy(() -> client.register("orders-value", ORDER_V1))
          .isInstanceOf(RegistryResponseException.class)
          .hasMessageContaining("not JSON")
          .hasMessageContaining(registry.url());
    }
  }

  @Test
  void shouldThrowUnavailableNamingUrlWhenConnectionIsRefused() throws IOException {
    // Given a port that nothing listens on
    int port;
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = socket.getLocalPort();
    }
    String url = "http://127.0.0.1:" + port;

    try (SchemaRegistryClient client = client(RegistrySettings.of(url).withRetries(3, ms(10)))) {
      // When / Then
      assertTimeoutPreemptively(
          BOUND,
          () ->
              assertThatThrownBy(() -> client.schemaById(1))
                  .isInstanceOf(RegistryUnavailableException.class)
                  .hasMessageContaining(url + "/schemas/ids/1")
                  .hasMessageContaining("3 attempts")
                  .hasMessageContaining("ConnectException"));
    }
  }

  @Test
  void shouldTimeOutWhenRegistryNeverAnswers() throws IOException {
    // Given a socket that accepts connections (in the backlog) but never answers
    try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
      RegistrySettings settings =
          RegistrySettings.of("http://127.0.0.1:" + silent.getLocalPort())
              .withRequestTimeout(ms(200))
              .withRetries(2, ms(10));

      try (SchemaRegistryClient client = client(settings)) {
        // When / Then
        assertTimeoutPreemptively(
            BOUND,
            () ->
                assertThatThrownBy(() -> client.latest("orders-value"))
                    .isInstanceOf(RegistryUnavailableException.class)
                    .hasMessageContaining("2 attempts")
                    .hasMessageContaining("timed out"));
      }
    }
  }

  private RegistrySettings settings() {
    return RegistrySettings.of(registry.url()).withRetries(3, ms(10));
  }

  private static SchemaRegistryClient client(RegistrySettings settings) {
    return SchemaRegistryClient.create(settings);
  }

  private static Duration ms(long millis) {
    return Duration.ofMillis(millis);
  }
}
