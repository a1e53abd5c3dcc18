package dev.smallfirst.frontier.resilience;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.smallfirst.frontier.testing.Escalations;
import dev.smallfirst.frontier.testing.FakeProvider;
import dev.smallfirst.frontier.testing.Polishers;
import dev.smallfirst.frontier.testing.Wire;
import dev.smallfirst.records.EscalationOutcome;
import dev.smallfirst.records.EscalationResult;
import dev.smallfirst.records.FallbackReason;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The provider misbehaves in every way the issue names; the worker retries what is worth retrying,
 * honours {@code retry-after}, opens and later half-opens its breaker, respects its limits, and
 * otherwise falls back to the small draft with the reason.
 */
class FaultToleranceTest {
  private static final String POLISHED = "Hello! Your order A-10442 ships tomorrow.";

  private FakeProvider server;
  private Polishers polishers;

  @AfterEach
  void stop() {
    if (polishers != null) {
      polishers.close();
    }
    server.close();
  }

  private Polishers anthropic(Map<String, String> overrides) throws Exception {
    return wire("anthropic", Wire.anthropicMessage(POLISHED, 800, 90), overrides);
  }

  private Polishers wire(
      String provider, FakeProvider.Reply otherwise, Map<String, String> overrides)
      throws Exception {
    server = FakeProvider.start(otherwise);
    Map<String, String> config = Polishers.config(provider, server);
    config.putAll(overrides);
    polishers = Polishers.from(config, Clock.systemUTC());
    return polishers;
  }

  private EscalationResult polish(String id) {
    return polishers.polisher.polish(Escalations.request(id, Instant.now()));
  }

  @Test
  void shouldWaitForRetryAfterOnA429AndThenSucceed() throws Exception {
    // Given
    anthropic(Map.of());
    server.then(
        Wire.anthropicError(
                429,
                "rate_limit_error",
                "Number of request tokens has exceeded your per-minute rate limit")
            .withHeader("retry-after", "1"));

    // When
    EscalationResult r = polish("m-429");

    // Then
    assertThat(r.getOutcome()).isEqualTo(EscalationOutcome.POLISHED);
    List<FakeProvider.Received> calls = server.received();
    assertThat(calls).hasSize(2);
    assertThat(Duration.ofNanos(calls.get(1).arrivedNanos() - calls.get(0).arrivedNanos()))
        .isGreaterThanOrEqualTo(Duration.ofSeconds(1));
  }

  @Test
  void shouldRetryRepeatedServerErrorsAndThenFallBackToTheDraft() throws Exception {
    // Given
    wire(
        "openai",
        Wire.openAiError(
            500, "The server had an error while processing your request.", "server_error", null),
        Map.of("frontier.retry.max.attempts", "3"));

    // When
    EscalationResult r = polish("m-500");

    // Then
    assertThat(server.requests()).isEqualTo(3);
    assertThat(r.getOutcome()).isEqualTo(EscalationOutcome.FALLBACK_SMALL_DRAFT);
    assertThat(r.getFallbackReason()).isEqualTo(FallbackReason.PROVIDER_ERROR);
    assertThat(r.getFallbackDetail()).contains("HTTP 500").contains("3 attempts");
    assertThat(r.getText()).isEqualTo(Escalations.DRAFT);
    assertThat(r.getCostMicros()).isZero();
  }

  @Test
  void shouldRetryAnthropicOverloadedErrorsAndUseTheReplyThatFinallyComes() throws Exception {
    // Given
    anthropic(Map.of("frontier.retry.max.attempts", "3"));
    server.then(
        Wire.anthropicError(529, "overloaded_error", "Overloaded"),
        Wire.anthropicError(529, "overloaded_error", "Overloaded"));

    // When
    EscalationResult r = polish("m-529");

    // Then
    assertThat(server.requests()).isEqualTo(3);
    assertThat(r.getOutcome()).isEqualTo(EscalationOutcome.POLISHED);
    assertThat(r.getText()).isEqualTo(POLISHED);
  }

  @Test
  void shouldFallBackWithProviderErrorWhenAnthropicStaysOverloaded() throws Exception {
    // Given
    wire(
        "anthropic",
        Wire.anthropicError(529, "overloaded_error", "Overloaded"),
        Map.of("frontier.retry.max.attempts", "2"));

    // When
    EscalationResult r = polish("m-529b");

    // Then
    assertThat(server.requests()).isEqualTo(2);
    assertThat(r.getFallbackReason()).isEqualTo(FallbackReason.PROVIDER_ERROR);
    assertThat(r.getFallbackDetail()).contains("529").contains("overloaded_error");
  }

  @Test
  void shouldFallBackWithTimeoutWhenTheProviderStalls() throws Exception {
    // Given
    wire(
        "anthropic",
        Wire.anthropicMessage(POLISHED, 800, 90).stalledFor(Duration.ofSeconds(10)),
        Map.of("frontier.timeout.ms", "300", "frontier.retry.max.attempts", "2"));
    long start = System.nanoTime();

    // When
    EscalationResult r = polish("m-slow");

    // Then
    assertThat(r.getFallbackReason()).isEqualTo(FallbackReason.TIMEOUT);
    assertThat(r.getText()).isEqualTo(Escalations.DRAFT);
    assertThat(server.requests()).isEqualTo(2);
    // Cut short by the 300 ms timeouts, not held for the 10 s stall; the bound is the stall, not
    // a guess at how fast a loaded machine runs two attempts and a backoff.
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
  }

  @Test
  void shouldFallBackWithoutRetryingOnMalformedJsonAndBookTheWorstCase() throws Exception {
    // Given
    wire(
        "openai",
        FakeProvider.Reply.json(200, "{\"id\":\"chatcmpl-1\",\"choices\":[{\"mess"),
        Map.of());

    // When
    EscalationResult r = polish("m-garbled");

    // Then: a 2xx may have been billed, so the budget books the worst case rather than nothing
    assertThat(server.requests()).isEqualTo(1);
    assertThat(r.getFallbackReason()).isEqualTo(FallbackReason.PROVIDER_ERROR);
    assertThat(r.getFallbackDetail()).contains("not a Chat Completions reply");
    assertThat(r.getCostMicros()).isPositive();
  }

  @Test
  void shouldOpenTheBreakerAfterRepeatedFailuresAndLaterHalfOpenForATrialCall() throws Exception {
    // Given: a breaker that opens at 50% failures over 4 calls, for 400 ms
    wire(
        "anthropic",
        Wire.anthropicError(500, "api_error", "Internal server error"),
        Map.of(
            "frontier.retry.max.attempts", "1",
            "frontier.breaker.window.calls", "4",
            "frontier.breaker.min.calls", "4",
            "frontier.breaker.open.ms", "400",
            "frontier.breaker.half.open.calls", "1"));
    List<String> transitions = new CopyOnWriteArrayList<>();
    polishers
        .guards
        .breaker()
        .getEventPublisher()
        .onStateTransition(e -> transitions.add(e.getStateTransition().name()));
    for (int i = 0; i < 4; i++) {
      assertThat(polish("m-fail-" + i).getFallbackReason())
          .isEqualTo(FallbackReason.PROVIDER_ERROR);
    }

    // When: the breaker is open, escalations fall back at once without reaching the provider
    EscalationResult whileOpen = polish("m-open");

    // Then
    assertThat(polishers.guards.breaker().getState()).isEqualTo(CircuitBreaker.State.OPEN);
    assertThat(whileOpen.getFallbackReason()).isEqualTo(FallbackReason.CIRCUIT_OPEN);
    assertThat(server.requests()).isEqualTo(4);

    // When: the provider recovers and the open period ends
    server.otherwise(Wire.anthropicMessage(POLISHED, 800, 90));

    // Then: a trial call goes through (half-open) and, succeeding, closes the breaker
    await("breaker lets a trial call through")
        .atMost(Duration.ofSeconds(5))
        .pollInterval(Duration.ofMillis(100))
        .until(() -> polish("m-trial").getOutcome() == EscalationOutcome.POLISHED);
    assertThat(transitions)
        .containsSubsequence("CLOSED_TO_OPEN", "OPEN_TO_HALF_OPEN", "HALF_OPEN_TO_CLOSED");
    assertThat(polishers.guards.breaker().getState()).isEqualTo(CircuitBreaker.State.CLOSED);
  }

  @Test
  void shouldNotTripTheBreakerOnBudgetRefusals() throws Exception {
    // Given
    anthropic(
        Map.of(
            "frontier.budget.hour.micros", "0",
            "frontier.breaker.window.calls", "2",
            "frontier.breaker.min.calls", "2"));

    // When
    for (int i = 0; i < 5; i++) {
      assertThat(polish("m-broke-" + i).getFallbackReason()).isEqualTo(FallbackReason.BUDGET);
    }

    // Then
    assertThat(polishers.guards.breaker().getState()).isEqualTo(CircuitBreaker.State.CLOSED);
    assertThat(server.requests()).isZero();
  }

  @Test
  void shouldFallBackRateLimitedWhenTheLocalRequestLimitIsSpent() throws Exception {
    // Given
    anthropic(Map.of("frontier.rate.requests.per.minute", "2", "frontier.rate.wait.ms", "0"));

    // When
    polish("m-r1");
    polish("m-r2");
    EscalationResult third = polish("m-r3");

    // Then
    assertThat(third.getFallbackReason()).isEqualTo(FallbackReason.RATE_LIMITED);
    assertThat(third.getFallbackDetail()).contains("local rate limit");
    assertThat(server.requests()).isEqualTo(2);
  }

  @Test
  void shouldNotWaitForARetryAfterLongerThanAllowed() throws Exception {
    // Given
    anthropic(Map.of("frontier.retry.after.max.ms", "5000"));
    server.then(
        Wire.anthropicError(429, "rate_limit_error", "slow down").withHeader("retry-after", "120"));

    // When
    EscalationResult r = polish("m-wait-long");

    // Then
    assertThat(r.getFallbackReason()).isEqualTo(FallbackReason.RATE_LIMITED);
    assertThat(server.requests()).isEqualTo(1);
  }

  @Test
  void shouldKeepProviderCallsInFlightAtTheConfiguredConcurrency() throws Exception {
    // Given: every call takes 300 ms and at most 3 may be in flight
    anthropic(Map.of("frontier.concurrency", "3"));
    server.otherwise(Wire.anthropicMessage(POLISHED, 800, 90).stalledFor(Duration.ofMillis(300)));
    ExecutorService pool = Executors.newFixedThreadPool(12);
    try {
      // When
      List<Future<EscalationResult>> results = new java.util.ArrayList<>();
      for (int i = 0; i < 12; i++) {
        String id = "m-c" + i;
        results.add(pool.submit(() -> polish(id)));
      }

      // Then
      for (Future<EscalationResult> f : results) {
        assertThat(f.get().getOutcome()).isEqualTo(EscalationOutcome.POLISHED);
      }
      assertThat(server.peakInFlight()).isEqualTo(3);
    } finally {
      pool.shutdownNow();
    }
  }
}
