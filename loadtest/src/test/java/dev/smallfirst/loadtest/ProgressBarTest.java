package dev.smallfirst.loadtest;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class ProgressBarTest {
  private static final long SECOND = 1_000_000_000L;

  private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
  private final PrintStream stream = new PrintStream(bytes, true, StandardCharsets.UTF_8);
  private final AtomicLong clock = new AtomicLong(1_000 * SECOND);

  private String output() {
    return bytes.toString(StandardCharsets.UTF_8);
  }

  @Test
  void shouldRewriteOneLineOnATerminal() {
    ProgressBar bar = new ProgressBar(stream, clock::get, true, "step 1/3");

    clock.addAndGet(2 * SECOND);
    bar.update(100, 80, 200);
    clock.addAndGet(2 * SECOND);
    bar.update(200, 200, 200);
    bar.done();

    assertThat(output())
        .isEqualTo(
            "\rstep 1/3  sent 100/200  settled 80/200   40.0%  0:02.0  40.0 settled/s"
                + "\rstep 1/3  sent 200/200  settled 200/200  100.0%  0:04.0  50.0 settled/s"
                + "\n");
  }

  @Test
  void shouldPadOverALongerPreviousLine() {
    ProgressBar bar = new ProgressBar(stream, clock::get, true, "");

    clock.addAndGet(SECOND);
    bar.update(10_000, 9_999, 10_000);
    bar.update(10, 0, 10);

    String[] frames = output().split("\r");
    assertThat(frames[2].length()).isEqualTo(frames[1].length());
    assertThat(frames[2]).startsWith("sent 10/10  settled 0/10").endsWith(" ");
  }

  @Test
  void shouldPrintALineEveryFiveSecondsWhenNotATerminal() {
    ProgressBar bar = new ProgressBar(stream, clock::get, false, "");

    for (int i = 1; i <= 12; i++) {
      clock.addAndGet(SECOND);
      bar.update(i * 10L, i * 10L - 5, 200);
    }
    bar.done();

    assertThat(output())
        .doesNotContain("\r")
        .isEqualTo(
            "sent 50/200  settled 45/200   22.5%  0:05.0  9.0 settled/s\n"
                + "sent 100/200  settled 95/200   47.5%  0:10.0  9.5 settled/s\n"
                + "sent 120/200  settled 115/200   57.5%  0:12.0  9.6 settled/s\n");
  }

  @Test
  void shouldNotRepeatTheLastLineWhenItWasJustPrinted() {
    ProgressBar bar = new ProgressBar(stream, clock::get, false, "");

    clock.addAndGet(5 * SECOND);
    bar.update(200, 200, 200);
    bar.done();

    assertThat(output().lines()).hasSize(1);
  }

  @Test
  void shouldPrintNothingWithoutUpdates() {
    new ProgressBar(stream, clock::get, true, "").done();
    new ProgressBar(stream, clock::get, false, "").done();

    assertThat(output()).isEmpty();
  }

  @Test
  void shouldFormatElapsedTimeAsMinutesAndSeconds() {
    assertThat(ProgressBar.elapsed(0)).isEqualTo("0:00.0");
    assertThat(ProgressBar.elapsed(75.25)).isEqualTo("1:15.3");
    assertThat(ProgressBar.elapsed(3_600)).isEqualTo("60:00.0");
  }
}
