package dev.smallfirst.worker;

import dev.smallfirst.models.InferenceException;
import dev.smallfirst.models.InferenceSession;
import dev.smallfirst.models.StageInput;
import dev.smallfirst.models.StageModel;
import dev.smallfirst.models.StageOutcome;
import dev.smallfirst.records.FailureCode;
import dev.smallfirst.records.StageRequest;
import dev.smallfirst.records.StageResult;
import dev.smallfirst.worker.kafka.ResultFactory;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

/**
 * One stage request answered in the calling thread as a worker answers it, without Kafka: the
 * request's text and draft context as the model's input, one model call (a batch of one), a model
 * failure as a retriable {@code MODEL_ERROR}, and the same {@link StageResult} record a worker
 * sends. For a one-process rival of the pipeline (the demo's naive baseline). Holds one inference
 * session: not thread-safe, one per thread; close it (the model stays open).
 */
public final class InlineWorker implements AutoCloseable {
  private final InferenceSession session;
  private final ResultFactory results;

  /** Opens a session of {@code model}; {@code workerId} goes into every result. */
  public InlineWorker(StageModel model, String workerId, Clock clock) {
    this.session = model.newSession();
    this.results = new ResultFactory(model.identity(), workerId, clock);
  }

  /** The result of {@code request}, with its inference time as its latency. */
  public StageResult answer(StageRequest request) {
    long start = System.nanoTime();
    StageOutcome outcome;
    try {
      outcome =
          session
              .predict(
                  List.of(
                      new StageInput(request.getText(), Optional.ofNullable(request.getContext()))))
              .get(0);
    } catch (InferenceException | RuntimeException e) {
      outcome =
          new StageOutcome.Failed(
              FailureCode.MODEL_ERROR, "model error: " + String.valueOf(e.getMessage()), true);
    }
    long micros = (System.nanoTime() - start) / 1_000;
    return results.result(request, outcome, micros, micros, 1);
  }

  @Override
  public void close() {
    session.close();
  }
}
