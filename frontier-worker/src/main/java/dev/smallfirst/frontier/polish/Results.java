package dev.smallfirst.frontier.polish;

import dev.smallfirst.records.EscalationOutcome;
import dev.smallfirst.records.EscalationRequest;
import dev.smallfirst.records.EscalationResult;
import dev.smallfirst.records.FallbackReason;
import java.time.Instant;
import java.util.Optional;

/** Builds {@link EscalationResult}s; the fallback text is the small draft, or empty without one. */
public final class Results {
  private Results() {}

  static EscalationResult.Builder base(
      EscalationRequest request, String provider, String model, boolean standIn, Instant now) {
    return EscalationResult.newBuilder()
        .setMessageId(request.getMessageId())
        .setTicketId(request.getTicketId())
        .setProvider(provider)
        .setModel(model)
        .setStandIn(standIn)
        .setInputTokens(0)
        .setOutputTokens(0)
        .setCostMicros(0)
        .setCompletedAt(now);
  }

  static EscalationResult.Builder fallback(
      EscalationResult.Builder b, EscalationRequest request, FallbackReason reason, String detail) {
    return b.setOutcome(EscalationOutcome.FALLBACK_SMALL_DRAFT)
        .setText(smallDraft(request))
        .setFallbackReason(reason)
        .setFallbackDetail(detail);
  }

  /**
   * The fallback for an escalation whose handling failed with a bug (it is dead-lettered too), so
   * the topology need not wait for its deadline.
   */
  public static EscalationResult internalError(
      EscalationRequest request, String provider, Throwable error, Instant now) {
    return fallback(
            base(request, provider, "", false, now),
            request,
            FallbackReason.PROVIDER_ERROR,
            "internal error in the frontier worker: " + error.getClass().getSimpleName())
        .build();
  }

  /**
   * The fallback for an escalation whose deadline has passed, when it has: the topology has sent
   * its degraded reply already, so a polish now would be paid work thrown away.
   */
  static Optional<EscalationResult> expired(
      EscalationRequest request,
      String provider,
      String model,
      boolean standIn,
      Instant now,
      long startNanos) {
    if (now.isBefore(request.getDeadline())) {
      return Optional.empty();
    }
    return Optional.of(
        fallback(
                base(request, provider, model, standIn, now),
                request,
                FallbackReason.TIMEOUT,
                "deadline " + request.getDeadline() + " had passed on arrival; not polished")
            .setLatencyMicros(micros(startNanos))
            .build());
  }

  static String smallDraft(EscalationRequest request) {
    return request.getSmallDraft() == null ? "" : request.getSmallDraft().getText();
  }

  static long micros(long startNanos) {
    return (System.nanoTime() - startNanos) / 1_000;
  }
}
