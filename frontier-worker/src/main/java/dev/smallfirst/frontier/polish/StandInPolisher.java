package dev.smallfirst.frontier.polish;

import dev.smallfirst.frontier.llm.ProviderKind;
import dev.smallfirst.records.EscalationOutcome;
import dev.smallfirst.records.EscalationRequest;
import dev.smallfirst.records.EscalationResult;
import dev.smallfirst.records.FallbackReason;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;

/**
 * The offline stand-in for demos without a provider: returns the small draft lightly rewritten
 * after a simulated latency, at zero cost, and marks every result as a stand-in ({@code
 * standIn=true}, provider {@code offline-stand-in}). It never calls anything. Thread-safe.
 */
public final class StandInPolisher implements Polisher {
  /** The model name in every stand-in result, so nobody mistakes it for a real model. */
  public static final String MODEL = "offline-stand-in (no frontier provider configured)";

  private final String brand;
  private final Duration latency;
  private final Clock clock;

  public StandInPolisher(String brand, Duration latency, Clock clock) {
    this.brand = brand;
    this.latency = latency;
    this.clock = clock;
  }

  @Override
  public EscalationResult polish(EscalationRequest request) {
    long start = System.nanoTime();
    simulateLatency();
    EscalationResult.Builder b = Results.base(request, provider(), MODEL, true, clock.instant());
    String draft = Results.smallDraft(request).strip();
    if (draft.isEmpty()) {
      Results.fallback(
          b,
          request,
          FallbackReason.INVALID_OUTPUT,
          "offline stand-in: no small draft to rewrite (no frontier provider configured)");
    } else {
      b.setOutcome(EscalationOutcome.POLISHED).setText(rewrite(draft));
    }
    return b.setLatencyMicros(Results.micros(start)).build();
  }

  /** Greeting, the draft with its first letter capitalised and a final full stop, sign-off. */
  String rewrite(String draft) {
    String body = draft.substring(0, 1).toUpperCase(Locale.ROOT) + draft.substring(1);
    if (!body.matches("(?s).*[.!?]$")) {
      body = body + ".";
    }
    return "Hello,\n\n" + body + "\n\nKind regards,\nThe " + brand + " support team";
  }

  private void simulateLatency() {
    if (latency.isZero()) {
      return;
    }
    try {
      Thread.sleep(latency);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public String provider() {
    return ProviderKind.NONE.resultName();
  }
}
