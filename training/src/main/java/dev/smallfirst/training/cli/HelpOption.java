package dev.smallfirst.training.cli;

import picocli.CommandLine.Option;

/** The {@code -h/--help} option every training command has, as a picocli mixin. */
public final class HelpOption {
  @Option(
      names = {"-h", "--help"},
      usageHelp = true,
      description = "print this help and exit")
  boolean help;
}
