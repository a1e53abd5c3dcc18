package dev.smallfirst.demo;

import dev.smallfirst.models.StageModel;
import dev.smallfirst.records.DraftedReply;
import dev.smallfirst.records.EscalationRequest;
import dev.smallfirst.records.EscalationResult;
import dev.smallfirst.records.Stage;
import dev.smallfirst.records.StageRequest;
import dev.smallfirst.records.StageResult;
import dev.smallfirst.records.SupportMessage;
import dev.smallfirst.topology.TopologyRules;
import dev.smallfirst.worker.InlineWorker;
import java.time.Clock;
import java.util.EnumMap;
import java.util.Map;
import java.util.function.Function;

/**
 * The naive baseline's work for one message, all in the calling thread: the topology's intake
 * checks, then the topology's own aggregate and routing steps ({@link TopologyRules#answer}) with
 * each stage request answered by a direct model call as the worker answers it ({@link
 * InlineWorker}, a batch of one) and each escalation by a direct call to the frontier's polisher.
 * Holds one inference session per model: not thread-safe, one per thread; close it.
 */
final class InlineAnswerer implements AutoCloseable {
  /** The worker id in the baseline's stage results. */
  static final String WORKER_ID = "naive-baseline";

  private final TopologyRules rules;
  private final Function<EscalationRequest, EscalationResult> polisher;
  private final Clock clock;
  private final Map<Stage, InlineWorker> workers = new EnumMap<>(Stage.class);

  InlineAnswerer(
      TopologyRules rules,
      Map<Stage, StageModel> models,
      Function<EscalationRequest, EscalationResult> polisher,
      Clock clock) {
    this.rules = rules;
    this.polisher = polisher;
    this.clock = clock;
    models.forEach((stage, model) -> workers.put(stage, new InlineWorker(model, WORKER_ID, clock)));
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
          rules.answer(m, a.text(), this::call, polisher, clock);
    };
  }

  private StageResult call(StageRequest request) {
    InlineWorker worker = workers.get(request.getStage());
    if (worker == null) {
      throw new IllegalStateException("the baseline has no " + request.getStage() + " model");
    }
    return worker.answer(request);
  }

  @Override
  public void close() {
    workers.values().forEach(InlineWorker::close);
    workers.clear();
  }
}
