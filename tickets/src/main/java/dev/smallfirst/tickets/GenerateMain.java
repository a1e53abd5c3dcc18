package dev.smallfirst.tickets;

import java.nio.file.Path;

/**
 * {@code ./smallfirst generate --count N --out DIR [--seed S]}: writes generated tickets as
 * per-stage JSON Lines files (see {@link TicketDatasets}).
 */
public final class GenerateMain {

  private GenerateMain() {}

  public static void main(String[] args) throws Exception {
    int count = 1000;
    long seed = 42;
    Path out = null;
    for (int i = 0; i < args.length; i++) {
      String a = args[i];
      if (a.equals("-h") || a.equals("--help")) {
        System.out.println(
            "usage: smallfirst generate --count N --out DIR [--seed S]\n"
                + "writes classify/sentiment/extract/draft/tickets.jsonl of N generated tickets");
        return;
      }
      if (i + 1 >= args.length) {
        fail("missing value for " + a);
      }
      String v = args[++i];
      switch (a) {
        case "--count" -> count = Integer.parseInt(v);
        case "--seed" -> seed = Long.parseLong(v);
        case "--out" -> out = Path.of(v);
        default -> fail("unknown option " + a);
      }
    }
    if (out == null) {
      fail("--out DIR is required");
    }
    TicketDatasets.write(new TicketGenerator(seed).next(count), out);
    System.out.printf("wrote %d tickets (seed %d) to %s%n", count, seed, out);
  }

  private static void fail(String message) {
    System.err.println("smallfirst generate: " + message);
    System.exit(2);
  }
}
