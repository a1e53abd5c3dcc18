package dev.smallfirst.frontier.budget;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

/** A budget window: the UTC clock hour or the UTC calendar day a spend falls into. */
public enum SpendWindow {
  HOUR(ChronoUnit.HOURS),
  DAY(ChronoUnit.DAYS);

  private final ChronoUnit unit;

  SpendWindow(ChronoUnit unit) {
    this.unit = unit;
  }

  /** Start of the window that contains {@code t}. */
  public Instant start(Instant t) {
    return t.truncatedTo(unit);
  }

  /** Lower-case name used in ledger keys and metric tags. */
  public String label() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
