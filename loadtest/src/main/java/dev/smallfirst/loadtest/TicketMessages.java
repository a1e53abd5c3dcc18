package dev.smallfirst.loadtest;

import dev.smallfirst.records.Audience;
import dev.smallfirst.records.Channel;
import dev.smallfirst.records.Customer;
import dev.smallfirst.records.CustomerTier;
import dev.smallfirst.records.SupportMessage;
import dev.smallfirst.tickets.Ticket;
import dev.smallfirst.tickets.TicketGenerator;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;

/**
 * Turns generated tickets into the {@link SupportMessage}s a support platform would produce: the
 * load test's and the demo's traffic. Message {@code i} of a seed is always the same ticket, so a
 * run and its baseline see identical messages; message ids carry a run id so that two runs on one
 * cluster never collide. Not thread-safe (the sender thread owns it).
 */
public final class TicketMessages implements IntFunction<SupportMessage> {
  private final TicketGenerator generator;
  private final String runId;
  private final String tenantId;
  private final Clock clock;
  private int next;

  /**
   * @param seed generator seed: the same seed gives the same tickets
   * @param runId distinguishes this run's message ids (e.g. a timestamp)
   * @param tenantId the tenant every message belongs to
   */
  public TicketMessages(long seed, String runId, String tenantId, Clock clock) {
    this.generator = new TicketGenerator(seed);
    this.runId = runId;
    this.tenantId = tenantId;
    this.clock = clock;
  }

  /** The message of index {@code i}; indexes must be asked for in order 0, 1, 2, .... */
  @Override
  public SupportMessage apply(int i) {
    next = inOrder(i, next);
    Ticket t = generator.next();
    return message(t, runId + "-" + i, runId + "-" + t.id(), tenantId, clock.millis());
  }

  /** The index after {@code i}, when {@code i} is the one expected; sources are read in order. */
  static int inOrder(int i, int expected) {
    if (i != expected) {
      throw new IllegalArgumentException(
          "messages are made in order: expected " + expected + ", got " + i);
    }
    return expected + 1;
  }

  /** The message for {@code ticket}. */
  public static SupportMessage message(
      Ticket ticket, String messageId, String ticketId, String tenantId, long receivedAtMillis) {
    return SupportMessage.newBuilder()
        .setMessageId(messageId)
        .setTicketId(ticketId)
        .setTenantId(tenantId)
        .setChannel(Channel.valueOf(ticket.channel().name()))
        .setCustomer(
            Customer.newBuilder()
                .setCustomerId("C-" + Integer.toHexString(ticket.id().hashCode()))
                .setTier(CustomerTier.valueOf(ticket.tier().name()))
                .build())
        .setSubject(ticket.subject())
        .setBody(ticket.body())
        .setLanguage("en")
        .setAudience(Audience.valueOf(ticket.audience().name()))
        .setReceivedAt(java.time.Instant.ofEpochMilli(receivedAtMillis))
        .setAttributes(Map.of("generator.intent", ticket.label()))
        .build();
  }

  /** The first {@code n} tickets of {@code seed} (for reports that compare with ground truth). */
  public static List<Ticket> tickets(long seed, int n) {
    return new TicketGenerator(seed).next(n);
  }
}
