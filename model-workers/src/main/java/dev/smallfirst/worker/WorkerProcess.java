package dev.smallfirst.worker;

import dev.smallfirst.models.ModelLoaders;
import dev.smallfirst.models.encoder.SharedEncoders;
import dev.smallfirst.runtime.Resources;
import dev.smallfirst.runtime.config.ConfigException;
import dev.smallfirst.runtime.config.ConfigSource;
import dev.smallfirst.runtime.http.StatusServer;
import dev.smallfirst.runtime.http.StatusServer.Probe;
import dev.smallfirst.runtime.kafka.LoopState;
import dev.smallfirst.runtime.metrics.JvmMetrics;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One process serving several stages ({@code stage=classify,sentiment}): one worker per stage, each
 * with its own consumer group, so each stage still scales on its own, but one copy of a shared
 * encoder and one encoder pass per message for the stages that read it ({@link SharedEncoders}).
 * One status endpoint for the process: {@code /ready} when every stage is ready, {@code /health}
 * while every stage is healthy, {@code /metrics} with each worker's meters tagged by its stage. Not
 * thread-safe except {@link #close()}.
 *
 * <pre>{@code
 * try (WorkerProcess p = WorkerProcess.start(WorkerProcess.settings(config))) { p.awaitFailure(); }
 * }</pre>
 */
public final class WorkerProcess implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(WorkerProcess.class);

  private final List<WorkerApp> workers;
  private final List<AutoCloseable> resources;
  private final StatusServer status;
  private boolean closed;

  private WorkerProcess(List<WorkerApp> workers, List<AutoCloseable> resources, StatusServer s) {
    this.workers = workers;
    this.resources = resources;
    this.status = s;
  }

  /**
   * The settings of each stage named by {@code stage} (a comma-separated list): the stages share
   * every setting but these, derived per stage: {@code model.dir} is the directory holding one
   * model directory per stage ({@code <model.dir>/<stage>}), and {@code worker.id} gets the stage
   * appended ({@code <worker.id>-<stage>}). {@code http.host} and {@code http.port} are the
   * process's. Unknown keys are refused, naming the nearest known one.
   *
   * @throws ConfigException naming the key at fault
   */
  public static Settings settings(ConfigSource c) {
    String raw = c.required("stage");
    Set<String> stages = new LinkedHashSet<>();
    for (String part : raw.split(",")) {
      String stage = part.trim().toLowerCase(Locale.ROOT);
      if (stage.isEmpty() || !stages.add(stage)) {
        throw new ConfigException(
            "stage", "must name each stage once, separated by commas; got '" + raw + "'");
      }
    }
    Path models = Path.of(c.required("model.dir"));
    String host = c.string("http.host", "127.0.0.1");
    int port = c.integer("http.port", WorkerSettings.DEFAULT_HTTP_PORT, -1, 65535);
    List<WorkerSettings> out = new ArrayList<>();
    for (String stage : stages) {
      Map<String, String> own = new HashMap<>();
      own.put("stage", stage);
      own.put("model.dir", (stages.size() == 1 ? models : models.resolve(stage)).toString());
      c.optional("worker.id")
          .ifPresent(id -> own.put("worker.id", stages.size() == 1 ? id : id + "-" + stage));
      own.put("http.port", "-1");
      ConfigSource one = c.with(own);
      out.add(WorkerSettings.from(one));
      one.requireNoUnknownKeys();
    }
    return new Settings(out, host, port);
  }

  /**
   * What {@link #start} needs.
   *
   * @param stages one worker's settings per stage, in start order
   * @param httpHost host the process's status endpoint binds
   * @param httpPort its port, 0 for a free one, -1 for none
   */
  public record Settings(List<WorkerSettings> stages, String httpHost, int httpPort) {
    public Settings {
      stages = List.copyOf(stages);
      if (stages.isEmpty()) {
        throw new ConfigException("stage", "names no stage");
      }
    }
  }

  /** Starts every stage's worker on the system clock; returns once all are warm and polling. */
  public static WorkerProcess start(Settings s) throws IOException, InterruptedException {
    return start(s, Clock.systemUTC(), System::nanoTime, ModelLoaders.standard());
  }

  /**
   * Starts every stage's worker, the status endpoint first (not ready until all are).
   *
   * @throws dev.smallfirst.models.ModelLoadException when a stage's model cannot be served
   */
  public static WorkerProcess start(
      Settings s, Clock clock, LongSupplier nanos, ModelLoaders loaders)
      throws IOException, InterruptedException {
    List<AutoCloseable> resources = new ArrayList<>(); // closed in reverse order
    List<WorkerApp> workers = new ArrayList<>();
    PrometheusMeterRegistry prometheus = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    resources.add(prometheus::close);
    resources.add(JvmMetrics.bindTo(prometheus));
    StatusServer status = null;
    try {
      if (s.httpPort() >= 0) {
        status = StatusServer.start(s.httpHost(), s.httpPort(), prometheus, Map.of());
        resources.add(status);
        status.readiness(() -> readiness(workers, s.stages().size()));
        status.health(() -> health(workers));
      }
      for (WorkerSettings stage : s.stages()) {
        CompositeMeterRegistry meters = new CompositeMeterRegistry();
        meters.config().commonTags("stage", stage.stage().name().toLowerCase(Locale.ROOT));
        meters.add(prometheus);
        WorkerApp app = WorkerApp.startHosted(stage, clock, nanos, loaders, meters);
        resources.add(app);
        synchronized (workers) {
          workers.add(app);
        }
      }
      SharedEncoders.memos()
          .forEach((encoder, memo) -> WorkerApp.bindMemo(prometheus, encoder, memo));
      log.info(
          "worker process serving {}: {} cop{} of the shared encoder",
          s.stages().stream().map(w -> w.stage().name().toLowerCase(Locale.ROOT)).toList(),
          SharedEncoders.memos().size(),
          SharedEncoders.memos().size() == 1 ? "y" : "ies");
      return new WorkerProcess(List.copyOf(workers), resources, status);
    } catch (IOException | InterruptedException | RuntimeException e) {
      Resources.closeInReverse(resources);
      throw e;
    }
  }

  private static Probe readiness(List<WorkerApp> workers, int expected) {
    List<WorkerApp> started = snapshot(workers);
    Probe failing = firstFailing(started, WorkerApp::readiness);
    if (failing != null) {
      return failing;
    }
    if (started.size() < expected) {
      return new Probe(false, "not ready: starting " + (started.size() + 1) + " of " + expected);
    }
    return new Probe(true, "ready");
  }

  private static Probe health(List<WorkerApp> workers) {
    Probe failing = firstFailing(snapshot(workers), WorkerApp::health);
    return failing != null ? failing : new Probe(true, "ok");
  }

  private static List<WorkerApp> snapshot(List<WorkerApp> workers) {
    synchronized (workers) {
      return List.copyOf(workers);
    }
  }

  /** The first stage whose {@code probe} fails, its detail prefixed with the stage; else null. */
  private static Probe firstFailing(
      List<WorkerApp> workers, java.util.function.Function<WorkerApp, Probe> probe) {
    for (WorkerApp w : workers) {
      Probe p = probe.apply(w);
      if (!p.ready()) {
        return new Probe(false, stageOf(w) + ": " + p.detail());
      }
    }
    return null;
  }

  private static String stageOf(WorkerApp w) {
    return w.settings().stage().name().toLowerCase(Locale.ROOT);
  }

  /** The stages' workers, in start order. */
  public List<WorkerApp> workers() {
    return workers;
  }

  /** The status endpoint's port, or -1 when it is off. */
  public int statusPort() {
    return status == null ? -1 : status.port();
  }

  /**
   * Blocks until one stage's loop ends; true when it failed. A failed stage is fatal for the
   * process, as for a one-stage worker: the orchestrator restarts it.
   */
  public boolean awaitFailure() throws InterruptedException {
    while (true) {
      for (WorkerApp w : workers) {
        if (w.state() == LoopState.FAILED) {
          return true;
        }
        if (w.state() == LoopState.STOPPED) {
          return false;
        }
      }
      // Each loop ends at most once: wait on the first, with a bound so the others are checked.
      workers.get(0).awaitTermination(Duration.ofSeconds(1));
    }
  }

  /** Stops every stage gracefully (the last started first), then the endpoint. Idempotent. */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    Resources.closeInReverse(resources);
    log.info("worker process stopped");
  }
}
