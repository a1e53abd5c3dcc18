package dev.smallfirst.topology.routing;

import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The routing policy in force for one task: the last valid document read from the compacted policy
 * topic (through a global store), or the start-up document until the topic holds one. An invalid
 * document is logged and counted once and the last good one stays in force. Not thread-safe: one
 * per processor instance.
 */
public final class PolicyHolder implements Supplier<PolicyDocument> {
  /** The key under which the policy document is published on the policy topic. */
  public static final String KEY = "routing";

  private static final Logger log = LoggerFactory.getLogger(PolicyHolder.class);

  private final Supplier<String> published;
  private final Consumer<Long> inForce;
  private final Runnable rejected;
  private PolicyDocument current;
  private String lastSeen;

  /**
   * @param initial the policy until a valid one is published
   * @param published reads the raw published document (null when none)
   * @param inForce told the version whenever a new document takes effect
   * @param rejected told whenever a published document is invalid
   */
  public PolicyHolder(
      PolicyDocument initial,
      Supplier<String> published,
      Consumer<Long> inForce,
      Runnable rejected) {
    this.current = initial;
    this.published = published;
    this.inForce = inForce;
    this.rejected = rejected;
    inForce.accept(initial.version());
  }

  @Override
  public PolicyDocument get() {
    String raw = published.get();
    if (raw != null && !raw.equals(lastSeen)) {
      lastSeen = raw;
      try {
        PolicyDocument next = PolicyParser.parse(raw);
        if (next.version() != current.version()) {
          log.info(
              "routing policy version {} in force (was {})", next.version(), current.version());
        }
        current = next;
        inForce.accept(next.version());
      } catch (InvalidPolicyException e) {
        log.error(
            "rejected published routing policy, keeping version {}: {}",
            current.version(),
            e.getMessage());
        rejected.run();
      }
    }
    return current;
  }
}
