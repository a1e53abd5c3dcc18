package dev.smallfirst.frontier.llm;

import java.time.Clock;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.function.Function;

/**
 * Reads the wait a provider asks for from response headers: {@code retry-after-ms} (milliseconds,
 * sent by Anthropic and OpenAI), else {@code retry-after} in seconds or as an HTTP date (RFC 9110).
 * Anything unparsable or negative counts as absent.
 */
public final class RetryAfter {
  private RetryAfter() {}

  /**
   * The requested wait, if the headers carry a valid one.
   *
   * @param header header value by lower-case name, empty when absent
   */
  public static Optional<Duration> parse(Function<String, Optional<String>> header, Clock clock) {
    Optional<Duration> millis =
        header.apply("retry-after-ms").flatMap(v -> number(v, 1)).map(Duration::ofNanos);
    if (millis.isPresent()) {
      return millis;
    }
    return header
        .apply("retry-after")
        .flatMap(v -> number(v, 1_000).map(Duration::ofNanos).or(() -> httpDate(v.trim(), clock)));
  }

  /** {@code value} units as nanoseconds. */
  private static Optional<Long> number(String value, long millisPerUnit) {
    try {
      double d = Double.parseDouble(value.trim());
      if (!(d >= 0) || Double.isInfinite(d)) {
        return Optional.empty();
      }
      return Optional.of((long) (d * millisPerUnit * 1_000_000L));
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }

  private static Optional<Duration> httpDate(String value, Clock clock) {
    try {
      ZonedDateTime at = ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME);
      Duration d = Duration.between(clock.instant(), at.toInstant());
      return Optional.of(d.isNegative() ? Duration.ZERO : d);
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
  }
}
