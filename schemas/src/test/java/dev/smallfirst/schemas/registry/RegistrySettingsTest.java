package dev.smallfirst.schemas.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.common.config.types.Password;
import org.junit.jupiter.api.Test;

class RegistrySettingsTest {

  @Test
  void shouldReadEveryConfluentStyleKey() {
    // Given
    Map<String, Object> config = new HashMap<>();
    config.put("schema.registry.url", "https://registry.example:8443/apis/ccompat/v7/");
    config.put("schema.registry.basic.auth.user.info", new Password("app:s3cret"));
    config.put("schema.registry.request.timeout.ms", 2500);
    config.put("schema.registry.max.attempts", "5");
    config.put("schema.registry.retry.backoff.ms", 50L);
    config.put("schema.registry.ssl.truststore.location", "/etc/registry/trust.p12");
    config.put("schema.registry.ssl.truststore.password", "changeit");
    config.put("unrelated.key", "ignored");

    // When
    RegistrySettings settings = RegistrySettings.fromConfig(config);

    // Then
    assertThat(settings.url())
        .isEqualTo(URI.create("https://registry.example:8443/apis/ccompat/v7"));
    assertThat(settings.basicAuthUserInfo()).hasValue("app:s3cret");
    assertThat(settings.bearerToken()).isEmpty();
    assertThat(settings.requestTimeout()).isEqualTo(Duration.ofMillis(2500));
    assertThat(settings.maxAttempts()).isEqualTo(5);
    assertThat(settings.backoff()).isEqualTo(Duration.ofMillis(50));
    assertThat(settings.trustStore())
        .hasValue(new TrustStore(Path.of("/etc/registry/trust.p12"), "changeit", "PKCS12"));
  }

  @Test
  void shouldApplyDefaultsWhenOnlyUrlIsSet() {
    // When
    RegistrySettings settings =
        RegistrySettings.fromConfig(Map.of("schema.registry.url", "http://127.0.0.1:8081"));

    // Then
    assertThat(settings).isEqualTo(RegistrySettings.of("http://127.0.0.1:8081"));
    assertThat(settings.requestTimeout()).isEqualTo(Duration.ofSeconds(10));
    assertThat(settings.maxAttempts()).isEqualTo(3);
    assertThat(settings.backoff()).isEqualTo(Duration.ofMillis(200));
  }

  @Test
  void shouldRejectUrlThatIsNotHttp() {
    assertThatThrownBy(() -> RegistrySettings.fromConfig(Map.of("schema.registry.url", "foo")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("schema.registry.url: must be an http(s) URL, got 'foo'");
  }

  @Test
  void shouldRequireUrl() {
    assertThatThrownBy(() -> RegistrySettings.fromConfig(Map.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("schema.registry.url: required");
  }

  @Test
  void shouldRejectUrlWithCredentialsWithoutEchoingThem() {
    assertThatThrownBy(() -> RegistrySettings.of("http://app:s3cret@registry:8081"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("schema.registry.url: must not contain credentials")
        .hasMessageNotContaining("s3cret");
  }

  @Test
  void shouldRejectUserInfoWithoutColonWithoutEchoingIt() {
    assertThatThrownBy(() -> url().withBasicAuth("s3cret"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("basic.auth.user.info: must have the form user:password");
  }

  @Test
  void shouldRejectBasicAuthTogetherWithBearerToken() {
    assertThatThrownBy(() -> url().withBasicAuth("app:s3cret").withBearerToken("tok3n"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("basic.auth.user.info and bearer.auth.token: set at most one");
  }

  @Test
  void shouldRejectTimeoutThatIsNotANumber() {
    assertThatThrownBy(() -> withUrl("schema.registry.request.timeout.ms", "ten"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("schema.registry.request.timeout.ms: must be an integer, got 'ten'");
  }

  @Test
  void shouldRejectZeroTimeout() {
    assertThatThrownBy(() -> withUrl("schema.registry.request.timeout.ms", 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("schema.registry.request.timeout.ms: must be > 0 ms, got 0 ms");
  }

  @Test
  void shouldRejectZeroAttempts() {
    assertThatThrownBy(() -> withUrl("schema.registry.max.attempts", "0"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("schema.registry.max.attempts: must be at least 1, got 0");
  }

  @Test
  void shouldRejectValueOfWrongType() {
    assertThatThrownBy(() -> withUrl("bearer.auth.token", Optional.of("tok3n")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("bearer.auth.token: expected a string");
  }

  @Test
  void shouldMaskSecretsInToString() {
    // Given
    RegistrySettings basic =
        url()
            .withBasicAuth("app:s3cret")
            .withTrustStore(new TrustStore(Path.of("t.p12"), "pw1", "JKS"));
    RegistrySettings bearer = url().withBearerToken("tok3n");

    // When / Then
    assertThat(basic.toString())
        .contains("app:****")
        .doesNotContain("s3cret")
        .doesNotContain("pw1");
    assertThat(bearer.toString()).contains("bearerToken=****").doesNotContain("tok3n");
  }

  private static RegistrySettings url() {
    return RegistrySettings.of("http://127.0.0.1:8081");
  }

  private static RegistrySettings withUrl(String key, Object value) {
    return RegistrySettings.fromConfig(
        Map.of("schema.registry.url", "http://127.0.0.1:8081", key, value));
  }
}
