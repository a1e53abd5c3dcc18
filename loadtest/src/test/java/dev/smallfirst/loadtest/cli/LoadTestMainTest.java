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
  void shouldMakeEachStepSendRateTimesSeconds() {
    assertThat(LoadTestMain.messagesAt(12.5, 20)).isEqualTo(250);
    assertThat(LoadTestMain.messagesAt(0.01, 5)).isEqualTo(1);
  }
}
