package dev.smallfirst.topology.aggregate;

import static dev.smallfirst.topology.Fixtures.T0;
import static dev.smallfirst.topology.Fixtures.failure;
import static dev.smallfirst.topology.Fixtures.goodOutcome;
import static dev.smallfirst.topology.Fixtures.message;
import static dev.smallfirst.topology.Fixtures.result;
import static org.assertj.core.api.Assertions.assertThat;

import dev.smallfirst.records.Audience;
import dev.smallfirst.records.Classification;
import dev.smallfirst.records.Draft;
import dev.smallfirst.records.DraftedReply;
import dev.smallfirst.records.EscalationOutcome;
import dev.smallfirst.records.EscalationReason;
import dev.smallfirst.records.EscalationRequest;
import dev.smallfirst.records.LabelScore;
import dev.smallfirst.records.Route;
import dev.smallfirst.records.Stage;
import dev.smallfirst.records.StageRequest;
import dev.smallfirst.records.state.AggregateState;
import dev.smallfirst.records.state.Phase;
import dev.smallfirst.topology.Fixtures;
import dev.smallfirst.topology.cost.CostModel;
import dev.smallfirst.topology.deadline.StageDeadlines;
import dev.smallfirst.topology.fanout.FanOut;
import dev.smallfirst.topology.finalize.Finalizer;
import dev.smallfirst.topology.finalize.ReplyFactory;
import dev.smallfirst.topology.internal.Effect;
import dev.smallfirst.topology.internal.Slots;
import dev.smallfirst.topology.internal.Transition;
import dev.smallfirst.topology.routing.PolicyDocument;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class AggregatorTest {
  private final CostModel costs = CostModel.defaults();
  private final ReplyFactory replies = new ReplyFactory(costs, "An agent will follow up.");
  private final FanOut fanOut = new FanOut(StageDeadlines.defaults());
  private final Finalizer finalizer = new Finalizer(replies);
  private final Aggregator aggregator =
      new Aggregator(StageDeadlines.defaults(), () -> PolicyDocument.BUILT_IN, replies);

  @Test
  void shouldFanOutToClassifyExtractAndSentiment() {
    Transition.Advanced started =
        fanOut.start(message("m1", Audience.AGENT), "where is my order", T0);

    assertThat(requests(started))
        .extracting(StageRequest::getStage)
        .containsExactly(Stage.CLASSIFY, Stage.EXTRACT, Stage.SENTIMENT);
    assertThat(requests(started))
        .allSatisfy(
            r -> {
              assertThat(r.getAttempt()).isEqualTo(1);
              assertThat(r.getText()).isEqualTo("where is my order");
              assertThat(r.getDeadline()).isEqualTo(T0.plusSeconds(2));
              assertThat(r.getContext()).isNull();
            });
    assertThat(started.state().getPhase()).isEqualTo(Phase.GATHERING);
  }

  static List<List<Stage>> orders() {
    return List.of(
        List.of(Stage.CLASSIFY, Stage.EXTRACT, Stage.SENTIMENT),
        List.of(Stage.CLASSIFY, Stage.SENTIMENT, Stage.EXTRACT),
        List.of(Stage.EXTRACT, Stage.CLASSIFY, Stage.SENTIMENT),
        List.of(Stage.EXTRACT, Stage.SENTIMENT, Stage.CLASSIFY),
        List.of(Stage.SENTIMENT, Stage.CLASSIFY, Stage.EXTRACT),
        List.of(Stage.SENTIMENT, Stage.EXTRACT, Stage.CLASSIFY));
  }

  @ParameterizedTest
  @MethodSource("orders")
  void shouldRequestTheDraftOnceAllThreeAnsweredInAnyOrder(List<Stage> order) {
    AggregateState state = fanOut.start(message("m1", Audience.AGENT), "text", T0).state();

    for (int i = 0; i < order.size(); i++) {
      Transition.Advanced t =
          advanced(
              aggregator.onStageResult(
                  state,
                  result("m1", "ticket-m1", order.get(i), 1, goodOutcome(order.get(i))),
                  T0));
      state = t.state();
      assertThat(requests(t)).hasSize(i == order.size() - 1 ? 1 : 0);
    }

    assertThat(state.getPhase()).isEqualTo(Phase.DRAFTING);
    assertThat(Slots.find(state, Stage.DRAFT)).isPresent();
  }

  @Test
  void shouldGiveTheDraftRequestTheOtherStagesAsContext() {
    AggregateState state = gathered("m1", Audience.AGENT);
    Transition.Advanced t =
        advanced(
            aggregator.onStageResult(
                state,
                result("m1", "ticket-m1", Stage.SENTIMENT, 1, goodOutcome(Stage.SENTIMENT)),
                T0));

    StageRequest draft = requests(t).get(0);
    assertThat(draft.getStage()).isEqualTo(Stage.DRAFT);
    assertThat(draft.getContext().getIntent()).isEqualTo("track_order");
    assertThat(draft.getContext().getIntents()).first().isEqualTo("track_order");
    assertThat(draft.getContext().getEntities())
        .extracting(e -> e.getValue())
        .containsExactly("A-10442");
    assertThat(draft.getContext().getMissingStages()).isEmpty();
    assertThat(draft.getDeadline()).isEqualTo(T0.plusSeconds(5));
  }

  @Test
  void shouldIgnoreADuplicateResult() {
    AggregateState state = fanOut.start(message("m1", Audience.AGENT), "text", T0).state();
    state =
        advanced(
                aggregator.onStageResult(
                    state,
                    result("m1", "ticket-m1", Stage.CLASSIFY, 1, goodOutcome(Stage.CLASSIFY)),
                    T0))
            .state();

    Transition again =
        aggregator.onStageResult(
            state, result("m1", "ticket-m1", Stage.CLASSIFY, 1, goodOutcome(Stage.CLASSIFY)), T0);

    assertThat(again).isInstanceOf(Transition.Ignored.class);
  }

  @Test
  void shouldIgnoreAResultForAStageNotRequested() {
    AggregateState state = fanOut.start(message("m1", Audience.AGENT), "text", T0).state();

    assertThat(
            aggregator.onStageResult(
                state, result("m1", "ticket-m1", Stage.DRAFT, 1, goodOutcome(Stage.DRAFT)), T0))
        .isInstanceOf(Transition.Ignored.class);
  }

  @Test
  void shouldReRequestOnceOnARetriableFailure() {
    AggregateState state = fanOut.start(message("m1", Audience.AGENT), "text", T0).state();
    Instant later = T0.plusMillis(300);

    Transition.Advanced t =
        advanced(
            aggregator.onStageResult(
                state, result("m1", "ticket-m1", Stage.EXTRACT, 1, failure(true)), later));

    assertThat(requests(t))
        .singleElement()
        .satisfies(
            r -> {
              assertThat(r.getStage()).isEqualTo(Stage.EXTRACT);
              assertThat(r.getAttempt()).isEqualTo(2);
              // the second attempt may take 3 times as long (deadline.retry.factor)
              assertThat(r.getDeadline()).isEqualTo(later.plusSeconds(6));
            });
  }

  @Test
  void shouldIgnoreARepeatedFailureOfAnAttemptAlreadyRetried() {
    // A worker writing at least once may repeat attempt 1's failure after the retry went out.
    AggregateState state = fanOut.start(message("m1", Audience.AGENT), "text", T0).state();
    state =
        advanced(
                aggregator.onStageResult(
                    state, result("m1", "ticket-m1", Stage.EXTRACT, 1, failure(true)), T0))
            .state();

    Transition repeat =
        aggregator.onStageResult(
            state, result("m1", "ticket-m1", Stage.EXTRACT, 1, failure(true)), T0);

    assertThat(repeat).isInstanceOf(Transition.Ignored.class);
    assertThat(((Transition.Ignored) repeat).reason()).contains("attempt 1").contains("attempt 2");
    // The retry's own answer still counts
    assertThat(
            aggregator.onStageResult(
                state, result("m1", "ticket-m1", Stage.EXTRACT, 2, goodOutcome(Stage.EXTRACT)), T0))
        .isInstanceOf(Transition.Advanced.class);
  }

  @Test
  void shouldDraftWithoutAStageThatFailedForGood() {
    AggregateState state = fanOut.start(message("m1", Audience.AGENT), "text", T0).state();
    state =
        advanced(
                aggregator.onStageResult(
                    state, result("m1", "ticket-m1", Stage.EXTRACT, 1, failure(false)), T0))
            .state();
    state =
        advanced(
                aggregator.onStageResult(
                    state,
                    result("m1", "ticket-m1", Stage.CLASSIFY, 1, goodOutcome(Stage.CLASSIFY)),
                    T0))
            .state();

    Transition.Advanced t =
        advanced(
            aggregator.onStageResult(
                state,
                result("m1", "ticket-m1", Stage.SENTIMENT, 1, goodOutcome(Stage.SENTIMENT)),
                T0));

    assertThat(requests(t).get(0).getContext().getMissingStages()).containsExactly(Stage.EXTRACT);
  }

  @Test
  void shouldReplyWithTheSmallDraftWhenThePolicyIsSatisfied() {
    AggregateState state = drafting("m1", Audience.AGENT);

    Transition.Advanced t =
        advanced(
            aggregator.onStageResult(
                state,
                result("m1", "ticket-m1", Stage.DRAFT, 1, goodOutcome(Stage.DRAFT)),
                T0.plusMillis(400)));

    assertThat(t.finished()).isTrue();
    DraftedReply reply = reply(t);
    assertThat(reply.getRoute()).isEqualTo(Route.SMALL_ONLY);
    assertThat(reply.getText()).isEqualTo("Your order A-10442 is on its way.");
    assertThat(reply.getEscalationReasons()).isEmpty();
    assertThat(reply.getIntent()).isEqualTo("track_order");
    assertThat(reply.getStages())
        .extracting(s -> s.getStage())
        .containsExactly(Stage.CLASSIFY, Stage.EXTRACT, Stage.SENTIMENT, Stage.DRAFT);
    assertThat(reply.getStages()).allSatisfy(s -> assertThat(s.getModel()).isNotNull());
    assertThat(reply.getCostMicros()).isEqualTo(costs.smallCalls(4));
    assertThat(reply.getAllFrontierCostMicros()).isEqualTo(costs.allFrontier("text".length()));
    assertThat(reply.getTotalLatencyMillis()).isEqualTo(400);
    assertThat(reply.getFlaggedForHuman()).isFalse();
  }

  @Test
  void shouldEscalateACustomerFacingDraftWithItsReasons() {
    AggregateState state = drafting("m1", Audience.CUSTOMER);

    Transition.Advanced t =
        advanced(
            aggregator.onStageResult(
                state, result("m1", "ticket-m1", Stage.DRAFT, 1, goodOutcome(Stage.DRAFT)), T0));

    EscalationRequest escalation = ((Effect.Escalate) t.effects().get(0)).request();
    assertThat(escalation.getReasons()).containsExactly(EscalationReason.CUSTOMER_FACING);
    assertThat(escalation.getSmallDraft().getText()).isEqualTo("Your order A-10442 is on its way.");
    assertThat(escalation.getClassification().getLabel()).isEqualTo("track_order");
    assertThat(escalation.getDeadline()).isEqualTo(T0.plusSeconds(30));
    assertThat(t.state().getPhase()).isEqualTo(Phase.POLISHING);
  }

  @Test
  void shouldFinalizeAPolishedReplyAsEscalated() {
    AggregateState state = polishing("m1");

    Transition.Advanced t =
        advanced(finalizer.onEscalationResult(state, Fixtures.polished("m1", "ticket-m1"), T0));

    DraftedReply reply = reply(t);
    assertThat(reply.getRoute()).isEqualTo(Route.ESCALATED);
    assertThat(reply.getText()).startsWith("Polished");
    assertThat(reply.getPolishOutcome()).isEqualTo(EscalationOutcome.POLISHED);
    assertThat(reply.getEscalationReasons()).containsExactly(EscalationReason.CUSTOMER_FACING);
    assertThat(reply.getCostMicros()).isEqualTo(costs.smallCalls(4) + 4_500);
    assertThat(reply.getStages()).extracting(s -> s.getStage()).contains(Stage.POLISH);
  }

  @Test
  void shouldFlagAFallbackForAHuman() {
    AggregateState state = polishing("m1");

    DraftedReply reply =
        reply(
            advanced(
                finalizer.onEscalationResult(
                    state, Fixtures.fallback("m1", "ticket-m1", "small draft"), T0)));

    assertThat(reply.getRoute()).isEqualTo(Route.DEGRADED);
    assertThat(reply.getFlaggedForHuman()).isTrue();
    assertThat(reply.getText()).isEqualTo("small draft");
    assertThat(reply.getNotes()).anyMatch(n -> n.contains("BUDGET"));
  }

  @Test
  void shouldIgnoreADuplicateEscalationResult() {
    AggregateState state = drafting("m1", Audience.AGENT);

    assertThat(finalizer.onEscalationResult(state, Fixtures.polished("m1", "ticket-m1"), T0))
        .isInstanceOf(Transition.Ignored.class);
  }

  @Test
  void shouldReRequestALateStageOnceThenDegrade() {
    AggregateState state = fanOut.start(message("m1", Audience.AGENT), "text", T0).state();
    state =
        advanced(
                aggregator.onStageResult(
                    state,
                    result("m1", "ticket-m1", Stage.CLASSIFY, 1, goodOutcome(Stage.CLASSIFY)),
                    T0))
            .state();
    state =
        advanced(
                aggregator.onStageResult(
                    state,
                    result("m1", "ticket-m1", Stage.EXTRACT, 1, goodOutcome(Stage.EXTRACT)),
                    T0))
            .state();

    // Before the deadline nothing happens
    assertThat(aggregator.onTick(state, T0.plusMillis(1_999)))
        .isInstanceOf(Transition.Ignored.class);

    // First expiry: sentiment is asked again
    Transition.Advanced retry = advanced(aggregator.onTick(state, T0.plusSeconds(2)));
    assertThat(requests(retry))
        .singleElement()
        .satisfies(
            r -> {
              assertThat(r.getStage()).isEqualTo(Stage.SENTIMENT);
              assertThat(r.getAttempt()).isEqualTo(2);
            });
    assertThat(retry.expired()).containsExactly(Stage.SENTIMENT);

    // The second attempt may take 3 times as long (deadline.retry.factor): 6 s
    assertThat(aggregator.onTick(retry.state(), T0.plusMillis(7_999)))
        .isInstanceOf(Transition.Ignored.class);

    // Second expiry: give up on sentiment and draft without it
    Transition.Advanced degrade = advanced(aggregator.onTick(retry.state(), T0.plusSeconds(8)));
    assertThat(requests(degrade))
        .singleElement()
        .satisfies(
            r -> {
              assertThat(r.getStage()).isEqualTo(Stage.DRAFT);
              assertThat(r.getContext().getMissingStages()).containsExactly(Stage.SENTIMENT);
            });
  }

  @Test
  void shouldEscalateWhenTheDraftNeverComes() {
    AggregateState state = drafting("m1", Audience.AGENT);
    state = advanced(aggregator.onTick(state, T0.plusSeconds(5))).state();

    Transition.Advanced t = advanced(aggregator.onTick(state, T0.plusSeconds(20)));

    EscalationRequest escalation = ((Effect.Escalate) t.effects().get(0)).request();
    assertThat(escalation.getSmallDraft()).isNull();
    assertThat(escalation.getReasons()).containsExactly(EscalationReason.STAGE_MISSING);
  }

  @Test
  void shouldReplyDegradedWhenThePolishNeverComes() {
    AggregateState state = polishing("m1");

    Transition.Advanced t = advanced(aggregator.onTick(state, T0.plusSeconds(31)));

    DraftedReply reply = reply(t);
    assertThat(reply.getRoute()).isEqualTo(Route.DEGRADED);
    assertThat(reply.getFlaggedForHuman()).isTrue();
    assertThat(reply.getText()).isEqualTo(((Draft) goodOutcome(Stage.DRAFT)).getText());
    assertThat(t.expired()).containsExactly(Stage.POLISH);
  }

  @Test
  void shouldPassTheDraftEveryIntentTheClassifierFoundClauseByClause() {
    AggregateState state = fanOut.start(message("m1", Audience.AGENT), "text", T0).state();
    Classification twoRequests =
        new Classification(
            "track_order",
            0.9,
            List.of(new LabelScore("track_order", 0.9), new LabelScore("get_invoice", 0.05)),
            List.of("track_order", "get_invoice"));
    for (Object[] r :
        new Object[][] {
          {Stage.CLASSIFY, twoRequests},
          {Stage.EXTRACT, goodOutcome(Stage.EXTRACT)},
          {Stage.SENTIMENT, goodOutcome(Stage.SENTIMENT)}
        }) {
      Transition.Advanced t =
          advanced(
              aggregator.onStageResult(
                  state, result("m1", "ticket-m1", (Stage) r[0], 1, r[1]), T0));
      state = t.state();
      if (r[0] == Stage.SENTIMENT) {
        // get_invoice scores 0.05 of the whole message, yet its own clause asked for it
        assertThat(requests(t).get(0).getContext().getIntents())
            .containsExactly("track_order", "get_invoice");
      }
    }
  }

  // --- helpers -------------------------------------------------------------------------------

  private AggregateState gathered(String id, Audience audience) {
    AggregateState state = fanOut.start(message(id, audience), "text", T0).state();
    state =
        advanced(
                aggregator.onStageResult(
                    state,
                    result(id, "ticket-" + id, Stage.CLASSIFY, 1, goodOutcome(Stage.CLASSIFY)),
                    T0))
            .state();
    return advanced(
            aggregator.onStageResult(
                state,
                result(id, "ticket-" + id, Stage.EXTRACT, 1, goodOutcome(Stage.EXTRACT)),
                T0))
        .state();
  }

  private AggregateState drafting(String id, Audience audience) {
    AggregateState state = gathered(id, audience);
    return advanced(
            aggregator.onStageResult(
                state,
                result(id, "ticket-" + id, Stage.SENTIMENT, 1, goodOutcome(Stage.SENTIMENT)),
                T0))
        .state();
  }

  private AggregateState polishing(String id) {
    AggregateState state = drafting(id, Audience.CUSTOMER);
    return advanced(
            aggregator.onStageResult(
                state, result(id, "ticket-" + id, Stage.DRAFT, 1, goodOutcome(Stage.DRAFT)), T0))
        .state();
  }

  private static Transition.Advanced advanced(Transition t) {
    assertThat(t).isInstanceOf(Transition.Advanced.class);
    return (Transition.Advanced) t;
  }

  private static List<StageRequest> requests(Transition.Advanced t) {
    return t.effects().stream()
        .filter(Effect.Request.class::isInstance)
        .map(e -> ((Effect.Request) e).request())
        .toList();
  }

  private static DraftedReply reply(Transition.Advanced t) {
    return t.effects().stream()
        .filter(Effect.Reply.class::isInstance)
        .map(e -> ((Effect.Reply) e).reply())
        .findFirst()
        .orElseThrow();
  }
}
