package dev.smallfirst.frontier.llm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.smallfirst.frontier.llm.openai.OpenAiCompatibleLlmClient;
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

class OpenAiCompatibleLlmClientTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final LlmRequest REQUEST =
      new LlmRequest("You are the writer.", "Polish this.", 256, Duration.ofSeconds(2));

  private FakeProvider server;
  private Map<String, String> config;

  @BeforeEach
  void start() throws Exception {
    server = FakeProvider.start(Wire.openAiCompletion("Hello there.", 812, 96));
    config = Polishers.config("openai", server);
    config.remove("frontier.api.key.required");
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private OpenAiCompatibleLlmClient client(Map<String, String> overrides) {
    Map<String, String> c = new java.util.HashMap<>(config);
    c.putAll(overrides);
    return OpenAiCompatibleLlmClient.create(
        ProviderSettings.from(ConfigSource.of(c), Map.of("OPENAI_API_KEY", "sk-proj-test-456")),
        Clock.systemUTC());
  }

  @Test
  void shouldPostAChatCompletionWithBearerKeySystemAndUserMessages() throws Exception {
    // When
    try (OpenAiCompatibleLlmClient client = client(Map.of())) {
      client.complete(REQUEST);
    }

    // Then
    FakeProvider.Received r = server.received().get(0);
    assertThat(r.path()).isEqualTo("/v1/chat/completions");
    assertThat(r.header("authorization")).isEqualTo("Bearer sk-proj-test-456");
    JsonNode body = JSON.readTree(r.body());
    assertThat(body.path("model").asText()).isEqualTo("gpt-4o");
    assertThat(body.path("max_completion_tokens").asInt()).isEqualTo(256);
    assertThat(body.has("max_tokens")).isFalse();
    assertThat(body.path("messages").get(0).path("role").asText()).isEqualTo("system");
    assertThat(body.path("messages").get(0).path("content").asText())
        .isEqualTo("You are the writer.");
    assertThat(body.path("messages").get(1).path("role").asText()).isEqualTo("user");
    assertThat(body.path("messages").get(1).path("content").asText()).isEqualTo("Polish this.");
  }

  @Test
  void shouldSendMaxTokensForOlderCompatibleServersWhenConfigured() throws Exception {
    // When
    try (OpenAiCompatibleLlmClient client =
        client(Map.of("frontier.openai.token.param", "max_tokens"))) {
      client.complete(REQUEST);
    }

    // Then
    JsonNode body = JSON.readTree(server.received().get(0).body());
    assertThat(body.path("max_tokens").asInt()).isEqualTo(256);
    assertThat(body.has("max_completion_tokens")).isFalse();
  }

  @Test
  void shouldReturnTheTextAndTheReportedUsage() {
    try (OpenAiCompatibleLlmClient client = client(Map.of())) {
      // When
      LlmReply reply = client.complete(REQUEST);

      // Then
      assertThat(reply.text()).isEqualTo("Hello there.");
      assertThat(reply.usage()).contains(new LlmReply.Usage(812, 96));
      assertThat(reply.truncated()).isFalse();
    }
  }

  @Test
  void shouldFlagFinishReasonLengthAsTruncated() {
    // Given
    server.then(Wire.openAiCompletion("Hello th", 812, 256, "length"));

    try (OpenAiCompatibleLlmClient client = client(Map.of())) {
      // When / Then
      assertThat(client.complete(REQUEST).truncated()).isTrue();
    }
  }

  @Test
  void shouldReadRetryAfterMsFromARateLimitError() {
    // Given
    server.then(
        Wire.openAiError(429, "Rate limit reached for gpt-4o", "requests", "rate_limit_exceeded")
            .withHeader("retry-after-ms", "250"));

    try (OpenAiCompatibleLlmClient client = client(Map.of())) {
      // When / Then
      assertThatThrownBy(() -> client.complete(REQUEST))
          .isInstanceOfSatisfying(
              LlmException.class,
              e -> {
                assertThat(e.kind()).isEqualTo(LlmException.Kind.RATE_LIMITED);
                assertThat(e.retryAfter()).contains(Duration.ofMillis(250));
                assertThat(e.getMessage()).doesNotContain("sk-proj");
              });
    }
  }

  @Test
  void shouldClassifyServerErrorsAsRetriable() {
    // Given
    server.then(Wire.openAiError(500, "The server had an error", "server_error", null));

    try (OpenAiCompatibleLlmClient client = client(Map.of())) {
      // When / Then
      assertThatThrownBy(() -> client.complete(REQUEST))
          .isInstanceOfSatisfying(
              LlmException.class,
              e -> {
                assertThat(e.kind()).isEqualTo(LlmException.Kind.SERVER_ERROR);
                assertThat(e.kind().retriable()).isTrue();
              });
    }
  }
}
