package dev.smallfirst.topology.finalize;

import dev.smallfirst.records.Classification;
import dev.smallfirst.records.Draft;
import dev.smallfirst.records.DraftedReply;
import dev.smallfirst.records.EscalationOutcome;
import dev.smallfirst.records.EscalationResult;
import dev.smallfirst.records.Route;
import dev.smallfirst.records.Sentiment;
import dev.smallfirst.records.Stage;
import dev.smallfirst.records.StageTrace;
import dev.smallfirst.records.SupportMessage;
import dev.smallfirst.records.state.AggregateState;
import dev.smallfirst.records.state.SlotStatus;
import dev.smallfirst.records.state.StageSlot;
import dev.smallfirst.topology.cost.CostModel;
import dev.smallfirst.topology.internal.Slots;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Builds the {@link DraftedReply} of a finished message: route, text, every stage's output, model
 * and latency, and the cost against the all-frontier counterfactual. Stateless.
 */
public final class ReplyFactory {
  private final CostModel costs;
  private final String holdingReply;

  /**
   * @param costs prices for the reply's cost and counterfactual
   * @param holdingReply text of a degraded reply that has no draft at all (a human takes over)
   */
  public ReplyFactory(CostModel costs, String holdingReply) {
    this.costs = costs;
    this.holdingReply = holdingReply;
  }

  /** The small draft was good enough. */
  public DraftedReply smallOnly(AggregateState state, Instant now) {
    String text = Slots.draft(state).map(Draft::getText).orElseThrow();
    return base(state, now, Route.SMALL_ONLY, text, 0).setFlaggedForHuman(false).build();
  }

  /** The frontier answered: polished, or fell back to the small draft (degraded, flagged). */
  public DraftedReply afterPolish(AggregateState state, EscalationResult result, Instant now) {
    if (result.getOutcome() == EscalationOutcome.POLISHED) {
      return base(state, now, Route.ESCALATED, result.getText(), result.getCostMicros())
          .setPolishOutcome(EscalationOutcome.POLISHED)
          .build();
    }
    String why =
        "frontier fell back to the small draft: "
            + result.getFallbackReason()
            + (result.getFallbackDetail() == null ? "" : " (" + result.getFallbackDetail() + ")");
    String text =
        result.getText() == null || result.getText().isBlank() ? holdingReply : result.getText();
    DraftedReply.Builder reply =
        base(state, now, Route.DEGRADED, text, result.getCostMicros())
            .setPolishOutcome(result.getOutcome())
            .setFlaggedForHuman(true);
    return reply.setNotes(append(reply.getNotes(), why)).build();
  }

  /** The frontier did not answer in time: the small draft (or a holding reply), flagged. */
  public DraftedReply polishTimedOut(AggregateState state, Instant now) {
    String text = Slots.draft(state).map(Draft::getText).orElse(holdingReply);
    String why =
        Slots.find(state, Stage.POLISH)
            .map(StageSlot::getFailure)
            .map(f -> "polish: " + f)
            .orElse("polish timed out");
    DraftedReply.Builder reply = base(state, now, Route.DEGRADED, text, 0).setFlaggedForHuman(true);
    return reply.setNotes(append(reply.getNotes(), why)).build();
  }

  /** An invalid but identifiable message: answered with REJECTED so the platform knows. */
  public DraftedReply rejected(SupportMessage message, String reason, Instant now) {
    return header(message, "", Route.REJECTED, now)
        .setFlaggedForHuman(true)
        .setNotes(List.of("rejected: " + reason))
        .build();
  }

  /**
   * The start of every reply to {@code message}: ids, text, route, latency since it was received,
   * both costs zero, received and replied times.
   */
  public static DraftedReply.Builder header(
      SupportMessage message, String text, Route route, Instant now) {
    return DraftedReply.newBuilder()
        .setMessageId(message.getMessageId())
        .setTicketId(message.getTicketId())
        .setTenantId(message.getTenantId())
        .setText(text)
        .setRoute(route)
        .setTotalLatencyMillis(
            Math.max(0, Duration.between(message.getReceivedAt(), now).toMillis()))
        .setCostMicros(0)
        .setAllFrontierCostMicros(0)
        .setReceivedAt(message.getReceivedAt())
        .setRepliedAt(now);
  }

  private DraftedReply.Builder base(
      AggregateState state, Instant now, Route route, String text, long frontierMicros) {
    SupportMessage m = state.getMessage();
    Optional<Classification> intent = Slots.classification(state);
    Optional<Sentiment> sentiment = Slots.sentiment(state);
    List<String> notes = new ArrayList<>();
    int smallCalls = 0;
    List<StageTrace> traces = new ArrayList<>();
    for (StageSlot slot : state.getSlots()) {
      if (slot.getStage() != Stage.POLISH) {
        smallCalls += slot.getAttempt();
      }
      if (slot.getStatus() == SlotStatus.FAILED || slot.getStatus() == SlotStatus.TIMED_OUT) {
        notes.add(
            slot.getStage().name().toLowerCase(java.util.Locale.ROOT)
                + " missing: "
                + slot.getFailure());
      }
      traces.add(trace(slot));
    }
    boolean degraded = route == Route.DEGRADED || !Slots.missing(state).isEmpty();
    return header(m, text, route, now)
        .setFlaggedForHuman(degraded)
        .setNotes(notes)
        .setIntent(intent.map(Classification::getLabel).orElse(null))
        .setIntentConfidence(intent.map(Classification::getConfidence).orElse(null))
        .setEntities(Slots.extraction(state).map(e -> e.getEntities()).orElse(List.of()))
        .setSentiment(sentiment.map(Sentiment::getLabel).orElse(null))
        .setSentimentConfidence(sentiment.map(Sentiment::getConfidence).orElse(null))
        .setDraftConfidence(Slots.draft(state).map(Draft::getConfidence).orElse(null))
        .setEscalationReasons(state.getEscalationReasons())
        .setPolishOutcome(null)
        .setStages(traces)
        .setCostMicros(costs.smallCalls(smallCalls) + frontierMicros)
        .setAllFrontierCostMicros(costs.allFrontier(state.getText().length()));
  }

  private static StageTrace trace(StageSlot slot) {
    long latency;
    if (slot.getResult() != null) {
      latency = slot.getResult().getLatencyMicros();
    } else if (slot.getEscalation() != null) {
      latency = slot.getEscalation().getLatencyMicros();
    } else {
      latency = 0;
    }
    return StageTrace.newBuilder()
        .setStage(slot.getStage())
        .setModel(slot.getResult() == null ? null : slot.getResult().getModel())
        .setLatencyMicros(latency)
        .setAttempts(slot.getAttempt())
        .build();
  }

  private static List<String> append(List<String> notes, String note) {
    List<String> all = new ArrayList<>(notes);
    all.add(note);
    return all;
  }
}
