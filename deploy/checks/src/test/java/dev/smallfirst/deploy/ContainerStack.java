package dev.smallfirst.deploy;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.output.OutputFrame;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.utility.DockerImageName;

/**
 * The pipeline as containers of our own images, on the host network with free ports: the test
 * broker and registry, then topology, worker and frontier-worker containers on demand. Builds the
 * images from this build's jars first ({@code deploy/images/build --no-maven --test-images}, over
 * the local base when it exists or {@code BASE_IMAGE} when set). Each container's output goes to
 * {@code target/container-logs/NAME.log}. Close it to remove every container it started (Ryuk is
 * off: its image cannot be pulled here).
 */
final class ContainerStack implements AutoCloseable {
  private static final org.slf4j.Logger log =
      org.slf4j.LoggerFactory.getLogger(ContainerStack.class);
  static final String LOCAL_BASE = "smallfirst/local-base:bookworm-jre";
  private static final Duration START = Duration.ofMinutes(4);
  private static final HttpClient HTTP =
      HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL).build();

  private final String tag;
  private final List<GenericContainer<?>> started = new ArrayList<>();
  private final Path logs = Path.of("target/container-logs");
  final int kafkaPort = freePort();
  final int registryPort = freePort();

  private ContainerStack(String tag) {
    this.tag = tag;
  }

  /** Skips the calling test class, saying why, when no Docker engine answers. */
  static ContainerStack startBrokerAndRegistry() throws Exception {
    Assumptions.assumeTrue(
        dockerAnswers(),
        "container ITs skipped: no Docker engine answers (DOCKER_HOST or /var/run/docker.sock);"
            + " .ci/run installs docker.io and starts dockerd where it can");
    String tag = System.getProperty("project.version", "0.1.0-SNAPSHOT").toLowerCase(Locale.ROOT);
    buildImages();
    ContainerStack stack = new ContainerStack(tag);
    deleteLogs(stack.logs);
    try {
      GenericContainer<?> kafka =
          stack
              .container("test-kafka", "kafka", Map.of())
              .withEnv("KAFKA_PORT", String.valueOf(stack.kafkaPort))
              .withEnv("KAFKA_CONTROLLER_PORT", String.valueOf(freePort()))
              .waitingFor(
                  Wait.forLogMessage(".*Kafka Server started.*", 1).withStartupTimeout(START));
      int management = freePort();
      GenericContainer<?> registry =
          stack
              .container("test-registry", "registry", Map.of())
              .withEnv("REGISTRY_PORT", String.valueOf(stack.registryPort))
              .withEnv("REGISTRY_MANAGEMENT_PORT", String.valueOf(management));
      stack.start(kafka);
      stack.start(registry);
      awaitReady(new App(registry, management), "/health/ready");
      return stack;
    } catch (RuntimeException e) {
      stack.close();
      throw e;
    }
  }

  private static boolean dockerAnswers() {
    try {
      return DockerClientFactory.instance().isDockerAvailable();
    } catch (RuntimeException e) {
      log.warn("no usable Docker engine: {}", e.toString());
      return false;
    }
  }

  private static void buildImages() throws IOException, InterruptedException {
    List<String> command =
        new ArrayList<>(List.of("deploy/images/build", "--no-maven", "--test-images"));
    if (System.getenv("BASE_IMAGE") == null && imageExists(LOCAL_BASE)) {
      command.add("--local-base");
    }
    Path log = Path.of("target/image-build.log").toAbsolutePath();
    Process p =
        new ProcessBuilder(command)
            .directory(Deployment.ROOT.toFile())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .start();
    if (p.waitFor() != 0) {
      throw new IllegalStateException(
          "image build failed; see " + log + ":\n" + Files.readString(log));
    }
  }

  private static boolean imageExists(String image) {
    try {
      DockerClientFactory.instance().client().inspectImageCmd(image).exec();
      return true;
    } catch (RuntimeException notThere) {
      return false;
    }
  }

  String bootstrapServers() {
    return "127.0.0.1:" + kafkaPort;
  }

  String registryUrl() {
    return "http://127.0.0.1:" + registryPort + "/apis/ccompat/v7";
  }

  /** Settings every deployable container gets. */
  private Map<String, String> common() {
    Map<String, String> env = new HashMap<>();
    env.put("SMALLFIRST_BOOTSTRAP_SERVERS", bootstrapServers());
    env.put("SMALLFIRST_SCHEMA_REGISTRY_URL", registryUrl());
    env.put("SMALLFIRST_HTTP_HOST", "127.0.0.1");
    env.put("SMALLFIRST_TOPIC_PARTITIONS", "6");
    env.put("SMALLFIRST_TOPIC_REPLICATION_FACTOR", "1");
    env.put("SMALLFIRST_LOG_FORMAT", "json");
    return env;
  }

  /** A topology instance (not started); {@link #awaitReady} it after starting. */
  App topology(String name) {
    int port = freePort();
    GenericContainer<?> c =
        container("topology", name, Map.of("/var/lib/smallfirst", "rw,exec,uid=10001,gid=10001"))
            .withEnv(common())
            .withEnv("SMALLFIRST_HTTP_PORT", String.valueOf(port))
            .withEnv("SMALLFIRST_ADVERTISED_HOST", "127.0.0.1")
            .withEnv("SMALLFIRST_STATE_DIR", "/var/lib/smallfirst/streams")
            .withEnv("SMALLFIRST_POLICY_MODELS", "/app/models")
            // A killed instance's tasks move after 10 s instead of 45.
            .withEnv("SMALLFIRST_KAFKA_SESSION_TIMEOUT_MS", "10000");
    return new App(c, port);
  }

  /** A worker of {@code stage} with worker id {@code name} (not started). */
  App worker(String stage, String name) {
    int port = freePort();
    GenericContainer<?> c =
        container("worker", name, Map.of("/var/cache/djl", "rw,exec,size=1g,uid=10001,gid=10001"))
            .withEnv(common())
            .withEnv("SMALLFIRST_HTTP_PORT", String.valueOf(port))
            .withEnv("SMALLFIRST_STAGE", stage)
            .withEnv("SMALLFIRST_MODEL_DIR", "/app/models/" + stage)
            .withEnv("SMALLFIRST_WORKER_ID", name)
            .withEnv("SMALLFIRST_KAFKA_CONSUMER_SESSION_TIMEOUT_MS", "10000");
    if ("draft".equals(stage)) {
      // the company facts, as the dev overlay and compose give them: the image's example kit
      c.withEnv("SMALLFIRST_DRAFT_REPLY_KIT", "/app/models/draft/reply-kit.example.json");
    }
    return new App(c, port);
  }

  /** A frontier worker with the offline stand-in (not started). */
  App frontier(String name) {
    int port = freePort();
    GenericContainer<?> c =
        container("frontier-worker", name, Map.of())
            .withEnv(common())
            .withEnv("SMALLFIRST_HTTP_PORT", String.valueOf(port))
            .withEnv("SMALLFIRST_FRONTIER_INSTANCE_ID", name)
            .withEnv("SMALLFIRST_FRONTIER_STANDIN_LATENCY_MS", "50");
    return new App(c, port);
  }

  /**
   * A container of our image {@code image}, read-only root; {@code /tmp} and {@code tmpfs} are
   * tmpfs mounts that allow mapping native libraries ({@code exec}).
   */
  private GenericContainer<?> container(String image, String name, Map<String, String> tmpfs) {
    Map<String, String> mounts = new HashMap<>(tmpfs);
    mounts.put("/tmp", "rw,exec,uid=10001,gid=10001");
    GenericContainer<?> c =
        new GenericContainer<>(DockerImageName.parse("smallfirst/" + image + ":" + tag))
            .withNetworkMode("host")
            .withTmpFs(mounts)
            .withCreateContainerCmdModifier(
                cmd ->
                    cmd.withName("smallfirst-it-" + name + "-" + ProcessHandle.current().pid())
                        .getHostConfig()
                        .withReadonlyRootfs(true))
            .withLogConsumer(frame -> log(name, frame))
            .withStartupTimeout(START);
    return c;
  }

  void start(GenericContainer<?> c) {
    started.add(c);
    c.start();
  }

  /** Starts {@code apps} together and waits until each answers {@code /ready} with 200. */
  void startAll(App... apps) {
    for (App a : apps) {
      started.add(a.container());
    }
    java.util.Arrays.stream(apps).parallel().forEach(a -> a.container().start());
    for (App a : apps) {
      awaitReady(a, "/ready");
    }
  }

  static void awaitReady(App app, String path) {
    await("ready: " + app.container().getDockerImageName() + " on " + app.port())
        .atMost(START)
        .pollInterval(Duration.ofMillis(500))
        .ignoreExceptions()
        .until(() -> get(app.port(), path).statusCode() == 200);
  }

  /** SIGKILL, as a node failure or the OOM killer would. */
  static void kill(App app) {
    DockerClientFactory.instance()
        .client()
        .killContainerCmd(app.container().getContainerId())
        .withSignal("KILL")
        .exec();
  }

  static HttpResponse<String> get(int port, String path) {
    try {
      return HTTP.send(
          HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
              .timeout(Duration.ofSeconds(10))
              .build(),
          HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private void log(String name, OutputFrame frame) {
    try {
      Files.createDirectories(logs);
      Files.writeString(
          logs.resolve(name + ".log"),
          frame.getUtf8String(),
          StandardCharsets.UTF_8,
          StandardOpenOption.CREATE,
          StandardOpenOption.APPEND);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void deleteLogs(Path dir) throws IOException {
    if (Files.isDirectory(dir)) {
      try (var files = Files.list(dir)) {
        for (Path f : files.toList()) {
          Files.delete(f);
        }
      }
    }
  }

  static int freePort() {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    for (int i = started.size() - 1; i >= 0; i--) {
      started.get(i).stop();
    }
  }

  /** A deployable's container and its status port. */
  record App(GenericContainer<?> container, int port) {}
}
