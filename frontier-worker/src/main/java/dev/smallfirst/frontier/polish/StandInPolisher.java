package dev.smallfirst.frontier.polish;

import dev.smallfirst.frontier.llm.ProviderKind;
import dev.smallfirst.frontier.prompt.PiiVault;
import dev.smallfirst.frontier.prompt.Prompt;
import dev.smallfirst.frontier.prompt.PromptTemplate;
import dev.smallfirst.records.EscalationOutcome;
import dev.smallfirst.records.EscalationRequest;
import dev.smallfirst.records.EscalationResult;
import dev.smallfirst.records.FallbackReason;
import dev.smallfirst.schemas.stages.TokenPrices;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;

/**
 * The offline stand-in for demos without a provider: returns the small draft lightly rewritten
 * after a simulated latency, and marks every result as a stand-in ({@code standIn=true}, provider
 * {@code offline-stand-in}). It never calls anything and spends nothing, but it reports what the
 * real call would have cost: the tokens of the prompt the real polisher would send and of its
 * reply, estimated from their length, at the configured prices (by default a mid-size frontier
 * model's). Cost reports made with the stand-in are then estimates of a real deployment's bill, not
 * zero. Like the real polisher it skips escalations whose deadline has passed. Thread-safe.
 *
 * @param template the prompt the real polisher would render, for the input-token estimate
 * @param prices what a real call's tokens cost
 * @param charsPerToken characters per token of the estimate
 */
public record StandInPolisher(
    String brand,
    Duration latency,
    Clock clock,
    PromptTemplate template,
    TokenPrices prices,
    double charsPerToken)
    implements Polisher {
  /** The model name in every stand-in result, so nobody mistakes it for a real model. */
  public static final String MODEL = "offline-stand-in (no frontier provider configured)";

  @Override
  public EscalationResult polish(EscalationRequest request) {
    long start = System.nanoTime();
    Optional<EscalationResult> late =
        Results.expired(request, provider(), MODEL, true, clock.instant(), start);
    if (late.isPresent()) {
      return late.get(); // like the real polisher: no work for a reply already sent
    }
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
      String text = rewrite(draft);
      Prompt prompt = template.render(request, PiiVault.passThrough());
      long in = tokens(prompt.system().length() + prompt.user().length());
      long out = tokens(text.length());
      b.setOutcome(EscalationOutcome.POLISHED)
          .setText(text)
          .setInputTokens(in)
          .setOutputTokens(out)
          .setCostMicros(prices.cost(in, out));
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

  private long tokens(int chars) {
    return (long) Math.ceil(chars / charsPerToken);
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
