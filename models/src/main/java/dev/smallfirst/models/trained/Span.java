package dev.smallfirst.models.trained;

/**
 * An extracted entity: its label, {@code [start, end)} character offsets, text, and the calibrated
 * probability that exactly this span with this label is right.
 */
public record Span(int start, int end, String label, String text, double confidence) {
  public Span {
    if (start < 0 || end < start) {
      throw new IllegalArgumentException("bad span [" + start + ", " + end + ")");
    }
  }
}
