package dev.smallfirst.schemas.serde;

import dev.smallfirst.records.Audience;
import dev.smallfirst.records.Channel;
import dev.smallfirst.records.Classification;
import dev.smallfirst.records.Customer;
import dev.smallfirst.records.CustomerTier;
import dev.smallfirst.records.Draft;
import dev.smallfirst.records.Entity;
import dev.smallfirst.records.Extraction;
import dev.smallfirst.records.FailureCode;
import dev.smallfirst.records.LabelScore;
import dev.smallfirst.records.ModelRef;
import dev.smallfirst.records.Sentiment;
import dev.smallfirst.records.SentimentLabel;
import dev.smallfirst.records.Stage;
import dev.smallfirst.records.StageFailure;
import dev.smallfirst.records.StageResult;
import dev.smallfirst.records.SupportMessage;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Sample generated records for serde tests, one per union branch of {@link StageResult}. */
final class TestRecords {

  static final Instant AT = Instant.parse("2026-03-01T10:15:30.123Z");

  private TestRecords() {}

  static SupportMessage supportMessage(String messageId) {
    return SupportMessage.newBuilder()
        .setMessageId(messageId)
        .setTicketId("T-42")
        .setTenantId("acme")
        .setChannel(Channel.EMAIL)
        .setCustomer(
            Customer.newBuilder().setCustomerId("C-7").setTier(CustomerTier.PREMIUM).build())
        .setSubject("Refund")
        .setBody("My order 123 arrived broken. Überhaupt nicht gut.")
        .setLanguage("en")
        .setAudience(Audience.CUSTOMER)
        .setReceivedAt(AT)
        .setAttributes(Map.of("source", "zendesk"))
        .build();
  }

  static StageResult stageResult(Object outcome) {
    return StageResult.newBuilder()
        .setMessageId("M-1")
        .setTicketId("T-42")
        .setStage(Stage.CLASSIFY)
        .setAttempt(2)
        .setModel(ModelRef.newBuilder().setName("intent").setVersion("3").setSha256("ab12").build())
        .setOutcome(outcome)
        .setLatencyMicros(1_500)
        .setInferenceMicros(900)
        .setBatchSize(8)
        .setWorkerId("worker-1")
        .setCompletedAt(AT)
        .build();
  }

  /** One value of each branch of {@code StageResult.outcome}. */
  static List<Object> outcomes() {
    Entity order = new Entity("ORDER_ID", "123", 9, 12, 0.97);
    return List.of(
        new Classification("refund", 0.91, List.of(new LabelScore("billing", 0.05)), List.of()),
        new Extraction(List.of(order)),
        new Sentiment(SentimentLabel.NEGATIVE, -0.8, 0.88),
        new Draft("Sorry to hear that; a refund is on its way.", 0.74, 12),
        new StageFailure(FailureCode.DEADLINE_EXCEEDED, "timed out after 800 ms", true));
  }
}
