package dev.smallfirst.tickets;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code ./smallfirst generate --count N --out DIR [--seed S]}: writes generated tickets as
 * per-stage JSON Lines files (see {@link TicketDatasets}). Exit status 0 on success, 1 on I/O
 * failure, 2 for bad arguments.
 */
@Command(
    name = "smallfirst generate",
    sortOptions = false,
    description = {
      "Writes classify/sentiment/extract/draft/tickets.jsonl of N generated tickets,",
      "and label-groups.json (each intent's category, for train --label-groups)."
    })
public final class GenerateMain implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--count", paramLabel = "N", description = "tickets to generate (default: 1000)")
  int count = 1000;

  @Option(names = "--seed", paramLabel = "S", description = "random seed (default: 42)")
  long seed = 42;

  @Option(
      names = "--out",
      paramLabel = "DIR",
      required = true,
      description = "directory to write the files to (required)")
  Path out;

  @Option(
      names = {"-h", "--help"},
      usageHelp = true,
      description = "print this help and exit")
  boolean help;

  private GenerateMain() {}

  public static void main(String[] args) {
    System.exit(run(args));
  }

  /** Runs the command; returns the exit status. */
  static int run(String... args) {
    return new CommandLine(new GenerateMain()).execute(args);
  }

  @Override
  public Integer call() throws Exception {
    if (count < 0) {
      throw new CommandLine.ParameterException(
          spec.commandLine(), "--count must not be negative, got " + count);
    }
    TicketDatasets.write(new TicketGenerator(seed).next(count), out);
    System.out.printf("wrote %d tickets (seed %d) to %s%n", count, seed, out);
    return CommandLine.ExitCode.OK;
  }
}
