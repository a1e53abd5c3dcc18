package dev.smallfirst.stack.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real Apicurio Registry running as a child JVM on loopback, with BACKWARD global compatibility
 * (Confluent's default). The child carries a {@link ParentWatchdog} agent, so it halts when this
 * JVM closes its standard input or dies. Not thread-safe; {@link #close()} is idempotent.
 */
public final class ApicurioRegistry implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(ApicurioRegistry.class);
  private static final Duration POLL = Duration.ofMillis(100);

  private final Process process;
  private final int port;
  private final Path logFile;

  private ApicurioRegistry(Process process, int port, Path logFile) {
    this.process = process;
    this.port = port;
    this.logFile = logFile;
  }

  /**
   * Starts the registry from the unpacked distribution {@code home} with {@code java} and waits
   * until its readiness endpoint answers UP, or fails with the tail of its log.
   */
  public static ApicurioRegistry start(
      Path home, Path java, Path workDir, int httpPort, int managementPort, Duration timeout)
      throws IOException {
    Files.createDirectories(workDir);
    Path agent = AgentJar.write(workDir);
    Path logFile = workDir.resolve("registry.log");
    List<String> command = new ArrayList<>();
    command.add(java.toString());
    command.add("-javaagent:" + agent);
    command.addAll(
        List.of(
            "-XX:TieredStopAtLevel=1",
            "-XX:+UseSerialGC",
            "-Xmx256m",
            "-Dquarkus.log.level=WARN",
            "-Dquarkus.http.host=127.0.0.1",
            "-Dquarkus.http.port=" + httpPort,
            "-Dquarkus.management.host=127.0.0.1",
            "-Dquarkus.management.port=" + managementPort,
            "-Dapicurio.rules.global.compatibility=BACKWARD",
            // Schemas in an H2 file in the work folder, not in memory: a restarted registry knows
            // every id it gave out, so old records still decode and no id is given out twice.
            "-Dapicurio.datasource.url=jdbc:h2:file:"
                + workDir.toAbsolutePath().resolve("schemas")
                + ";DB_CLOSE_ON_EXIT=FALSE;WRITE_DELAY=0",
            "-jar",
            home.resolve("quarkus-run.jar").toString()));
    Process process =
        new ProcessBuilder(command)
            .directory(home.toFile())
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.to(logFile.toFile()))
            .start();
    ApicurioRegistry registry = new ApicurioRegistry(process, httpPort, logFile);
    try {
      registry.awaitReady(managementPort, timeout);
    } catch (RuntimeException | IOException e) {
      registry.close();
      throw e;
    }
    log.info("Apicurio Registry ready on 127.0.0.1:{} (pid {})", httpPort, process.pid());
    return registry;
  }

  private void awaitReady(int managementPort, Duration timeout) throws IOException {
    URI ready = URI.create("http://127.0.0.1:" + managementPort + "/health/ready");
    long deadline = System.nanoTime() + timeout.toNanos();
    try (HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build()) {
      HttpRequest request = HttpRequest.newBuilder(ready).timeout(Duration.ofSeconds(2)).build();
      while (System.nanoTime() < deadline) {
        if (isUp(http, request)) {
          return;
        }
        if (exitedWithin(POLL)) {
          throw new IOException(
              "Apicurio Registry exited with code "
                  + process.exitValue()
                  + " before it was ready; log "
                  + logFile
                  + ":\n"
                  + logTail());
        }
      }
    }
    throw new IOException(
        "Apicurio Registry not ready at " + ready + " within " + timeout + "; log:\n" + logTail());
  }

  /**
   * Whether the registry answers ready now. Any I/O error means not yet: while Quarkus starts, the
   * port may refuse the connection, time out, or accept it and close it without a byte ("header
   * parser received no bytes", which once failed a CI run); the caller's deadline and exit check
   * end the wait.
   */
  private static boolean isUp(HttpClient http, HttpRequest request) throws IOException {
    try {
      return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
    } catch (IOException notYet) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while waiting for Apicurio Registry", e);
    }
  }

  /** Waits up to {@code wait} for the process to exit; true when it has. */
  private boolean exitedWithin(Duration wait) throws IOException {
    try {
      process.onExit().get(wait.toMillis(), TimeUnit.MILLISECONDS);
      return true;
    } catch (TimeoutException stillRunning) {
      return false;
    } catch (ExecutionException e) {
      throw new IOException("cannot observe the registry process", e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while waiting for Apicurio Registry", e);
    }
  }

  /**
   * Base URL of the Confluent-compatible API, e.g. {@code http://127.0.0.1:8081/apis/ccompat/v7}.
   */
  public String url() {
    return "http://127.0.0.1:" + port + "/apis/ccompat/v7";
  }

  /** The child's process handle (for tests that check nothing outlives the stack). */
  public ProcessHandle processHandle() {
    return process.toHandle();
  }

  /** The file the child's standard output and error go to. */
  public Path logFile() {
    return logFile;
  }

  private String logTail() {
    try {
      List<String> lines = Files.readAllLines(logFile, StandardCharsets.UTF_8);
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
    } catch (IOException e) {
      return "(log unreadable: " + e + ")";
    }
  }

  /**
   * Stops the child: closing its standard input makes its watchdog halt it at once (its storage is
   * in memory, so there is nothing to flush); a child that is still alive after 10 s is killed.
   */
  @Override
  public void close() {
    if (!process.isAlive()) {
      return;
    }
    try {
      // SIGTERM first: Quarkus shuts down and closes the schema database cleanly; the watchdog
      // (end of its standard input) halts it if that takes too long.
      process.destroy();
      if (!exitedWithin(Duration.ofSeconds(10))) {
        process.getOutputStream().close();
      }
      if (!exitedWithin(Duration.ofSeconds(10))) {
        log.warn("Apicurio Registry (pid {}) ignored its watchdog; killing it", process.pid());
        process.destroyForcibly();
        process.onExit().get(10, TimeUnit.SECONDS);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot stop Apicurio Registry pid " + process.pid(), e);
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException("Apicurio Registry pid " + process.pid() + " did not die", e);
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }
}
