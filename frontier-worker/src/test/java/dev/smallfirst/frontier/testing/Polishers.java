package dev.smallfirst.frontier.testing;

import dev.smallfirst.frontier.budget.BudgetGuard;
import dev.smallfirst.frontier.budget.BudgetSettings;
import dev.smallfirst.frontier.llm.LlmClient;
import dev.smallfirst.frontier.llm.ProviderSettings;
import dev.smallfirst.frontier.llm.providers.LlmClients;
import dev.smallfirst.frontier.polish.FrontierPolisher;
import dev.smallfirst.frontier.prompt.OutputValidator;
import dev.smallfirst.frontier.prompt.PromptSettings;
import dev.smallfirst.frontier.prompt.PromptTemplate;
import dev.smallfirst.frontier.resilience.FrontierGuards;
import dev.smallfirst.frontier.resilience.ResilienceSettings;
import dev.smallfirst.frontier.resilience.ResilientCaller;
import dev.smallfirst.runtime.config.ConfigSource;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;

/**
 * A real {@link FrontierPolisher} wired from settings, as the app wires it, against a {@link
 * FakeProvider}. Defaults: Anthropic at $3/$15 per Mtok, 256 max tokens, fast retries.
 */
public final class Polishers implements AutoCloseable {
  public final FrontierPolisher polisher;
  public final BudgetGuard budget;
  public final FrontierGuards guards;

  private Polishers(FrontierPolisher polisher, BudgetGuard budget, FrontierGuards guards) {
    this.polisher = polisher;
    this.budget = budget;
    this.guards = guards;
  }

  /** Test defaults for {@code provider} ("anthropic" or "openai") at {@code server}. */
  public static Map<String, String> config(String provider, FakeProvider server) {
    Map<String, String> c = new HashMap<>();
    c.put("frontier.provider", provider);
    c.put(
        "frontier.base.url",
        provider.equals("anthropic") ? server.anthropicBaseUrl() : server.openAiBaseUrl());
    c.put("frontier.model", provider.equals("anthropic") ? "claude-sonnet-4-5" : "gpt-4o");
    c.put("frontier.api.key.required", "false");
    c.put("frontier.max.tokens", "256");
    c.put("frontier.timeout.ms", "2000");
    c.put("frontier.price.input.micros.per.mtok", "3000000");
    c.put("frontier.price.output.micros.per.mtok", "15000000");
    c.put("frontier.retry.backoff.initial.ms", "10");
    c.put("frontier.retry.backoff.max.ms", "50");
    c.put("frontier.brand.name", "Acme");
    return c;
  }

  /** Wires a polisher from {@code config} (keys as in production). */
  public static Polishers from(Map<String, String> config, Clock clock) {
    ProviderSettings provider = ProviderSettings.from(ConfigSource.of(config), Map.of());
    return with(LlmClients.create(provider, clock).orElseThrow(), config, clock);
  }

  /** Wires a polisher around {@code client} (e.g. a stub, to measure the worker alone). */
  public static Polishers with(LlmClient client, Map<String, String> config, Clock clock) {
    ConfigSource c = ConfigSource.of(config);
    ProviderSettings provider = ProviderSettings.from(c, Map.of());
    ResilienceSettings resilience = ResilienceSettings.from(c);
    BudgetSettings budgetSettings = BudgetSettings.from(c, provider, "");
    PromptSettings prompt = PromptSettings.from(c);
    BudgetGuard budget = new BudgetGuard(budgetSettings, clock, "test-instance");
    FrontierGuards guards = FrontierGuards.of(resilience);
    PromptTemplate template = new PromptTemplate(prompt);
    FrontierPolisher polisher =
        new FrontierPolisher(
            client,
            new ResilientCaller(
                client, guards, budget, provider.timeout(), clock, (result, took) -> {}),
            template,
            new OutputValidator(prompt.maxOutputChars(), template),
            prompt.piiMasking(),
            provider.maxTokens(),
            clock);
    return new Polishers(polisher, budget, guards);
  }

  @Override
  public void close() {
    polisher.close();
  }
}
