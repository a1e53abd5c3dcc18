package dev.smallfirst.schemas.registry;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Immutable, validated settings of a {@link SchemaRegistryClient}: where the registry is, how to
 * authenticate, and how long to wait and retry. Every error names the configuration key; {@link
 * #toString()} masks secrets. Optional parts are {@link Optional}, never null.
 *
 * <pre>{@code
 * RegistrySettings settings =
 *     RegistrySettings.of("http://127.0.0.1:8080/apis/ccompat/v7").withBasicAuth("app:secret");
 * }</pre>
 *
 * @param url base URL, possibly with a path prefix, without a trailing slash
 * @param basicAuthUserInfo {@code user:password} for HTTP basic authentication
 * @param bearerToken token for {@code Authorization: Bearer}; not together with basic auth
 * @param requestTimeout timeout of each HTTP request and connection attempt
 * @param maxAttempts attempts per request, at least 1
 * @param backoff wait before the second attempt; doubles for each further one, bounded
 * @param trustStore truststore for TLS, or empty for the JDK default
 */
public record RegistrySettings(
    URI url,
    Optional<String> basicAuthUserInfo,
    Optional<String> bearerToken,
    Duration requestTimeout,
    int maxAttempts,
    Duration backoff,
    Optional<TrustStore> trustStore) {

  /** Base URL of the registry (required). */
  public static final String URL_CONFIG = "schema.registry.url";

  /** HTTP basic credentials in the form {@code user:password}. */
  public static final String BASIC_AUTH_USER_INFO_CONFIG = "basic.auth.user.info";

  /** Alternative spelling of {@link #BASIC_AUTH_USER_INFO_CONFIG}, with the registry prefix. */
  public static final String PREFIXED_BASIC_AUTH_USER_INFO_CONFIG =
      "schema.registry.basic.auth.user.info";

  /** Static bearer token. */
  public static final String BEARER_AUTH_TOKEN_CONFIG = "bearer.auth.token";

  /** Timeout of one request in milliseconds (default 10000). */
  public static final String REQUEST_TIMEOUT_MS_CONFIG = "schema.registry.request.timeout.ms";

  /** Attempts per request (default 3). */
  public static final String MAX_ATTEMPTS_CONFIG = "schema.registry.max.attempts";

  /** First retry backoff in milliseconds (default 200). */
  public static final String RETRY_BACKOFF_MS_CONFIG = "schema.registry.retry.backoff.ms";

  /** Path of a truststore for TLS. */
  public static final String TRUSTSTORE_LOCATION_CONFIG = "schema.registry.ssl.truststore.location";

  /** Password of the truststore. */
  public static final String TRUSTSTORE_PASSWORD_CONFIG = "schema.registry.ssl.truststore.password";

  /** Type of the truststore (default PKCS12). */
  public static final String TRUSTSTORE_TYPE_CONFIG = "schema.registry.ssl.truststore.type";

  /** Default request timeout. */
  public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(10);

  /** Default attempts per request. */
  public static final int DEFAULT_MAX_ATTEMPTS = 3;

  /** Default first backoff. */
  public static final Duration DEFAULT_BACKOFF = Duration.ofMillis(200);

  /** Validates every component; errors name the configuration key. */
  public RegistrySettings {
    url = SettingsValidation.baseUrl(url);
    basicAuthUserInfo = Objects.requireNonNull(basicAuthUserInfo, BASIC_AUTH_USER_INFO_CONFIG);
    bearerToken = Objects.requireNonNull(bearerToken, BEARER_AUTH_TOKEN_CONFIG);
    trustStore = Objects.requireNonNull(trustStore, TRUSTSTORE_LOCATION_CONFIG);
    basicAuthUserInfo.ifPresent(SettingsValidation::userInfo);
    bearerToken.ifPresent(SettingsValidation::bearerToken);
    if (basicAuthUserInfo.isPresent() && bearerToken.isPresent()) {
      throw new IllegalArgumentException(
          BASIC_AUTH_USER_INFO_CONFIG + " and " + BEARER_AUTH_TOKEN_CONFIG + ": set at most one");
    }
    SettingsValidation.positive(REQUEST_TIMEOUT_MS_CONFIG, requestTimeout);
    SettingsValidation.notNegative(RETRY_BACKOFF_MS_CONFIG, backoff);
    if (maxAttempts < 1) {
      throw new IllegalArgumentException(
          MAX_ATTEMPTS_CONFIG + ": must be at least 1, got " + maxAttempts);
    }
  }

  /** Settings for {@code url} with no authentication, no custom TLS and the default timings. */
  public static RegistrySettings of(String url) {
    return new RegistrySettings(
        SettingsValidation.parseUrl(url),
        Optional.empty(),
        Optional.empty(),
        DEFAULT_REQUEST_TIMEOUT,
        DEFAULT_MAX_ATTEMPTS,
        DEFAULT_BACKOFF,
        Optional.empty());
  }

  /**
   * Reads Confluent-style keys ({@code schema.registry.url}, {@code basic.auth.user.info}, ...)
   * from Kafka client configs; unknown keys are ignored.
   *
   * @throws IllegalArgumentException naming the key of a missing or bad value
   */
  public static RegistrySettings fromConfig(Map<String, ?> config) {
    return RegistryConfigParser.parse(config);
  }

  /** A copy that authenticates with HTTP basic {@code user:password}. */
  public RegistrySettings withBasicAuth(String userInfo) {
    return new RegistrySettings(
        url, Optional.of(userInfo), bearerToken, requestTimeout, maxAttempts, backoff, trustStore);
  }

  /** A copy that authenticates with a bearer token. */
  public RegistrySettings withBearerToken(String token) {
    return new RegistrySettings(
        url,
        basicAuthUserInfo,
        Optional.of(token),
        requestTimeout,
        maxAttempts,
        backoff,
        trustStore);
  }

  /** A copy with another request timeout. */
  public RegistrySettings withRequestTimeout(Duration timeout) {
    return new RegistrySettings(
        url, basicAuthUserInfo, bearerToken, timeout, maxAttempts, backoff, trustStore);
  }

  /** A copy with other retry settings. */
  public RegistrySettings withRetries(int attempts, Duration firstBackoff) {
    return new RegistrySettings(
        url, basicAuthUserInfo, bearerToken, requestTimeout, attempts, firstBackoff, trustStore);
  }

  /** A copy that trusts the given truststore for TLS. */
  public RegistrySettings withTrustStore(TrustStore store) {
    return new RegistrySettings(
        url,
        basicAuthUserInfo,
        bearerToken,
        requestTimeout,
        maxAttempts,
        backoff,
        Optional.of(store));
  }

  @Override
  public String toString() {
    return "RegistrySettings[url="
        + url
        + ", basicAuthUserInfo="
        + basicAuthUserInfo.map(SettingsValidation::maskUserInfo).orElse("none")
        + ", bearerToken="
        + bearerToken.map(token -> "****").orElse("none")
        + ", requestTimeout="
        + requestTimeout
        + ", maxAttempts="
        + maxAttempts
        + ", backoff="
        + backoff
        + ", trustStore="
        + trustStore.map(TrustStore::toString).orElse("JDK default")
        + "]";
  }
}
