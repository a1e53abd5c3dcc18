package dev.smallfirst.loadtest;

import dev.smallfirst.records.DraftedReply;
import dev.smallfirst.records.Route;
import dev.smallfirst.runtime.trace.HopStamps;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.HdrHistogram.Histogram;

/**
 * Correlates replies with the messages sent, by message id: latency from each message's intended
 * send time (per route, HdrHistogram), duplicates, dead letters, routes, cost and the all-frontier
 * counterfactual, and the per-hop breakdown of the small-only replies whose timing stamps cover
 * their whole path ({@link HopBreakdown}). Replies to messages this run did not send are ignored;
 * the first reply to each message this run sent is also handed to a listener (the demo scores it).
 * Thread-safe: the sender and the reply consumer may call it concurrently.
 */
final class ReplyTracker implements OpenLoopSender.Intended {
  private static final long MAX_LATENCY_MICROS = TimeUnit.MINUTES.toMicros(10);

  private final Map<String, Long> intended = new ConcurrentHashMap<>();
  private final Map<String, Boolean> answered = new ConcurrentHashMap<>();
  private final Set<String> deadLettered = ConcurrentHashMap.newKeySet();
  private final Set<String> notSent = ConcurrentHashMap.newKeySet();
  private final Histogram all = new Histogram(MAX_LATENCY_MICROS, 3);
  private final Map<Route, Histogram> byRoute = new EnumMap<>(Route.class);
  private final Map<Route, Long> routes = new EnumMap<>(Route.class);
  private final Map<Integer, long[]> seconds = new ConcurrentHashMap<>();
  private final Map<String, Histogram> hops = new LinkedHashMap<>();
  private final Consumer<DraftedReply> firstReplies;
  private long duplicates;
  private long escalated;
  private final Map<String, Long> reasons = new java.util.HashMap<>();
  private long costMicros;
  private long allFrontierMicros;
  private volatile long startNanos = Long.MIN_VALUE;
  private long lastReplyNanos;

  ReplyTracker() {
    this(reply -> {});
  }

  /** A tracker that hands {@code firstReplies} the first reply to each message of this run. */
  ReplyTracker(Consumer<DraftedReply> firstReplies) {
    this.firstReplies = firstReplies;
  }

  @Override
  public void at(String messageId, long intendedNanos) {
    if (startNanos == Long.MIN_VALUE) {
      startNanos = intendedNanos;
    }
    intended.put(messageId, intendedNanos);
    seconds.computeIfAbsent(second(intendedNanos), s -> new long[2])[0]++;
  }

  /** A reply without timing stamps was consumed at {@code receivedNanos}. */
  public void onReply(DraftedReply reply, long receivedNanos) {
    onReply(reply, receivedNanos, List.of(), 0);
  }

  /**
   * A reply was consumed at {@code receivedNanos} (same clock as the intended times).
   *
   * @param stamps its timing stamps in header order ({@link HopStamps#read})
   * @param receivedMicros when it was consumed, in epoch microseconds (the stamps' clock)
   */
  public synchronized void onReply(
      DraftedReply reply, long receivedNanos, List<HopStamps.Stamp> stamps, long receivedMicros) {
    Long due = intended.get(reply.getMessageId());
    if (due == null) {
      return; // not sent by this run
    }
    if (answered.putIfAbsent(reply.getMessageId(), Boolean.TRUE) != null) {
      duplicates++;
      return;
    }
    firstReplies.accept(reply);
    long micros = Math.min(MAX_LATENCY_MICROS, Math.max(0, (receivedNanos - due) / 1_000));
    all.recordValue(micros);
    byRoute
        .computeIfAbsent(reply.getRoute(), r -> new Histogram(MAX_LATENCY_MICROS, 3))
        .recordValue(micros);
    routes.merge(reply.getRoute(), 1L, Long::sum);
    if (reply.getRoute() == Route.SMALL_ONLY) {
      recordHops(HopBreakdown.of(stamps, receivedMicros));
    }
    if (!reply.getEscalationReasons().isEmpty()) {
      escalated++;
    }
    for (Object reason : new java.util.HashSet<>(reply.getEscalationReasons())) {
      reasons.merge(reason.toString(), 1L, Long::sum);
    }
    costMicros += reply.getCostMicros();
    allFrontierMicros += reply.getAllFrontierCostMicros();
    lastReplyNanos = Math.max(lastReplyNanos, receivedNanos);
    seconds.computeIfAbsent(second(receivedNanos), s -> new long[2])[1]++;
  }

  private void recordHops(Optional<Map<String, Long>> breakdown) {
    breakdown.ifPresent(
        b ->
            b.forEach(
                (hop, micros) ->
                    hops.computeIfAbsent(hop, h -> new Histogram(MAX_LATENCY_MICROS, 3))
                        .recordValue(Math.min(MAX_LATENCY_MICROS, micros))));
  }

  /** Sending {@code messageId} failed: the broker never got it, so no reply is due. */
  public void onNotSent(String messageId) {
    notSent.add(messageId);
  }

  /** Messages the sender has tried to send so far. */
  public int attempted() {
    return intended.size();
  }

  /** Messages whose send failed so far. */
  public int notSent() {
    return notSent.size();
  }

  /** A message of this run was dead-lettered. */
  public void onDeadLetter(String messageId) {
    if (messageId != null && intended.containsKey(messageId)) {
      deadLettered.add(messageId);
    }
  }

  /** Messages answered or dead-lettered so far. */
  public int settled() {
    Set<String> done = ConcurrentHashMap.newKeySet();
    done.addAll(answered.keySet());
    done.addAll(deadLettered);
    return done.size();
  }

  /** The report of everything recorded so far, every message planned having been attempted. */
  public LoadReport report() {
    return report(intended.size());
  }

  /**
   * The report of everything recorded so far.
   *
   * @param planned messages the run meant to send: those never attempted (the sender stopped) count
   *     as not sent, as do those whose send failed
   */
  public synchronized LoadReport report(int planned) {
    long failed = notSent.stream().filter(intended::containsKey).count();
    long sent = intended.size() - failed;
    long unsent = failed + Math.max(0, planned - intended.size());
    long replies = answered.size();
    long dead = deadLettered.stream().filter(id -> !answered.containsKey(id)).count();
    Map<String, Long> routeCounts = new LinkedHashMap<>();
    for (Route r : List.of(Route.SMALL_ONLY, Route.ESCALATED, Route.DEGRADED, Route.REJECTED)) {
      routeCounts.put(r.name(), routes.getOrDefault(r, 0L));
    }
    Map<String, Percentiles> latencyByRoute = new LinkedHashMap<>();
    byRoute.forEach((r, h) -> latencyByRoute.put(r.name(), Percentiles.ofMicros(h)));
    double elapsedSeconds = replies == 0 ? 0 : Math.max(1e-9, (lastReplyNanos - startNanos) / 1e9);
    long answerable = replies - routes.getOrDefault(Route.REJECTED, 0L);
    return new LoadReport(
            sent,
            unsent,
            replies,
            duplicates,
            Math.max(0, sent - replies - dead),
            dead,
            routeCounts,
            replies == 0 ? 0 : round(replies / elapsedSeconds),
            Percentiles.ofMicros(all),
            latencyByRoute,
            answerable == 0 ? 0 : round4((double) escalated / answerable),
            replies == 0 ? 0 : usdPerThousand(costMicros, replies),
            replies == 0 ? 0 : usdPerThousand(allFrontierMicros, replies),
            timeline(),
            null,
            perHop(),
            distributions())
        .withEscalationReasons(reasonCounts());
  }

  /** Replies per escalation reason, most frequent first (ties by name). */
  private Map<String, Long> reasonCounts() {
    Map<String, Long> out = new LinkedHashMap<>();
    reasons.entrySet().stream()
        .sorted(
            Map.Entry.<String, Long>comparingByValue()
                .reversed()
                .thenComparing(Map.Entry.comparingByKey()))
        .forEach(e -> out.put(e.getKey(), e.getValue()));
    return out;
  }

  /** Per hop in path order, or null when no small-only reply carried a whole trace. */
  private Map<String, HopTiming> perHop() {
    if (hops.isEmpty()) {
      return null;
    }
    Map<String, HopTiming> out = new LinkedHashMap<>();
    for (String hop : HopBreakdown.HOPS) {
      Histogram h = hops.get(hop);
      if (h != null) {
        out.put(hop, HopTiming.ofMicros(h));
      }
    }
    return out;
  }

  private Map<String, List<LatencyPoint>> distributions() {
    Map<String, List<LatencyPoint>> out = new LinkedHashMap<>();
    out.put("all", LatencyPoint.ofMicros(all));
    byRoute.forEach((r, h) -> out.put(r.name(), LatencyPoint.ofMicros(h)));
    return out;
  }

  private List<LoadReport.Second> timeline() {
    List<LoadReport.Second> out = new ArrayList<>();
    int last = seconds.keySet().stream().mapToInt(Integer::intValue).max().orElse(-1);
    for (int s = 0; s <= last; s++) {
      long[] v = seconds.getOrDefault(s, new long[2]);
      out.add(new LoadReport.Second(s, v[0], v[1]));
    }
    return out;
  }

  private int second(long nanos) {
    return (int) Math.max(0, (nanos - startNanos) / 1_000_000_000L);
  }

  private static double round(double v) {
    return Math.round(v * 10) / 10.0;
  }

  private static double round4(double v) {
    return Math.round(v * 10_000) / 10_000.0;
  }

  /** Micro-dollars summed over {@code replies} replies, as US dollars per 1,000 replies. */
  static double usdPerThousand(long totalMicros, long replies) {
    return Math.round(totalMicros * 1_000.0 / replies) / 1_000_000.0;
  }
}
