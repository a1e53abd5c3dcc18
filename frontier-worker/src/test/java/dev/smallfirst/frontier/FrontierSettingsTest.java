package dev.smallfirst.frontier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.smallfirst.frontier.budget.BudgetSettings;
import dev.smallfirst.frontier.llm.ProviderKind;
import dev.smallfirst.runtime.config.ConfigException;
import dev.smallfirst.runtime.config.ConfigSource;
import dev.smallfirst.runtime.config.KafkaCheck;
import dev.smallfirst.schemas.stages.TokenPrices;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FrontierSettingsTest {
  private static Map<String, String> minimal() {
    Map<String, String> c = new HashMap<>();
    c.put("bootstrap.servers", "127.0.0.1:9092");
    c.put("schema.registry.url", "http://127.0.0.1:8081/apis/ccompat/v7");
    return c;
  }

  private static Map<String, String> anthropic() {
    Map<String, String> c = minimal();
    c.put("frontier.provider", "anthropic");
    c.put("frontier.model", "claude-sonnet-4-5");
    return c;
  }

  private static FrontierSettings parse(Map<String, String> config, Map<String, String> env) {
    return FrontierSettings.from(ConfigSource.of(config), env);
  }

  private static void assertFailsNaming(Map<String, String> config, String key) {
    assertThatThrownBy(() -> parse(config, Map.of()))
        .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.key()).isEqualTo(key));
  }

  @Test
  void shouldDefaultToTheOfflineStandInWithBoundedSpend() {
    FrontierSettings s = parse(minimal(), Map.of("HOSTNAME", "frontier-7"));

    assertThat(s.provider().kind()).isEqualTo(ProviderKind.NONE);
    assertThat(s.budget().prices()).isEqualTo(BudgetSettings.STAND_IN_REFERENCE);
    assertThat(s.budget().hourCapMicros()).isEqualTo(10_000_000);
    assertThat(s.instanceId()).isEqualTo("frontier-7");
    assertThat(s.transactionalId()).isEqualTo("frontier-frontier-7");
    assertThat(s.groupId()).isEqualTo("frontier");
    assertThat(s.httpPort()).isEqualTo(8072);
    assertThat(s.replicationFactor()).isEqualTo((short) 3);
    assertThat(s.maxInflight()).isEqualTo(32);
    assertThat(s.budget().ledgerTopic()).isEqualTo("frontier.spend.ledger");
  }

  @Test
  void shouldNameAMistypedKeyAndTheNearestKnownOne() {
    Map<String, String> c = minimal();
    c.put("frontier.concurency", "8");

    assertThatThrownBy(() -> FrontierSettings.strict(ConfigSource.of(c), Map.of()))
        .isInstanceOf(ConfigException.class)
        .hasMessage(
            "frontier.concurency: unknown setting; the nearest known one is frontier.concurrency");
  }

  @Test
  void shouldPrefixTheGroupLikeTheTopics() {
    Map<String, String> c = minimal();
    c.put("topic.prefix", "acme.");

    assertThat(parse(c, Map.of()).groupId()).isEqualTo("acme.frontier");
  }

  @Test
  void shouldFailNamingBootstrapServersWhenAbsent() {
    Map<String, String> c = minimal();
    c.remove("bootstrap.servers");

    assertFailsNaming(c, "bootstrap.servers");
  }

  @Test
  void shouldFailNamingTheProviderKeyForAnUnknownProvider() {
    Map<String, String> c = minimal();
    c.put("frontier.provider", "gemini");

    assertFailsNaming(c, "frontier.provider");
  }

  @Test
  void shouldRequireAModelForARealProvider() {
    Map<String, String> c = anthropic();
    c.remove("frontier.model");

    assertThatThrownBy(() -> parse(c, Map.of("ANTHROPIC_API_KEY", "sk-ant-x")))
        .isInstanceOfSatisfying(
            ConfigException.class, e -> assertThat(e.key()).isEqualTo("frontier.model"));
  }

  @Test
  void shouldRequireAnApiKeyForARealProvider() {
    assertFailsNaming(anthropic(), "frontier.api.key.file");
  }

  @Test
  void shouldReadTheKeyFromAMountedFileAndNeverPrintIt(@TempDir Path dir) throws Exception {
    // Given
    Path file = Files.writeString(dir.resolve("key"), "sk-ant-secret-value\n");
    Map<String, String> c = anthropic();
    c.put("frontier.api.key.file", file.toString());

    // When
    FrontierSettings s = parse(c, Map.of());

    // Then
    assertThat(s.provider().apiKey())
        .hasValueSatisfying(k -> assertThat(k.reveal()).isEqualTo("sk-ant-secret-value"));
    assertThat(s.toString()).doesNotContain("sk-ant-secret-value").contains("****");
  }

  @Test
  void shouldReadTheKeyFromTheProvidersEnvironmentVariable() {
    FrontierSettings s = parse(anthropic(), Map.of("ANTHROPIC_API_KEY", "sk-ant-env"));

    assertThat(s.provider().apiKey())
        .hasValueSatisfying(k -> assertThat(k.source()).contains("ANTHROPIC_API_KEY"));
    assertThat(s.budget().prices()).isEqualTo(new TokenPrices(3_000_000, 15_000_000));
  }

  @Test
  void shouldRequireAPriceForAModelWithoutABuiltInOne() {
    Map<String, String> c = minimal();
    c.put("frontier.provider", "openai");
    c.put("frontier.model", "llama3.1:8b");
    c.put("frontier.api.key.required", "false");

    assertFailsNaming(c, "frontier.price.input.micros.per.mtok");
  }

  @Test
  void shouldRejectANegativeCap() {
    Map<String, String> c = minimal();
    c.put("frontier.budget.hour.micros", "-1");

    assertFailsNaming(c, "frontier.budget.hour.micros");
  }

  @Test
  void shouldRejectABreakerThatNeedsMoreCallsThanItsWindowHolds() {
    Map<String, String> c = minimal();
    c.put("frontier.breaker.window.calls", "5");
    c.put("frontier.breaker.min.calls", "6");

    assertFailsNaming(c, "frontier.breaker.min.calls");
  }

  @Test
  void shouldRejectABaseUrlThatIsNotHttp() {
    Map<String, String> c = anthropic();
    c.put("frontier.base.url", "ftp://example.com");

    assertThatThrownBy(() -> parse(c, Map.of("ANTHROPIC_API_KEY", "k")))
        .isInstanceOfSatisfying(
            ConfigException.class, e -> assertThat(e.key()).isEqualTo("frontier.base.url"));
  }

  @Test
  void shouldFailTheStartWithinTheCheckBoundNamingBootstrapServersWhenNoBrokerAnswers() {
    ConfigSource c = ConfigSource.of(minimal()).with(Map.of("bootstrap.servers", "127.0.0.1:1"));
    FrontierSettings s =
        FrontierSettings.from(c.with(Map.of(KafkaCheck.TIMEOUT_KEY, "900")), Map.of());

    assertThatThrownBy(() -> FrontierApp.start(s, Clock.systemUTC()))
        .hasMessageStartingWith("bootstrap.servers: no Kafka broker answers at 127.0.0.1:1");
  }
}
