package dev.smallfirst.frontier.llm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.smallfirst.frontier.llm.anthropic.AnthropicLlmClient;
import dev.smallfirst.frontier.testing.FakeProvider;
import dev.smallfirst.frontier.testing.Polishers;
import dev.smallfirst.frontier.testing.Wire;
import dev.smallfirst.runtime.config.ConfigSource;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class AnthropicLlmClientTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final LlmRequest REQUEST =
      new LlmRequest("You are the writer.", "Polish this.", 256, Duration.ofSeconds(2));

  private FakeProvider server;
  private AnthropicLlmClient client;

  @BeforeEach
  void start() throws Exception {
    server = FakeProvider.start(Wire.anthropicMessage("Hello there.", 812, 96));
    Map<String, String> config = Polishers.config("anthropic", server);
    config.remove("frontier.api.key.required");
    config.put("frontier.api.key.env", "TEST_ANTHROPIC_KEY");
    client =
        AnthropicLlmClient.create(
            ProviderSettings.from(
                ConfigSource.of(config), Map.of("TEST_ANTHROPIC_KEY", "sk-ant-test-123")),
            Clock.systemUTC());
  }

  @AfterEach
  void stop() {
    client.close();
    server.close();
  }

  @Test
  void shouldPostAMessagesApiRequestWithModelMaxTokensSystemAndUserTurn() throws Exception {
    // When
    client.complete(REQUEST);

    // Then
    FakeProvider.Received r = server.received().get(0);
    assertThat(r.path()).isEqualTo("/v1/messages");
    assertThat(r.header("x-api-key")).isEqualTo("sk-ant-test-123");
    assertThat(r.header("authorization")).isNull();
    assertThat(r.header("anthropic-version")).isNotBlank();
    JsonNode body = JSON.readTree(r.body());
    assertThat(body.path("model").asText()).isEqualTo("claude-sonnet-4-5");
    assertThat(body.path("max_tokens").asInt()).isEqualTo(256);
    assertThat(body.path("system").asText()).isEqualTo("You are the writer.");
    assertThat(body.path("messages").get(0).path("role").asText()).isEqualTo("user");
    assertThat(body.path("messages").get(0).path("content").asText()).isEqualTo("Polish this.");
  }

  @Test
  void shouldReturnTheTextAndTheReportedUsage() {
    // When
    LlmReply reply = client.complete(REQUEST);

    // Then
    assertThat(reply.text()).isEqualTo("Hello there.");
    assertThat(reply.usage()).contains(new LlmReply.Usage(812, 96));
    assertThat(reply.model()).isEqualTo("claude-sonnet-4-5-20250929");
    assertThat(reply.truncated()).isFalse();
  }

  @Test
  void shouldFlagAReplyStoppedAtMaxTokensAsTruncated() {
    // Given
    server.then(Wire.anthropicMessage("Hello th", 812, 256, "max_tokens"));

    // When / Then
    assertThat(client.complete(REQUEST).truncated()).isTrue();
  }

  @Test
  void shouldClassifyOverloadedErrorsAsOverloaded() {
    // Given
    server.then(Wire.anthropicError(529, "overloaded_error", "Overloaded"));

    // When / Then
    assertThatThrownBy(() -> client.complete(REQUEST))
        .isInstanceOfSatisfying(
            LlmException.class,
            e -> {
              assertThat(e.kind()).isEqualTo(LlmException.Kind.OVERLOADED);
              assertThat(e.status()).isEqualTo(529);
              assertThat(e.getMessage()).contains("overloaded_error").doesNotContain("sk-ant");
            });
  }

  @Test
  void shouldReadRetryAfterFromARateLimitError() {
    // Given
    server.then(
        Wire.anthropicError(429, "rate_limit_error", "slow down").withHeader("retry-after", "7"));

    // When / Then
    assertThatThrownBy(() -> client.complete(REQUEST))
        .isInstanceOfSatisfying(
            LlmException.class,
            e -> {
              assertThat(e.kind()).isEqualTo(LlmException.Kind.RATE_LIMITED);
              assertThat(e.retryAfter()).contains(Duration.ofSeconds(7));
            });
  }

  @Test
  void shouldRejectABadRequestWithoutRetrying() {
    // Given
    server.then(Wire.anthropicError(400, "invalid_request_error", "max_tokens: too large"));

    // When / Then
    assertThatThrownBy(() -> client.complete(REQUEST))
        .isInstanceOfSatisfying(
            LlmException.class, e -> assertThat(e.kind().retriable()).isFalse());
    assertThat(server.requests()).isEqualTo(1);
  }

  @Test
  void shouldClassifyANonJsonBodyAsMalformed() {
    // Given
    server.then(FakeProvider.Reply.json(200, "{\"id\": \"msg_1\", \"content\": [tru"));

    // When / Then
    assertThatThrownBy(() -> client.complete(REQUEST))
        .isInstanceOfSatisfying(
            LlmException.class,
            e -> assertThat(e.kind()).isEqualTo(LlmException.Kind.MALFORMED_RESPONSE));
  }

  @Test
  void shouldTimeOutWhenTheServerStallsBeyondTheAttemptTimeout() {
    // Given
    server.then(Wire.anthropicMessage("late", 1, 1).stalledFor(Duration.ofSeconds(5)));
    LlmRequest quick = new LlmRequest("s", "u", 16, Duration.ofMillis(300));

    // When / Then
    assertThatThrownBy(() -> client.complete(quick))
        .isInstanceOfSatisfying(
            LlmException.class, e -> assertThat(e.kind()).isEqualTo(LlmException.Kind.TIMEOUT));
  }
}
