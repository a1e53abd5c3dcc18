package dev.smallfirst.topology;

import dev.smallfirst.records.Audience;
import dev.smallfirst.records.Channel;
import dev.smallfirst.records.Classification;
import dev.smallfirst.records.Customer;
import dev.smallfirst.records.CustomerTier;
import dev.smallfirst.records.Draft;
import dev.smallfirst.records.Entity;
import dev.smallfirst.records.EscalationOutcome;
import dev.smallfirst.records.EscalationResult;
import dev.smallfirst.records.Extraction;
import dev.smallfirst.records.FailureCode;
import dev.smallfirst.records.FallbackReason;
import dev.smallfirst.records.LabelScore;
import dev.smallfirst.records.ModelRef;
import dev.smallfirst.records.Sentiment;
import dev.smallfirst.records.SentimentLabel;
import dev.smallfirst.records.Stage;
import dev.smallfirst.records.StageFailure;
import dev.smallfirst.records.StageRequest;
import dev.smallfirst.records.StageResult;
import dev.smallfirst.records.SupportMessage;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Messages and stage results for topology tests. */
public final class Fixtures {
  public static final Instant T0 = Instant.parse("2026-11-23T12:00:00Z");

  private Fixtures() {}

  public static SupportMessage message(String id, Audience audience) {
    return SupportMessage.newBuilder()
        .setMessageId(id)
        .setTicketId("ticket-" + id)
        .setTenantId("acme")
        .setChannel(Channel.CHAT)
        .setCustomer(new Customer("c-1", CustomerTier.STANDARD))
        .setSubject(null)
        .setBody("Where is my order A-10442? It is late.")
        .setLanguage("en")
        .setAudience(audience)
        .setReceivedAt(T0)
        .setAttributes(Map.of())
        .build();
  }

  public static StageResult result(StageRequest request, Object outcome) {
    return result(
        request.getMessageId(),
        request.getTicketId(),
        request.getStage(),
        request.getAttempt(),
        outcome);
  }

  public static StageResult result(
      String messageId, String ticketId, Stage stage, int attempt, Object outcome) {
    return StageResult.newBuilder()
        .setMessageId(messageId)
        .setTicketId(ticketId)
        .setStage(stage)
        .setAttempt(attempt)
        .setModel(
            new ModelRef(stage.name().toLowerCase(java.util.Locale.ROOT) + "-model", "1", "ab12"))
        .setOutcome(outcome)
        .setLatencyMicros(3_000)
        .setInferenceMicros(1_000)
        .setBatchSize(8)
        .setWorkerId("w-1")
        .setCompletedAt(T0)
        .build();
  }

  /** A confident, successful outcome for {@code stage}. */
  public static Object goodOutcome(Stage stage) {
    return switch (stage) {
      case CLASSIFY ->
          new Classification(
              "track_order", 0.93, List.of(new LabelScore("track_order", 0.93)), List.of());
      case EXTRACT -> new Extraction(List.of(new Entity("ORDER_ID", "A-10442", 18, 25, 0.98)));
      case SENTIMENT -> new Sentiment(SentimentLabel.NEUTRAL, 0.0, 0.9);
      case DRAFT -> new Draft("Your order A-10442 is on its way.", 0.92, 9);
      default -> throw new IllegalArgumentException(stage.toString());
    };
  }

  public static StageFailure failure(boolean retriable) {
    return new StageFailure(
        retriable ? FailureCode.OVERLOADED : FailureCode.MODEL_ERROR, "boom", retriable);
  }

  public static EscalationResult polished(String messageId, String ticketId) {
    return escalation(
        messageId,
        ticketId,
        EscalationOutcome.POLISHED,
        "Polished: your order A-10442 ships today.",
        null);
  }

  public static EscalationResult fallback(String messageId, String ticketId, String smallDraft) {
    return escalation(
        messageId,
        ticketId,
        EscalationOutcome.FALLBACK_SMALL_DRAFT,
        smallDraft,
        FallbackReason.BUDGET);
  }

  private static EscalationResult escalation(
      String messageId,
      String ticketId,
      EscalationOutcome outcome,
      String text,
      FallbackReason reason) {
    return EscalationResult.newBuilder()
        .setMessageId(messageId)
        .setTicketId(ticketId)
        .setOutcome(outcome)
        .setText(text)
        .setFallbackReason(reason)
        .setFallbackDetail(reason == null ? null : "hourly cap reached")
        .setProvider("anthropic")
        .setModel("frontier")
        .setInputTokens(900)
        .setOutputTokens(120)
        .setCostMicros(outcome == EscalationOutcome.POLISHED ? 4_500 : 0)
        .setLatencyMicros(1_200_000)
        .setStandIn(false)
        .setCompletedAt(T0)
        .build();
  }
}
