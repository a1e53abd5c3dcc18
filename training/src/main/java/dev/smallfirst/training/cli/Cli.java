package dev.smallfirst.training.cli;

import dev.smallfirst.records.Stage;
import dev.smallfirst.schemas.stages.StageCatalogue;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

/**
 * Runs the training module's picocli commands with picocli's exit codes (0 ok, 1 failure, 2 bad
 * arguments) and converts what the options share. Stateless.
 *
 * <pre>{@code
 * int status = Cli.execute(new EvalCommand(), args, System.out, System.err);
 * }</pre>
 */
public final class Cli {
  /** Exit status of a command that did what it was asked. */
  public static final int OK = CommandLine.ExitCode.OK;

  /** Exit status of a command that failed (I/O, engine). */
  public static final int FAILED = CommandLine.ExitCode.SOFTWARE;

  /** Exit status of bad arguments or unusable input. */
  public static final int BAD_USAGE = CommandLine.ExitCode.USAGE;

  private Cli() {}

  /** Parses {@code args} into {@code command} and runs it; help goes to {@code out}. */
  public static int execute(Object command, String[] args, PrintStream out, PrintStream err) {
    return new CommandLine(command)
        .setOut(writer(out))
        .setErr(writer(err))
        .setCaseInsensitiveEnumValuesAllowed(true)
        .execute(args);
  }

  /**
   * Parses {@code args} into {@code command} without running it.
   *
   * @throws ParameterException naming the bad option
   */
  public static <T> T parse(T command, String... args) {
    new CommandLine(command).parseArgs(args);
    return command;
  }

  /**
   * A {@link ParameterException} for {@code spec}'s command line: validation errors exit 2 like
   * parse errors.
   */
  public static ParameterException badUsage(CommandSpec spec, String message) {
    return new ParameterException(spec.commandLine(), message);
  }

  private static PrintWriter writer(PrintStream stream) {
    return new PrintWriter(stream, true, StandardCharsets.UTF_8);
  }

  /** {@code classify|extract|sentiment|draft}, any case. */
  public static final class StageConverter implements CommandLine.ITypeConverter<Stage> {
    @Override
    public Stage convert(String value) {
      try {
        return StageCatalogue.parseSmallModel(value);
      } catch (IllegalArgumentException e) {
        throw new CommandLine.TypeConversionException(e.getMessage());
      }
    }
  }
}
