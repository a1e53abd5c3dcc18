package dev.smallfirst.demo;

import dev.smallfirst.loadtest.ArrivalSchedule;
import dev.smallfirst.loadtest.LoadReport;
import dev.smallfirst.loadtest.LoadRun;
import dev.smallfirst.loadtest.ProgressBar;
import dev.smallfirst.loadtest.ReportWriter;
import dev.smallfirst.loadtest.TicketMessages;
import dev.smallfirst.models.ModelManifest;
import dev.smallfirst.records.Stage;
import dev.smallfirst.schemas.registry.RegistrySettings;
import dev.smallfirst.schemas.registry.SchemaRegistryClient;
import dev.smallfirst.schemas.topics.TopicNames;
import dev.smallfirst.topology.routing.InvalidPolicyException;
import dev.smallfirst.topology.routing.ModelPolicy;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * One demo run against a running cluster: starts the pipeline, sends generated tickets at the asked
 * rate, waits until each is answered, stops the pipeline, then does the same for the naive baseline
 * on the first tickets of the same sequence, and writes the report. Each run uses fresh topics
 * (prefix {@code demo-<time>.}), so runs never see each other's records. Stateless.
 */
public final class Demo {
  private static final Duration START_TIMEOUT = Duration.ofMinutes(3);
  private static final int PARTITIONS = 4;
  private static final String TENANT = "demo";

  private Demo() {}

  /**
   * Runs the demo on the cluster at {@code bootstrapServers} and {@code registryUrl}; returns the
   * report (with the baseline attached when it ran).
   */
  public static LoadReport run(
      DemoOptions o, String bootstrapServers, String registryUrl, PrintStream out, PrintStream err)
      throws IOException, InterruptedException {
    requireModels(o.models());
    String runId =
        "demo-"
            + DateTimeFormatter.ofPattern("HHmmss", Locale.ROOT)
                .withZone(ZoneOffset.UTC)
                .format(Instant.now());
    Path work = Files.createTempDirectory("smallfirst-demo-");
    try (SchemaRegistryClient registry =
        SchemaRegistryClient.create(RegistrySettings.of(registryUrl))) {
      Path policy = writePolicy(work.resolve("policy.yaml"), o.models());
      TopicNames topics = TopicNames.withPrefix(runId + ".");
      Map<String, String> common = new HashMap<>();
      common.put("bootstrap.servers", bootstrapServers);
      common.put("schema.registry.url", registryUrl);
      common.put("topic.prefix", topics.prefix());
      // the local stack has one broker
      common.put("topic.replication.factor", "1");
      common.put("topic.partitions", String.valueOf(PARTITIONS));
      common.putAll(o.settings());

      err.printf(
          "starting the pipeline: topology, 4 model workers (%s), frontier worker (stand-in)%n",
          o.models());
      long started = System.nanoTime();
      LoadReport ours;
      try (Pipeline pipeline =
          Pipeline.start(common, o.models(), work.resolve("streams"), policy, START_TIMEOUT)) {
        err.printf("pipeline ready in %.1f s%n", (System.nanoTime() - started) / 1e9);
        warmUp(o, bootstrapServers, topics, registry, runId, err);
        err.printf("sending %d tickets at %.0f/s%n", o.messages(), o.rate());
        ours =
            run(
                plan(bootstrapServers, topics, o.messages(), o),
                registry,
                new TicketMessages(o.seed(), runId, TENANT, Clock.systemUTC()),
                ProgressBar.on(err, "smallfirst"));
      }
      LoadReport report = ours;
      if (o.baseline()) {
        TopicNames baseTopics = TopicNames.withPrefix(runId + "-naive.");
        err.printf(
            "starting the naive baseline (one processor, four models called in turn); sending the"
                + " first %d of the same tickets at %.0f/s%n",
            o.baselineMessages(), o.rate());
        try (NaiveBaseline baseline =
            NaiveBaseline.start(
                bootstrapServers,
                registryUrl,
                baseTopics,
                PARTITIONS,
                o.models(),
                work.resolve("baseline-streams"),
                START_TIMEOUT)) {
          warmUp(o, bootstrapServers, baseTopics, registry, runId + "-naive", err);
          LoadReport base =
              run(
                  plan(bootstrapServers, baseTopics, o.baselineMessages(), o),
                  registry,
                  new TicketMessages(o.seed(), runId + "-naive", TENANT, Clock.systemUTC()),
                  ProgressBar.on(err, "baseline  "));
          report = ours.withBaseline(base);
        }
      }
      write(report, o);
      return report;
    } finally {
      deleteTree(work);
    }
  }

  /**
   * The declared warm-up: {@code o.warmUp()} tickets of another seed at the demo's rate, waited for
   * and left out of the report. The first messages through a fresh deployment pay one-off costs
   * (schema registration, the first transaction of every producer, JIT compilation) that a running
   * deployment has paid long ago; they are reported here, not hidden.
   */
  private static void warmUp(
      DemoOptions o,
      String bootstrapServers,
      TopicNames topics,
      SchemaRegistryClient registry,
      String runId,
      PrintStream err)
      throws InterruptedException {
    if (o.warmUp() == 0) {
      return;
    }
    LoadReport w =
        LoadRun.run(
            plan(bootstrapServers, topics, o.warmUp(), o),
            registry,
            new TicketMessages(o.seed() + 1, runId + "-warmup", TENANT, Clock.systemUTC()),
            (sent, settled, total) -> {});
    err.printf(
        "warm-up (not in the report): %d of %d answered, p50 %.0f ms, max %.0f ms%n",
        w.replies(), w.sent(), w.latency().p50(), w.latency().max());
  }

  private static LoadRun.Plan plan(
      String bootstrapServers, TopicNames topics, int messages, DemoOptions o) {
    return new LoadRun.Plan(
        bootstrapServers,
        topics,
        messages,
        ArrivalSchedule.poisson(o.rate(), o.seed()),
        Duration.ofMinutes(3));
  }

  private static LoadReport run(
      LoadRun.Plan plan, SchemaRegistryClient registry, TicketMessages messages, ProgressBar bar)
      throws InterruptedException {
    try {
      return LoadRun.run(plan, registry, messages, bar);
    } finally {
      bar.done();
    }
  }

  private static void write(LoadReport report, DemoOptions o) throws IOException {
    if (o.reportJson().isPresent()) {
      ReportWriter.writeJson(report, o.reportJson().get());
    }
    if (o.reportDir().isPresent()) {
      ReportWriter.writeHtml(report, o.reportDir().get(), "smallfirst demo");
    }
  }

  /** The demo's per-intent rule: customer-facing replies are polished only for these intents. */
  static final List<String> POLISHED_INTENTS = List.of("complaint");

  /**
   * The routing policy of the demo, generated from the deployed models' manifests exactly as {@code
   * ./smallfirst policy from-models --models DIR --out FILE --customer-facing false --polish-intent
   * complaint} writes it: each stage's minimum confidence is its model's threshold (chosen by the
   * evaluator's sweep); customer-facing replies go out from the small models when they are
   * confident, except for complaints (Bitext's {@code complaint}, or the generator's {@code
   * complaint.*}), where tone matters most and the frontier always polishes. Polishing every
   * customer-facing reply (the rule's default) escalates about 70% of the generated mix, which no
   * small-first bill survives; README "The demo" shows both.
   */
  static Path writePolicy(Path file, Path models) throws IOException {
    try {
      Files.writeString(
          file, ModelPolicy.generate(models, new ModelPolicy.Options(1, false, POLISHED_INTENTS)));
    } catch (InvalidPolicyException e) {
      throw new IllegalArgumentException("--models: " + e.getMessage(), e);
    }
    return file;
  }

  private static void requireModels(Path models) {
    for (Stage stage : Pipeline.STAGES) {
      Path manifest = Pipeline.modelDir(models, stage).resolve(ModelManifest.FILE_NAME);
      if (!Files.isRegularFile(manifest)) {
        throw new IllegalArgumentException(
            "--models: "
                + models.toAbsolutePath()
                + " has no model for "
                + stage
                + " (expected "
                + manifest
                + ")");
      }
    }
  }

  private static void deleteTree(Path dir) {
    try (Stream<Path> files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
    } catch (IOException e) {
      // best effort: a temp directory
    }
  }
}
