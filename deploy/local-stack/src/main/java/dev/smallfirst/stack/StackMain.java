package dev.smallfirst.stack;

import java.io.IOException;
import java.util.concurrent.CountDownLatch;

/**
 * {@code ./smallfirst stack}: starts the local Kafka broker and schema registry on loopback, prints
 * their addresses and keeps them up until Ctrl-C (or SIGTERM).
 */
public final class StackMain {
  private StackMain() {}

  public static void main(String[] args) throws IOException, InterruptedException {
    if (args.length > 0) {
      System.err.println(
          "usage: smallfirst stack   (settings come from the environment: "
              + String.join(
                  ", ",
                  StackSettings.WORK_DIR,
                  StackSettings.KAFKA_PORT,
                  StackSettings.REGISTRY_PORT,
                  StackSettings.APICURIO_HOME,
                  StackSettings.REGISTRY_JAVA,
                  StackSettings.START_TIMEOUT)
              + ")");
      System.exit(args[0].equals("--help") || args[0].equals("-h") ? 0 : 2);
    }
    StackSettings settings;
    try {
      settings = StackSettings.fromEnvironment(System.getenv());
    } catch (IllegalArgumentException e) {
      System.err.println("smallfirst stack: bad setting: " + e.getMessage());
      System.exit(2);
      return;
    }
    LocalStack stack = LocalStack.start(settings);
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  stack.close();
                  stopped.countDown();
                },
                "stack-main-shutdown"));
    System.out.printf(
        "%nsmallfirst local stack is up (%d ms)%n"
            + "  bootstrap.servers   = %s%n"
            + "  schema.registry.url = %s%n"
            + "  work dir            = %s%n"
            + "Press Ctrl-C to stop.%n",
        stack.startupTime().toMillis(),
        stack.bootstrapServers(),
        stack.registryUrl(),
        stack.workDir());
    System.out.flush();
    stopped.await();
  }
}
