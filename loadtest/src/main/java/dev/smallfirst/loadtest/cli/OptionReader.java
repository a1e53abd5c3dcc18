package dev.smallfirst.loadtest.cli;

import dev.smallfirst.runtime.config.ConfigException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Typed access to command-line options already split into {@code option -> value}; every error is a
 * {@link ConfigException} that names the option. Shared by the load test's and the demo's command
 * lines. Immutable.
 *
 * @param given the options given, by name (e.g. {@code --rate})
 */
public record OptionReader(Map<String, String> given) {
  public OptionReader {
    given = Map.copyOf(given);
  }

  /** The value of {@code option}, if given. */
  public Optional<String> optional(String option) {
    return Optional.ofNullable(given.get(option));
  }

  /** The value of {@code option}; it must be given and not blank. */
  public String required(String option) {
    String value = given.get(option);
    if (value == null || value.isBlank()) {
      throw new ConfigException(option, "required");
    }
    return value;
  }

  /** Refuses {@code option} when given, because {@code other} is ({@code why}). */
  public void notWith(String option, String other, String why) {
    if (given.containsKey(option)) {
      throw new ConfigException(option, "not used with " + other + " (" + why + ")");
    }
  }

  /** Refuses {@code option} when given, because it only applies with {@code other}. */
  public void onlyWith(String option, String other) {
    if (given.containsKey(option)) {
      throw new ConfigException(option, "only used with " + other);
    }
  }

  /** A whole number within [min, max], or {@code fallback} when not given. */
  public int integer(String option, int fallback, int min, int max) {
    return number(option, (long) fallback, (long) min, (long) max, Long::parseLong, "a whole")
        .intValue();
  }

  /** Any whole number, or {@code fallback} when not given. */
  public long longValue(String option, long fallback) {
    return number(option, fallback, Long.MIN_VALUE, Long.MAX_VALUE, Long::parseLong, "a whole");
  }

  /** A number within [min, max], or {@code fallback} when not given. */
  public double decimal(String option, double fallback, double min, double max) {
    return number(option, fallback, min, max, Double::parseDouble, "a");
  }

  /** The value of {@code option} within [min, max] (NaN is above every max). */
  private <T extends Comparable<T>> T number(
      String option, T fallback, T min, T max, Function<String, T> parse, String article) {
    String raw = given.get(option);
    if (raw == null) {
      return fallback;
    }
    T value;
    try {
      value = parse.apply(raw.strip());
    } catch (NumberFormatException e) {
      throw new ConfigException(option, "not " + article + " number: '" + raw + "'");
    }
    if (value.compareTo(min) < 0 || value.compareTo(max) > 0) {
      throw new ConfigException(
          option, "must be within [" + fmt(min) + ", " + fmt(max) + "], got " + raw.strip());
    }
    return value;
  }

  /** A path, if given; blank or invalid paths are refused. */
  public Optional<Path> path(String option) {
    return optional(option)
        .map(
            raw -> {
              if (raw.isBlank()) {
                throw new ConfigException(option, "must not be blank");
              }
              try {
                return Path.of(raw);
              } catch (InvalidPathException e) {
                throw new ConfigException(option, "not a valid path: '" + raw + "'");
              }
            });
  }

  private static String fmt(Object v) {
    return v instanceof Double d && d == Math.rint(d) ? Long.toString(d.longValue()) : v.toString();
  }
}
