package dev.smallfirst.worker.kafka;

import dev.smallfirst.records.FailureCode;
import dev.smallfirst.runtime.kafka.TransactionalWriter;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The worker's metrics (Micrometer, scraped as Prometheus by the status server): batch size, queue
 * wait, inference time, latency, records by result, failures by code, transactions, buffered
 * records. Rates (records/s) come from the counters. Thread-safe.
 */
public final class WorkerMetrics {
  private final MeterRegistry registry;
  private final DistributionSummary batchSize;
  private final Timer queueWait;
  private final Timer inference;
  private final Timer latency;
  private final Counter answered;
  private final Counter failed;
  private final Counter deadLettered;
  private final Counter committed;
  private final Counter aborted;
  private final AtomicInteger buffered = new AtomicInteger();

  public WorkerMetrics(MeterRegistry registry) {
    this.registry = registry;
    this.batchSize =
        DistributionSummary.builder("smallfirst_worker_batch_size")
            .description("requests per forward batch")
            .serviceLevelObjectives(1, 2, 4, 8, 16, 32, 64, 128, 256, 512)
            .register(registry);
    this.queueWait =
        latencyTimer(
            registry,
            "smallfirst_worker_queue_wait",
            "from the poll that returned a request to the start of its forward pass");
    this.inference =
        latencyTimer(registry, "smallfirst_worker_inference", "forward pass of one batch");
    this.latency =
        latencyTimer(
            registry,
            "smallfirst_worker_latency",
            "from the poll that returned a request to its result");
    this.answered = records("answered");
    this.failed = records("failed");
    this.deadLettered = records("dead_lettered");
    this.committed = transactions("committed");
    this.aborted = transactions("aborted");
    registry.gauge("smallfirst_worker_buffered_records", buffered);
  }

  public MeterRegistry registry() {
    return registry;
  }

  void batch(int size, long inferenceNanos) {
    batchSize.record(size);
    inference.record(inferenceNanos, TimeUnit.NANOSECONDS);
  }

  void queueWait(long nanos) {
    queueWait.record(Math.max(0, nanos), TimeUnit.NANOSECONDS);
  }

  void answered(long latencyNanos) {
    answered.increment();
    latency.record(Math.max(0, latencyNanos), TimeUnit.NANOSECONDS);
  }

  void failed(FailureCode code, long latencyNanos) {
    failed.increment();
    Counter.builder("smallfirst_worker_failures")
        .description("StageFailure results by code")
        .tag("code", code.name())
        .register(registry)
        .increment();
    latency.record(Math.max(0, latencyNanos), TimeUnit.NANOSECONDS);
  }

  void deadLettered() {
    deadLettered.increment();
  }

  void committed() {
    committed.increment();
  }

  void aborted() {
    aborted.increment();
  }

  /** Counts the transaction calls that timed out (a broker outage) and were made again. */
  void bindTimeouts(TransactionalWriter writer) {
    FunctionCounter.builder(
            "smallfirst_worker_transaction_timeouts", writer, TransactionalWriter::timeouts)
        .description("commit or abort calls that timed out and were made again (broker outage)")
        .register(registry);
  }

  void buffered(int n) {
    buffered.set(n);
  }

  private Counter records(String result) {
    return Counter.builder("smallfirst_worker_records")
        .description("consumed requests by what became of them")
        .tag("result", result)
        .register(registry);
  }

  private Counter transactions(String result) {
    return Counter.builder("smallfirst_worker_transactions")
        .description("Kafka transactions by result")
        .tag("result", result)
        .register(registry);
  }

  /** A timer with a percentile histogram from 1 ms to 30 s, the range of every worker latency. */
  private static Timer latencyTimer(MeterRegistry registry, String name, String description) {
    return Timer.builder(name)
        .description(description)
        .publishPercentileHistogram()
        .minimumExpectedValue(Duration.ofMillis(1))
        .maximumExpectedValue(Duration.ofSeconds(30))
        .register(registry);
  }
}
