package dev.smallfirst.stack;

import dev.smallfirst.stack.internal.ApicurioRegistry;
import dev.smallfirst.stack.internal.KafkaBroker;
import dev.smallfirst.stack.internal.StackPorts;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real Kafka broker (KRaft, in this JVM) and a real Apicurio Registry (a child JVM that dies with
 * this one), both on 127.0.0.1 and free ports. Thread-safe; {@link #close()} is idempotent and also
 * runs on JVM shutdown.
 *
 * <pre>{@code
 * try (LocalStack stack = LocalStack.start(StackSettings.defaults())) {
 *   Map<String, Object> config = stack.clientConfig(); // bootstrap.servers, schema.registry.url
 * }
 * }</pre>
 */
public final class LocalStack implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(LocalStack.class);

  private final KafkaBroker kafka;
  private final ApicurioRegistry registry;
  private final WorkDir workDir;
  private final Duration startupTime;
  private final Thread shutdownHook;
  private boolean closed;

  private LocalStack(
      KafkaBroker kafka, ApicurioRegistry registry, WorkDir workDir, Duration startupTime) {
    this.kafka = kafka;
    this.registry = registry;
    this.workDir = workDir;
    this.startupTime = startupTime;
    this.shutdownHook = new Thread(this::closeQuietlyOnExit, "local-stack-shutdown");
  }

  /** Starts both servers concurrently and returns once both are ready. */
  public static LocalStack start(StackSettings settings) throws IOException {
    long started = System.nanoTime();
    WorkDir stackDir = WorkDir.open(settings.workDir());
    Path workDir = stackDir.path();
    Path apicurioHome = settings.resolveApicurioHome();
    StackPorts ports = StackPorts.resolve(workDir, settings.kafkaPort(), settings.registryPort());
    int registryPort = ports.registry();
    int managementPort = ports.management();
    CompletableFuture<ApicurioRegistry> registry =
        CompletableFuture.supplyAsync(
            () -> startRegistry(settings, apicurioHome, workDir, registryPort, managementPort));
    KafkaBroker kafka;
    try {
      kafka =
          KafkaBroker.start(
              workDir.resolve("kafka"), ports.kafka(), ports.controller(), settings.startTimeout());
    } catch (IOException | RuntimeException e) {
      registry.thenAccept(ApicurioRegistry::close);
      throw e;
    }
    ApicurioRegistry startedRegistry;
    try {
      startedRegistry = registry.join();
    } catch (CompletionException e) {
      kafka.close();
      throw e.getCause() instanceof UncheckedIOException io ? io.getCause() : new IOException(e);
    }
    Duration startupTime = Duration.ofNanos(System.nanoTime() - started);
    LocalStack stack = new LocalStack(kafka, startedRegistry, stackDir, startupTime);
    Runtime.getRuntime().addShutdownHook(stack.shutdownHook);
    log.info(
        "local stack up in {} ms: kafka {} registry {}",
        startupTime.toMillis(),
        stack.bootstrapServers(),
        stack.registryUrl());
    return stack;
  }

  private static ApicurioRegistry startRegistry(
      StackSettings settings, Path home, Path workDir, int port, int managementPort) {
    try {
      return ApicurioRegistry.start(
          home,
          settings.registryJava(),
          workDir.resolve("registry"),
          port,
          managementPort,
          settings.startTimeout());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Kafka's {@code bootstrap.servers}, e.g. {@code 127.0.0.1:40123}. */
  public String bootstrapServers() {
    return kafka.bootstrapServers();
  }

  /** The registry's Confluent-compatible API base URL. */
  public String registryUrl() {
    return registry.url();
  }

  /** {@code bootstrap.servers} and {@code schema.registry.url}, to start client configs from. */
  public Map<String, Object> clientConfig() {
    return Map.of("bootstrap.servers", bootstrapServers(), "schema.registry.url", registryUrl());
  }

  /** How long {@link #start(StackSettings)} took, both servers ready. */
  public Duration startupTime() {
    return startupTime;
  }

  /** The registry's child process. */
  public ProcessHandle registryProcess() {
    return registry.processHandle();
  }

  /** Where broker data and the registry log live. */
  public Path workDir() {
    return workDir.path();
  }

  /** Stops the registry and the broker, and deletes a temporary work folder. */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    try {
      Runtime.getRuntime().removeShutdownHook(shutdownHook);
    } catch (IllegalStateException shuttingDown) {
      // Called from the shutdown hook itself: nothing to remove.
    }
    try {
      registry.close();
    } finally {
      kafka.close();
      workDir.deleteIfTemporary();
    }
    log.info("local stack stopped");
  }

  private void closeQuietlyOnExit() {
    try {
      close();
    } catch (RuntimeException e) {
      log.warn("local stack did not stop cleanly on JVM exit", e);
    }
  }

  /** Where broker data and the registry log go: the configured folder, or a temporary one. */
  private record WorkDir(Path path, boolean temporary) {
    static WorkDir open(Optional<Path> configured) throws IOException {
      return configured.isPresent()
          ? new WorkDir(Files.createDirectories(configured.get()), false)
          : new WorkDir(Files.createTempDirectory("smallfirst-stack-"), true);
    }

    /** Deletes a temporary folder and all in it; keeps a configured one. */
    void deleteIfTemporary() {
      if (!temporary) {
        return;
      }
      try (Stream<Path> paths = Files.walk(path)) {
        paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      } catch (IOException e) {
        log.warn("could not delete {}: {}", path, e.toString());
      }
    }
  }
}
