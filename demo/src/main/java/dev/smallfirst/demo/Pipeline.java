package dev.smallfirst.demo;

import dev.smallfirst.frontier.FrontierApp;
import dev.smallfirst.frontier.FrontierSettings;
import dev.smallfirst.frontier.llm.ProviderKind;
import dev.smallfirst.records.Stage;
import dev.smallfirst.runtime.config.ConfigSource;
import dev.smallfirst.topology.TopologyApp;
import dev.smallfirst.topology.TopologyRules;
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
import java.util.Optional;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The whole smallfirst pipeline in this process, against one cluster: the topology, one model
 * worker per stage with the models of a directory, and the frontier worker. Each part is the same
 * application that runs as its own deployable ({@code smallfirst topology|worker|frontier}), with
 * the same settings; here they share a JVM so that one command starts and stops them all. Not
 * thread-safe; close it from the thread that started it.
 */
public final class Pipeline implements Deployment {
  /** The model stages, in the order their workers start. */
  public static final List<Stage> STAGES =
      List.of(Stage.CLASSIFY, Stage.EXTRACT, Stage.SENTIMENT, Stage.DRAFT);

  private static final Logger log = LoggerFactory.getLogger(Pipeline.class);

  private final List<AutoCloseable> parts = new ArrayList<>();
  private final List<WorkerApp> workers = new ArrayList<>();
  private final Map<String, String> settings = new HashMap<>();
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
      TopologySettings topologySettings =
          TopologySettings.from(ConfigSource.of(topologyConfig(common, stateDir, policyFile)));
      p.topology = TopologyApp.start(topologySettings);
      p.parts.add(p.topology);
      p.settings.put(
          "topology.commit.interval.ms",
          String.valueOf(TopologyRules.commitIntervalMillis(topologySettings)));
      p.settings.put("topology.processing.guarantee", "exactly_once_v2");
      p.settings.put("topology.stream.threads", String.valueOf(topologySettings.streamThreads()));
      for (Stage stage : STAGES) {
        WorkerSettings ws =
            WorkerSettings.from(ConfigSource.of(workerConfig(common, models, stage)));
        WorkerApp worker = WorkerApp.start(ws);
        p.parts.add(worker);
        p.workers.add(worker);
        if (stage == Stage.CLASSIFY) {
          p.settings.put(
              "worker.results.delivery",
              ws.delivery().name().toLowerCase(Locale.ROOT).replace('_', '-'));
          p.settings.put("worker.batch.max.size", String.valueOf(ws.maxBatch()));
          p.settings.put("worker.batch.max.delay.ms", String.valueOf(ws.maxDelay().toMillis()));
          p.settings.put("worker.inference.threads", String.valueOf(ws.inferenceThreads()));
        }
      }
      FrontierSettings fs = frontierSettings(common);
      p.parts.add(FrontierApp.start(fs, Clock.systemUTC()));
      p.settings.put("frontier.commit.interval.ms", String.valueOf(fs.commitInterval().toMillis()));
      p.settings.put("frontier.max.inflight", String.valueOf(fs.maxInflight()));
      p.settings.put("polish", polish(fs));
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

  /** The topology's settings: {@code common} and its own application id, state and policy. */
  static Map<String, String> topologyConfig(
      Map<String, String> common, Path stateDir, Path policyFile) {
    Map<String, String> t = new HashMap<>(common);
    t.put("application.id", common.get("topic.prefix") + "topology");
    t.put("state.dir", stateDir.toString());
    t.put("policy.file", policyFile.toString());
    t.putIfAbsent("http.port", "-1");
    return t;
  }

  /** The settings of {@code stage}'s worker: {@code common} and its stage, model and id. */
  static Map<String, String> workerConfig(Map<String, String> common, Path models, Stage stage) {
    Map<String, String> w = new HashMap<>(common);
    w.put("stage", id(stage));
    w.put("model.dir", modelDir(models, stage).toString());
    w.put("worker.id", id(stage) + "-1");
    if (stage == Stage.DRAFT) {
      replyKit(common, models).ifPresent(kit -> w.put("draft.reply.kit", kit.toString()));
    }
    w.putIfAbsent("http.port", "-1");
    return w;
  }

  /**
   * The reply kit the draft worker gets: {@code draft.reply.kit} when set, else the example company
   * facts of the shipped reply bank ({@code reply-kit.example.json} beside the draft model), else
   * none.
   */
  static Optional<Path> replyKit(Map<String, String> common, Path models) {
    if (common.containsKey("draft.reply.kit")) {
      return Optional.of(Path.of(common.get("draft.reply.kit")));
    }
    Path kit = modelDir(models, Stage.DRAFT).resolve("reply-kit.example.json");
    return java.nio.file.Files.isRegularFile(kit) ? Optional.of(kit) : Optional.empty();
  }

  /** The frontier worker's settings: {@code common}, the offline stand-in unless configured. */
  static FrontierSettings frontierSettings(Map<String, String> common) {
    Map<String, String> f = new HashMap<>(common);
    f.putIfAbsent("frontier.provider", "none");
    f.putIfAbsent("http.port", "-1");
    return FrontierSettings.from(ConfigSource.of(f), System.getenv());
  }

  /** How escalations are polished, for the report. */
  static String polish(FrontierSettings fs) {
    return fs.provider().kind() == ProviderKind.NONE
        ? "offline stand-in, " + fs.standInLatency().toMillis() + " ms simulated latency"
        : fs.provider().kind().resultName();
  }

  /** The settings that shape latency and throughput, for the report. */
  public Map<String, String> settings() {
    return new TreeMap<>(settings);
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
