package dev.smallfirst.runtime.cli;

import dev.smallfirst.runtime.config.ConfigException;
import picocli.CommandLine;
import picocli.CommandLine.IVersionProvider;

/**
 * Runs a deployable's picocli command with the project's exit codes: 0 ok (and {@code --help}), 1
 * failure, 2 bad arguments or a bad setting. Bad options are picocli's own errors, which name the
 * option; a {@link ConfigException} thrown by the command prints {@code <command>: bad setting
 * <key>: <problem>}. Stateless.
 *
 * <pre>{@code
 * public static void main(String[] args) {
 *   System.exit(Commands.execute(new TopologyMain(), args));
 * }
 * }</pre>
 */
public final class Commands {
  /** Exit status for bad arguments and bad settings (picocli's usage-error code). */
  public static final int BAD_USAGE = CommandLine.ExitCode.USAGE;

  /** Exit status when the command failed. */
  public static final int FAILED = CommandLine.ExitCode.SOFTWARE;

  private Commands() {}

  /** Parses {@code args} into {@code command}, runs it and returns the exit status. */
  public static int execute(Object command, String... args) {
    return commandLine(command).execute(args);
  }

  /** The command line {@link #execute} uses, for tests that capture its output. */
  public static CommandLine commandLine(Object command) {
    return new CommandLine(command)
        .setExecutionExceptionHandler(
            (e, cl, parsed) -> {
              if (e instanceof ConfigException) {
                cl.getErr().println(cl.getCommandName() + ": bad setting " + e.getMessage());
                return BAD_USAGE;
              }
              throw e;
            });
  }

  /** How a deployable waits for its end; true when it failed. */
  @FunctionalInterface
  public interface Termination {
    boolean awaitFailed() throws InterruptedException;
  }

  /**
   * Closes {@code app} on SIGTERM/Ctrl-C and waits until it ends; returns 0 after a graceful end.
   * When it failed, prints {@code failure} and halts with 1 at once (closing what failed could
   * hang).
   */
  public static int runUntilStopped(
      AutoCloseable app, String name, Termination termination, String failure)
      throws InterruptedException {
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  try {
                    app.close();
                  } catch (Exception e) {
                    System.err.println(name + ": closing failed: " + e);
                  }
                },
                name + "-shutdown"));
    if (termination.awaitFailed()) {
      System.err.println(failure);
      Runtime.getRuntime().halt(FAILED);
    }
    return 0;
  }

  /** {@code --version}: the jar's Implementation-Version, or {@code development} from sources. */
  public static final class Version implements IVersionProvider {
    @Override
    public String[] getVersion() {
      String v = Commands.class.getPackage().getImplementationVersion();
      return new String[] {"smallfirst " + (v == null ? "development" : v)};
    }
  }
}
