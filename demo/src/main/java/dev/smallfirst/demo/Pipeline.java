package dev.smallfirst.demo;

import dev.smallfirst.frontier.FrontierApp;
import dev.smallfirst.frontier.FrontierSettings;
import dev.smallfirst.records.Stage;
import dev.smallfirst.runtime.config.ConfigSource;
import dev.smallfirst.topology.TopologyApp;
import dev.smallfirst.topology.TopologySettings;
import dev.smallfirst.worker.WorkerApp;
import dev.smallfirst.worker.WorkerSettings;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The whole smallfirst pipeline in this process, against one cluster: the topology, one model
 * worker per stage with the models of a directory, and the frontier worker. Each part is the same
 * application that runs as its own deployable ({@code smallfirst topology|worker|frontier}), with
 * the same settings; here they share a JVM so that one command starts and stops them all. Not
 * thread-safe; close it from the thread that started it.
 */
public final class Pipeline implements AutoCloseable {
  /** The model stages, in the order their workers start. */
  public static final List<Stage> STAGES =
      List.of(Stage.CLASSIFY, Stage.EXTRACT, Stage.SENTIMENT, Stage.DRAFT);

  private static final Logger log = LoggerFactory.getLogger(Pipeline.class);

  private final List<AutoCloseable> parts = new ArrayList<>();
  private final List<WorkerApp> workers = new ArrayList<>();
  private TopologyApp topology;

  private Pipeline() {}

  /**
   * Starts every part and waits until the topology runs and every worker is warm.
   *
   * @param common settings every part gets: {@code bootstrap.servers}, {@code schema.registry.url},
   *     {@code topic.prefix}, {@code topic.partitions}, and any override
   * @param models a directory with one model directory per stage ({@code classify}, ...)
   * @param stateDir where the topology keeps its state stores
   * @param policyFile the routing policy the topology starts with
   */
  public static Pipeline start(
      Map<String, String> common, Path models, Path stateDir, Path policyFile, Duration timeout)
      throws IOException, InterruptedException {
    Pipeline p = new Pipeline();
    try {
      Map<String, String> t = new HashMap<>(common);
      t.put("application.id", common.get("topic.prefix") + "topology");
      t.put("state.dir", stateDir.toString());
      t.put("policy.file", policyFile.toString());
      t.putIfAbsent("http.port", "-1");
      p.topology = TopologyApp.start(TopologySettings.from(ConfigSource.of(t)));
      p.parts.add(p.topology);
      for (Stage stage : STAGES) {
        Map<String, String> w = new HashMap<>(common);
        w.put("stage", id(stage));
        w.put("model.dir", modelDir(models, stage).toString());
        w.put("worker.id", id(stage) + "-1");
        Path kit = modelDir(models, stage).resolve("reply-kit.example.json");
        if (stage == Stage.DRAFT && java.nio.file.Files.isRegularFile(kit)) {
          // The demo's tenants use the example company facts of the shipped reply bank.
          w.putIfAbsent("draft.reply.kit", kit.toString());
        }
        w.putIfAbsent("http.port", "-1");
        WorkerApp worker = WorkerApp.start(WorkerSettings.from(ConfigSource.of(w)));
        p.parts.add(worker);
        p.workers.add(worker);
      }
      Map<String, String> f = new HashMap<>(common);
      f.putIfAbsent("frontier.provider", "none");
      f.putIfAbsent("http.port", "-1");
      p.parts.add(
          FrontierApp.start(
              FrontierSettings.from(ConfigSource.of(f), System.getenv()), Clock.systemUTC()));
      p.awaitRunning(timeout);
      return p;
    } catch (IOException | InterruptedException | RuntimeException e) {
      p.close();
      throw e;
    }
  }

  private void awaitRunning(Duration timeout) throws InterruptedException {
    if (!topology.awaitRunning(timeout)) {
      throw new IllegalStateException(
          "the topology did not reach RUNNING within "
              + timeout
              + ": "
              + topology.streams().state());
    }
  }

  /** The model directory of {@code stage} in {@code models} ({@code models/classify}, ...). */
  static Path modelDir(Path models, Stage stage) {
    return models.resolve(id(stage));
  }

  private static String id(Stage stage) {
    return stage.name().toLowerCase(Locale.ROOT);
  }

  /** The model workers, in {@link #STAGES} order. */
  public List<WorkerApp> workers() {
    return List.copyOf(workers);
  }

  /** Stops every part, the last started first; never throws. */
  @Override
  public void close() {
    for (int i = parts.size() - 1; i >= 0; i--) {
      try {
        parts.get(i).close();
      } catch (Exception e) {
        log.warn("could not stop {}: {}", parts.get(i).getClass().getSimpleName(), e.toString());
      }
    }
    parts.clear();
  }
}
