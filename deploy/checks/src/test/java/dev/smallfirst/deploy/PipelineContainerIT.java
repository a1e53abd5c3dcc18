package dev.smallfirst.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.smallfirst.deploy.ContainerStack.App;
import dev.smallfirst.loadtest.ArrivalSchedule;
import dev.smallfirst.loadtest.LoadReport;
import dev.smallfirst.loadtest.LoadRun;
import dev.smallfirst.loadtest.TicketMessages;
import dev.smallfirst.records.Stage;
import dev.smallfirst.records.SupportMessage;
import dev.smallfirst.schemas.registry.RegistrySettings;
import dev.smallfirst.schemas.registry.SchemaRegistryClient;
import dev.smallfirst.schemas.topics.TopicNames;
import dev.smallfirst.stack.junit.Reassignment;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The real images, run as containers (host network, read-only root, non-root): the pipeline answers
 * every message exactly once while a stage's consumer group scales from 1 to 3 workers and one is
 * SIGKILLed, interactive queries keep answering with one of two topology instances killed, and the
 * only draft worker, then the only frontier worker, then the only topology instance, is SIGKILLed
 * mid-run and replaced (their time to partitions and DEGRADED share are logged as {@code
 * MEASURED}). Skips, saying why, where no Docker engine answers.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PipelineContainerIT {
  private static final Logger log = LoggerFactory.getLogger(PipelineContainerIT.class);
  private static final List<String> STAGES = List.of("classify", "extract", "sentiment", "draft");
  private static final LoadRun.Progress NONE = (sent, settled, total) -> {};

  private ContainerStack stack;
  private SchemaRegistryClient registry;
  private App topology;
  private final Map<String, App> workers = new ConcurrentHashMap<>();
  private App frontier;

  @BeforeAll
  void startPipeline() throws Exception {
    stack = ContainerStack.startBrokerAndRegistry();
    registry = SchemaRegistryClient.create(RegistrySettings.of(stack.registryUrl()));
    topology = stack.topology("topology-1");
    // The topology creates the topics; the workers' own creation is then a no-op.
    stack.startAll(topology);
    App[] rest = new App[STAGES.size() + 1];
    for (int i = 0; i < STAGES.size(); i++) {
      rest[i] = stack.worker(STAGES.get(i), STAGES.get(i) + "-1");
      workers.put(STAGES.get(i), rest[i]);
    }
    frontier = stack.frontier("frontier-1");
    rest[STAGES.size()] = frontier;
    stack.startAll(rest);
  }

  @AfterAll
  void stopPipeline() {
    if (registry != null) {
      registry.close();
    }
    if (stack != null) {
      stack.close();
    }
  }

  @Test
  @Order(1)
  void shouldAnswerEveryMessageOnceWhileAStageScalesFromOneToThreeAndOneIsKilled()
      throws Exception {
    // Given load that keeps coming (runs of 150 messages at 15/s, one after another) until the
    // scaling below is over and one more run has gone through
    AtomicBoolean scaled = new AtomicBoolean();
    List<LoadReport> runs = new CopyOnWriteArrayList<>();
    AtomicInteger runsAtKill = new AtomicInteger(-1);
    CompletableFuture<Void> load =
        CompletableFuture.runAsync(
            () -> {
              int runsAfterKill = 0;
              while (runsAfterKill < 1) {
                boolean wasScaled = scaled.get();
                runs.add(load(150, 15, "scale-" + runs.size(), new ConcurrentHashMap<>(), NONE));
                if (wasScaled) {
                  runsAfterKill++;
                }
              }
            });

    // When the classify group grows from one worker to three, and one of them is SIGKILLed
    App second = stack.worker("classify", "classify-2");
    App third = stack.worker("classify", "classify-3");
    stack.startAll(second, third);
    ContainerStack.kill(second);
    runsAtKill.set(runs.size());
    scaled.set(true);
    load.get(15, TimeUnit.MINUTES);
    long sent = runs.stream().mapToLong(LoadReport::sent).sum();
    long replies = runs.stream().mapToLong(LoadReport::replies).sum();
    long dead = runs.stream().mapToLong(LoadReport::deadLettered).sum();
    log.info(
        "scaling: {} runs, {} sent, {} replies, {} duplicates, {} missing; killed during run {};"
            + " routes {}",
        runs.size(),
        sent,
        replies,
        runs.stream().mapToLong(LoadReport::duplicates).sum(),
        runs.stream().mapToLong(LoadReport::missing).sum(),
        runsAtKill.get() + 1,
        runs.stream().map(LoadReport::routes).toList());

    // Then every message of every run got exactly one reply (read_committed), also of the run
    // under way when the worker was killed and of the runs after it
    assertThat(runs.size()).as("runs after the kill").isGreaterThan(runsAtKill.get());
    assertThat(runs).allSatisfy(r -> assertThat(r.duplicates()).isZero());
    assertThat(runs).allSatisfy(r -> assertThat(r.missing()).isZero());
    assertThat(replies).isEqualTo(sent - dead);
  }

  @Test
  @Order(2)
  void shouldAnswerInteractiveQueriesForEveryMessageWithOneOfTwoTopologyInstancesKilled()
      throws Exception {
    // Given a second topology instance in the same application, both running
    App second = stack.topology("topology-2");
    stack.startAll(second);
    await("both instances RUNNING")
        .atMost(Duration.ofMinutes(3))
        .until(
            () ->
                ContainerStack.get(topology.port(), "/ready").statusCode() == 200
                    && ContainerStack.get(second.port(), "/ready").statusCode() == 200);
    Map<String, String> ticketOf = new ConcurrentHashMap<>();
    LoadReport report = load(300, 20, "query", ticketOf, NONE);
    assertThat(report.missing()).isZero();
    assertThat(report.duplicates()).isZero();

    // Then each instance answers for every message, its own or (redirected) the other's
    awaitAllAnswered(topology, ticketOf);
    awaitAllAnswered(second, ticketOf);

    // When the second instance is SIGKILLed, the first still answers for every message
    ContainerStack.kill(second);
    awaitAllAnswered(topology, ticketOf);
  }

  @Test
  @Order(3)
  void shouldAnswerEveryMessageOnceWhenTheOnlyDraftWorkerIsKilledAndRestarted() throws Exception {
    App replacement =
        killAndRestartMidRun(
            "draft worker",
            workers.get("draft"),
            "workers.draft",
            TopicNames.unprefixed().stageRequests(Stage.DRAFT),
            () -> stack.worker("draft", "draft-1"));
    workers.put("draft", replacement);
  }

  @Test
  @Order(4)
  void shouldAnswerEveryMessageOnceWhenTheOnlyFrontierWorkerIsKilledAndRestarted()
      throws Exception {
    frontier =
        killAndRestartMidRun(
            "frontier worker",
            frontier,
            "frontier",
            TopicNames.unprefixed().escalations(),
            () -> stack.frontier("frontier-1"));
  }

  @Test
  @Order(5)
  void shouldAnswerEveryMessageOnceWhenTheOnlyTopologyInstanceIsKilledAndRestarted()
      throws Exception {
    // (the second instance of test 2 is dead: this one holds every task)
    topology =
        killAndRestartMidRun(
            "topology",
            topology,
            "topology",
            TopicNames.unprefixed().messages(),
            () -> stack.topology("topology-1"));
  }

  /**
   * Under load (300 messages at 15/s), SIGKILLs {@code victim}, the only member of its group, once
   * 45 replies have settled, and starts a replacement with the same id at once, as a supervisor
   * would. Logs the time until the group's partitions have a live owner again and the DEGRADED
   * share of the run (issue 16 measured 716 of 1,000 DEGRADED behind a draft-worker kill and 473
   * behind a frontier kill); asserts every message is answered exactly once.
   */
  private App killAndRestartMidRun(
      String what, App victim, String group, String topic, Supplier<App> replacement)
      throws Exception {
    CountDownLatch underWay = new CountDownLatch(1);
    CompletableFuture<LoadReport> load =
        CompletableFuture.supplyAsync(
            () ->
                load(
                    300,
                    15,
                    "kill-" + group,
                    new ConcurrentHashMap<>(),
                    (sent, settled, total) -> {
                      if (settled >= 45) {
                        underWay.countDown();
                      }
                    }));
    assertThat(underWay.await(3, TimeUnit.MINUTES)).as("45 replies settled").isTrue();
    App next;
    long toPartitions;
    try (Reassignment partitions =
        Reassignment.snapshot(stack.bootstrapServers(), group, topic, 6)) {
      ContainerStack.kill(victim);
      victim.container().stop(); // the supervisor replaces the dead container
      next = replacement.get();
      stack.startAll(next);
      toPartitions = partitions.awaitNewOwners(Duration.ofMinutes(3)).toMillis();
    }
    LoadReport report = load.get(10, TimeUnit.MINUTES);
    long degraded = report.routes().getOrDefault("DEGRADED", 0L);
    log.info(
        "MEASURED {} SIGKILL: partitions owned again {} ms after the kill; {} of {} replies"
            + " DEGRADED ({}%); routes {}",
        what,
        toPartitions,
        degraded,
        report.replies(),
        String.format(Locale.ROOT, "%.1f", 100.0 * degraded / Math.max(1, report.replies())),
        report.routes());
    assertThat(report.missing()).isZero();
    assertThat(report.duplicates()).isZero();
    assertThat(report.replies()).isEqualTo(report.sent() - report.deadLettered());
    return next;
  }

  private void awaitAllAnswered(App instance, Map<String, String> ticketOf) {
    await("all answered on port " + instance.port())
        .atMost(Duration.ofMinutes(3))
        .pollInterval(Duration.ofSeconds(1))
        .ignoreExceptions()
        .until(() -> ticketOf.entrySet().stream().allMatch(e -> answered(instance, e)));
  }

  private static boolean answered(App instance, Map.Entry<String, String> message) {
    HttpResponse<String> r =
        ContainerStack.get(
            instance.port(),
            "/messages/"
                + URLEncoder.encode(message.getKey(), StandardCharsets.UTF_8)
                + "?ticketId="
                + URLEncoder.encode(message.getValue(), StandardCharsets.UTF_8));
    return r.statusCode() == 200 && r.body().contains("\"ANSWERED\"");
  }

  /** Runs the load test's own open-loop run; records each message's ticket in {@code ticketOf}. */
  private LoadReport load(
      int messages,
      double rate,
      String runId,
      Map<String, String> ticketOf,
      LoadRun.Progress progress) {
    TicketMessages tickets = new TicketMessages(42, runId, "acme", Clock.systemUTC());
    try {
      return LoadRun.run(
          new LoadRun.Plan(
              stack.bootstrapServers(),
              TopicNames.unprefixed(),
              messages,
              ArrivalSchedule.fixed(rate),
              Duration.ofMinutes(4)),
          registry,
          i -> {
            SupportMessage m = tickets.apply(i);
            ticketOf.put(m.getMessageId(), m.getTicketId());
            return m;
          },
          progress);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
