package dev.smallfirst.frontier.status;

import dev.smallfirst.frontier.budget.BudgetGuard;
import dev.smallfirst.frontier.budget.SpendWindow;
import dev.smallfirst.frontier.resilience.CallObserver;
import dev.smallfirst.records.EscalationResult;
import dev.smallfirst.runtime.kafka.TransactionalWriter;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.function.IntSupplier;

/**
 * The worker's meters ({@code smallfirst_frontier_*} in Prometheus): results by outcome, fallbacks
 * by reason, provider attempts by result and their latency, escalation latency, tokens, spend per
 * window against its cap, dead letters, aborted transactions, records in flight. Results are
 * counted when their transaction commits, so the counts match what consumers see. Thread-safe.
 */
public final class FrontierMetrics implements CallObserver {
  private final MeterRegistry registry;
  private final Counter deadLetters;
  private final Counter aborted;
  private final Counter inputTokens;
  private final Counter outputTokens;
  private final Timer commits;

  public FrontierMetrics(MeterRegistry registry) {
    this.registry = registry;
    this.deadLetters =
        Counter.builder("smallfirst.frontier.dead.letters")
            .description("Escalations dead-lettered (undecodable or internal error)")
            .register(registry);
    this.aborted =
        Counter.builder("smallfirst.frontier.transactions.aborted")
            .description("Transactions aborted and rewound")
            .register(registry);
    this.inputTokens =
        Counter.builder("smallfirst.frontier.tokens").tag("direction", "input").register(registry);
    this.outputTokens =
        Counter.builder("smallfirst.frontier.tokens").tag("direction", "output").register(registry);
    this.commits =
        Timer.builder("smallfirst.frontier.commit")
            .description("Time to produce and commit one transaction")
            .register(registry);
  }

  @Override
  public void attempt(String result, Duration took) {
    Counter.builder("smallfirst.frontier.provider.attempts")
        .description("Provider HTTP calls by result")
        .tag("result", result)
        .register(registry)
        .increment();
    Timer.builder("smallfirst.frontier.provider.latency")
        .description("Provider HTTP call latency")
        .publishPercentiles(0.5, 0.99)
        .register(registry)
        .record(took);
  }

  /** Counts a result whose transaction committed. */
  public void committed(EscalationResult r) {
    Counter.builder("smallfirst.frontier.results")
        .description("Escalation results by outcome")
        .tag("outcome", r.getOutcome().name())
        .tag("stand_in", String.valueOf(r.getStandIn()))
        .register(registry)
        .increment();
    if (r.getFallbackReason() != null) {
      Counter.builder("smallfirst.frontier.fallbacks")
          .description("Fallbacks to the small draft by reason")
          .tag("reason", r.getFallbackReason().name())
          .register(registry)
          .increment();
    }
    Timer.builder("smallfirst.frontier.escalation.latency")
        .description("Time from picking an escalation up to its result, provider included")
        .publishPercentiles(0.5, 0.99)
        .register(registry)
        .record(Duration.ofNanos(r.getLatencyMicros() * 1_000));
    inputTokens.increment(r.getInputTokens());
    outputTokens.increment(r.getOutputTokens());
  }

  public void deadLettered() {
    deadLetters.increment();
  }

  public void transactionAborted() {
    aborted.increment();
  }

  public void commitTook(Duration d) {
    commits.record(d);
  }

  /** Spend in the current hour and day (all replicas), the caps, and this process's total. */
  public void bindBudget(BudgetGuard guard) {
    for (SpendWindow w : SpendWindow.values()) {
      Gauge.builder("smallfirst.frontier.spend.micros", guard, g -> g.spentNow(w))
          .description("Spend in the current window, all replicas, micro-dollars")
          .tag("window", w.label())
          .register(registry);
      long cap =
          w == SpendWindow.HOUR
              ? guard.settings().hourCapMicros()
              : guard.settings().dayCapMicros();
      Gauge.builder("smallfirst.frontier.budget.cap.micros", () -> cap)
          .description("Hard spend cap of the window, micro-dollars")
          .tag("window", w.label())
          .register(registry);
    }
    FunctionCounter.builder(
            "smallfirst.frontier.spent.micros", guard, BudgetGuard::spentByThisProcess)
        .description("Micro-dollars booked by this process since it started")
        .register(registry);
  }

  /** Counts the calls of the transactional write path that timed out (a broker outage). */
  public void bindTimeouts(TransactionalWriter writer) {
    FunctionCounter.builder(
            "smallfirst.frontier.transaction.timeouts", writer, TransactionalWriter::timeouts)
        .description(
            "sending offsets, commit, abort or reading committed offsets timed out (broker"
                + " outage)")
        .register(registry);
  }

  /** Escalations polled and not yet committed. */
  public void bindInflight(IntSupplier inflight) {
    Gauge.builder("smallfirst.frontier.inflight", inflight::getAsInt).register(registry);
  }
}
