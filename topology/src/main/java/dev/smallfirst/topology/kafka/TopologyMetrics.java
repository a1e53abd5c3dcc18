package dev.smallfirst.topology.kafka;

import dev.smallfirst.records.Route;
import dev.smallfirst.records.Stage;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The topology's own metrics (Micrometer; exported for Prometheus by the status server): replies by
 * route, deadline expiries by stage, dead letters by component, ignored inputs by reason, policy
 * rejections and the policy version in force. Thread-safe.
 */
public final class TopologyMetrics {
  private final MeterRegistry registry;
  private final AtomicLong policyVersion = new AtomicLong();

  public TopologyMetrics(MeterRegistry registry) {
    this.registry = registry;
    registry.gauge("smallfirst_topology_policy_version", policyVersion);
  }

  public MeterRegistry registry() {
    return registry;
  }

  public void replied(Route route) {
    counter("smallfirst_topology_replies", "route", route.name()).increment();
  }

  public void deadlineExpired(Stage stage) {
    counter("smallfirst_topology_deadline_expiries", "stage", stage.name().toLowerCase(Locale.ROOT))
        .increment();
  }

  public void deadLettered(String component) {
    counter("smallfirst_topology_dead_letters", "component", component).increment();
  }

  /** An input changed nothing; {@code reason} must be one of a few fixed words. */
  public void ignored(String reason) {
    counter("smallfirst_topology_ignored", "reason", reason).increment();
  }

  public void policyRejected() {
    counter("smallfirst_topology_policy_rejected").increment();
  }

  public void policyInForce(long version) {
    policyVersion.set(version);
  }

  /** Current count, for tests and reports. */
  public double count(String name, String... tags) {
    Counter c = registry.find(name).tags(tags).counter();
    return c == null ? 0 : c.count();
  }

  private Counter counter(String name, String... tags) {
    return Counter.builder(name).tags(tags).register(registry);
  }
}
