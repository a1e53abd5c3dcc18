package dev.smallfirst.frontier.budget;

import dev.smallfirst.frontier.llm.ProviderKind;
import dev.smallfirst.frontier.llm.ProviderSettings;
import dev.smallfirst.runtime.config.ConfigException;
import dev.smallfirst.runtime.config.ConfigSource;
import dev.smallfirst.schemas.stages.TokenPrices;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Spend caps, prices and the ledger topic. A cap of 0 allows no spend at all; an absent tenant cap
 * means tenants share the global caps only. Immutable.
 *
 * @param hourCapMicros hard cap per UTC hour, all tenants and replicas together
 * @param dayCapMicros hard cap per UTC day, all tenants and replicas together
 * @param tenantHourCapMicros optional cap per tenant and UTC hour
 * @param tenantDayCapMicros optional cap per tenant and UTC day
 * @param prices the configured model's prices
 * @param charsPerToken conservative characters-per-token ratio for the pre-call input estimate
 * @param ledgerTopic compacted topic the spend is persisted to
 */
public record BudgetSettings(
    long hourCapMicros,
    long dayCapMicros,
    OptionalLong tenantHourCapMicros,
    OptionalLong tenantDayCapMicros,
    TokenPrices prices,
    double charsPerToken,
    String ledgerTopic) {

  /**
   * Prices the offline stand-in reports its estimated cost at: a mid-size frontier model's list
   * price ($3 / $15 per million input / output tokens), the topology's default counterfactual.
   */
  public static final TokenPrices STAND_IN_REFERENCE = new TokenPrices(3_000_000, 15_000_000);

  public static final String HOUR_CAP = "frontier.budget.hour.micros";
  public static final String DAY_CAP = "frontier.budget.day.micros";
  public static final String TENANT_HOUR_CAP = "frontier.budget.tenant.hour.micros";
  public static final String TENANT_DAY_CAP = "frontier.budget.tenant.day.micros";
  public static final String INPUT_PRICE = "frontier.price.input.micros.per.mtok";
  public static final String OUTPUT_PRICE = "frontier.price.output.micros.per.mtok";
  public static final String CHARS_PER_TOKEN = "frontier.budget.chars.per.token";
  public static final String LEDGER_TOPIC = "frontier.ledger.topic";

  private static final long MAX_MICROS = 1_000_000_000_000_000L; // a billion dollars
  private static final long MAX_PRICE = 1_000_000_000_000L; // a million dollars per Mtok

  /**
   * Reads caps and prices; prices default to the built-in table for the configured model and are
   * required when it has none (the stand-in reports estimates at {@link #STAND_IN_REFERENCE}).
   *
   * @param topicPrefix the deployment's topic prefix, for the default ledger topic name
   */
  public static BudgetSettings from(ConfigSource c, ProviderSettings provider, String topicPrefix) {
    Optional<TokenPrices> builtIn =
        provider.kind() == ProviderKind.NONE
            ? Optional.of(STAND_IN_REFERENCE)
            : TokenPrices.builtIn(provider.model());
    long input = price(c, INPUT_PRICE, builtIn.map(TokenPrices::inputMicrosPerMillion), provider);
    long output =
        price(c, OUTPUT_PRICE, builtIn.map(TokenPrices::outputMicrosPerMillion), provider);
    return new BudgetSettings(
        c.longValue(HOUR_CAP, 10_000_000L, 0, MAX_MICROS),
        c.longValue(DAY_CAP, 100_000_000L, 0, MAX_MICROS),
        optionalCap(c, TENANT_HOUR_CAP),
        optionalCap(c, TENANT_DAY_CAP),
        new TokenPrices(input, output),
        c.decimal(CHARS_PER_TOKEN, 3.0, 0.5, 20),
        c.string(LEDGER_TOPIC, topicPrefix + "frontier.spend.ledger"));
  }

  private static long price(
      ConfigSource c, String key, Optional<Long> builtIn, ProviderSettings provider) {
    if (c.optional(key).isEmpty() && builtIn.isEmpty()) {
      throw new ConfigException(
          key,
          "required: no built-in price for model '"
              + provider.model()
              + "' (micro-dollars per million tokens, e.g. 3000000 for $3/Mtok; 0 for a"
              + " self-hosted server)");
    }
    return c.longValue(key, builtIn.orElse(0L), 0, MAX_PRICE);
  }

  private static OptionalLong optionalCap(ConfigSource c, String key) {
    return c.optional(key).isEmpty()
        ? OptionalLong.empty()
        : OptionalLong.of(c.longValue(key, 0, 0, MAX_MICROS));
  }

  /** The cap of {@code key}'s bucket, if it has one. */
  public OptionalLong cap(WindowKey key) {
    if (key.isGlobal()) {
      return OptionalLong.of(key.window() == SpendWindow.HOUR ? hourCapMicros : dayCapMicros);
    }
    return key.window() == SpendWindow.HOUR ? tenantHourCapMicros : tenantDayCapMicros;
  }
}
