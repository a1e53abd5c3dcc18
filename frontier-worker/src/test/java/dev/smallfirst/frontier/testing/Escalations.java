package dev.smallfirst.frontier.testing;

import dev.smallfirst.records.Audience;
import dev.smallfirst.records.Channel;
import dev.smallfirst.records.Classification;
import dev.smallfirst.records.Customer;
import dev.smallfirst.records.CustomerTier;
import dev.smallfirst.records.Draft;
import dev.smallfirst.records.Entity;
import dev.smallfirst.records.EscalationReason;
import dev.smallfirst.records.EscalationRequest;
import dev.smallfirst.records.Extraction;
import dev.smallfirst.records.Sentiment;
import dev.smallfirst.records.SentimentLabel;
import dev.smallfirst.records.SupportMessage;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Escalation requests for tests. */
public final class Escalations {
  public static final String DRAFT = "sorry about the delay with order A-10442, it ships tomorrow";

  private Escalations() {}

  /** A customer-facing escalation with a small draft, due {@code within} after {@code now}. */
  public static EscalationRequest request(String id, String body, Instant now, Duration within) {
    return EscalationRequest.newBuilder()
        .setMessageId(id)
        .setTicketId("ticket-" + id)
        .setTenantId("acme")
        .setMessage(message(id, body, now))
        .setClassification(new Classification("track_order", 0.62, List.of(), List.of()))
        .setExtraction(new Extraction(List.of(new Entity("ORDER_ID", "A-10442", 27, 34, 0.97))))
        .setSentiment(new Sentiment(SentimentLabel.NEGATIVE, -0.72, 0.88))
        .setSmallDraft(new Draft(DRAFT, 0.55, 14))
        .setReasons(List.of(EscalationReason.CUSTOMER_FACING, EscalationReason.NEGATIVE_SENTIMENT))
        .setRequestedAt(now)
        .setDeadline(now.plus(within))
        .build();
  }

  /** As above with a routine body and a generous deadline. */
  public static EscalationRequest request(String id, Instant now) {
    return request(
        id,
        "Hi, I ordered a kettle (order A-10442) two weeks ago and it never came. Not happy.",
        now,
        Duration.ofMinutes(5));
  }

  private static SupportMessage message(String id, String body, Instant now) {
    return SupportMessage.newBuilder()
        .setMessageId(id)
        .setTicketId("ticket-" + id)
        .setTenantId("acme")
        .setChannel(Channel.EMAIL)
        .setCustomer(new Customer("c-9", CustomerTier.PREMIUM))
        .setSubject("Where is my order?")
        .setBody(body)
        .setLanguage("en")
        .setAudience(Audience.CUSTOMER)
        .setReceivedAt(now)
        .setAttributes(Map.of())
        .build();
  }
}
