package dev.smallfirst.frontier.budget;

/** Formats micro-dollars for humans; money itself stays a {@code long}. */
public final class Money {
  private Money() {}

  /** {@code 7752} becomes {@code "$0.007752"}. */
  public static String format(long micros) {
    String sign = micros < 0 ? "-" : "";
    long abs = Math.abs(micros);
    return sign + "$" + (abs / 1_000_000) + "." + String.format("%06d", abs % 1_000_000);
  }
}
