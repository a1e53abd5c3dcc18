package dev.smallfirst.demo;

import dev.smallfirst.frontier.polish.Polisher;
import dev.smallfirst.models.InferenceException;
import dev.smallfirst.models.InferenceSession;
import dev.smallfirst.models.StageInput;
import dev.smallfirst.models.StageModel;
import dev.smallfirst.models.StageOutcome;
import dev.smallfirst.records.DraftedReply;
import dev.smallfirst.records.FailureCode;
import dev.smallfirst.records.Stage;
import dev.smallfirst.records.StageRequest;
import dev.smallfirst.records.StageResult;
import dev.smallfirst.records.SupportMessage;
import dev.smallfirst.topology.TopologyRules;
import dev.smallfirst.worker.kafka.ResultFactory;
import java.time.Clock;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The naive baseline's work for one message, all in the calling thread: the topology's intake
 * checks, then the topology's own aggregate and routing steps ({@link TopologyRules#answer}) with
 * each stage request answered by a direct model call (its input and result built as the worker
 * builds them, batch of one) and each escalation by a direct call to the frontier's polisher. Holds
 * one inference session per model: not thread-safe, one per thread; close it.
 */
final class InlineAnswerer implements AutoCloseable {
  /** The worker id in the baseline's stage results. */
  static final String WORKER_ID = "naive-baseline";

  private final TopologyRules rules;
  private final Polisher polisher;
  private final Clock clock;
  private final Map<Stage, InferenceSession> sessions = new EnumMap<>(Stage.class);
  private final Map<Stage, ResultFactory> results = new EnumMap<>(Stage.class);

  InlineAnswerer(
      TopologyRules rules, Map<Stage, StageModel> models, Polisher polisher, Clock clock) {
    this.rules = rules;
    this.polisher = polisher;
    this.clock = clock;
    models.forEach(
        (stage, model) -> {
          sessions.put(stage, model.newSession());
          results.put(stage, new ResultFactory(model.identity(), WORKER_ID, clock));
        });
  }

  /**
   * The reply the topology would send for {@code m} given these models' answers.
   *
   * @throws IllegalArgumentException when {@code m} has no message or ticket id (the topology
   *     dead-letters it; the Streams processing handler does here)
   */
  DraftedReply answer(SupportMessage m) {
    return switch (rules.intake(m)) {
      case TopologyRules.Intake.Unusable u -> throw new IllegalArgumentException(u.reason());
      case TopologyRules.Intake.Rejected r -> rules.rejected(m, r.reason(), clock.instant());
      case TopologyRules.Intake.Accepted a ->
          rules.answer(m, a.text(), this::call, polisher::polish, clock);
    };
  }

  /** One stage request answered by its model, as the worker answers it (a batch of one). */
  private StageResult call(StageRequest request) {
    Stage stage = request.getStage();
    InferenceSession session = sessions.get(stage);
    if (session == null) {
      throw new IllegalStateException("the baseline has no " + stage + " model");
    }
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
    return results.get(stage).result(request, outcome, micros, micros, 1);
  }

  @Override
  public void close() {
    sessions.values().forEach(InferenceSession::close);
    sessions.clear();
  }
}
