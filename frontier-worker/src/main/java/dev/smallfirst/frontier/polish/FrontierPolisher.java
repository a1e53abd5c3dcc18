package dev.smallfirst.frontier.polish;

import dev.smallfirst.frontier.llm.LlmClient;
import dev.smallfirst.frontier.llm.LlmReply;
import dev.smallfirst.frontier.prompt.OutputValidator;
import dev.smallfirst.frontier.prompt.PiiVault;
import dev.smallfirst.frontier.prompt.Prompt;
import dev.smallfirst.frontier.prompt.PromptTemplate;
import dev.smallfirst.frontier.prompt.Validation;
import dev.smallfirst.frontier.resilience.CallOutcome;
import dev.smallfirst.frontier.resilience.ResilientCaller;
import dev.smallfirst.records.EscalationOutcome;
import dev.smallfirst.records.EscalationRequest;
import dev.smallfirst.records.EscalationResult;
import dev.smallfirst.records.FallbackReason;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

/**
 * Polishes with the real provider: skips escalations whose deadline has passed, masks PII, renders
 * the hardened prompt, calls through the {@link ResilientCaller} and validates the reply before
 * using it. Thread-safe.
 */
public record FrontierPolisher(
    LlmClient client,
    ResilientCaller caller,
    PromptTemplate template,
    OutputValidator validator,
    boolean piiMasking,
    int maxTokens,
    Clock clock)
    implements Polisher {
  @Override
  public EscalationResult polish(EscalationRequest request) {
    long start = System.nanoTime();
    Instant now = clock.instant();
    Optional<EscalationResult> late =
        Results.expired(request, provider(), client.model(), false, now, start);
    if (late.isPresent()) {
      return late.get();
    }
    EscalationResult.Builder b = Results.base(request, provider(), client.model(), false, now);
    PiiVault vault = piiMasking ? PiiVault.masking() : PiiVault.passThrough();
    Prompt prompt = template.render(request, vault);
    CallOutcome outcome =
        caller.call(prompt, request.getTenantId(), request.getDeadline(), maxTokens);
    b.setCostMicros(outcome.costMicros());
    switch (outcome) {
      case CallOutcome.Completed done -> {
        LlmReply reply = done.reply();
        reply
            .usage()
            .ifPresent(u -> b.setInputTokens(u.inputTokens()).setOutputTokens(u.outputTokens()));
        if (!reply.model().isBlank()) {
          b.setModel(reply.model());
        }
        switch (validator.validate(reply, prompt, vault)) {
          case Validation.Valid valid ->
              b.setOutcome(EscalationOutcome.POLISHED)
                  .setText(valid.text())
                  .setFallbackReason(null)
                  .setFallbackDetail(null);
          case Validation.Invalid invalid ->
              Results.fallback(b, request, FallbackReason.INVALID_OUTPUT, invalid.reason());
        }
      }
      case CallOutcome.Failed failed ->
          Results.fallback(b, request, failed.reason(), failed.detail());
    }
    return b.setLatencyMicros(Results.micros(start)).setCompletedAt(clock.instant()).build();
  }

  @Override
  public String provider() {
    return client.provider();
  }

  @Override
  public void close() {
    client.close();
  }
}
