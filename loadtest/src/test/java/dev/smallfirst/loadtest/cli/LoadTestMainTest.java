package dev.smallfirst.loadtest.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The command line's exit statuses that need no cluster. */
class LoadTestMainTest {
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  private int run(String... args) throws Exception {
    return LoadTestMain.run(
        args,
        new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  @Test
  void shouldPrintUsageOnHelp() throws Exception {
    assertThat(run("--help")).isZero();
    assertThat(out.toString(StandardCharsets.UTF_8))
        .startsWith("usage: smallfirst loadtest")
        .contains("--step START,FACTOR,MAX");
  }

  @Test
  void shouldExitTwoNamingTheOptionOnBadArguments() throws Exception {
    assertThat(run("--bootstrap-servers", "k:9092", "--registry-url", "http://r", "--rate", "x"))
        .isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8))
        .startsWith("smallfirst loadtest: --rate: not a number: 'x'")
        .contains("usage:");
    assertThat(out.toString(StandardCharsets.UTF_8)).isEmpty();
  }

  @Test
  void shouldFailNamingTheRegistryWhenNoRegistryAnswersInsteadOfHanging() throws Exception {
    // Given a registry URL nothing listens on (and a broker that is not needed to find out)
    int port;
    try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
      port = s.getLocalPort();
    }
    String url = "http://127.0.0.1:" + port + "/apis/ccompat/v7";

    // Then the run fails at once, naming the option and the URL
    assertThat(run("--bootstrap-servers", "127.0.0.1:1", "--registry-url", url)).isEqualTo(1);
    assertThat(err.toString(StandardCharsets.UTF_8))
        .startsWith("smallfirst loadtest: --registry-url: schema.registry.url: no schema registry")
        .contains(url);
  }

  @Test
  void shouldMakeEachStepSendRateTimesSeconds() {
    assertThat(LoadTestMain.messagesAt(12.5, 20)).isEqualTo(250);
    assertThat(LoadTestMain.messagesAt(0.01, 5)).isEqualTo(1);
  }
}
