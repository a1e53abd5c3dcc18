package dev.smallfirst.frontier.resilience;

import dev.smallfirst.frontier.budget.BudgetExceededException;
import dev.smallfirst.frontier.budget.BudgetGuard;
import dev.smallfirst.frontier.llm.LlmClient;
import dev.smallfirst.frontier.llm.LlmException;
import dev.smallfirst.frontier.llm.LlmReply;
import dev.smallfirst.frontier.llm.LlmRequest;
import dev.smallfirst.frontier.prompt.Prompt;
import dev.smallfirst.records.FallbackReason;
import dev.smallfirst.schemas.stages.TokenPrices;
import io.github.resilience4j.bulkhead.Bulkhead;
import io.github.resilience4j.bulkhead.BulkheadFullException;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.ratelimiter.RequestNotPermitted;
import io.github.resilience4j.retry.Retry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * Calls the provider for one escalation under every guard, outermost first: {@link Retry} (jittered
 * exponential backoff, or the provider's {@code retry-after}), the escalation's deadline, {@link
 * CircuitBreaker}, the {@link Bulkhead} that bounds calls in flight, the {@link BudgetGuard}
 * (worst-case cost reserved once a call slot is held, actual cost settled) and the request and
 * token {@link RateLimiter}s. Every way of failing becomes a {@link CallOutcome.Failed} with its
 * {@link FallbackReason}. Thread-safe; one instance per worker.
 */
public final class ResilientCaller {
  private final LlmClient client;
  private final FrontierGuards guards;
  private final BudgetGuard budget;
  private final TokenPrices prices;
  private final double charsPerToken;
  private final Duration attemptTimeout;
  private final Clock clock;
  private final CallObserver observer;

  /**
   * @param attemptTimeout longest time one HTTP call may take (shortened to the deadline)
   */
  public ResilientCaller(
      LlmClient client,
      FrontierGuards guards,
      BudgetGuard budget,
      Duration attemptTimeout,
      Clock clock,
      CallObserver observer) {
    this.client = client;
    this.guards = guards;
    this.budget = budget;
    this.prices = budget.settings().prices();
    this.charsPerToken = budget.settings().charsPerToken();
    this.attemptTimeout = attemptTimeout;
    this.clock = clock;
    this.observer = observer;
  }

  /** A reply with what it cost. */
  private record Paid(LlmReply reply, long costMicros) {}

  /** Calls the provider for {@code prompt}; never throws for provider or guard failures. */
  public CallOutcome call(Prompt prompt, String tenant, Instant deadline, int maxTokens) {
    AtomicInteger attempts = new AtomicInteger();
    AtomicLong booked = new AtomicLong();
    long inputEstimate = tokens(prompt.system().length() + prompt.user().length());
    long worstCase = prices.cost(inputEstimate, maxTokens);
    Supplier<Paid> attempt =
        () -> {
          Duration left = Duration.between(clock.instant(), deadline);
          if (left.isNegative() || left.isZero()) {
            throw new DeadlinePassedException(
                "deadline " + deadline + " passed after " + attempts.get() + " attempt(s)");
          }
          attempts.incrementAndGet();
          Duration timeout = left.compareTo(attemptTimeout) < 0 ? left : attemptTimeout;
          LlmRequest request = new LlmRequest(prompt.system(), prompt.user(), maxTokens, timeout);
          Supplier<Paid> budgeted =
              () -> budgeted(request, tenant, worstCase, inputEstimate, booked);
          return CircuitBreaker.decorateSupplier(
                  guards.breaker(), Bulkhead.decorateSupplier(guards.bulkhead(), budgeted))
              .get();
        };
    try {
      Paid paid = Retry.decorateSupplier(guards.retry(), attempt).get();
      return new CallOutcome.Completed(paid.reply(), paid.costMicros(), attempts.get());
    } catch (RuntimeException e) {
      return failed(e, booked.get(), attempts.get());
    }
  }

  private Paid budgeted(
      LlmRequest request, String tenant, long worstCase, long inputEstimate, AtomicLong booked) {
    BudgetGuard.Reservation reservation = budget.reserve(tenant, worstCase);
    boolean settled = false;
    try {
      acquire(guards.requestLimiter(), 1);
      acquire(guards.tokenLimiter(), inputEstimate + request.maxTokens());
      LlmReply reply = timed(request);
      LlmReply.Usage usage =
          reply
              .usage()
              .orElseGet(() -> new LlmReply.Usage(inputEstimate, tokens(reply.text().length())));
      long cost = prices.cost(usage.inputTokens(), usage.outputTokens());
      budget.settle(reservation, cost);
      settled = true;
      booked.addAndGet(cost);
      return new Paid(
          new LlmReply(reply.text(), reply.model(), Optional.of(usage), reply.truncated()), cost);
    } catch (LlmException e) {
      if (e.kind() == LlmException.Kind.MALFORMED_RESPONSE) {
        // A 2xx was billed but its usage is unreadable: book the worst case, never less.
        budget.settle(reservation, worstCase);
        settled = true;
        booked.addAndGet(worstCase);
      }
      throw e;
    } finally {
      if (!settled) {
        budget.release(reservation);
      }
    }
  }

  private LlmReply timed(LlmRequest request) {
    long start = System.nanoTime();
    String result = "ok";
    try {
      return client.complete(request);
    } catch (LlmException e) {
      result = e.kind().name().toLowerCase(Locale.ROOT);
      throw e;
    } finally {
      observer.attempt(result, Duration.ofNanos(System.nanoTime() - start));
    }
  }

  private static void acquire(Optional<RateLimiter> limiter, long permits) {
    if (limiter.isPresent()) {
      RateLimiter l = limiter.get();
      int wanted = (int) Math.min(permits, l.getRateLimiterConfig().getLimitForPeriod());
      if (!l.acquirePermission(wanted)) {
        throw RequestNotPermitted.createRequestNotPermitted(l);
      }
    }
  }

  private long tokens(int chars) {
    return (long) Math.ceil(chars / charsPerToken);
  }

  private CallOutcome.Failed failed(RuntimeException e, long booked, int attempts) {
    String after = " (after " + attempts + " attempt" + (attempts == 1 ? "" : "s") + ")";
    return switch (e) {
      case LlmException le ->
          new CallOutcome.Failed(
              switch (le.kind()) {
                case RATE_LIMITED -> FallbackReason.RATE_LIMITED;
                case TIMEOUT -> FallbackReason.TIMEOUT;
                default -> FallbackReason.PROVIDER_ERROR;
              },
              le.getMessage() + after,
              booked,
              attempts);
      case CallNotPermittedException open ->
          new CallOutcome.Failed(
              FallbackReason.CIRCUIT_OPEN,
              "circuit breaker open: the provider failed too often recently" + after,
              booked,
              attempts);
      case RequestNotPermitted limited ->
          new CallOutcome.Failed(
              FallbackReason.RATE_LIMITED,
              "local rate limit: " + limited.getMessage() + after,
              booked,
              attempts);
      case BulkheadFullException full ->
          new CallOutcome.Failed(
              FallbackReason.RATE_LIMITED,
              "all provider call slots stayed busy: " + full.getMessage() + after,
              booked,
              attempts);
      case BudgetExceededException over ->
          new CallOutcome.Failed(FallbackReason.BUDGET, over.getMessage(), booked, attempts);
      case DeadlinePassedException late ->
          new CallOutcome.Failed(FallbackReason.TIMEOUT, late.getMessage(), booked, attempts);
      default -> throw e; // a bug, not a provider failure: let the worker dead-letter it
    };
  }
}
