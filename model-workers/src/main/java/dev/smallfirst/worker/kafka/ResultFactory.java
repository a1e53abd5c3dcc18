package dev.smallfirst.worker.kafka;

import dev.smallfirst.models.ModelIdentity;
import dev.smallfirst.models.StageOutcome;
import dev.smallfirst.records.Classification;
import dev.smallfirst.records.Draft;
import dev.smallfirst.records.Entity;
import dev.smallfirst.records.Extraction;
import dev.smallfirst.records.LabelScore;
import dev.smallfirst.records.ModelRef;
import dev.smallfirst.records.Sentiment;
import dev.smallfirst.records.StageFailure;
import dev.smallfirst.records.StageRequest;
import dev.smallfirst.records.StageResult;
import java.time.Clock;

/**
 * Builds the {@link StageResult} of a request: the outcome as its Avro union member, the pinned
 * model, timings, batch size and worker id. Public so that a one-process rival of the worker (the
 * demo's naive baseline) answers with the very same records. Thread-safe.
 */
public final class ResultFactory {
  private final ModelRef model;
  private final String workerId;
  private final Clock clock;

  public ResultFactory(ModelIdentity identity, String workerId, Clock clock) {
    this.model =
        ModelRef.newBuilder()
            .setName(identity.name())
            .setVersion(identity.version())
            .setSha256(identity.sha256())
            .build();
    this.workerId = workerId;
    this.clock = clock;
  }

  /**
   * @param batchSize requests in the forward batch that answered it; 0 when no model ran
   */
  public StageResult result(
      StageRequest request,
      StageOutcome outcome,
      long latencyMicros,
      long inferenceMicros,
      int batchSize) {
    return StageResult.newBuilder()
        .setMessageId(request.getMessageId())
        .setTicketId(request.getTicketId())
        .setStage(request.getStage())
        .setAttempt(request.getAttempt())
        .setModel(model)
        .setOutcome(avro(outcome))
        .setLatencyMicros(latencyMicros)
        .setInferenceMicros(inferenceMicros)
        .setBatchSize(batchSize)
        .setWorkerId(workerId)
        .setCompletedAt(clock.instant())
        .build();
  }

  static Object avro(StageOutcome outcome) {
    return switch (outcome) {
      case StageOutcome.Classified c ->
          Classification.newBuilder()
              .setLabel(c.label())
              .setConfidence(c.confidence())
              .setTopK(
                  c.topK().stream()
                      .map(
                          s ->
                              LabelScore.newBuilder()
                                  .setLabel(s.label())
                                  .setScore(s.score())
                                  .build())
                      .toList())
              .setIntents(c.intents())
              .build();
      case StageOutcome.Extracted x ->
          Extraction.newBuilder()
              .setEntities(
                  x.entities().stream()
                      .map(
                          e ->
                              Entity.newBuilder()
                                  .setType(e.type())
                                  .setValue(e.value())
                                  .setStart(e.start())
                                  .setEnd(e.end())
                                  .setConfidence(e.confidence())
                                  .build())
                      .toList())
              .build();
      case StageOutcome.SentimentScored s ->
          Sentiment.newBuilder()
              .setLabel(s.label())
              .setScore(s.score())
              .setConfidence(s.confidence())
              .build();
      case StageOutcome.Drafted d ->
          Draft.newBuilder()
              .setText(d.text())
              .setConfidence(d.confidence())
              .setTokens(d.tokens())
              .build();
      case StageOutcome.Failed f ->
          StageFailure.newBuilder()
              .setCode(f.code())
              .setMessage(f.message())
              .setRetriable(f.retriable())
              .build();
    };
  }
}
