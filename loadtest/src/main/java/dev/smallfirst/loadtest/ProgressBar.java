package dev.smallfirst.loadtest;

import java.io.Console;
import java.io.PrintStream;
import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * Live progress of a {@link LoadRun}: on a terminal one line rewritten in place ({@code \r}); in a
 * log or pipe a line every {@link #LINE_INTERVAL_NANOS five seconds}, so that CI logs stay short.
 * Shows sent and settled (answered or dead-lettered) of the total, the settled percentage, the
 * elapsed time and the settled rate. Call {@link #done()} after the run. Called from one thread.
 */
public final class ProgressBar implements LoadRun.Progress {
  /** Interval between lines when the output is not a terminal. */
  public static final long LINE_INTERVAL_NANOS = 5_000_000_000L;

  private final PrintStream out;
  private final LongSupplier nanoClock;
  private final boolean terminal;
  private final String label;
  private final long startNanos;
  private long lastLineNanos;
  private String last;
  private boolean lastPrinted;
  private int width;

  /**
   * @param out where to draw (standard error in the CLI)
   * @param nanoClock monotonic nanoseconds; the bar's elapsed time starts at construction
   * @param terminal whether {@code out} is a terminal (rewrite one line) or not (a line every 5 s)
   * @param label printed before the figures (e.g. the step), or empty
   */
  public ProgressBar(PrintStream out, LongSupplier nanoClock, boolean terminal, String label) {
    this.out = out;
    this.nanoClock = nanoClock;
    this.terminal = terminal;
    this.label = label.isEmpty() ? "" : label + "  ";
    this.startNanos = nanoClock.getAsLong();
    this.lastLineNanos = startNanos;
  }

  /**
   * A bar on {@code out}: it rewrites its line when {@code out} is this process's standard error
   * and that is a terminal, and prints a line every 5 s otherwise (a log, a test's buffer).
   */
  public static ProgressBar on(PrintStream out, String label) {
    return new ProgressBar(out, System::nanoTime, out == System.err && hasTerminal(), label);
  }

  @Override
  public void update(long sent, long settled, long total) {
    long now = nanoClock.getAsLong();
    last = line(sent, settled, total, now - startNanos);
    lastPrinted = false;
    if (terminal) {
      draw(last);
    } else if (now - lastLineNanos >= LINE_INTERVAL_NANOS) {
      out.println(last);
      lastLineNanos = now;
      lastPrinted = true;
    }
  }

  /** Ends the bar: a newline on a terminal; elsewhere the last state, unless already printed. */
  public void done() {
    if (terminal) {
      if (last != null) {
        out.println();
      }
    } else if (last != null && !lastPrinted) {
      out.println(last);
      lastPrinted = true;
    }
    out.flush();
  }

  private void draw(String line) {
    // Pad over what the previous, longer line left behind.
    String padded = line.length() < width ? line + " ".repeat(width - line.length()) : line;
    width = line.length();
    out.print("\r" + padded);
    out.flush();
  }

  private String line(long sent, long settled, long total, long elapsedNanos) {
    double seconds = elapsedNanos / 1e9;
    double percent = total == 0 ? 100 : 100.0 * settled / total;
    return String.format(
        Locale.ROOT,
        "%ssent %d/%d  settled %d/%d  %5.1f%%  %s  %.1f settled/s",
        label,
        sent,
        total,
        settled,
        total,
        percent,
        elapsed(seconds),
        seconds <= 0 ? 0.0 : settled / seconds);
  }

  /** {@code m:ss.s}. */
  static String elapsed(double seconds) {
    long tenths = Math.round(seconds * 10);
    return String.format(Locale.ROOT, "%d:%02d.%d", tenths / 600, tenths / 10 % 60, tenths % 10);
  }

  /**
   * Whether this process writes to a terminal. From JDK 22 {@link System#console()} is not null in
   * a pipe either, and {@code Console.isTerminal()} tells; on JDK 21 a console means a terminal.
   */
  static boolean hasTerminal() {
    Console console = System.console();
    if (console == null) {
      return false;
    }
    try {
      return (Boolean) Console.class.getMethod("isTerminal").invoke(console);
    } catch (ReflectiveOperationException e) {
      return true;
    }
  }
}
