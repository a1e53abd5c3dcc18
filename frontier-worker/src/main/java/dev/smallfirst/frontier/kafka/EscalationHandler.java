package dev.smallfirst.frontier.kafka;

import dev.smallfirst.frontier.polish.Polisher;
import dev.smallfirst.frontier.polish.Results;
import dev.smallfirst.records.EscalationRequest;
import dev.smallfirst.records.EscalationResult;
import dev.smallfirst.runtime.kafka.DeadLetterBuilder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Handles one escalation record for the {@link EscalationLoop}: decodes it (an undecodable record
 * becomes a dead letter) and polishes it on a call thread; a polisher that throws yields a dead
 * letter plus a fallback reply. {@link #accept} runs on the loop thread, the calls on {@code
 * calls}.
 */
final class EscalationHandler {
  // Logs under the loop's name, as before the split, so log settings keep applying.
  private static final Logger log = LoggerFactory.getLogger(EscalationLoop.class);

  private final FrontierSerdes serdes;
  private final Polisher polisher;
  private final ExecutorService calls;
  private final Clock clock;
  private final AtomicReference<Throwable> callThreadError = new AtomicReference<>();

  EscalationHandler(FrontierSerdes serdes, Polisher polisher, ExecutorService calls, Clock clock) {
    this.serdes = serdes;
    this.polisher = polisher;
    this.calls = calls;
    this.clock = clock;
  }

  /** Decodes {@code r} and starts its call, or completes {@code slot} with a dead letter. */
  void accept(ConsumerRecord<byte[], byte[]> r, InflightTracker.Slot slot) {
    EscalationRequest request;
    try {
      request = serdes.requests().deserialize(r.topic(), r.headers(), r.value());
      if (request == null) {
        throw new IllegalArgumentException("escalation record has no value");
      }
    } catch (RuntimeException e) {
      log.warn(
          "dead-lettering undecodable escalation {}-{}@{}: {}",
          r.topic(),
          r.partition(),
          r.offset(),
          e.toString());
      slot.complete(
          List.of(
              new Output.Dead(
                  r.key(),
                  DeadLetterBuilder.of(r, "frontier.decode", null, null, e, clock.instant()))));
      return;
    }
    slot.runningAs(
        calls.submit(
            () -> {
              try {
                slot.complete(handle(r, request));
              } catch (Error e) {
                callThreadError.compareAndSet(null, e);
                throw e;
              }
            }));
  }

  private List<Output> handle(ConsumerRecord<byte[], byte[]> r, EscalationRequest request) {
    byte[] key = r.key() != null ? r.key() : request.getTicketId().getBytes(StandardCharsets.UTF_8);
    try {
      return List.of(new Output.Reply(key, polisher.polish(request)));
    } catch (RuntimeException e) {
      log.error(
          "escalation {}-{}@{} (message {}) failed inside the worker; dead-lettering it and"
              + " falling back",
          r.topic(),
          r.partition(),
          r.offset(),
          request.getMessageId(),
          e);
      EscalationResult fallback =
          Results.internalError(request, polisher.provider(), e, clock.instant());
      return List.of(
          new Output.Dead(
              key,
              DeadLetterBuilder.of(
                  r, "frontier.polish", null, request.getMessageId(), e, clock.instant())),
          new Output.Reply(key, fallback));
    }
  }

  /** Fails when a call thread died of an Error: its slot would never finish. */
  void checkCallThreads() {
    Throwable fatal = callThreadError.get();
    if (fatal != null) {
      // An Error in a call thread would leave its slot unfinished and stall the partition.
      throw new IllegalStateException("a call thread died: " + fatal, fatal);
    }
  }

  /** Interrupts the calls still running (their escalations are redone by the next owner). */
  void shutdownNow() {
    calls.shutdownNow();
  }
}
