package dev.smallfirst.training;

import dev.smallfirst.tickets.TicketDatasets;
import dev.smallfirst.tickets.TicketGenerator;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/** Test helpers: small generated data sets and running the CLIs with captured output. */
final class Generated {

  private Generated() {}

  /** Writes {@code count} generated tickets (seed) as stage files into {@code dir}. */
  static Path tickets(Path dir, long seed, int count) throws Exception {
    TicketDatasets.write(new TicketGenerator(seed).next(count), dir);
    return dir;
  }

  /** The exit status and everything printed by a CLI run. */
  record Run(int status, String output) {}

  /**
   * Runs {@code smallfirst train}; without an {@code --encoder} flag, with {@code --encoder none}
   * (the n-gram / LSTM models, whose tests these are; the encoder's are EncoderTrainingTest).
   */
  static Run train(String... args) {
    if (!java.util.Arrays.asList(args).contains("--encoder")) {
      String[] withNone = java.util.Arrays.copyOf(args, args.length + 2);
      withNone[args.length] = "--encoder";
      withNone[args.length + 1] = "none";
      args = withNone;
    }
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    int status = TrainMain.run(args, new PrintStream(buf, true, StandardCharsets.UTF_8), false);
    return new Run(status, buf.toString(StandardCharsets.UTF_8));
  }

  static Run eval(String... args) {
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    PrintStream out = new PrintStream(buf, true, StandardCharsets.UTF_8);
    int status = dev.smallfirst.eval.EvalMain.run(args, out, out);
    return new Run(status, buf.toString(StandardCharsets.UTF_8));
  }
}
