package dev.smallfirst.frontier.llm;

import dev.smallfirst.runtime.config.ConfigException;
import dev.smallfirst.runtime.config.ConfigSource;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Which frontier API to call and how. Parsed once at start; bad values fail naming their key.
 * Immutable; {@link #toString()} hides the API key.
 *
 * @param kind the provider, or {@link ProviderKind#NONE} for the offline stand-in
 * @param baseUrl the API's base URL; empty for the SDK's default (the vendor's public endpoint)
 * @param model model name sent with every request (also selects the built-in price, if any)
 * @param apiKey the key; empty only for the stand-in or when {@code
 *     frontier.api.key.required=false}
 * @param maxTokens output-token bound of every call
 * @param timeout whole-call timeout of one attempt
 * @param connectTimeout TCP connect timeout
 * @param openAiTokenParam {@code max_completion_tokens} (OpenAI today) or {@code max_tokens} (older
 *     compatible servers)
 */
public record ProviderSettings(
    ProviderKind kind,
    Optional<URI> baseUrl,
    String model,
    Optional<ApiKey> apiKey,
    int maxTokens,
    Duration timeout,
    Duration connectTimeout,
    String openAiTokenParam) {

  public static final String PROVIDER = "frontier.provider";
  public static final String BASE_URL = "frontier.base.url";
  public static final String MODEL = "frontier.model";
  public static final String API_KEY_FILE = "frontier.api.key.file";
  public static final String API_KEY_ENV = "frontier.api.key.env";
  public static final String API_KEY_REQUIRED = "frontier.api.key.required";
  public static final String MAX_TOKENS = "frontier.max.tokens";
  public static final String TIMEOUT = "frontier.timeout.ms";
  public static final String CONNECT_TIMEOUT = "frontier.connect.timeout.ms";
  public static final String OPENAI_TOKEN_PARAM = "frontier.openai.token.param";

  public ProviderSettings {
    if (kind != ProviderKind.NONE && model.isBlank()) {
      throw new ConfigException(MODEL, "required when " + PROVIDER + " is " + kind.resultName());
    }
    if (!openAiTokenParam.equals("max_completion_tokens")
        && !openAiTokenParam.equals("max_tokens")) {
      throw new ConfigException(
          OPENAI_TOKEN_PARAM,
          "must be max_completion_tokens or max_tokens, got '" + openAiTokenParam + "'");
    }
  }

  /** Reads the {@code frontier.*} provider keys; the API key from a file or {@code env}. */
  public static ProviderSettings from(ConfigSource c, Map<String, String> env) {
    ProviderKind kind = ProviderKind.parse(PROVIDER, c.string(PROVIDER, "none"));
    Optional<ApiKey> key = Optional.empty();
    if (kind != ProviderKind.NONE) {
      String envName = c.string(API_KEY_ENV, kind.defaultKeyEnv());
      key = ApiKey.resolve(c.optional(API_KEY_FILE).map(Path::of), API_KEY_FILE, envName, env);
      if (key.isEmpty() && c.bool(API_KEY_REQUIRED, true)) {
        throw new ConfigException(
            API_KEY_FILE,
            "no API key for "
                + kind.resultName()
                + ": set "
                + API_KEY_FILE
                + " to a mounted secret file or the environment variable "
                + envName
                + " (or "
                + API_KEY_REQUIRED
                + "=false for a local server that needs none)");
      }
    }
    return new ProviderSettings(
        kind,
        c.optional(BASE_URL).map(ProviderSettings::url),
        c.string(MODEL, ""),
        key,
        c.integer(MAX_TOKENS, 512, 1, 128_000),
        c.millis(TIMEOUT, Duration.ofSeconds(30), Duration.ofMillis(50), Duration.ofMinutes(10)),
        c.millis(
            CONNECT_TIMEOUT, Duration.ofSeconds(5), Duration.ofMillis(50), Duration.ofMinutes(2)),
        c.string(OPENAI_TOKEN_PARAM, "max_completion_tokens").toLowerCase(Locale.ROOT));
  }

  private static URI url(String value) {
    try {
      URI uri = new URI(value);
      if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme())) {
        throw new ConfigException(BASE_URL, "must be an http(s) URL, got '" + value + "'");
      }
      if (uri.getHost() == null) {
        throw new ConfigException(BASE_URL, "has no host: '" + value + "'");
      }
      return uri;
    } catch (URISyntaxException e) {
      throw new ConfigException(BASE_URL, "not a URL: '" + value + "'");
    }
  }
}
