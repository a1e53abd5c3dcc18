package dev.smallfirst.stack;

import java.io.IOException;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code ./smallfirst stack}: starts the local Kafka broker and schema registry on loopback, prints
 * their addresses and keeps them up until Ctrl-C (or SIGTERM). Exit status: 2 for arguments (it
 * takes none but {@code --help}) or bad settings. It uses picocli directly: the runtime kit depends
 * on schemas, whose tests use this module.
 */
@Command(
    name = "smallfirst stack",
    mixinStandardHelpOptions = true,
    version = "smallfirst local stack",
    description = "Starts the local Kafka broker and schema registry until Ctrl-C.",
    footer = {
      "Settings come from the environment: "
          + StackSettings.WORK_DIR
          + ", "
          + StackSettings.KAFKA_PORT
          + ", "
          + StackSettings.REGISTRY_PORT
          + ", "
          + StackSettings.APICURIO_HOME
          + ", "
          + StackSettings.REGISTRY_JAVA
          + ", "
          + StackSettings.START_TIMEOUT
    })
public final class StackMain implements Callable<Integer> {

  public static void main(String[] args) {
    System.exit(new CommandLine(new StackMain()).execute(args));
  }

  @Override
  public Integer call() throws IOException, InterruptedException {
    StackSettings settings;
    try {
      settings = StackSettings.fromEnvironment(System.getenv());
    } catch (IllegalArgumentException e) {
      System.err.println("smallfirst stack: bad setting: " + e.getMessage());
      return CommandLine.ExitCode.USAGE;
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
            + "  topic.replication.factor = 1 (one broker: set it for every deployable)%n"
            + "  work dir            = %s%n"
            + "Press Ctrl-C to stop.%n",
        stack.startupTime().toMillis(),
        stack.bootstrapServers(),
        stack.registryUrl(),
        stack.workDir());
    System.out.flush();
    stopped.await();
    return 0;
  }
}
