package dev.smallfirst.topology.routing;

import java.util.Map;

/**
 * A routing policy document: rules by default, per intent, and per tenant (each tenant with its own
 * defaults and per-intent overrides). The most specific layer wins, rule by rule: tenant+intent,
 * then tenant, then intent, then defaults, then {@link RoutingRules#BUILT_IN}. Immutable; produced
 * by {@link PolicyParser}, which validates it.
 *
 * @param version increases with every published document; shown in logs and metrics
 * @param defaults rules for every tenant and intent
 * @param intents rules per intent label, for every tenant
 * @param tenants rules per tenant id
 */
public record PolicyDocument(
    long version,
    RuleSet defaults,
    Map<String, RuleSet> intents,
    Map<String, TenantPolicy> tenants) {

  /** A policy that sets nothing: the built-in rules apply everywhere. */
  public static final PolicyDocument BUILT_IN =
      new PolicyDocument(0, RuleSet.EMPTY, Map.of(), Map.of());

  public PolicyDocument {
    defaults = defaults == null ? RuleSet.EMPTY : defaults;
    intents = intents == null ? Map.of() : Map.copyOf(intents);
    tenants = tenants == null ? Map.of() : Map.copyOf(tenants);
  }

  /** The rules for {@code tenantId} and {@code intent} ({@code intent} may be null: unknown). */
  public RoutingRules rulesFor(String tenantId, String intent) {
    RuleSet merged = defaults;
    if (intent != null) {
      merged = intents.getOrDefault(intent, RuleSet.EMPTY).over(merged);
    }
    TenantPolicy tenant = tenants.get(tenantId);
    if (tenant != null) {
      merged = tenant.defaults().over(merged);
      if (intent != null) {
        merged = tenant.intents().getOrDefault(intent, RuleSet.EMPTY).over(merged);
      }
    }
    return merged.resolve();
  }

  /**
   * One tenant's rules.
   *
   * @param defaults the tenant's rules for every intent
   * @param intents the tenant's rules per intent
   */
  public record TenantPolicy(RuleSet defaults, Map<String, RuleSet> intents) {
    public TenantPolicy {
      defaults = defaults == null ? RuleSet.EMPTY : defaults;
      intents = intents == null ? Map.of() : Map.copyOf(intents);
    }
  }
}
