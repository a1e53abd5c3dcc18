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

  @Test
  void shouldSayWhenThePipelineFellBehindAndWhatRateFitsTheCores() {
    // Given the slow run of 2026-12-03: 40/s offered, 30.3/s answered, 62.4 ms of CPU per reply
    assertThat(DemoMain.capacityNote(40, 30.3, 62.4, 2))
        .hasValueSatisfying(
            note ->
                assertThat(note)
                    .contains("fell behind the offered 40.0/s (30.3/s answered)")
                    .contains("asks for 2.5 cores and this machine has 2")
                    .contains("--rate 25"));
    // A run that kept up gets no note
    assertThat(DemoMain.capacityNote(40, 39.2, 45.5, 2)).isEmpty();
    // Behind with CPU to spare: not this process's CPU
    assertThat(DemoMain.capacityNote(40, 20, 20.0, 2))
        .hasValueSatisfying(note -> assertThat(note).contains("something else held it back"));
    // CPU not measured
    assertThat(DemoMain.capacityNote(40, 20, null, 2))
        .hasValueSatisfying(note -> assertThat(note).endsWith("not of the small path."));
  }
}
