package dev.smallfirst.frontier.llm.anthropic;

import com.anthropic.client.AnthropicClient;
import com.anthropic.client.okhttp.AnthropicOkHttpClient;
import com.anthropic.core.LogLevel;
import com.anthropic.core.RequestOptions;
import com.anthropic.core.Timeout;
import com.anthropic.errors.AnthropicException;
import com.anthropic.errors.AnthropicInvalidDataException;
import com.anthropic.errors.AnthropicIoException;
import com.anthropic.errors.AnthropicServiceException;
import com.anthropic.models.ErrorType;
import com.anthropic.models.messages.ContentBlock;
import com.anthropic.models.messages.Message;
import com.anthropic.models.messages.MessageCreateParams;
import com.anthropic.models.messages.StopReason;
import com.anthropic.models.messages.TextBlock;
import dev.smallfirst.frontier.llm.LlmClient;
import dev.smallfirst.frontier.llm.LlmException;
import dev.smallfirst.frontier.llm.LlmException.Kind;
import dev.smallfirst.frontier.llm.LlmReply;
import dev.smallfirst.frontier.llm.LlmRequest;
import dev.smallfirst.frontier.llm.ProviderKind;
import dev.smallfirst.frontier.llm.ProviderSettings;
import dev.smallfirst.frontier.llm.SdkLlmClient;
import dev.smallfirst.frontier.llm.TransportFailures;
import java.net.URI;
import java.time.Clock;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * {@link LlmClient} for the Anthropic Messages API ({@code POST /v1/messages}) through the official
 * SDK, with the SDK's own retries off (resilience4j decides), its request logging off (prompts hold
 * customer data) and a per-attempt timeout. Thread-safe.
 */
public final class AnthropicLlmClient extends SdkLlmClient {
  private static final String PROVIDER = "anthropic";
  private final AnthropicClient sdk;
  private final Clock clock;

  private AnthropicLlmClient(AnthropicClient sdk, String model, Clock clock) {
    super(ProviderKind.ANTHROPIC, model, sdk::close);
    this.sdk = sdk;
    this.clock = clock;
  }

  /**
   * A client for {@code settings}; the key and base URL come from there, never from the SDK's env.
   */
  public static AnthropicLlmClient create(ProviderSettings settings, Clock clock) {
    AnthropicOkHttpClient.Builder builder =
        AnthropicOkHttpClient.builder()
            .maxRetries(0)
            .logLevel(LogLevel.OFF)
            .openTelemetry(false)
            .timeout(
                Timeout.builder()
                    .connect(settings.connectTimeout())
                    .request(settings.timeout())
                    .build());
    settings.baseUrl().map(URI::toString).ifPresent(builder::baseUrl);
    // The documented header; set explicitly so that gateways expecting it get it (the SDK would
    // otherwise send the key as a bearer token) and nothing is read from ANTHROPIC_* variables.
    settings.apiKey().ifPresent(k -> builder.putHeader("x-api-key", k.reveal()));
    return new AnthropicLlmClient(builder.build(), settings.model(), clock);
  }

  @Override
  public LlmReply complete(LlmRequest request) {
    MessageCreateParams params =
        MessageCreateParams.builder()
            .model(model())
            .maxTokens(request.maxTokens())
            .system(request.system())
            .addUserMessage(request.user())
            .build();
    RequestOptions options = RequestOptions.builder().timeout(request.timeout()).build();
    try {
      Message message =
          retryingStaleConnection(
              () -> sdk.messages().create(params, options), AnthropicIoException.class);
      String text =
          message.content().stream()
              .map(ContentBlock::text)
              .flatMap(Optional::stream)
              .map(TextBlock::text)
              .collect(Collectors.joining());
      return new LlmReply(
          text,
          message.model().asString(),
          Optional.of(
              new LlmReply.Usage(message.usage().inputTokens(), message.usage().outputTokens())),
          message.stopReason().map(StopReason.MAX_TOKENS::equals).orElse(false));
    } catch (AnthropicServiceException e) {
      throw serviceFailure(e);
    } catch (AnthropicInvalidDataException e) {
      throw TransportFailures.malformed(PROVIDER, "a Messages API reply", e);
    } catch (AnthropicIoException e) {
      throw TransportFailures.map(PROVIDER, e);
    } catch (AnthropicException e) {
      throw TransportFailures.other(PROVIDER, e);
    }
  }

  private LlmException serviceFailure(AnthropicServiceException e) {
    int status = e.statusCode();
    boolean overloaded = e.type().map(ErrorType.OVERLOADED_ERROR::equals).orElse(false);
    String detail =
        PROVIDER
            + ": HTTP "
            + status
            + e.type().map(t -> " " + t.asString()).orElse("")
            + e.requestId().map(id -> " (request-id " + id + ")").orElse("");
    return TransportFailures.http(
        overloaded ? Kind.OVERLOADED : TransportFailures.kindOf(status),
        status,
        detail,
        e.headers()::values,
        clock,
        e);
  }
}
