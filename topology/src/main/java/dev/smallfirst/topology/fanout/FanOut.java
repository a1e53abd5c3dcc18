package dev.smallfirst.topology.fanout;

import dev.smallfirst.records.Classification;
import dev.smallfirst.records.DraftContext;
import dev.smallfirst.records.LabelScore;
import dev.smallfirst.records.Sentiment;
import dev.smallfirst.records.Stage;
import dev.smallfirst.records.StageRequest;
import dev.smallfirst.records.SupportMessage;
import dev.smallfirst.records.state.AggregateState;
import dev.smallfirst.records.state.Phase;
import dev.smallfirst.records.state.SlotStatus;
import dev.smallfirst.records.state.StageSlot;
import dev.smallfirst.schemas.stages.Intents;
import dev.smallfirst.schemas.stages.StageCatalogue;
import dev.smallfirst.topology.deadline.StageDeadlines;
import dev.smallfirst.topology.internal.Effect;
import dev.smallfirst.topology.internal.Slots;
import dev.smallfirst.topology.internal.Transition;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The fan-out step: every request to a stage worker, with its attempt and deadline. A new message
 * is fanned out to the catalogue's analyses ({@link StageCatalogue#fanOutStages()}); the draft
 * request carries the analyses as context. Stateless and thread-safe.
 */
public final class FanOut {
  private final StageDeadlines deadlines;

  public FanOut(StageDeadlines deadlines) {
    this.deadlines = deadlines;
  }

  /** A valid message arrives: request the fan-out stages. */
  public Transition.Advanced start(SupportMessage message, String text, Instant now) {
    List<Effect> effects = new ArrayList<>();
    AggregateState state =
        AggregateState.newBuilder()
            .setMessage(message)
            .setText(text)
            .setStartedAt(now)
            .setPhase(Phase.GATHERING)
            .setSlots(new ArrayList<>())
            .build();
    for (Stage stage : StageCatalogue.fanOutStages()) {
      state = request(state, stage, 1, now, effects);
    }
    return new Transition.Advanced(state, effects, List.of());
  }

  /**
   * Requests attempt {@code attempt} of {@code stage}: returns {@code state} with the stage's new
   * pending slot and adds the request to {@code effects}.
   */
  public AggregateState request(
      AggregateState state, Stage stage, int attempt, Instant now, List<Effect> effects) {
    StageSlot slot = pending(stage, attempt, now);
    AggregateState next = Slots.put(state, slot);
    effects.add(new Effect.Request(stageRequest(next, slot)));
    return next;
  }

  /** Requests {@code slot}'s stage once more; see {@link #request}. */
  public AggregateState retry(
      AggregateState state, StageSlot slot, Instant now, List<Effect> effects) {
    return request(state, slot.getStage(), slot.getAttempt() + 1, now, effects);
  }

  /** A pending slot for attempt {@code attempt} of {@code stage}, due after its deadline. */
  public StageSlot pending(Stage stage, int attempt, Instant now) {
    return StageSlot.newBuilder()
        .setStage(stage)
        .setStatus(SlotStatus.PENDING)
        .setAttempt(attempt)
        .setRequestedAt(now)
        .setDeadline(now.plus(deadlines.forAttempt(stage, attempt)))
        .setResult(null)
        .setEscalation(null)
        .setFailure(null)
        .build();
  }

  private static StageRequest stageRequest(AggregateState state, StageSlot slot) {
    SupportMessage m = state.getMessage();
    return StageRequest.newBuilder()
        .setMessageId(m.getMessageId())
        .setTicketId(m.getTicketId())
        .setTenantId(m.getTenantId())
        .setStage(slot.getStage())
        .setText(state.getText())
        .setContext(slot.getStage() == Stage.DRAFT ? draftContext(state) : null)
        .setAttempt(slot.getAttempt())
        .setRequestedAt(slot.getRequestedAt())
        .setDeadline(slot.getDeadline())
        .build();
  }

  private static DraftContext draftContext(AggregateState state) {
    Optional<Classification> intent = Slots.classification(state);
    return DraftContext.newBuilder()
        .setIntent(intent.map(Classification::getLabel).orElse(null))
        .setIntentConfidence(intent.map(Classification::getConfidence).orElse(null))
        .setEntities(Slots.extraction(state).map(e -> e.getEntities()).orElse(List.of()))
        .setSentiment(Slots.sentiment(state).map(Sentiment::getLabel).orElse(null))
        .setChannel(state.getMessage().getChannel().name())
        .setMissingStages(List.copyOf(Slots.missing(state)))
        .setIntents(
            intent
                .map(
                    c ->
                        Intents.present(
                            c.getLabel(),
                            c.getIntents(),
                            c.getTopK().stream().map(LabelScore::getLabel).toList(),
                            c.getTopK().stream().map(LabelScore::getScore).toList()))
                .orElse(List.of()))
        .build();
  }
}
