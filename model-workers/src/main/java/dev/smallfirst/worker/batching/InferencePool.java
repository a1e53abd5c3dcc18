package dev.smallfirst.worker.batching;

import dev.smallfirst.models.InferenceException;
import dev.smallfirst.models.InferenceSession;
import dev.smallfirst.models.StageInput;
import dev.smallfirst.models.StageModel;
import dev.smallfirst.models.StageOutcome;
import dev.smallfirst.records.FailureCode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Inference threads, each holding one {@link InferenceSession} (a DJL {@code Predictor}) for its
 * whole life, opened and closed with try-with-resources. Batches are taken in submission order.
 * Each thread warms its session up before the pool counts as warm. When a batch fails as a whole,
 * its inputs are retried one by one, so only the input at fault gets a retriable {@code
 * MODEL_ERROR}; a batch never fails as a whole. Thread-safe.
 *
 * <pre>{@code
 * try (InferencePool pool = new InferencePool(model, 2, warmUpInputs, System::nanoTime)) {
 *   pool.awaitWarm(Duration.ofMinutes(1));
 *   BatchOutcome out = pool.submit(inputs).join();
 * }
 * }</pre>
 */
public final class InferencePool implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(InferencePool.class);

  private record Task(List<StageInput> inputs, CompletableFuture<BatchOutcome> result) {}

  private final StageModel model;
  private final List<StageInput> warmUp;
  private final LongSupplier nanos;
  private final LinkedBlockingQueue<Task> queue = new LinkedBlockingQueue<>();
  private final CountDownLatch warm;
  private final AtomicReference<Throwable> startFailure = new AtomicReference<>();
  private final List<Thread> threads = new ArrayList<>();
  private volatile boolean closed;

  /**
   * Starts {@code threadCount} inference threads on {@code model}.
   *
   * @param warmUp inputs each thread runs once before it takes work
   * @param nanos the nano clock timings are taken from
   */
  public InferencePool(
      StageModel model, int threadCount, List<StageInput> warmUp, LongSupplier nanos) {
    this.model = model;
    this.warmUp = List.copyOf(warmUp);
    this.nanos = nanos;
    this.warm = new CountDownLatch(threadCount);
    String stage = model.stage().name().toLowerCase(java.util.Locale.ROOT);
    for (int i = 0; i < threadCount; i++) {
      Thread t = new Thread(this::serve, "inference-" + stage + "-" + i);
      t.setDaemon(true);
      threads.add(t);
      t.start();
    }
  }

  /**
   * Waits until every thread has warmed up.
   *
   * @return whether they all did within {@code timeout}
   * @throws IllegalStateException when a thread could not open or warm its session
   */
  public boolean awaitWarm(Duration timeout) throws InterruptedException {
    boolean done = warm.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    Throwable failure = startFailure.get();
    if (failure != null) {
      throw new IllegalStateException("model warm-up failed: " + failure, failure);
    }
    return done;
  }

  /** Whether every thread is warm and none has failed. */
  public boolean isWarm() {
    return warm.getCount() == 0 && startFailure.get() == null && !closed;
  }

  /**
   * Queues {@code inputs} as one batch. The future completes with one outcome per input; cancel it
   * to skip the batch if it has not started.
   */
  public CompletableFuture<BatchOutcome> submit(List<StageInput> inputs) {
    CompletableFuture<BatchOutcome> f = new CompletableFuture<>();
    if (closed) {
      f.cancel(false);
      return f;
    }
    queue.add(new Task(List.copyOf(inputs), f));
    return f;
  }

  private void serve() {
    try (InferenceSession session = model.newSession()) {
      if (!warmUp.isEmpty()) {
        runBatch(session, warmUp);
      }
      warm.countDown();
      while (!closed) {
        Task task = queue.poll(200, TimeUnit.MILLISECONDS);
        if (task != null && !task.result().isDone()) {
          try {
            task.result().complete(runBatch(session, task.inputs()));
          } catch (RuntimeException bug) {
            task.result().completeExceptionally(bug);
          }
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (RuntimeException e) {
      log.error(
          "inference thread {} stopped: {}", Thread.currentThread().getName(), e.toString(), e);
      startFailure.compareAndSet(null, e);
      warm.countDown();
    }
  }

  private BatchOutcome runBatch(InferenceSession session, List<StageInput> inputs) {
    long start = nanos.getAsLong();
    List<StageOutcome> outcomes;
    try {
      outcomes = checked(session.predict(inputs), inputs.size());
    } catch (InferenceException | RuntimeException e) {
      outcomes = isolate(session, inputs, e);
    }
    return new BatchOutcome(outcomes, start, nanos.getAsLong() - start);
  }

  /** Re-runs a failed batch input by input, so that one bad input does not fail the others. */
  private static List<StageOutcome> isolate(
      InferenceSession session, List<StageInput> inputs, Exception batchError) {
    if (inputs.size() == 1) {
      log.warn("inference failed for one input: {}", batchError.toString(), batchError);
      return List.of(modelError(batchError));
    }
    log.warn(
        "batch of {} failed ({}); retrying its inputs one by one",
        inputs.size(),
        batchError.toString());
    List<StageOutcome> out = new ArrayList<>(inputs.size());
    for (StageInput input : inputs) {
      try {
        out.add(checked(session.predict(List.of(input)), 1).get(0));
      } catch (InferenceException | RuntimeException e) {
        log.warn("inference failed for one input: {}", e.toString());
        out.add(modelError(e));
      }
    }
    return out;
  }

  private static List<StageOutcome> checked(List<StageOutcome> outcomes, int expected) {
    if (outcomes == null
        || outcomes.size() != expected
        || outcomes.stream().anyMatch(Objects::isNull)) {
      throw new IllegalStateException(
          "model returned "
              + (outcomes == null ? "null" : outcomes.size() + " outcomes")
              + " for "
              + expected
              + " inputs");
    }
    return outcomes;
  }

  private static StageOutcome modelError(Exception e) {
    String message = String.valueOf(e.getMessage());
    return new StageOutcome.Failed(
        FailureCode.MODEL_ERROR,
        "model error: " + (message.length() > 500 ? message.substring(0, 500) : message),
        true);
  }

  /** Stops the threads (each closes its session) and cancels queued batches. */
  @Override
  public void close() {
    closed = true;
    for (Task t; (t = queue.poll()) != null; ) {
      t.result().cancel(false);
    }
    for (Thread t : threads) {
      try {
        t.join(Duration.ofSeconds(30).toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }
}
