package dev.smallfirst.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The demo's exit statuses that need no stack. */
class DemoMainTest {
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  private int run(String... args) throws Exception {
    return DemoMain.run(
        args,
        new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  @Test
  void shouldPrintUsageAndExitZeroOnHelp() throws Exception {
    assertThat(run("--help")).isZero();
    assertThat(out.toString(StandardCharsets.UTF_8))
        .startsWith("usage: smallfirst demo")
        .contains("--baseline-messages N");
    assertThat(err.toString(StandardCharsets.UTF_8)).isEmpty();
  }

  @Test
  void shouldExitTwoNamingTheOptionOnBadArguments() throws Exception {
    assertThat(run("--rate", "fast")).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8)).startsWith("--rate: not a number: 'fast'");
    assertThat(out.toString(StandardCharsets.UTF_8)).isEmpty();
  }
}
