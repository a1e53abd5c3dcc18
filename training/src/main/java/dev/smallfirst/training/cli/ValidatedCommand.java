package dev.smallfirst.training.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * A picocli command whose flags are validated into an options value before it runs: a validation
 * error ({@link IllegalArgumentException}) exits 2 with its message, like a parse error. Adds
 * {@code -h/--help}. Not thread-safe: one instance per run.
 *
 * @param <O> the validated options
 */
public abstract class ValidatedCommand<O> implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin HelpOption help = new HelpOption();

  /** The validated options; throws {@link IllegalArgumentException} naming the bad option. */
  protected abstract O options();

  /** Runs with valid options; returns the exit status ({@link Cli#OK}, ...). */
  protected abstract int run(O options);

  @Override
  public final Integer call() {
    O options;
    try {
      options = options();
    } catch (IllegalArgumentException e) {
      throw Cli.badUsage(spec, e.getMessage());
    }
    return run(options);
  }
}
