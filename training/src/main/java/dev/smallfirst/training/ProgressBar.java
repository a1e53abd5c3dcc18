package dev.smallfirst.training;

import java.io.PrintStream;
import java.util.function.LongSupplier;

/**
 * A text progress bar for training: redraws one line per step on a terminal and prints one line per
 * epoch with the mean loss and the elapsed time. Not thread-safe.
 */
public final class ProgressBar implements TrainingListener {

  private static final int WIDTH = 30;

  private final PrintStream out;
  private final String label;
  private final boolean redraw;
  private final LongSupplier nanoClock;
  private final long start;
  private int lastPercent = -1;

  /**
   * @param out where to draw (stderr in the CLI)
   * @param label what is being trained, e.g. {@code classify}
   * @param redraw whether the stream is a terminal that understands carriage returns
   * @param nanoClock time source, {@code System::nanoTime} outside tests
   */
  public ProgressBar(PrintStream out, String label, boolean redraw, LongSupplier nanoClock) {
    this.out = out;
    this.label = label;
    this.redraw = redraw;
    this.nanoClock = nanoClock;
    this.start = nanoClock.getAsLong();
  }

  @Override
  public void onStep(int step, int totalSteps) {
    int percent = (int) (100L * step / Math.max(1, totalSteps));
    if (!redraw || percent == lastPercent) {
      return;
    }
    lastPercent = percent;
    out.print("\r" + line(step, totalSteps) + String.format(" %3d%%", percent));
    out.flush();
  }

  @Override
  public void onEpoch(int epoch, int epochs, double meanLoss) {
    String text =
        String.format(
            "%s epoch %d/%d %s loss %.4f  %.1fs",
            label, epoch, epochs, bar(epoch, epochs), meanLoss, elapsedSeconds());
    out.println(redraw ? "\r" + text + "      " : text);
    lastPercent = -1;
  }

  @Override
  public void onScore(int epoch, double score) {
    out.printf("%s epoch %d held-out score %.4f%n", label, epoch, score);
  }

  /** Seconds since this bar was created. */
  public double elapsedSeconds() {
    return (nanoClock.getAsLong() - start) / 1e9;
  }

  private String line(int step, int totalSteps) {
    return label + " " + bar(step, totalSteps);
  }

  static String bar(long done, long total) {
    int filled = (int) Math.min(WIDTH, WIDTH * done / Math.max(1, total));
    return "[" + "#".repeat(filled) + ".".repeat(WIDTH - filled) + "]";
  }
}
