package dev.smallfirst.frontier.e2e;

import dev.smallfirst.frontier.FrontierApp;
import dev.smallfirst.frontier.FrontierSettings;
import dev.smallfirst.frontier.llm.LlmClient;
import dev.smallfirst.frontier.llm.LlmReply;
import dev.smallfirst.frontier.llm.LlmRequest;
import dev.smallfirst.frontier.testing.Escalations;
import dev.smallfirst.frontier.testing.FakeProvider;
import dev.smallfirst.frontier.testing.Polishers;
import dev.smallfirst.frontier.testing.Wire;
import dev.smallfirst.records.EscalationOutcome;
import dev.smallfirst.records.EscalationRequest;
import dev.smallfirst.runtime.config.ConfigSource;
import dev.smallfirst.schemas.topics.TopicNames;
import dev.smallfirst.stack.LocalStack;
import dev.smallfirst.stack.StackSettings;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Measures the worker's own overhead per escalation, the provider excluded, for the README. Not a
 * test; run by hand (see frontier-worker/README.md, "Measured"):
 *
 * <pre>{@code
 * java -cp frontier-worker/target/test-classes:frontier-worker/target/classes:$(cat cp.txt) \
 *   dev.smallfirst.frontier.e2e.OverheadBenchmark
 * }</pre>
 */
public final class OverheadBenchmark {
  private OverheadBenchmark() {}

  /** A provider that answers at once, without HTTP. */
  private static final class InstantClient implements LlmClient {
    @Override
    public LlmReply complete(LlmRequest request) {
      return new LlmReply(
          "Hello! Your kettle (order A-10442) ships tomorrow.",
          "instant",
          Optional.of(new LlmReply.Usage(812, 96)),
          false);
    }

    @Override
    public String provider() {
      return "instant";
    }

    @Override
    public String model() {
      return "instant";
    }

    @Override
    public void close() {}
  }

  public static void main(String[] args) throws Exception {
    Map<String, String> base =
        Polishers.config("anthropic", FakeProvider.start(Wire.anthropicMessage("x", 1, 1)));
    base.put("frontier.budget.hour.micros", "1000000000000");
    base.put("frontier.budget.day.micros", "1000000000000");

    try (Polishers p = Polishers.with(new InstantClient(), base, Clock.systemUTC())) {
      inProcess("worker alone (no HTTP, no SDK)", p, 20_000, 50_000);
    }
    for (String provider : new String[] {"anthropic", "openai"}) {
      FakeProvider.Reply reply =
          provider.equals("anthropic")
              ? Wire.anthropicMessage("Hello! Your kettle ships tomorrow.", 812, 96)
              : Wire.openAiCompletion("Hello! Your kettle ships tomorrow.", 812, 96);
      try (FakeProvider server = FakeProvider.start(reply)) {
        Map<String, String> c = Polishers.config(provider, server);
        c.putAll(
            Map.of(
                "frontier.budget.hour.micros",
                "1000000000000",
                "frontier.budget.day.micros",
                "1000000000000"));
        try (Polishers p = Polishers.from(c, Clock.systemUTC())) {
          inProcess("worker + " + provider + " SDK + loopback HTTP", p, 3_000, 5_000);
        }
      }
    }
    if (args.length == 0 || !args[0].equals("--no-kafka")) {
      onTheBroker();
    }
    System.exit(0);
  }

  private static void inProcess(String label, Polishers p, int warm, int measured) {
    for (int i = 0; i < warm; i++) {
      p.polisher.polish(Escalations.request("w-" + i, Instant.now()));
    }
    long[] nanos = new long[measured];
    for (int i = 0; i < measured; i++) {
      EscalationRequest r = Escalations.request("m-" + i, Instant.now());
      long t0 = System.nanoTime();
      var result = p.polisher.polish(r);
      nanos[i] = System.nanoTime() - t0;
      if (result.getOutcome() != EscalationOutcome.POLISHED) {
        throw new IllegalStateException("not polished: " + result);
      }
    }
    Arrays.sort(nanos);
    System.out.printf(
        Locale.ROOT,
        "%-45s p50 %7.1f us  p99 %7.1f us  (%d sequential calls after %d warm-up)%n",
        label,
        nanos[measured / 2] / 1e3,
        nanos[(int) (measured * 0.99)] / 1e3,
        measured,
        warm);
  }

  /** Escalation record in, committed result out, through Kafka transactions, paced at 100/s. */
  private static void onTheBroker() throws Exception {
    try (LocalStack stack = LocalStack.start(StackSettings.defaults());
        FakeProvider server = FakeProvider.start(Wire.anthropicMessage("Hello!", 812, 96))) {
      TopicNames topics = TopicNames.withPrefix("bench.");
      Map<String, String> c = FrontierExactlyOnceIT.config(stack, topics, server);
      c.put("frontier.budget.hour.micros", "1000000000000");
      c.put("frontier.budget.day.micros", "1000000000000");
      try (Pipeline pipeline = new Pipeline(stack, topics, 4);
          FrontierApp app =
              FrontierApp.start(
                  FrontierSettings.from(ConfigSource.of(c), Map.of()), Clock.systemUTC())) {
        int warm = 1_000;
        int measured = 2_000;
        for (int i = 0; i < warm; i++) {
          pipeline.send(Escalations.request("w-" + i, Instant.now()));
        }
        pipeline.flush();
        pipeline.awaitDistinct(warm, Duration.ofMinutes(3));

        // Burst: throughput
        long t0 = System.nanoTime();
        for (int i = 0; i < measured; i++) {
          pipeline.send(Escalations.request("b-" + i, Instant.now()));
        }
        pipeline.flush();
        pipeline.awaitDistinct(warm + measured, Duration.ofMinutes(3));
        double seconds = (System.nanoTime() - t0) / 1e9;
        System.out.printf(
            Locale.ROOT,
            "%-45s %.0f escalations/s (%d in a burst)%n",
            "kafka burst throughput",
            measured / seconds,
            measured);

        // Paced: latency from send to committed result
        Map<String, Long> sentAt = new HashMap<>();
        long start = System.nanoTime();
        for (int i = 0; i < measured; i++) {
          long due = start + i * 10_000_000L; // 100 per second, open loop
          while (System.nanoTime() < due) {
            Thread.onSpinWait();
          }
          String id = "p-" + i;
          sentAt.put(id, System.currentTimeMillis());
          pipeline.send(Escalations.request(id, Instant.now()));
          if (i % 10 == 0) {
            pipeline.flush();
          }
        }
        pipeline.flush();
        pipeline.awaitDistinct(warm + 2 * measured, Duration.ofMinutes(3));
        long[] ms =
            sentAt.entrySet().stream()
                .mapToLong(e -> pipeline.resultTimestamps().get(e.getKey()) - e.getValue())
                .sorted()
                .toArray();
        System.out.printf(
            Locale.ROOT,
            "%-45s p50 %d ms  p99 %d ms  max %d ms (commit interval %s)%n",
            "kafka send -> committed result, 100/s",
            ms[ms.length / 2],
            ms[(int) (ms.length * 0.99)],
            ms[ms.length - 1],
            "100 ms");
      }
    }
  }
}
