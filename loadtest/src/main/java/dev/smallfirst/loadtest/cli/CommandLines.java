package dev.smallfirst.loadtest.cli;

import dev.smallfirst.runtime.config.ConfigException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.OverwrittenOptionException;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * picocli for the load test's and the demo's command lines: parses into an annotated command and
 * turns picocli's errors and the commands' range checks into a {@link ConfigException} whose key is
 * the option ({@code --rate: not a number: 'x'}), so every error names what to fix. Stateless.
 */
public final class CommandLines {
  /** The problem of an option that no command declares. */
  public static final String UNKNOWN_OPTION = "unknown option (see --help)";

  private static final Pattern VALUE_EXPECTED =
      Pattern.compile("Expected parameter for option '([^']+)'");

  private CommandLines() {}

  /**
   * Parses {@code args} into {@code command}'s annotated fields and returns {@code command}.
   *
   * @throws ConfigException naming the option: unknown, missing or repeated value, not a number
   */
  public static <T> T parse(T command, String... args) {
    return parse(command, false, args);
  }

  /**
   * As {@link #parse(Object, String...)}; with {@code repeatsAllowed}, an option given twice takes
   * the last value instead of failing.
   */
  public static <T> T parse(T command, boolean repeatsAllowed, String... args) {
    CommandLine line = new CommandLine(command);
    line.setOverwrittenOptionsAllowed(repeatsAllowed);
    // A value that looks like an option is a forgotten value, not a value.
    line.setUnmatchedOptionsAllowedAsOptionParameters(false);
    try {
      line.parseArgs(args);
    } catch (ParameterException e) {
      throw named(e);
    }
    return command;
  }

  /**
   * The usage text of {@code command}, options shown as {@code --option VALUE} (the parser takes
   * {@code --option=VALUE} too).
   */
  public static String usage(Object command) {
    CommandLine line = new CommandLine(command);
    line.setSeparator(" ");
    return line.getUsageMessage(CommandLine.Help.Ansi.OFF);
  }

  /** Whether {@code option} was on the command line that {@code spec}'s command was parsed from. */
  public static boolean given(CommandLine.Model.CommandSpec spec, String option) {
    return spec.commandLine().getParseResult().hasMatchedOption(option);
  }

  /** {@code value} if within [min, max], else an error naming {@code option}. */
  public static long within(String option, long value, long min, long max) {
    if (value < min || value > max) {
      throw new ConfigException(option, "must be within [" + min + ", " + max + "], got " + value);
    }
    return value;
  }

  /** {@code value} if within [min, max] (NaN is not), else an error naming {@code option}. */
  public static double within(String option, double value, double min, double max) {
    if (!(value >= min && value <= max)) {
      throw new ConfigException(
          option,
          "must be within [" + number(min) + ", " + number(max) + "], got " + number(value));
    }
    return value;
  }

  /** {@code value} stripped; an error naming {@code option} when missing or blank. */
  public static String required(String option, String value) {
    if (value == null || value.isBlank()) {
      throw new ConfigException(option, "required");
    }
    return value;
  }

  /** {@code path}, refusing a blank one. */
  public static Optional<Path> path(String option, Optional<Path> path) {
    path.ifPresent(
        p -> {
          if (p.toString().isBlank()) {
            throw new ConfigException(option, "must not be blank");
          }
        });
    return path;
  }

  /** Refuses {@code option} when given, because {@code other} is ({@code why}). */
  public static void notWith(
      CommandLine.Model.CommandSpec spec, String option, String other, String why) {
    if (given(spec, option)) {
      throw new ConfigException(option, "not used with " + other + " (" + why + ")");
    }
  }

  /** Refuses {@code option} when given, because it only applies with {@code other}. */
  public static void onlyWith(CommandLine.Model.CommandSpec spec, String option, String other) {
    if (given(spec, option)) {
      throw new ConfigException(option, "only used with " + other);
    }
  }

  /** picocli's error as a {@link ConfigException} keyed by the option it is about. */
  static ConfigException named(ParameterException e) {
    // picocli names the option whose value is missing only in its message.
    Matcher forgotten = VALUE_EXPECTED.matcher(String.valueOf(e.getMessage()));
    if (forgotten.find()) {
      return new ConfigException(forgotten.group(1), "needs a value");
    }
    if (e instanceof UnmatchedArgumentException u && !u.getUnmatched().isEmpty()) {
      String arg = u.getUnmatched().getFirst();
      int eq = arg.indexOf('=');
      return new ConfigException(
          arg.startsWith("--") && eq > 0 ? arg.substring(0, eq) : arg, UNKNOWN_OPTION);
    }
    if (e instanceof OverwrittenOptionException o) {
      return new ConfigException(name(o.getOverwritten()), "given more than once");
    }
    if (e instanceof CommandLine.MissingParameterException m && !m.getMissing().isEmpty()) {
      return new ConfigException(name(m.getMissing().getFirst()), "needs a value");
    }
    ArgSpec arg = e.getArgSpec();
    if (arg != null && e.getValue() != null) {
      Class<?> type = arg.type();
      String what =
          type == int.class || type == long.class || type == Integer.class || type == Long.class
              ? "not a whole number"
              : type == double.class || type == Double.class
                  ? "not a number"
                  : type == Path.class ? "not a valid path" : "not valid";
      return new ConfigException(name(arg), what + ": '" + e.getValue() + "'");
    }
    return new ConfigException(arg == null ? "arguments" : name(arg), e.getMessage());
  }

  private static String name(ArgSpec arg) {
    return arg instanceof OptionSpec o ? o.longestName() : arg.paramLabel();
  }

  private static String number(double v) {
    return v == Math.rint(v) && !Double.isInfinite(v)
        ? Long.toString((long) v)
        : Double.toString(v);
  }
}
