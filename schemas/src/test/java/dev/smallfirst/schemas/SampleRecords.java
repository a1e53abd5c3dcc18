package dev.smallfirst.schemas;

import dev.smallfirst.records.Audience;
import dev.smallfirst.records.Channel;
import dev.smallfirst.records.Classification;
import dev.smallfirst.records.Customer;
import dev.smallfirst.records.CustomerTier;
import dev.smallfirst.records.DeadLetter;
import dev.smallfirst.records.Draft;
import dev.smallfirst.records.DraftContext;
import dev.smallfirst.records.DraftedReply;
import dev.smallfirst.records.Entity;
import dev.smallfirst.records.EscalationOutcome;
import dev.smallfirst.records.EscalationReason;
import dev.smallfirst.records.EscalationRequest;
import dev.smallfirst.records.EscalationResult;
import dev.smallfirst.records.Extraction;
import dev.smallfirst.records.FailureCode;
import dev.smallfirst.records.FallbackReason;
import dev.smallfirst.records.LabelScore;
import dev.smallfirst.records.ModelRef;
import dev.smallfirst.records.Route;
import dev.smallfirst.records.Sentiment;
import dev.smallfirst.records.SentimentLabel;
import dev.smallfirst.records.Stage;
import dev.smallfirst.records.StageFailure;
import dev.smallfirst.records.StageRequest;
import dev.smallfirst.records.StageResult;
import dev.smallfirst.records.StageTrace;
import dev.smallfirst.records.SupportMessage;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;

/** One realistic, fully populated instance of every record type, for round-trip tests. */
public final class SampleRecords {
  private static final Instant AT = Instant.parse("2026-11-23T10:15:30.123Z");
  private static final ModelRef CLASSIFIER =
      new ModelRef(
          "classify-embed",
          "2026.11.1",
          "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08");
  private static final Entity ORDER = new Entity("ORDER_ID", "A-10442", 27, 34, 0.97);

  private SampleRecords() {}

  public static SupportMessage supportMessage() {
    return SupportMessage.newBuilder()
        .setMessageId("m-1")
        .setTicketId("t-1")
        .setTenantId("acme")
        .setChannel(Channel.EMAIL)
        .setCustomer(new Customer("c-9", CustomerTier.PREMIUM))
        .setSubject("Where is my order?")
        .setBody("Hi, I ordered a kettle (order A-10442) two weeks ago and it never came.")
        .setLanguage("en")
        .setAudience(Audience.CUSTOMER)
        .setReceivedAt(AT)
        .setAttributes(Map.of("platform", "zendesk"))
        .build();
  }

  public static StageRequest stageRequest() {
    return StageRequest.newBuilder()
        .setMessageId("m-1")
        .setTicketId("t-1")
        .setTenantId("acme")
        .setStage(Stage.DRAFT)
        .setText("Where is my order? Hi, I ordered a kettle (order A-10442) two weeks ago.")
        .setContext(
            DraftContext.newBuilder()
                .setIntent("track_order")
                .setIntentConfidence(0.91)
                .setEntities(List.of(ORDER))
                .setSentiment(SentimentLabel.NEGATIVE)
                .setChannel("EMAIL")
                .build())
        .setAttempt(1)
        .setRequestedAt(AT)
        .setDeadline(AT.plusMillis(2_000))
        .build();
  }

  /** A result for each of the five outcome union branches. */
  public static List<StageResult> stageResults() {
    return List.of(
        stageResult(
            Stage.CLASSIFY,
            new Classification(
                "track_order",
                0.91,
                List.of(
                    new LabelScore("track_order", 0.91), new LabelScore("delivery_period", 0.05)),
                List.of())),
        stageResult(Stage.EXTRACT, new Extraction(List.of(ORDER))),
        stageResult(Stage.SENTIMENT, new Sentiment(SentimentLabel.NEGATIVE, -0.72, 0.88)),
        stageResult(
            Stage.DRAFT, new Draft("Sorry about the delay with order A-10442 ...", 0.83, 42)),
        stageResult(
            Stage.EXTRACT,
            new StageFailure(FailureCode.INPUT_TOO_LONG, "4812 tokens > 512", false)));
  }

  private static StageResult stageResult(Stage stage, Object outcome) {
    return StageResult.newBuilder()
        .setMessageId("m-1")
        .setTicketId("t-1")
        .setStage(stage)
        .setAttempt(1)
        .setModel(CLASSIFIER)
        .setOutcome(outcome)
        .setLatencyMicros(4_200)
        .setInferenceMicros(1_900)
        .setBatchSize(32)
        .setWorkerId("worker-classify-0")
        .setCompletedAt(AT)
        .build();
  }

  public static EscalationRequest escalationRequest() {
    return EscalationRequest.newBuilder()
        .setMessageId("m-1")
        .setTicketId("t-1")
        .setTenantId("acme")
        .setMessage(supportMessage())
        .setClassification(new Classification("track_order", 0.62, List.of(), List.of()))
        .setExtraction(new Extraction(List.of(ORDER)))
        .setSentiment(new Sentiment(SentimentLabel.NEGATIVE, -0.72, 0.88))
        .setSmallDraft(new Draft("Sorry about the delay ...", 0.55, 30))
        .setReasons(
            List.of(EscalationReason.CUSTOMER_FACING, EscalationReason.LOW_INTENT_CONFIDENCE))
        .setRequestedAt(AT)
        .setDeadline(AT.plusSeconds(10))
        .build();
  }

  public static EscalationResult escalationResult() {
    return EscalationResult.newBuilder()
        .setMessageId("m-1")
        .setTicketId("t-1")
        .setOutcome(EscalationOutcome.FALLBACK_SMALL_DRAFT)
        .setText("Sorry about the delay ...")
        .setFallbackReason(FallbackReason.BUDGET)
        .setFallbackDetail("hourly cap of $5.000000 reached")
        .setProvider("anthropic")
        .setModel("claude-sonnet")
        .setInputTokens(0)
        .setOutputTokens(0)
        .setCostMicros(0)
        .setLatencyMicros(120)
        .setStandIn(false)
        .setCompletedAt(AT)
        .build();
  }

  public static DraftedReply draftedReply() {
    return DraftedReply.newBuilder()
        .setMessageId("m-1")
        .setTicketId("t-1")
        .setTenantId("acme")
        .setText("Sorry about the delay with order A-10442 ...")
        .setRoute(Route.ESCALATED)
        .setFlaggedForHuman(false)
        .setNotes(List.of())
        .setIntent("track_order")
        .setIntentConfidence(0.62)
        .setEntities(List.of(ORDER))
        .setSentiment(SentimentLabel.NEGATIVE)
        .setSentimentConfidence(0.88)
        .setDraftConfidence(0.55)
        .setEscalationReasons(List.of(EscalationReason.CUSTOMER_FACING))
        .setPolishOutcome(EscalationOutcome.POLISHED)
        .setStages(List.of(new StageTrace(Stage.CLASSIFY, CLASSIFIER, 4_200L, 1)))
        .setTotalLatencyMillis(1_840)
        .setCostMicros(2_150)
        .setAllFrontierCostMicros(31_400)
        .setReceivedAt(AT)
        .setRepliedAt(AT.plusMillis(1_840))
        .build();
  }

  public static DeadLetter deadLetter() {
    return DeadLetter.newBuilder()
        .setSourceTopic("support.messages")
        .setPartition(3)
        .setOffset(1_234_567L)
        .setKey(ByteBuffer.wrap("t-1".getBytes(StandardCharsets.UTF_8)))
        .setValue(ByteBuffer.wrap(new byte[] {1, 2, 3}))
        .setHeaders(
            Map.of("traceparent", ByteBuffer.wrap("00-abc-01".getBytes(StandardCharsets.UTF_8))))
        .setErrorClass("dev.smallfirst.schemas.serde.UnknownMagicByteException")
        .setErrorMessage("unknown magic byte 1")
        .setComponent("topology.validate")
        .setStage(null)
        .setMessageId(null)
        .setFailedAt(AT)
        .build();
  }

  /** One instance of every top-level record type (StageResult once per outcome branch). */
  public static List<SpecificRecord> everyType() {
    return List.of(
        supportMessage(),
        stageRequest(),
        stageResults().get(0),
        escalationRequest(),
        escalationResult(),
        draftedReply(),
        deadLetter());
  }
}
