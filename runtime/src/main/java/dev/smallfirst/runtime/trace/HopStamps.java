package dev.smallfirst.runtime.trace;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * The per-hop timing trace: record headers named {@code sf-t-<event>} whose values are wall-clock
 * epoch microseconds in decimal ASCII. Every part that writes a record because of another copies
 * the {@code sf-t-*} headers of the cause onto it, in order, and appends its own stamps, so a reply
 * ends up with the whole path of its message (the stages that completed each round). The load test
 * reads them off the reply and turns consecutive stamps into hop durations. Headers may repeat (one
 * {@code sf-t-topology-in} per round): their order is the path. Stateless.
 *
 * <pre>{@code
 * Headers out = HopStamps.copy(in.headers());
 * HopStamps.stamp(out, HopStamps.WORKER_POLLED, polledAt);
 * }</pre>
 */
public final class HopStamps {
  /** The prefix of every timing header. */
  public static final String PREFIX = "sf-t-";

  /** The load test handed the message to its producer. */
  public static final String SENT = PREFIX + "sent";

  /** The topology began processing the record that caused the output. */
  public static final String TOPOLOGY_IN = PREFIX + "topology-in";

  /** The topology forwarded the output (request, escalation or reply). */
  public static final String TOPOLOGY_OUT = PREFIX + "topology-out";

  /** A model worker's poll returned the request. */
  public static final String WORKER_POLLED = PREFIX + "worker-polled";

  /** The worker's batch holding the request began its forward pass. */
  public static final String WORKER_BATCH = PREFIX + "worker-batch";

  /** The worker's batch holding the request ended its forward pass. */
  public static final String WORKER_INFERRED = PREFIX + "worker-inferred";

  private HopStamps() {}

  /** One stamp: its header name and epoch microseconds. */
  public record Stamp(String event, long epochMicros) {}

  /** Whether {@code header} is a timing stamp. */
  public static boolean isStamp(Header header) {
    return header.key().startsWith(PREFIX);
  }

  /** New headers holding the timing stamps of {@code from}, in order; never null. */
  public static Headers copy(Headers from) {
    RecordHeaders out = new RecordHeaders();
    if (from != null) {
      copyInto(from, out);
    }
    return out;
  }

  /** Appends the timing stamps of {@code from} to {@code to}, in order. */
  public static void copyInto(Headers from, Headers to) {
    for (Header h : from) {
      if (isStamp(h)) {
        to.add(h.key(), h.value());
      }
    }
  }

  /** Appends stamp {@code event} at {@code epochMicros}. */
  public static Headers stamp(Headers headers, String event, long epochMicros) {
    return headers.add(event, Long.toString(epochMicros).getBytes(StandardCharsets.US_ASCII));
  }

  /** Epoch microseconds of {@code instant}. */
  public static long micros(Instant instant) {
    return Math.addExact(
        Math.multiplyExact(instant.getEpochSecond(), 1_000_000L), instant.getNano() / 1_000);
  }

  /**
   * The stamps of {@code headers} in order; a stamp whose value is not a number is left out (the
   * trace is diagnostics, never a reason to drop a record).
   */
  public static List<Stamp> read(Headers headers) {
    List<Stamp> out = new ArrayList<>();
    if (headers == null) {
      return out;
    }
    for (Header h : headers) {
      if (isStamp(h)) {
        parse(h.value()).ifPresent(v -> out.add(new Stamp(h.key(), v)));
      }
    }
    return out;
  }

  private static Optional<Long> parse(byte[] value) {
    if (value == null) {
      return Optional.empty();
    }
    try {
      return Optional.of(Long.parseLong(new String(value, StandardCharsets.US_ASCII)));
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }
}
