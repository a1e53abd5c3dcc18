package dev.smallfirst.topology;

import static dev.smallfirst.topology.Fixtures.message;
import static org.assertj.core.api.Assertions.assertThat;

import dev.smallfirst.records.Audience;
import dev.smallfirst.records.DeadLetter;
import dev.smallfirst.records.DraftedReply;
import dev.smallfirst.records.EscalationReason;
import dev.smallfirst.records.EscalationRequest;
import dev.smallfirst.records.Route;
import dev.smallfirst.records.Stage;
import dev.smallfirst.records.StageRequest;
import dev.smallfirst.records.SupportMessage;
import dev.smallfirst.topology.routing.PolicyHolder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SupportTopologyTest {
  private final TopologyHarness h = new TopologyHarness();

  @AfterEach
  void close() {
    h.close();
  }

  private void send(SupportMessage m) {
    h.messages.pipeInput(m.getTicketId(), m);
  }

  @Test
  void shouldFanOutAValidMessageToTheFirstThreeStages() {
    send(message("m1", Audience.AGENT));

    for (Stage stage : List.of(Stage.CLASSIFY, Stage.EXTRACT, Stage.SENTIMENT)) {
      assertThat(h.requests.get(stage).readKeyValuesToList())
          .singleElement()
          .satisfies(
              kv -> {
                assertThat(kv.key).isEqualTo("ticket-m1");
                assertThat(kv.value.getMessageId()).isEqualTo("m1");
                assertThat(kv.value.getText()).isEqualTo("Where is my order A-10442? It is late.");
              });
    }
    assertThat(h.requests.get(Stage.DRAFT).isEmpty()).isTrue();
  }

  @Test
  void shouldRekeyAMessageWithoutAKeyBeforeTouchingAnyState() {
    // Given a message produced without a key
    h.messages.pipeInput(message("m1", Audience.AGENT));

    // Then it went back to the messages topic keyed by its ticket and was fanned out from there
    assertThat(h.requests.get(Stage.CLASSIFY).readKeyValuesToList())
        .singleElement()
        .satisfies(kv -> assertThat(kv.key).isEqualTo("ticket-m1"));
    assertThat(h.deadLetters.isEmpty()).isTrue();
  }

  @Test
  void shouldRekeyAMessageWhoseKeyDisagreesWithItsTicketAndAnswerItWhole() {
    // Given a message keyed by something other than its ticket id
    h.messages.pipeInput("customer-42", message("m1", Audience.AGENT));

    // When its stages answer (keyed by ticket id, as workers do)
    h.answerAll(Stage.CLASSIFY);
    h.answerAll(Stage.EXTRACT);
    h.answerAll(Stage.SENTIMENT);

    // Then it was written back keyed by its ticket, saying which key it came with
    var rewritten =
        h.driver
            .createOutputTopic(
                h.topics.messages(),
                org.apache.kafka.common.serialization.Serdes.String().deserializer(),
                h.serdes.supportMessage().deserializer())
            .readRecordsToList();
    assertThat(rewritten)
        .singleElement()
        .satisfies(
            r -> {
              assertThat(r.key()).isEqualTo("ticket-m1");
              assertThat(r.headers().lastHeader("smallfirst.rekeyed-from").value())
                  .isEqualTo("customer-42".getBytes(StandardCharsets.UTF_8));
            });
    // And the draft is requested: the results met the message's state, nothing degraded
    assertThat(h.requests.get(Stage.DRAFT).readKeyValuesToList())
        .singleElement()
        .satisfies(kv -> assertThat(kv.key).isEqualTo("ticket-m1"));
  }

  @Test
  void shouldDeadLetterUndecodableBytesWithTheirCoordinates() {
    byte[] garbage = "not avro".getBytes(StandardCharsets.UTF_8);

    h.rawMessages.pipeInput("t-9", garbage);

    DeadLetter dl = h.deadLetters.readValue();
    assertThat(dl.getSourceTopic()).isEqualTo("support.messages");
    assertThat(dl.getPartition()).isZero();
    assertThat(dl.getOffset()).isZero();
    assertThat(dl.getValue().array()).isEqualTo(garbage);
    assertThat(dl.getErrorClass()).endsWith("UnknownMagicByteException");
    assertThat(dl.getComponent()).isEqualTo("topology.validate");
    assertThat(h.replies.isEmpty()).isTrue();
  }

  @Test
  void shouldDeadLetterARecordJustUnderTheBrokerLimitWithinTheProducerLimit() {
    // Given the record of issue 16: accepted by the broker, 1,048,400 bytes
    byte[] huge = new byte[1_048_400];
    java.util.Arrays.fill(huge, (byte) 'x');

    // When it arrives
    h.rawMessages.pipeInput("t-9", huge);

    // Then its dead letter fits the producer's 1 MiB limit and says what was cut
    byte[] framed =
        h.driver
            .createOutputTopic(
                h.topics.deadLetters(),
                org.apache.kafka.common.serialization.Serdes.String().deserializer(),
                org.apache.kafka.common.serialization.Serdes.ByteArray().deserializer())
            .readValue();
    assertThat(framed.length).isLessThan(1_048_576 - 16 * 1024);
    DeadLetter dl =
        h.serdes.deadLetter().deserializer().deserialize(h.topics.deadLetters(), framed);
    assertThat(dl.getValue().remaining())
        .isEqualTo(dev.smallfirst.runtime.kafka.DeadLetterBuilder.MAX_VALUE_BYTES);
    assertThat(
            StandardCharsets.UTF_8
                .decode(dl.getHeaders().get("smallfirst.dlq.value.length"))
                .toString())
        .isEqualTo("1048400");
  }

  @Test
  void shouldRetryInsteadOfDeadLetteringWhenTheRegistryIsDown() {
    // Given a record written with a schema this instance has not seen, and the registry down
    // (dead letters could still be written: their schema id is cached from an earlier one)
    byte[] framed = {0, 0, 0, 0x7f, 0x7f, 2, 'x'};
    h.rawMessages.pipeInput("t-8", "not avro".getBytes(StandardCharsets.UTF_8));
    h.deadLetters.readValue();
    h.registryServer.close();

    // When it arrives, then the task fails (to be retried) and no dead letter is written
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> h.rawMessages.pipeInput("t-9", framed))
        .hasStackTraceContaining("Schema registry unavailable");
    assertThat(h.deadLetters.isEmpty()).isTrue();
  }

  @Test
  void shouldDeadLetterAMessageWithoutAMessageId() {
    send(SupportMessage.newBuilder(message("m1", Audience.AGENT)).setMessageId("").build());

    assertThat(h.deadLetters.readValue().getErrorMessage()).isEqualTo("messageId is missing");
    assertThat(h.requests.get(Stage.CLASSIFY).isEmpty()).isTrue();
  }

  @Test
  void shouldRejectAnEmptyBodyWithAReply() {
    send(SupportMessage.newBuilder(message("m1", Audience.AGENT)).setBody("   ").build());

    DraftedReply reply = h.replies.readValue();
    assertThat(reply.getRoute()).isEqualTo(Route.REJECTED);
    assertThat(reply.getNotes()).containsExactly("rejected: body is empty");
    assertThat(h.requests.get(Stage.CLASSIFY).isEmpty()).isTrue();
  }

  @Test
  void shouldIgnoreAMessageSentTwice() {
    send(message("m1", Audience.AGENT));
    send(message("m1", Audience.AGENT));

    assertThat(h.requests.get(Stage.CLASSIFY).readValuesToList()).hasSize(1);
    assertThat(h.metrics.count("smallfirst_topology_ignored", "reason", "duplicate_message"))
        .isEqualTo(1);
  }

  @Test
  void shouldAnswerAnAgentFacingMessageWithTheSmallDraft() {
    send(message("m1", Audience.AGENT));
    h.answerAll(Stage.SENTIMENT);
    h.answerAll(Stage.CLASSIFY);
    h.answerAll(Stage.EXTRACT);

    StageRequest draft = h.requests.get(Stage.DRAFT).readValue();
    assertThat(draft.getContext().getIntent()).isEqualTo("track_order");
    h.result(Fixtures.result(draft, Fixtures.goodOutcome(Stage.DRAFT)));

    DraftedReply reply = h.replies.readValue();
    assertThat(reply.getRoute()).isEqualTo(Route.SMALL_ONLY);
    assertThat(reply.getMessageId()).isEqualTo("m1");
    assertThat(h.replies.isEmpty()).isTrue();
    assertThat(h.escalations.isEmpty()).isTrue();
  }

  @Test
  void shouldEscalateACustomerFacingDraftAndFinalizeThePolish() {
    EscalationRequest escalation = escalate("m1");
    assertThat(escalation.getReasons()).containsExactly(EscalationReason.CUSTOMER_FACING);

    h.escalationResults.pipeInput("ticket-m1", Fixtures.polished("m1", "ticket-m1"));

    DraftedReply reply = h.replies.readValue();
    assertThat(reply.getRoute()).isEqualTo(Route.ESCALATED);
    assertThat(reply.getText()).startsWith("Polished");
  }

  @Test
  void shouldIgnoreResultsThatArriveAfterTheReply() {
    escalate("m1");
    h.escalationResults.pipeInput("ticket-m1", Fixtures.polished("m1", "ticket-m1"));
    h.replies.readValue();

    h.escalationResults.pipeInput("ticket-m1", Fixtures.polished("m1", "ticket-m1"));
    h.result(
        Fixtures.result(
            "m1", "ticket-m1", Stage.CLASSIFY, 1, Fixtures.goodOutcome(Stage.CLASSIFY)));

    assertThat(h.replies.isEmpty()).isTrue();
    assertThat(h.metrics.count("smallfirst_topology_ignored", "reason", "late_result"))
        .isEqualTo(2);
  }

  @Test
  void shouldRouteByAPolicyPublishedOnTheTopic() {
    h.policy.pipeInput(PolicyHolder.KEY, "version: 2\ndefaults: {escalateCustomerFacing: false}");

    send(message("m1", Audience.CUSTOMER));
    draftEverything();

    assertThat(h.replies.readValue().getRoute()).isEqualTo(Route.SMALL_ONLY);
    assertThat(h.metrics.registry().find("smallfirst_topology_policy_version").gauge().value())
        .isEqualTo(2);
  }

  @Test
  void shouldKeepTheLastGoodPolicyWhenAnInvalidOneIsPublished() {
    h.policy.pipeInput(PolicyHolder.KEY, "version: 2\ndefaults: {escalateCustomerFacing: false}");
    send(message("m1", Audience.CUSTOMER));
    draftEverything();
    h.replies.readValue();

    h.policy.pipeInput(PolicyHolder.KEY, "version: 3\ndefaults: {minDraftConfidence: 7}");
    send(message("m2", Audience.CUSTOMER));
    draftEverything();

    assertThat(h.replies.readValue().getRoute()).isEqualTo(Route.SMALL_ONLY);
    assertThat(h.metrics.count("smallfirst_topology_policy_rejected")).isEqualTo(1);
  }

  @Test
  void shouldRetryALateStageOnceThenDraftWithoutIt() {
    send(message("m1", Audience.AGENT));
    h.answerAll(Stage.CLASSIFY);
    h.answerAll(Stage.EXTRACT);
    h.requests.get(Stage.SENTIMENT).readValuesToList(); // sentiment never answers

    h.advance(Duration.ofMillis(2_100));
    assertThat(h.requests.get(Stage.SENTIMENT).readValuesToList())
        .singleElement()
        .satisfies(r -> assertThat(r.getAttempt()).isEqualTo(2));

    // the second attempt may take 3 times as long (deadline.retry.factor)
    h.advance(Duration.ofMillis(5_800));
    assertThat(h.requests.get(Stage.DRAFT).isEmpty()).isTrue();
    h.advance(Duration.ofMillis(300));
    StageRequest draft = h.requests.get(Stage.DRAFT).readValue();
    assertThat(draft.getContext().getMissingStages()).containsExactly(Stage.SENTIMENT);
    assertThat(h.metrics.count("smallfirst_topology_deadline_expiries", "stage", "sentiment"))
        .isEqualTo(2);

    h.result(Fixtures.result(draft, Fixtures.goodOutcome(Stage.DRAFT)));
    EscalationRequest escalation = h.escalations.readValue();
    assertThat(escalation.getReasons()).containsExactly(EscalationReason.STAGE_MISSING);
  }

  @Test
  void shouldReplyDegradedWhenTheFrontierNeverAnswers() {
    escalate("m1");

    h.advance(Duration.ofSeconds(31));

    DraftedReply reply = h.replies.readValue();
    assertThat(reply.getRoute()).isEqualTo(Route.DEGRADED);
    assertThat(reply.getFlaggedForHuman()).isTrue();
  }

  @Test
  void shouldDeadLetterAnUndecodableResult() {
    h.driver
        .createInputTopic(
            h.topics.stageResults(Stage.EXTRACT),
            org.apache.kafka.common.serialization.Serdes.String().serializer(),
            org.apache.kafka.common.serialization.Serdes.ByteArray().serializer())
        .pipeInput("t", new byte[] {0, 0, 0});

    assertThat(h.deadLetters.readValue().getComponent()).isEqualTo("topology.aggregate");
  }

  private EscalationRequest escalate(String id) {
    send(message(id, Audience.CUSTOMER));
    draftEverything();
    return h.escalations.readValue();
  }

  private void draftEverything() {
    h.answerAll(Stage.CLASSIFY);
    h.answerAll(Stage.EXTRACT);
    h.answerAll(Stage.SENTIMENT);
    h.answerAll(Stage.DRAFT);
  }
}
