package dev.smallfirst.eval;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;

/**
 * What one message costs on each route, in micro-dollars, and how good the frontier model is on
 * what it receives; the threshold sweep prices escalation with it.
 *
 * @param smallMicros cost of the small model's call for one message (always paid)
 * @param frontierMicros extra cost of a frontier call when the message escalates
 * @param frontierQuality probability that the frontier model gets an escalated message right
 */
public record PriceTable(long smallMicros, long frontierMicros, double frontierQuality) {

  public PriceTable {
    if (smallMicros < 0 || frontierMicros < 0) {
      throw new IllegalArgumentException("prices must not be negative");
    }
    if (frontierQuality < 0 || frontierQuality > 1) {
      throw new IllegalArgumentException("frontierQuality must be in [0, 1]");
    }
  }

  /**
   * $0.00005 per small-model call (CPU inference) and $0.012 per frontier call (about 2,000 input
   * and 400 output tokens at $3 / $15 per million), frontier right 97% of the time.
   */
  public static PriceTable defaults() {
    return new PriceTable(50, 12_000, 0.97);
  }

  /** Reads {@code {"smallMicros": .., "frontierMicros": .., "frontierQuality": ..}}. */
  public static PriceTable read(Path file) throws IOException {
    JsonNode n = new ObjectMapper().readTree(file.toFile());
    PriceTable d = defaults();
    try {
      return new PriceTable(
          n.path("smallMicros").asLong(d.smallMicros()),
          n.path("frontierMicros").asLong(d.frontierMicros()),
          n.path("frontierQuality").asDouble(d.frontierQuality()));
    } catch (IllegalArgumentException e) {
      throw new IOException(file + ": " + e.getMessage(), e);
    }
  }

  /** Cost of 1,000 messages in micro-dollars when {@code escalationRate} of them escalate. */
  public long costPer1000Micros(double escalationRate) {
    return 1000 * smallMicros + Math.round(1000 * escalationRate * frontierMicros);
  }
}
