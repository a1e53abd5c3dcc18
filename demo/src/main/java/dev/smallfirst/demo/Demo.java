package dev.smallfirst.demo;

import dev.smallfirst.loadtest.ArrivalSchedule;
import dev.smallfirst.loadtest.LoadReport;
import dev.smallfirst.loadtest.LoadRun;
import dev.smallfirst.loadtest.ProgressBar;
import dev.smallfirst.loadtest.ReportWriter;
import dev.smallfirst.loadtest.RequestFileMessages;
import dev.smallfirst.loadtest.TicketMessages;
import dev.smallfirst.models.ModelManifest;
import dev.smallfirst.models.grounding.ReplyKit;
import dev.smallfirst.records.DraftedReply;
import dev.smallfirst.records.Stage;
import dev.smallfirst.records.SupportMessage;
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
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.IntFunction;
import java.util.stream.Stream;

/**
 * One demo run against a running cluster: starts the pipeline, sends generated tickets at the asked
 * rate, waits until each is answered, stops the pipeline, then does the same for the naive baseline
 * on the first tickets of the same sequence, and writes the report. Each run uses fresh topics
 * (prefix {@code demo-<time>.}), so runs never see each other's records. Stateless.
 */
public final class Demo {
  private static final Duration START_TIMEOUT = Duration.ofMinutes(3);

  /** How long a fixed-rate run waits for its last replies. */
  private static final Duration START_DRAIN = Duration.ofMinutes(3);

  /** How long a saturation step waits for its last replies: longer means it did not hold. */
  private static final Duration STEP_DRAIN = Duration.ofSeconds(30);

  private static final int PARTITIONS = 4;
  private static final String TENANT = "demo";

  private Demo() {}

  /**
   * Runs the demo on the cluster at {@code bootstrapServers} and {@code registryUrl}; returns the
   * report (with the baseline attached when it ran, and the saturation search when asked for).
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
      Systems systems =
          new Systems(o, bootstrapServers, registryUrl, registry, policy, work, runId, err);
      LoadReport report =
          o.saturate().isPresent() ? saturate(systems, o.saturate().get()) : fixedRate(systems);
      write(report, o);
      return report;
    } finally {
      deleteTree(work);
    }
  }

  /** Both systems at {@code --rate}: the pipeline on every ticket, the baseline on the first. */
  private static LoadReport fixedRate(Systems s) throws IOException, InterruptedException {
    DemoOptions o = s.options;
    s.err.printf(
        "starting the pipeline: topology, 4 model workers (%s), frontier worker (stand-in)%n",
        o.models());
    LoadReport ours =
        s.measure(
            s.pipeline(), s.runId, o.messages(), o.rate(), o.warmUp(), START_DRAIN, "smallfirst");
    if (!o.baseline()) {
      return ours;
    }
    s.err.printf(
        "starting the naive baseline (one processor: the same models, routing and polish stand-in,"
            + " inline); sending the first %d of the same tickets at %.0f/s%n",
        o.baselineMessages(), o.rate());
    return ours.withBaseline(
        s.measure(
            s.baseline(),
            s.runId + "-naive",
            o.baselineMessages(),
            o.rate(),
            o.warmUp(),
            START_DRAIN,
            "baseline  "));
  }

  /** The saturation search of both systems, under one SLO, each step on a fresh deployment. */
  private static LoadReport saturate(Systems s, DemoOptions.Saturate sat)
      throws IOException, InterruptedException {
    DemoOptions o = s.options;
    s.err.printf(
        "saturation search: p99 (all routes) <= %.0f ms and >= %.0f%% of the offered rate, steps"
            + " of %.0f s (at least %d messages), from %.1f/s%n",
        sat.sloP99Millis(),
        100 * DemoOptions.Saturate.MIN_ACHIEVED_SHARE,
        sat.stepSeconds(),
        DemoOptions.Saturate.MIN_STEP_MESSAGES,
        sat.startRate());
    SaturationSearch.Found ours =
        search(s, sat, "smallfirst", s.pipeline(), s.runId + "-s", "smallfirst");
    SaturationSearch.Found base =
        o.baseline()
            ? search(s, sat, "baseline", s.baseline(), s.runId + "-n", "baseline  ")
            : null;
    List<LoadReport.SaturationStep> steps = new ArrayList<>(ours.steps());
    double baseRate = 0;
    if (base != null) {
      steps.addAll(base.steps());
      baseRate = base.highestRate();
    }
    LoadReport.Saturation result =
        new LoadReport.Saturation(
            sat.sloP99Millis(),
            ours.highestRate(),
            baseRate,
            baseRate == 0 ? 0 : Math.round(100 * ours.highestRate() / baseRate) / 100.0,
            steps);
    LoadReport report = ours.report();
    if (base != null) {
      report = report.withBaseline(base.report());
    }
    return report.withSaturation(result);
  }

  private static SaturationSearch.Found search(
      Systems s,
      DemoOptions.Saturate sat,
      String system,
      Deployer deployer,
      String runIdPrefix,
      String label)
      throws IOException, InterruptedException {
    int[] step = {0};
    return SaturationSearch.search(
        system,
        sat,
        rate -> offeredRate(rate, s.options.seed(), sat.stepMessages(rate)),
        rate ->
            s.measure(
                deployer,
                runIdPrefix + ++step[0],
                sat.stepMessages(rate),
                rate,
                sat.stepWarmUp(),
                STEP_DRAIN,
                String.format(Locale.ROOT, "%s %5.1f/s", label.strip(), rate)),
        d ->
            s.err.printf(
                "%-10s %6.1f/s (drawn %.1f/s): achieved %.1f/s, p99 %.0f ms, exactly once %s: %s%n",
                d.system(),
                d.ratePerSecond(),
                d.offeredPerSecond(),
                d.achievedPerSecond(),
                d.p99Millis(),
                d.exactlyOnce() ? "yes" : "NO",
                d.held() ? "held" : "did not hold"));
  }

  /** The rate a Poisson schedule of {@code seed} draws for its first {@code messages} arrivals. */
  static double offeredRate(double rate, long seed, int messages) {
    ArrivalSchedule schedule = ArrivalSchedule.poisson(rate, seed);
    long last = 0;
    for (int i = 0; i < messages; i++) {
      last = schedule.nextOffsetNanos();
    }
    return messages < 2 || last == 0 ? rate : (messages - 1) / (last / 1e9);
  }

  /** Starts one system on the topics of a run id. */
  @FunctionalInterface
  private interface Deployer {
    Deployment start(String runId) throws IOException, InterruptedException;
  }

  /** What every run of either system needs: the cluster, the policy, a work folder. */
  private record Systems(
      DemoOptions options,
      String bootstrapServers,
      String registryUrl,
      SchemaRegistryClient registry,
      Path policy,
      Path work,
      String runId,
      PrintStream err) {

    /** The settings every part gets on the topics of {@code runId}. */
    Map<String, String> common(String runId) {
      Map<String, String> common = new HashMap<>();
      common.put("bootstrap.servers", bootstrapServers);
      common.put("schema.registry.url", registryUrl);
      common.put("topic.prefix", runId + ".");
      // the local stack has one broker
      common.put("topic.replication.factor", "1");
      common.put("topic.partitions", String.valueOf(PARTITIONS));
      common.putAll(options.settings());
      return common;
    }

    Deployer pipeline() {
      return runId ->
          Pipeline.start(
              common(runId),
              options.models(),
              work.resolve(runId + "-streams"),
              policy,
              START_TIMEOUT);
    }

    Deployer baseline() {
      return runId ->
          NaiveBaseline.start(
              common(runId),
              options.models(),
              work.resolve(runId + "-streams"),
              policy,
              START_TIMEOUT);
    }

    /**
     * Starts a fresh deployment on the topics of {@code runId}, warms it up, sends {@code messages}
     * tickets at {@code rate}, stops it; its report with its settings.
     */
    LoadReport measure(
        Deployer deployer,
        String runId,
        int messages,
        double rate,
        int warmUp,
        Duration drain,
        String label)
        throws IOException, InterruptedException {
      long started = System.nanoTime();
      TopicNames topics = TopicNames.withPrefix(runId + ".");
      try (Deployment system = deployer.start(runId)) {
        err.printf("%s ready in %.1f s%n", label.strip(), (System.nanoTime() - started) / 1e9);
        warmUp(warmUp, rate, topics, runId);
        Optional<ReplyQuality> quality = quality();
        IntFunction<SupportMessage> sent = messages(runId, quality);
        long cpuBefore = processCpuNanos();
        LoadReport report =
            Demo.run(
                plan(topics, messages, rate, drain),
                registry,
                sent,
                ProgressBar.on(err, label),
                reply -> quality.ifPresent(q -> q.onReply(reply)));
        long cpu = processCpuNanos() - cpuBefore;
        return report
            .withQuality(quality.map(ReplyQuality::report).orElse(null))
            .withSettings(system.settings())
            .withCpuPerMessage(
                cpuBefore < 0 || report.replies() == 0 ? Double.NaN : cpu / 1e6 / report.replies());
      }
    }

    /**
     * The declared warm-up: {@code count} tickets of another seed, waited for and left out of the
     * report. The first messages through a fresh deployment pay one-off costs (schema registration,
     * the first transaction of every producer, JIT compilation) that a running deployment has paid
     * long ago; they are reported here, not hidden.
     */
    private void warmUp(int count, double rate, TopicNames topics, String runId)
        throws InterruptedException {
      if (count == 0) {
        return;
      }
      LoadReport w =
          LoadRun.run(
              plan(topics, count, rate, START_DRAIN),
              registry,
              new TicketMessages(options.seed() + 1, runId + "-warmup", TENANT, Clock.systemUTC()),
              (sent, settled, total) -> {});
      err.printf(
          "warm-up (not in the report): %d of %d answered, p50 %.0f ms, max %.0f ms%n",
          w.replies(), w.sent(), w.latency().p50(), w.latency().max());
    }

    /**
     * Generated tickets of the seed, or the requests of {@code --tickets}, from the first; their
     * rows remembered by {@code quality} when it scores.
     */
    private IntFunction<SupportMessage> messages(String runId, Optional<ReplyQuality> quality)
        throws IOException {
      if (options.tickets().isEmpty()) {
        return new TicketMessages(options.seed(), runId, TENANT, Clock.systemUTC());
      }
      RequestFileMessages file = requests(runId);
      return quality.isPresent() ? quality.get().recording(file) : file;
    }

    private RequestFileMessages requests(String runId) throws IOException {
      try {
        return RequestFileMessages.read(options.tickets().get(), runId, TENANT, Clock.systemUTC());
      } catch (IllegalArgumentException e) {
        throw new IOException("--tickets: " + e.getMessage(), e);
      }
    }

    /**
     * The scorer of the replies when {@code --tickets} rows carry a label or a reference, against
     * the reply kit the draft worker uses; empty otherwise (no quality section).
     */
    private Optional<ReplyQuality> quality() throws IOException {
      if (options.tickets().isEmpty() || !requests("scan").scorable()) {
        return Optional.empty();
      }
      ReplyKit kit =
          Pipeline.replyKit(options.settings(), options.models())
              .map(ReplyKit::read)
              .orElse(ReplyKit.EMPTY);
      return Optional.of(new ReplyQuality(kit, TENANT));
    }

    private LoadRun.Plan plan(TopicNames topics, int messages, double rate, Duration drain) {
      return new LoadRun.Plan(
          bootstrapServers, topics, messages, ArrivalSchedule.poisson(rate, options.seed()), drain);
    }
  }

  /**
   * CPU time of this JVM so far (the broker, the system under test and the load generator), or -1
   * where the JVM does not tell.
   */
  static long processCpuNanos() {
    return java.lang.management.ManagementFactory.getOperatingSystemMXBean()
            instanceof com.sun.management.OperatingSystemMXBean os
        ? os.getProcessCpuTime()
        : -1;
  }

  private static LoadReport run(
      LoadRun.Plan plan,
      SchemaRegistryClient registry,
      IntFunction<SupportMessage> messages,
      ProgressBar bar,
      Consumer<DraftedReply> firstReplies)
      throws InterruptedException {
    try {
      return LoadRun.run(plan, registry, messages, bar, firstReplies);
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
