package dev.smallfirst.frontier.budget;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;

/**
 * The hard spend cap. Before every provider call {@link #reserve} checks the call's worst-case cost
 * against each cap (hour and day, global and per tenant) counting what every replica has spent and
 * what in-flight calls here have reserved; {@link #settle} books the actual cost from the reported
 * usage. Spend is persisted through {@link #drainDirty()} (to the ledger topic, in the worker's
 * transactions) and restored with {@link #restore}. Thread-safe.
 */
public final class BudgetGuard {
  private final BudgetSettings settings;
  private final Clock clock;
  private final String instance;

  // All guarded by this.
  private final Map<WindowKey, Long> own = new HashMap<>();
  private final Map<WindowKey, Long> ownCalls = new HashMap<>();
  private final Map<WindowKey, Map<String, Long>> others = new HashMap<>();
  private final Map<WindowKey, Long> reserved = new HashMap<>();
  private final Set<WindowKey> dirty = new LinkedHashSet<>();
  private long spentByThisProcess;

  /**
   * @param instance this worker's id; its entries in the ledger are its own running totals
   */
  public BudgetGuard(BudgetSettings settings, Clock clock, String instance) {
    this.settings = settings;
    this.clock = clock;
    this.instance = instance;
  }

  /** An amount held against the caps of some buckets until settled or released. */
  public record Reservation(List<WindowKey> keys, long micros, String tenant) {}

  /**
   * Holds {@code worstCaseMicros} against every cap that applies to {@code tenant} now.
   *
   * @throws BudgetExceededException when any cap would be crossed; nothing is held then
   */
  public synchronized Reservation reserve(String tenant, long worstCaseMicros) {
    Instant now = clock.instant();
    purge(now);
    List<WindowKey> keys = keys(now, tenant);
    for (WindowKey key : keys) {
      OptionalLong cap = settings.cap(key);
      if (cap.isEmpty()) {
        continue;
      }
      long spent = spent(key);
      long held = reserved.getOrDefault(key, 0L);
      if (spent + held + worstCaseMicros > cap.getAsLong()) {
        throw new BudgetExceededException(
            "%s cap %s%s reached: spent %s, in flight %s, this call up to %s"
                .formatted(
                    key.window().label(),
                    Money.format(cap.getAsLong()),
                    key.isGlobal() ? "" : " for " + key.scope(),
                    Money.format(spent),
                    Money.format(held),
                    Money.format(worstCaseMicros)));
      }
    }
    keys.forEach(k -> reserved.merge(k, worstCaseMicros, Long::sum));
    return new Reservation(keys, worstCaseMicros, tenant);
  }

  /** Releases {@code r} and books {@code actualMicros} in the windows current now. */
  public synchronized void settle(Reservation r, long actualMicros) {
    release(r);
    Instant now = clock.instant();
    for (WindowKey key : keys(now, r.tenant())) {
      own.merge(key, actualMicros, Long::sum);
      ownCalls.merge(key, 1L, Long::sum);
      dirty.add(key);
    }
    spentByThisProcess += actualMicros;
  }

  /** Gives back a reservation whose call cost nothing (it failed before any usage was billed). */
  public synchronized void release(Reservation r) {
    for (WindowKey key : r.keys()) {
      reserved.computeIfPresent(key, (k, v) -> v - r.micros() <= 0 ? null : v - r.micros());
    }
  }

  /** Applies a ledger entry read at start: this instance's own totals or another replica's. */
  public synchronized void restore(LedgerEntry e) {
    if (e.instance().equals(instance)) {
      own.merge(e.key(), e.spentMicros(), Math::max);
      ownCalls.merge(e.key(), e.calls(), Math::max);
    } else {
      observe(e);
    }
  }

  /** Applies another replica's latest total for a bucket (read while running). */
  public synchronized void observe(LedgerEntry e) {
    if (e.instance().equals(instance)) {
      return; // our own totals are authoritative here
    }
    others
        .computeIfAbsent(e.key(), k -> new HashMap<>())
        .merge(e.instance(), e.spentMicros(), Math::max);
  }

  /** This instance's totals changed since the last call, to write to the ledger; clears them. */
  public synchronized List<LedgerEntry> drainDirty() {
    Instant now = clock.instant();
    List<LedgerEntry> out = new ArrayList<>(dirty.size());
    for (WindowKey key : dirty) {
      Long spent = own.get(key);
      if (spent != null) {
        out.add(new LedgerEntry(instance, key, spent, ownCalls.getOrDefault(key, 0L), now));
      }
    }
    dirty.clear();
    return out;
  }

  /** Marks entries whose write was aborted as changed again, so the next drain retries them. */
  public synchronized void requeue(Collection<LedgerEntry> entries) {
    entries.forEach(e -> dirty.add(e.key()));
  }

  /** Spend in the current {@code window}, all tenants and known replicas, micro-dollars. */
  public synchronized long spentNow(SpendWindow window) {
    Instant now = clock.instant();
    return spent(new WindowKey(window, window.start(now), WindowKey.GLOBAL));
  }

  /** What this process has booked since it started, micro-dollars. */
  public synchronized long spentByThisProcess() {
    return spentByThisProcess;
  }

  public BudgetSettings settings() {
    return settings;
  }

  private long spent(WindowKey key) {
    long total = own.getOrDefault(key, 0L);
    Map<String, Long> theirs = others.get(key);
    if (theirs != null) {
      for (long v : theirs.values()) {
        total += v;
      }
    }
    return total;
  }

  private static List<WindowKey> keys(Instant now, String tenant) {
    List<WindowKey> keys = new ArrayList<>(4);
    for (SpendWindow w : SpendWindow.values()) {
      keys.add(new WindowKey(w, w.start(now), WindowKey.GLOBAL));
      keys.add(new WindowKey(w, w.start(now), WindowKey.tenant(tenant)));
    }
    return keys;
  }

  /** Forgets buckets of windows that have ended; their spend no longer limits anything. */
  private void purge(Instant now) {
    own.keySet().removeIf(k -> k.start().isBefore(k.window().start(now)));
    ownCalls.keySet().removeIf(k -> k.start().isBefore(k.window().start(now)));
    others.keySet().removeIf(k -> k.start().isBefore(k.window().start(now)));
  }
}
