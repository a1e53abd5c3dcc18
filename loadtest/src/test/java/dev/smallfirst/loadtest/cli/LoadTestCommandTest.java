package dev.smallfirst.loadtest.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.smallfirst.runtime.config.ConfigException;
import dev.smallfirst.schemas.registry.RegistrySettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LoadTestCommandTest {
  private static final List<String> REQUIRED =
      List.of("--bootstrap-servers", "kafka:9092", "--registry-url", "http://registry:8081/");

  private static LoadTestOptions parse(String... more) {
    List<String> args = new ArrayList<>(REQUIRED);
    args.addAll(List.of(more));
    return LoadTestCommand.parse(args.toArray(String[]::new));
  }

  @Test
  void shouldDefaultEveryOptionalSetting() {
    LoadTestOptions o = parse();

    assertThat(o.bootstrapServers()).isEqualTo("kafka:9092");
    assertThat(o.registryUrl()).isEqualTo("http://registry:8081");
    assertThat(o.topics().prefix()).isEmpty();
    assertThat(o.messages()).isEqualTo(2000);
    assertThat(o.rate()).isEqualTo(50);
    assertThat(o.arrivals()).isEqualTo(LoadTestOptions.Arrivals.POISSON);
    assertThat(o.seed()).isEqualTo(42);
    assertThat(o.tenant()).isEqualTo("demo");
    assertThat(o.drainTimeout()).isEqualTo(Duration.ofSeconds(120));
    assertThat(o.step()).isEmpty();
    assertThat(o.stepSeconds()).isEqualTo(20);
    assertThat(o.sloP99Millis()).isEqualTo(1000);
    assertThat(o.reportJson()).isEmpty();
    assertThat(o.reportDir()).isEmpty();
    assertThat(o.registryConfig()).isEmpty();
  }

  @Test
  void shouldReadEveryOption() {
    LoadTestOptions o =
        parse(
            "--topic-prefix",
            "acme.",
            "--messages",
            "500",
            "--rate=12.5",
            "--arrivals",
            "FIXED",
            "--seed",
            "-7",
            "--tenant",
            "t1",
            "--drain-timeout-s",
            "30",
            "--report-json",
            "out/r.json",
            "--report-dir",
            "out/html");

    assertThat(o.topics().messages()).isEqualTo("acme.support.messages");
    assertThat(o.messages()).isEqualTo(500);
    assertThat(o.rate()).isEqualTo(12.5);
    assertThat(o.arrivals()).isEqualTo(LoadTestOptions.Arrivals.FIXED);
    assertThat(o.schedule(10).nextOffsetNanos()).isZero();
    assertThat(o.seed()).isEqualTo(-7);
    assertThat(o.tenant()).isEqualTo("t1");
    assertThat(o.drainTimeout()).isEqualTo(Duration.ofSeconds(30));
    assertThat(o.reportJson()).contains(Path.of("out/r.json"));
    assertThat(o.reportDir()).contains(Path.of("out/html"));
  }

  @Test
  void shouldReadStepMode() {
    LoadTestOptions o = parse("--step", "25,2,200", "--step-seconds", "5", "--slo-p99-ms", "800");

    assertThat(o.step()).contains(new LoadTestOptions.Steps(25, 2, 200));
    assertThat(o.step().orElseThrow().rates()).containsExactly(25.0, 50.0, 100.0, 200.0);
    assertThat(o.stepSeconds()).isEqualTo(5);
    assertThat(o.sloP99Millis()).isEqualTo(800);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '"',
      value = {
        // args | option named | problem
        "--bogus 1 | --bogus | unknown option",
        "--messages | --messages | needs a value",
        "--messages --rate 5 | --messages | needs a value",
        "--tenant --bogus | --tenant | needs a value",
        "--messages 10 --messages 20 | --messages | more than once",
        "--messages ten | --messages | not a whole number",
        "--messages 0 | --messages | within",
        "--messages 2.5 | --messages | not a whole number",
        "--rate fast | --rate | not a number",
        "--rate 0 | --rate | within",
        "--rate -3 | --rate | within",
        "--rate NaN | --rate | within",
        "--arrivals bursty | --arrivals | fixed or poisson",
        "--seed x | --seed | not a whole number",
        "--tenant ' ' | --tenant | blank",
        "--drain-timeout-s 0 | --drain-timeout-s | within",
        "--drain-timeout-s 1.5 | --drain-timeout-s | not a whole number",
        "--topic-prefix a/b | --topic-prefix | forbid",
        "--step 10,2 | --step | START,FACTOR,MAX",
        "--step 10,x,100 | --step | not a number",
        "--step 0,2,100 | --step | START",
        "--step 10,1,100 | --step | FACTOR",
        "--step 100,2,10 | --step | MAX",
        "--step 10,2,100 --step-seconds 0 | --step-seconds | within",
        "--step 10,2,100 --slo-p99-ms 0 | --slo-p99-ms | within",
        "--step 10,2,100 --messages 5 | --messages | not used with --step",
        "--step 10,2,100 --rate 5 | --rate | not used with --step",
        "--step-seconds 5 | --step-seconds | only used with --step",
        "--slo-p99-ms 500 | --slo-p99-ms | only used with --step",
        "--report-json ' ' | --report-json | blank",
        "--registry-config /no/such/file | --registry-config | file not found",
      })
  void shouldNameTheOptionOfBadInput(String args, String option, String problem) {
    assertThatThrownBy(() -> parse(split(args)))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith(option + ": ")
        .hasMessageContaining(problem)
        .extracting(e -> ((ConfigException) e).key())
        .isEqualTo(option);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '"',
      value = {
        "--registry-url http://r:8081 | --bootstrap-servers | required",
        "--bootstrap-servers k:9092 | --registry-url | required",
        "--bootstrap-servers k --registry-url http://r:8081 | --bootstrap-servers | HOST:PORT",
        "--bootstrap-servers k:x --registry-url http://r:8081 | --bootstrap-servers | port",
        "--bootstrap-servers k:0 --registry-url http://r:8081 | --bootstrap-servers | port",
        "--bootstrap-servers k:9092, --registry-url http://r:8081 | --bootstrap-servers | HOST:PORT",
        "--bootstrap-servers k:9092 --registry-url ftp://r | --registry-url | http(s) URL",
      })
  void shouldRequireAndCheckTheClusterAddresses(String args, String option, String problem) {
    assertThatThrownBy(() -> LoadTestCommand.parse(split(args)))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith(option + ": ")
        .hasMessageContaining(problem);
  }

  @Test
  void shouldTakeRegistryAuthenticationFromTheRegistryConfigFile(@TempDir Path dir)
      throws Exception {
    Path file = dir.resolve("registry.properties");
    Files.writeString(
        file,
        "schema.registry.basic.auth.user.info=app:secret\nschema.registry.url=http://ignored:1\n");

    RegistrySettings settings =
        parse("--registry-config", file.toString()).registrySettings(Map.of());

    assertThat(settings.basicAuthUserInfo()).contains("app:secret");
    assertThat(settings.url()).hasToString("http://registry:8081");
  }

  @Test
  void shouldNameTheRegistryConfigFileWhenItsSettingsAreBad(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("registry.properties");
    Files.writeString(file, "schema.registry.max.attempts=many\n");
    LoadTestOptions options = parse("--registry-config", file.toString());

    assertThatThrownBy(() -> options.registrySettings(Map.of()))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith("--registry-config: schema.registry.max.attempts");
  }

  @Test
  void shouldTakeRegistryCredentialsFromTheEnvironment() {
    RegistrySettings settings =
        parse().registrySettings(Map.of("SMALLFIRST_BEARER_AUTH_TOKEN", "tok"));

    assertThat(settings.bearerToken()).isEqualTo(Optional.of("tok"));
  }

  private static String[] split(String args) {
    List<String> out = new ArrayList<>();
    for (String part : args.split(" (?=(?:[^']*'[^']*')*[^']*$)")) {
      out.add(part.startsWith("'") ? part.substring(1, part.length() - 1) : part);
    }
    return out.toArray(String[]::new);
  }
}
