package dev.smallfirst.loadtest;

import dev.smallfirst.records.SupportMessage;
import java.util.function.Consumer;
import java.util.function.IntFunction;
import java.util.function.LongConsumer;
import java.util.function.LongSupplier;

/**
 * Sends messages at the times an {@link ArrivalSchedule} says, whatever the system under test does,
 * and tells the tracker each message's <em>intended</em> send time: latency is measured from that
 * time, so a sender that falls behind (a stalled producer, a full buffer) shows up in the latencies
 * instead of hiding them. Time is injected, so tests drive it.
 *
 * @param nanoClock monotonic nanoseconds (e.g. {@code System::nanoTime})
 * @param parkNanos waits about that many nanoseconds (e.g. {@code LockSupport::parkNanos})
 */
record OpenLoopSender(ArrivalSchedule schedule, LongSupplier nanoClock, LongConsumer parkNanos) {

  /**
   * Sends {@code count} messages made by {@code messages}: {@code intended} learns each message's
   * intended send time (on {@code nanoClock}) before {@code send} sends it.
   */
  public void run(
      int count,
      IntFunction<SupportMessage> messages,
      Intended intended,
      Consumer<SupportMessage> send) {
    long start = nanoClock.getAsLong();
    for (int i = 0; i < count; i++) {
      long due = start + schedule.nextOffsetNanos();
      long wait = due - nanoClock.getAsLong();
      if (wait > 0) {
        parkNanos.accept(wait);
      }
      SupportMessage m = messages.apply(i);
      intended.at(m.getMessageId(), due);
      send.accept(m);
    }
  }

  /** Receives each message's intended send time. */
  @FunctionalInterface
  public interface Intended {
    void at(String messageId, long intendedNanos);
  }
}
