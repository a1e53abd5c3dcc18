package dev.smallfirst.frontier.llm.openai;

import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.core.JsonValue;
import com.openai.core.LogLevel;
import com.openai.core.RequestOptions;
import com.openai.core.Timeout;
import com.openai.errors.OpenAIException;
import com.openai.errors.OpenAIInvalidDataException;
import com.openai.errors.OpenAIIoException;
import com.openai.errors.OpenAIServiceException;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.completions.CompletionUsage;
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

/**
 * {@link LlmClient} for OpenAI Chat Completions ({@code POST {base}/chat/completions}) through the
 * official SDK; also speaks to vLLM, Ollama and gateways with a configured base URL (which then
 * includes {@code /v1}). SDK retries and logging are off. Thread-safe.
 */
public final class OpenAiCompatibleLlmClient extends SdkLlmClient {
  private static final String PROVIDER = "openai-compatible";
  private final OpenAIClient sdk;
  private final String tokenParam;
  private final Clock clock;

  private OpenAiCompatibleLlmClient(
      OpenAIClient sdk, String model, String tokenParam, Clock clock) {
    super(ProviderKind.OPENAI, model, sdk::close);
    this.sdk = sdk;
    this.tokenParam = tokenParam;
    this.clock = clock;
  }

  /** A client for {@code settings}; nothing is read from the SDK's environment variables. */
  public static OpenAiCompatibleLlmClient create(ProviderSettings settings, Clock clock) {
    OpenAIOkHttpClient.Builder builder =
        OpenAIOkHttpClient.builder()
            .maxRetries(0)
            .logLevel(LogLevel.OFF)
            .disableTelemetry(true)
            .timeout(
                Timeout.builder()
                    .connect(settings.connectTimeout())
                    .request(settings.timeout())
                    .build());
    settings.baseUrl().map(URI::toString).ifPresent(builder::baseUrl);
    // vLLM and Ollama accept any key; the SDK still wants one.
    builder.apiKey(settings.apiKey().map(k -> k.reveal()).orElse("none"));
    return new OpenAiCompatibleLlmClient(
        builder.build(), settings.model(), settings.openAiTokenParam(), clock);
  }

  @Override
  public LlmReply complete(LlmRequest request) {
    ChatCompletionCreateParams params =
        ChatCompletionCreateParams.builder()
            .model(model())
            .addSystemMessage(request.system())
            .addUserMessage(request.user())
            // max_tokens is deprecated by OpenAI but still what many compatible servers read.
            .putAdditionalBodyProperty(tokenParam, JsonValue.from(request.maxTokens()))
            .build();
    RequestOptions options = RequestOptions.builder().timeout(request.timeout()).build();
    try {
      ChatCompletion completion =
          retryingStaleConnection(
              () -> sdk.chat().completions().create(params, options), OpenAIIoException.class);
      if (completion.choices().isEmpty()) {
        throw new LlmException(
            Kind.MALFORMED_RESPONSE,
            200,
            Optional.empty(),
            "openai-compatible: reply has no choices",
            null);
      }
      ChatCompletion.Choice choice = completion.choices().get(0);
      return new LlmReply(
          choice.message().content().orElse(""),
          completion.model(),
          completion.usage().map(OpenAiCompatibleLlmClient::usage),
          ChatCompletion.Choice.FinishReason.LENGTH.equals(choice.finishReason()));
    } catch (OpenAIServiceException e) {
      throw serviceFailure(e);
    } catch (OpenAIInvalidDataException e) {
      throw TransportFailures.malformed(PROVIDER, "a Chat Completions reply", e);
    } catch (OpenAIIoException e) {
      throw TransportFailures.map(PROVIDER, e);
    } catch (OpenAIException e) {
      throw TransportFailures.other(PROVIDER, e);
    }
  }

  private static LlmReply.Usage usage(CompletionUsage u) {
    return new LlmReply.Usage(u.promptTokens(), u.completionTokens());
  }

  private LlmException serviceFailure(OpenAIServiceException e) {
    int status = e.statusCode();
    String detail =
        PROVIDER
            + ": HTTP "
            + status
            + e.code().map(c -> " " + c).orElse("")
            + e.headers().values("x-request-id").stream()
                .findFirst()
                .map(id -> " (x-request-id " + id + ")")
                .orElse("");
    return TransportFailures.http(
        TransportFailures.kindOf(status), status, detail, e.headers()::values, clock, e);
  }
}
